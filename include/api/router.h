/* Routing: one static table maps path patterns to handlers and their
 * parameter tables. Matching is pure string work on the decoded path, so
 * it is unit-tested and fuzzed without a server. Every route answers GET,
 * HEAD and OPTIONS; other methods get 405. */
#ifndef PF_ROUTER_H
#define PF_ROUTER_H

#include <stddef.h>

#include "api/handler.h"
#include "api/query.h"

/* What a route's answers are; src/http derives every HTTP rule from these
 * (handlers never choose headers). */
enum pf_route_flag {
    RF_DATA = 1u << 0, /* reads the store: 503 while none is loaded */
    /* The same for everyone until the dataset (or the files) change: ETag,
     * Cache-Control public, kept in the response cache. Without it a 2xx is
     * Cache-Control: no-store (health, readiness, metrics). */
    RF_CACHE = 1u << 1,
    RF_FORMATS = 1u << 2, /* JSON, CSV and NDJSON by negotiation */
    RF_STATIC = 1u << 3,  /* a file or /metrics: the handler sets the content
                             type; Accept is not negotiated (no 406) */
};

struct pf_route {
    const char *pattern; /* "/v1/facts/{id}" */
    const char *name;    /* stable label for metrics and logs */
    pf_handler handler;
    const struct pf_pspec *params;
    unsigned flags;
};

#define PF_ALLOW "GET, HEAD, OPTIONS"

/* Matches a decoded path. Captures are copied NUL-terminated into capbuf
 * (at least len + PF_MAX_CAPTURES bytes) and pointed to by caps. Returns
 * the route, or NULL when no pattern matches. */
const struct pf_route *router_match(const char *path,
                                    size_t len,
                                    const char **caps,
                                    size_t *ncaps,
                                    char *capbuf,
                                    size_t capbuflen);

/* The whole table, for metrics labels and tests. */
const struct pf_route *router_routes(size_t *n);

#endif
