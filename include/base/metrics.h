/* Process metrics in Prometheus text format. Counters are C11 atomics so
 * the request path takes no lock, and those of requests are kept per
 * thread so the worker threads never write the same cache line; rendering
 * sums them, reading relaxed. Knows no route table and no HTTP: the route
 * labels are handed over at start-up. */
#ifndef PF_METRICS_H
#define PF_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* Routes beyond this many are counted as unmatched. */
#define PF_METRICS_MAX_ROUTES 32

/* The route labels, by index (static strings). Called once at start-up,
 * before any request; names beyond PF_METRICS_MAX_ROUTES are ignored. */
void metrics_set_routes(const char *const *names, size_t n);
/* route: index into the names given to metrics_set_routes, or -1 for
 * unmatched paths. */
void metrics_request(int route, int status, double seconds);
void metrics_inflight(int delta);
void metrics_connections(int delta);
void metrics_cache(bool hit);
void metrics_reload(bool ok);
/* Records the dataset now served and when it was loaded (unix time). */
void metrics_dataset(const char *version, double loaded_at);
/* Appends the exposition text. */
void metrics_render(struct buf *out);
long metrics_inflight_now(void);

#endif
