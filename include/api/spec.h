/* The OpenAPI document served at /openapi.json, read once at start. */
#ifndef PF_SPEC_H
#define PF_SPEC_H

/* Returns 0, or -1 (logged) when the file is missing or not JSON. */
int spec_load(const char *path);
void spec_free(void);

#endif
