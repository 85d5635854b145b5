/* The OpenAPI document served at /openapi.json, read once at start. */
#ifndef PF_SPEC_H
#define PF_SPEC_H

#include <jansson.h>

#include "base/pf.h"

/* PF_OK, or PF_EIO (logged) when the file is missing or not JSON. */
enum pf_err spec_load(const char *path);
void spec_free(void);
/* The loaded document (borrowed), or NULL when none was loaded. */
const json_t *spec_doc(void);

#endif
