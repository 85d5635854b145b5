/* Metrics registry: fixed arrays indexed by route and status, a latency
 * histogram per route, gauges for in-flight requests and connections.
 * Owns the counters and their Prometheus text; must not know the route
 * table (the http layer hands over the route names at start-up) or HTTP.
 *
 * What every request touches is kept per thread (a shard) and summed when
 * /metrics is read: counters shared by the worker threads made each
 * request's increments fight over the same cache lines (perf at -c64:
 * the in-flight gauge alone was policyfacts' hottest function, 1.2 % of
 * the server's time). */
#include "base/metrics.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static const int statuses[] = {200, 204, 304, 400, 404, 405,
                               406, 413, 414, 431, 500, 503};
#define NSTATUS (sizeof statuses / sizeof statuses[0] + 1) /* + other */

static const double bounds[] = {0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                0.005,  0.01,    0.025,  0.05,  0.1,
                                0.25,   0.5,     1,      2.5,   5};
#define NBUCKETS (sizeof bounds / sizeof bounds[0])

/* One thread's counters. Index PF_METRICS_MAX_ROUTES holds requests that
 * matched no route. Updated with atomics (relaxed) so a shard may also be
 * shared. */
struct shard {
    atomic_ulong requests[PF_METRICS_MAX_ROUTES + 1][NSTATUS];
    atomic_ulong buckets[PF_METRICS_MAX_ROUTES + 1][NBUCKETS + 1];
    atomic_ulong latency_us_sum[PF_METRICS_MAX_ROUTES + 1];
    atomic_ulong cache_hits, cache_misses;
    /* +1 and -1 may land in different shards: summed modulo 2^64 and
     * read as signed, the total is still the number in flight */
    atomic_ulong inflight;
    struct shard *next;
};

/* Every shard ever made, never freed (counters must not go back when a
 * thread ends); the static one serves threads whose own could not be
 * allocated. */
static struct shard spare;
static struct shard *_Atomic shards = &spare;
static __thread struct shard *mine;

static atomic_long connections;
static atomic_ulong reloads, reload_failures;

/* Route labels, set once at start-up before any request. */
static const char *route_names[PF_METRICS_MAX_ROUTES];
static size_t nroute_names;

static pthread_mutex_t ds_lock = PTHREAD_MUTEX_INITIALIZER;
static char ds_version[40];
static double ds_loaded_at;

static struct shard *my_shard(void)
{
    if (mine)
        return mine;
    struct shard *s = calloc(1, sizeof *s);
    if (!s)
        return &spare;
    s->next = atomic_load(&shards);
    while (!atomic_compare_exchange_weak(&shards, &s->next, s))
        ;
    mine = s;
    return s;
}

/* The sum over all shards of the counter at c's place in a shard. */
static unsigned long total(const atomic_ulong *c)
{
    size_t off = (size_t)((const char *)c - (const char *)&spare);
    unsigned long v = 0;
    for (struct shard *s = atomic_load(&shards); s; s = s->next)
        v += atomic_load_explicit((atomic_ulong *)((char *)s + off),
                                  memory_order_relaxed);
    return v;
}

static int route_slot(int route)
{
    return route >= 0 && route < PF_METRICS_MAX_ROUTES ? route
                                                       : PF_METRICS_MAX_ROUTES;
}

void metrics_request(int route, int status, double seconds)
{
    int r = route_slot(route);
    size_t s = NSTATUS - 1;
    for (size_t i = 0; i + 1 < NSTATUS; i++)
        if (statuses[i] == status)
            s = i;
    struct shard *sh = my_shard();
    atomic_fetch_add_explicit(&sh->requests[r][s], 1, memory_order_relaxed);
    size_t b = 0;
    while (b < NBUCKETS && seconds > bounds[b])
        b++;
    atomic_fetch_add_explicit(&sh->buckets[r][b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&sh->latency_us_sum[r],
                              (unsigned long)(seconds * 1e6),
                              memory_order_relaxed);
}

void metrics_inflight(int delta)
{
    atomic_fetch_add_explicit(&my_shard()->inflight, (unsigned long)delta,
                              memory_order_relaxed);
}

long metrics_inflight_now(void)
{
    return (long)total(&spare.inflight);
}

void metrics_connections(int delta)
{
    atomic_fetch_add(&connections, delta);
}

void metrics_cache(bool hit)
{
    struct shard *sh = my_shard();
    atomic_fetch_add_explicit(hit ? &sh->cache_hits : &sh->cache_misses, 1,
                              memory_order_relaxed);
}

void metrics_reload(bool ok)
{
    atomic_fetch_add(ok ? &reloads : &reload_failures, 1);
}

void metrics_dataset(const char *version, double loaded_at)
{
    pthread_mutex_lock(&ds_lock);
    strncpy(ds_version, version, sizeof ds_version - 1);
    ds_loaded_at = loaded_at;
    pthread_mutex_unlock(&ds_lock);
}

static unsigned long ld(atomic_ulong *a)
{
    return atomic_load_explicit(a, memory_order_relaxed);
}

void metrics_set_routes(const char *const *names, size_t n)
{
    if (n > PF_METRICS_MAX_ROUTES)
        n = PF_METRICS_MAX_ROUTES;
    for (size_t i = 0; i < n; i++)
        route_names[i] = names[i];
    nroute_names = n;
}

/* Route r's label and its slot in the counters; r == nroute_names is the
 * slot of requests that matched no route. */
static const char *route_label(size_t r, int *slot)
{
    *slot = r == nroute_names ? PF_METRICS_MAX_ROUTES : (int)r;
    return r == nroute_names ? "unmatched" : route_names[r];
}

static void render_requests(struct buf *o)
{
    buf_puts(o, "# HELP policyfacts_http_requests_total HTTP requests by "
                "route and status.\n"
                "# TYPE policyfacts_http_requests_total counter\n");
    for (size_t r = 0; r <= nroute_names; r++) {
        int slot;
        const char *name = route_label(r, &slot);
        for (size_t s = 0; s < NSTATUS; s++) {
            unsigned long v = total(&spare.requests[slot][s]);
            if (!v)
                continue;
            if (s + 1 < NSTATUS)
                buf_printf(o,
                           "policyfacts_http_requests_total{route=\"%s\","
                           "status=\"%d\"} %lu\n",
                           name, statuses[s], v);
            else
                buf_printf(o,
                           "policyfacts_http_requests_total{route=\"%s\","
                           "status=\"other\"} %lu\n",
                           name, v);
        }
    }
}

/* One route's latency histogram (nothing when it has no requests). */
static void render_histogram(struct buf *o, const char *name, int slot)
{
    unsigned long cum = 0;
    unsigned long n[NBUCKETS + 1];
    for (size_t b = 0; b <= NBUCKETS; b++)
        cum += n[b] = total(&spare.buckets[slot][b]);
    if (!cum)
        return;
    cum = 0;
    for (size_t b = 0; b < NBUCKETS; b++) {
        cum += n[b];
        buf_printf(o,
                   "policyfacts_http_request_duration_seconds_bucket{"
                   "route=\"%s\",le=\"%g\"} %lu\n",
                   name, bounds[b], cum);
    }
    cum += n[NBUCKETS];
    buf_printf(o,
               "policyfacts_http_request_duration_seconds_bucket{route="
               "\"%s\",le=\"+Inf\"} %lu\n"
               "policyfacts_http_request_duration_seconds_sum{route="
               "\"%s\"} %.6f\n"
               "policyfacts_http_request_duration_seconds_count{route="
               "\"%s\"} %lu\n",
               name, cum, name,
               (double)total(&spare.latency_us_sum[slot]) / 1e6, name, cum);
}

static void render_durations(struct buf *o)
{
    buf_puts(o, "# HELP policyfacts_http_request_duration_seconds Time from "
                "request to response queued.\n"
                "# TYPE policyfacts_http_request_duration_seconds "
                "histogram\n");
    for (size_t r = 0; r <= nroute_names; r++) {
        int slot;
        const char *name = route_label(r, &slot);
        render_histogram(o, name, slot);
    }
}

static void render_gauges(struct buf *o)
{
    buf_printf(o,
               "# HELP policyfacts_http_requests_in_flight Requests being "
               "answered.\n"
               "# TYPE policyfacts_http_requests_in_flight gauge\n"
               "policyfacts_http_requests_in_flight %ld\n"
               "# HELP policyfacts_open_connections Open client "
               "connections.\n"
               "# TYPE policyfacts_open_connections gauge\n"
               "policyfacts_open_connections %ld\n"
               "# HELP policyfacts_cache_hits_total Responses served from "
               "the response cache.\n"
               "# TYPE policyfacts_cache_hits_total counter\n"
               "policyfacts_cache_hits_total %lu\n"
               "# HELP policyfacts_cache_misses_total Cacheable responses "
               "built afresh.\n"
               "# TYPE policyfacts_cache_misses_total counter\n"
               "policyfacts_cache_misses_total %lu\n"
               "# HELP policyfacts_reloads_total Successful data reloads.\n"
               "# TYPE policyfacts_reloads_total counter\n"
               "policyfacts_reloads_total %lu\n"
               "# HELP policyfacts_reload_failures_total Reloads refused "
               "(bad file); the old data kept serving.\n"
               "# TYPE policyfacts_reload_failures_total counter\n"
               "policyfacts_reload_failures_total %lu\n",
               metrics_inflight_now(), atomic_load(&connections),
               total(&spare.cache_hits), total(&spare.cache_misses),
               ld(&reloads), ld(&reload_failures));
}

static void render_dataset(struct buf *o)
{
    pthread_mutex_lock(&ds_lock);
    if (ds_version[0])
        buf_printf(o,
                   "# HELP policyfacts_dataset_info The dataset being "
                   "served.\n"
                   "# TYPE policyfacts_dataset_info gauge\n"
                   "policyfacts_dataset_info{version=\"%s\"} 1\n"
                   "# HELP policyfacts_dataset_loaded_timestamp_seconds "
                   "When the dataset was opened.\n"
                   "# TYPE policyfacts_dataset_loaded_timestamp_seconds "
                   "gauge\n"
                   "policyfacts_dataset_loaded_timestamp_seconds %.3f\n",
                   ds_version, ds_loaded_at);
    pthread_mutex_unlock(&ds_lock);
}

void metrics_render(struct buf *o)
{
    render_requests(o);
    render_durations(o);
    render_gauges(o);
    render_dataset(o);
}
