/* The OpenAPI document served at /openapi.json: read once at start and
 * kept, read-only, for the handler. Must not change it per request (the
 * handler copies it to set servers). */
#include "api/spec.h"

#include <jansson.h>

#include "base/log.h"

static json_t *g_spec; /* set once at start, read-only afterwards */

enum pf_err spec_load(const char *path)
{
    json_error_t err;
    json_t *doc = json_load_file(path, 0, &err);
    if (!doc) {
        log_msg(PF_LOG_ERROR, "spec", "cannot read %s: %s (line %d)", path,
                err.text, err.line);
        return PF_EIO;
    }
    json_decref(g_spec);
    g_spec = doc;
    return PF_OK;
}

void spec_free(void)
{
    json_decref(g_spec);
    g_spec = NULL;
}

const json_t *spec_doc(void)
{
    return g_spec;
}
