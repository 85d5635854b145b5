/* The http layer's internal contract: the state shared by its files and
 * the functions one file offers the others. Not for use outside src/http/.
 *
 * A request travels: http_request.c (MHD callbacks, admission: limits,
 * target, route, method, query, format) -> http_pipeline.c (cache, run the
 * handler, encode, conditional) -> http_respond.c (the one place that
 * writes status and headers). http_conn.c watches connections,
 * http_proxy.c decides what a proxy may tell us, http_conditional.c makes
 * ETags and decides 304s, http_daemon.c starts, reloads and drains. */
#ifndef PF_HTTP_INT_H
#define PF_HTTP_INT_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "api/handler.h"
#include "api/router.h"
#include "base/buf.h"
#include "base/cache.h"
#include "base/config.h"
#include "base/pf.h"
#include "render/problem.h"
#include "store/store.h"

/* ---- state ---------------------------------------------------------- */

struct http_conn;

/* Every open connection (http_conn.c), for the request deadline. */
struct http_conns {
    pthread_mutex_t lock; /* guards list, n, stopping and every entry */
    struct http_conn *list;
    unsigned n;
    pthread_t reaper;
    bool reaper_running;
    pthread_cond_t wake;
    bool stopping;
    atomic_ulong reaped;
};

struct pf_server {
    const struct pf_config *cfg;
    struct MHD_Daemon *daemon;
    int port;
    /* guards store and gen: shared by every request (http_store_acquire),
     * exclusive for a reload, so that the worker threads never wait for
     * each other here (as a mutex, it and the cache's made two threads
     * collide, a futex sleep and wake-up, in ~1 % of requests under load) */
    pthread_rwlock_t lock;
    struct pf_store *store;
    unsigned gen;
    struct pf_cache *cache;
    uint64_t id_seed;
    atomic_ulong id_counter;
    char cache_control[48]; /* "public, max-age=N", built once */
    bool cors_any;          /* --cors-origins is '*': no Origin to check */
    /* The answer when a request's own context cannot be allocated: built
     * at start, so it needs no memory when memory is short. */
    struct MHD_Response *oom;
    struct http_conns conns;
};

/* One request, from the URI callback to the completion callback (which
 * alone frees it). */
struct http_request {
    struct pf_server *srv;
    char *target; /* raw request target, our copy */
    struct timespec t0;
    char request_id[72];
    char client[64];
    const char *method;
    int route; /* index in the route table, -1 when none matched */
    int status;
    size_t bytes;
    struct pf_store *store;
    struct pf_cache_entry *entry; /* held while MHD sends it */
    bool called;
    bool over; /* the connection is beyond --max-connections */
    /* announced content: answered before it arrives (413, or whatever
     * admission found first), then the connection closes */
    bool content;
};

/* One answer being made (http_request.c fills it, http_pipeline.c uses
 * it): the request's parsed parts and what the answer depends on. */
struct http_ctx {
    struct http_request *rc;
    struct MHD_Connection *con;
    const char *version;
    const struct pf_route *route;
    char *mem; /* one block: the decoded path, then the captures */
    const char *path;
    size_t path_len;
    const char *raw_query; /* inside rc->target */
    size_t query_len;
    const char *caps[PF_MAX_CAPTURES];
    size_t ncaps;
    struct pf_req req;
    struct pf_query query;
    enum pf_format fmt;
    bool vary_accept; /* Accept chose the format (no format=) */
    bool gzip_ok;
    bool trusted; /* the peer is a trusted proxy */
    unsigned gen;
    struct buf key;       /* the response cache key */
    size_t key_plain_len; /* its length before "+gzip" */
    struct buf base;      /* the base URL */
    time_t last_modified;
    enum MHD_Result ret;
};

/* What an answer is; http_respond.c alone turns it into headers. */
struct http_answer {
    int status;
    const char *body;
    size_t len;
    char *owned;              /* freed by MHD after sending */
    const char *content_type; /* NULL: no body type (304, 204) */
    const char *etag;
    const char *link;
    time_t last_modified; /* 0: none */
    bool gzip;            /* the body is gzip-coded */
    bool shared;          /* the route's answers are shared (RF_CACHE) */
    bool vary_accept;     /* Accept chose the representation */
    bool preflight;       /* a CORS preflight (204) */
};

/* 16 lower-case hex digits of v (no terminator). */
static inline void http_hex16(uint64_t v, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, v >>= 4)
        out[i] = hex[v & 15];
}

static inline const char *http_header(struct MHD_Connection *con,
                                      const char *name)
{
    return MHD_lookup_connection_value(con, MHD_HEADER_KIND, name);
}

/* ---- http_conn.c: the connection watch ------------------------------- */

/* Connections accepted beyond --max-connections (answered 503 or closed). */
unsigned http_conn_reserve(unsigned max_connections);
enum pf_err http_conns_init(struct http_conns *cs);
/* Starts the reaper; without it only MHD's inactivity timeout applies. */
void http_conns_start(struct pf_server *s);
/* Stops the reaper (before MHD_stop_daemon). */
void http_conns_stop(struct pf_server *s);
void http_conns_destroy(struct http_conns *cs);
/* True when an open connection not being answered has unread bytes. */
bool http_conns_pending(struct pf_server *s);
/* MHD_OPTION_NOTIFY_CONNECTION: tracks connections as they open/close. */
void http_conn_notify(void *cls,
                      struct MHD_Connection *con,
                      void **socket_ctx,
                      enum MHD_ConnectionNotificationCode code);
/* A complete request is being answered (busy), or it is finished and the
 * next one's deadline starts. */
void http_conn_mark(struct MHD_Connection *con, bool busy);
/* The connection is beyond --max-connections. */
bool http_conn_over(struct MHD_Connection *con);
/* The peer's address as text into out ("" if unknown); returns the
 * address, or NULL. */
const void *http_conn_peer(struct MHD_Connection *con, char *out, size_t n);

/* ---- http_proxy.c: what a proxy may tell us -------------------------- */

/* The client's address into rc->client: the peer's, or, from a trusted
 * proxy, the one it forwarded. Returns whether the peer is trusted. */
bool http_proxy_client(const struct pf_config *cfg,
                       struct MHD_Connection *con,
                       char *client,
                       size_t n);
/* scheme://host[:port][/prefix] as the client sees us, appended to out. */
void http_proxy_base_url(const struct pf_config *cfg,
                         struct MHD_Connection *con,
                         bool trusted,
                         int port,
                         struct buf *out);

/* ---- http_conditional.c: ETag and 304 -------------------------------- */

#define HTTP_ETAG_MAX 80

/* The ETag of a 200 (the only place one is made). version != NULL: a data
 * route's tag, from the dataset version and key[0..key_len); NULL: from
 * the identity body. gzip: the coded representation's own tag. */
void http_etag(char out[HTTP_ETAG_MAX],
               const char *version,
               const char *key,
               size_t key_len,
               const char *body,
               size_t len,
               bool gzip);
/* Whether the request's validators match: the one 304 decision. */
bool http_not_modified(struct MHD_Connection *con,
                       const char *etag,
                       time_t last_modified);

/* ---- http_respond.c: the thin reply layer ----------------------------- */

/* The media type of a rendered representation. */
const char *http_media_type(enum pf_format fmt);
/* Queues a; records status and length in rc. MHD_NO: nothing queued. */
enum MHD_Result http_respond(struct http_request *rc,
                             struct MHD_Connection *con,
                             const struct http_answer *a);
/* The same, reusing this worker thread's response in slots (a cache
 * entry's) when the headers cannot differ between requests. */
enum MHD_Result http_respond_reused(struct http_request *rc,
                                    struct MHD_Connection *con,
                                    void *slots[PF_CACHE_SLOTS],
                                    const struct http_answer *a);
/* Answers the problem in rep (status >= 400). */
enum MHD_Result http_respond_reply_problem(struct http_request *rc,
                                           struct MHD_Connection *con,
                                           struct pf_reply *rep);
/* Answers the problem p with detail. */
enum MHD_Result http_respond_problem(struct http_request *rc,
                                     struct MHD_Connection *con,
                                     enum pf_problem p,
                                     const char *detail);
/* The 500 queued when a request's context cannot be allocated. */
struct MHD_Response *http_respond_oom_response(void);
/* Frees a response kept in a cache entry's slot (the cache's callback). */
void http_respond_drop(void *response);

/* ---- http_pipeline.c: cache, run, encode ------------------------------ */

/* Answers an admitted request: from the response cache, or by running the
 * route's handler. */
void http_pipeline_serve(struct http_ctx *c);

/* ---- http_request.c: the MHD callbacks -------------------------------- */

void *
http_request_begin(void *cls, const char *uri, struct MHD_Connection *con);
enum MHD_Result http_request_access(void *cls,
                                    struct MHD_Connection *con,
                                    const char *url,
                                    const char *method,
                                    const char *version,
                                    const char *upload,
                                    size_t *upload_size,
                                    void **req_cls);
void http_request_end(void *cls,
                      struct MHD_Connection *con,
                      void **req_cls,
                      enum MHD_RequestTerminationCode toe);

/* ---- http_daemon.c ----------------------------------------------------- */

/* The store to answer with (a reference: release it) and its generation. */
void http_store_acquire(struct pf_server *s,
                        struct pf_store **st,
                        unsigned *gen);

#endif
