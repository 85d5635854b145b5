/* The request view's helpers: parameters with the route's defaults, and
 * absolute URLs on the base URL src/http worked out (scheme, host and
 * prefix as the client sees us). Reads struct pf_req only: no
 * libmicrohttpd, no headers. */
#include <stdlib.h>
#include <string.h>

#include "api/handler.h"
#include "base/buf.h"

const char *req_param(const struct pf_req *req, const char *name)
{
    const char *v = query_get(req->query, name);
    if (v)
        return v;
    for (const struct pf_pspec *s = req->params; s && s->name; s++)
        if (strcmp(s->name, name) == 0)
            return s->def;
    return NULL;
}

long req_int(const struct pf_req *req, const char *name, long def)
{
    const char *v = req_param(req, name);
    return v ? strtol(v, NULL, 10) : def;
}

char *
req_url_query(const struct pf_req *req, const char *path, const char *query)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, req->base_url);
    buf_puts(&b, path);
    if (query && *query) {
        buf_putc(&b, '?');
        buf_puts(&b, query);
    }
    if (buf_failed(&b)) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b, NULL);
}

char *req_url(const struct pf_req *req, const char *path)
{
    return req_url_query(req, path, NULL);
}
