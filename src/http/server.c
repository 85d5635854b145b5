/* libmicrohttpd adapter.
 *
 * Per connection request: the URI-log callback allocates the request
 * context and keeps the raw request target (parsed strictly here, not by
 * MHD's lenient unescaping); the access handler answers on its second call
 * (with MHD 0.9.75 a response queued on the first call goes out with
 * Connection: close); the completion callback logs, counts and frees —
 * nothing else frees per-request state. */
#include "http/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "api/handler.h"
#include "api/query.h"
#include "api/router.h"
#include "base/access_log.h"
#include "base/buf.h"
#include "base/cache.h"
#include "base/compress.h"
#include "base/log.h"
#include "base/metrics.h"
#include "base/rwlock.h"
#include "http/http.h"
#include "render/problem.h"
#include "render/render.h"

/* Every open connection, for the request deadline: libmicrohttpd's
 * --timeout only counts inactivity, so a client sending one byte now and
 * then (slowloris) would hold a connection forever. A connection whose
 * request has not arrived complete within --timeout of its start (accept,
 * or the end of the previous response) is shut down by the reaper thread;
 * libmicrohttpd then sees the socket end and closes it on its own thread. */
struct conn {
    struct conn *prev, *next;
    int fd;
    /* (monotonic ms waiting for a request since) << 1 | busy, where busy
     * means a complete request is being answered. One atomic word, written
     * by the connection's thread on every request without taking
     * conns_lock (which both pool threads would contend for) and read
     * by the reaper under it. */
    _Atomic uint64_t state;
    bool reaped;
    bool over; /* beyond --max-connections: answered 503, then closed */
    char peer[INET6_ADDRSTRLEN]; /* the socket's peer address, as text */
};

/* Connections beyond --max-connections that libmicrohttpd still accepts,
 * so that they get a 503 with Retry-After (or a prompt close) instead of
 * waiting unanswered in the listen backlog. */
static unsigned overflow_reserve(unsigned max_connections)
{
    return max_connections / 8 + 8;
}

struct pf_server {
    const struct pf_config *cfg;
    struct MHD_Daemon *daemon;
    int port;
    /* guards store and gen: shared by every request (acquire_store),
     * exclusive for a reload, so that the worker threads never wait for
     * each other here (as a mutex, it and the cache's made two threads
     * collide, a futex sleep and wake-up, in ~1 % of requests under load) */
    pthread_rwlock_t lock;
    struct pf_store *store;
    unsigned gen;
    struct pf_cache *cache;
    uint64_t id_seed;
    char cache_control[48]; /* "public, max-age=N", built once */
    bool cors_any;          /* --cors-origins is '*': no Origin to check */
    atomic_ulong id_counter;
    time_t started;
    pthread_mutex_t conns_lock; /* guards conns and every conn in it */
    struct conn *conns;
    unsigned nconns;
    pthread_t reaper;
    bool reaper_running;
    pthread_cond_t reaper_wake;
    bool stopping; /* under conns_lock */
    atomic_ulong reaped;
};

struct rctx {
    struct pf_server *srv;
    char *target; /* raw request target */
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
};

/* ---- small helpers ----------------------------------------------------- */

/* 16 lower-case hex digits of v (no terminator). */
static void hex16(uint64_t v, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, v >>= 4)
        out[i] = hex[v & 15];
}

static struct conn *conn_of(struct MHD_Connection *con)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static uint64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

static bool conn_busy(struct conn *c)
{
    return atomic_load(&c->state) & 1u;
}

/* Marks the connection's request as complete (busy) or finished; a
 * finished one starts waiting for its next request now. */
static void conn_mark(struct MHD_Connection *con, bool busy)
{
    struct conn *c = conn_of(con);
    if (!c)
        return;
    if (busy)
        atomic_fetch_or(&c->state, 1u);
    else
        atomic_store(&c->state, now_ms() << 1);
}

static const char *header(struct MHD_Connection *con, const char *name)
{
    return MHD_lookup_connection_value(con, MHD_HEADER_KIND, name);
}

static double elapsed(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
acquire_store(struct pf_server *s, struct pf_store **st, unsigned *gen)
{
    pthread_rwlock_rdlock(&s->lock);
    *st = s->store;
    *gen = s->gen;
    if (*st)
        store_retain(*st); /* atomic */
    pthread_rwlock_unlock(&s->lock);
}

static void make_request_id(struct pf_server *s,
                            struct rctx *rc,
                            struct MHD_Connection *con)
{
    const char *given = header(con, "X-Request-Id");
    if (given && http_valid_request_id(given)) {
        snprintf(rc->request_id, sizeof rc->request_id, "%s", given);
        return;
    }
    unsigned long n = atomic_fetch_add(&s->id_counter, 1);
    uint64_t h = XXH3_64bits_withSeed(&n, sizeof n, s->id_seed);
    hex16(h, rc->request_id);
    rc->request_id[16] = '\0';
}

static void peer_text(const struct sockaddr *sa, char *out, size_t n)
{
    out[0] = '\0';
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
                  (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
                  (socklen_t)n);
}

static void client_address(struct MHD_Connection *con,
                           char *out,
                           size_t n,
                           const struct sockaddr **sa_out)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    *sa_out = sa;
    out[0] = '\0';
    if (!sa)
        return;
    /* formatted once per connection, not per request */
    struct conn *c = conn_of(con);
    size_t plen = c ? strlen(c->peer) : 0;
    if (plen && plen < n)
        memcpy(out, c->peer, plen + 1);
    else
        peer_text(sa, out, n);
}

/* First comma-separated element, trimmed, into out. */
static void first_element(const char *v, char *out, size_t n)
{
    out[0] = '\0';
    if (!v)
        return;
    while (*v == ' ')
        v++;
    size_t len = strcspn(v, ",");
    while (len && v[len - 1] == ' ')
        len--;
    if (len < n) {
        memcpy(out, v, len);
        out[len] = '\0';
    }
}

/* scheme://host[:port][/prefix] as the client sees us. Forwarded headers
 * count only from trusted proxies; anyone else could forge links. */
static void base_url(const struct pf_config *cfg,
                     struct MHD_Connection *con,
                     bool trusted,
                     int port,
                     struct buf *out)
{
    char fhost[256] = "", fprefix[256] = "", tmp[256];
    const char *proto = "http", *host = NULL, *prefix = cfg->base_path;
    struct pf_forwarded fwd;

    if (trusted) {
        if (http_forwarded(header(con, "Forwarded"), &fwd) == 0) {
            if (!strcmp(fwd.proto, "https") || !strcmp(fwd.proto, "http"))
                proto = fwd.proto[4] == 's' ? "https" : "http";
            if (fwd.host[0])
                host = fwd.host;
        }
        first_element(header(con, "X-Forwarded-Proto"), tmp, sizeof tmp);
        if (!strcmp(tmp, "https") || !strcmp(tmp, "http"))
            proto = tmp[4] == 's' ? "https" : "http";
        first_element(header(con, "X-Forwarded-Host"), tmp, sizeof tmp);
        if (tmp[0] && http_valid_host(tmp, strlen(tmp))) {
            snprintf(fhost, sizeof fhost, "%s", tmp);
            host = fhost;
        }
        first_element(header(con, "X-Forwarded-Prefix"), tmp, sizeof tmp);
        size_t len = strlen(tmp);
        while (len && tmp[len - 1] == '/')
            tmp[--len] = '\0';
        if (len && http_valid_prefix(tmp, len)) {
            snprintf(fprefix, sizeof fprefix, "%s", tmp);
            prefix = fprefix;
        }
    }
    if (!host) {
        const char *h = header(con, "Host");
        if (h && http_valid_host(h, strlen(h)))
            host = h;
    }
    /* plain appends, no copies: printf-style formatting costs more than
     * the rest of a cached answer */
    buf_puts(out, proto);
    buf_append(out, "://", 3);
    if (host)
        buf_puts(out, host);
    else
        buf_printf(out, "%s:%d", cfg->bind, port);
    buf_puts(out, prefix);
}

struct hdr_size {
    size_t bytes;
    size_t count;
};

static enum MHD_Result count_header(void *cls,
                                    enum MHD_ValueKind kind,
                                    const char *key,
                                    const char *value)
{
    struct hdr_size *h = cls;
    (void)kind;
    h->bytes += strlen(key) + (value ? strlen(value) : 0) + 4;
    h->count++;
    return MHD_YES;
}

/* ---- responses ---------------------------------------------------------- */

struct out {
    int status;
    const char *body;
    size_t len;
    char *owned; /* freed by MHD after sending */
    const char *content_type;
    const char *etag;
    const char *link;
    bool gzip;
    bool cacheable; /* Cache-Control public */
    bool no_store;
    bool vary_accept;
    bool vary_encoding;
    const char *allow;
    int retry_after;
    time_t last_modified;
    bool close; /* Connection: close */
};

static void cors_headers(const struct pf_server *srv,
                         struct MHD_Connection *con,
                         struct MHD_Response *r)
{
    const struct pf_config *cfg = srv->cfg;
    const char *origin = header(con, "Origin");
    if (srv->cors_any) {
        MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
    } else if (origin) {
        /* echo only an exact member of the configured list */
        const char *p = cfg->cors_origins;
        size_t olen = strlen(origin);
        while (*p) {
            size_t n = strcspn(p, ",");
            if (n == olen && strncmp(p, origin, n) == 0) {
                MHD_add_response_header(r, "Access-Control-Allow-Origin",
                                        origin);
                break;
            }
            p += n + (p[n] == ',');
        }
    }
    MHD_add_response_header(r, "Access-Control-Expose-Headers",
                            "ETag, Link, X-Request-Id");
}

/* Every header of an answer but X-Request-Id, the request's own. */
static void add_headers(struct rctx *rc,
                        struct MHD_Connection *con,
                        struct MHD_Response *r,
                        const struct out *o)
{
    char tmp[64];

    if (o->content_type)
        MHD_add_response_header(r, "Content-Type", o->content_type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (o->etag)
        MHD_add_response_header(r, "ETag", o->etag);
    if (o->gzip)
        MHD_add_response_header(r, "Content-Encoding", "gzip");
    if (o->link)
        MHD_add_response_header(r, "Link", o->link);
    if (o->allow)
        MHD_add_response_header(r, "Allow", o->allow);
    if (o->close)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    if (o->retry_after) {
        snprintf(tmp, sizeof tmp, "%d", o->retry_after);
        MHD_add_response_header(r, "Retry-After", tmp);
    }
    if (o->last_modified) {
        /* one dataset, one date: format it once per thread */
        static __thread time_t lm_time;
        static __thread char lm_text[40];
        if (lm_time != o->last_modified) {
            http_date(o->last_modified, lm_text);
            lm_time = o->last_modified;
        }
        MHD_add_response_header(r, "Last-Modified", lm_text);
    }
    if (o->no_store) {
        MHD_add_response_header(r, "Cache-Control", "no-store");
    } else if (o->cacheable) {
        MHD_add_response_header(r, "Cache-Control", rc->srv->cache_control);
    }
    char vary[64] = "";
    if (o->vary_accept)
        strcat(vary, "Accept");
    if (o->vary_encoding)
        strcat(vary, vary[0] ? ", Accept-Encoding" : "Accept-Encoding");
    if (!rc->srv->cors_any)
        strcat(vary, vary[0] ? ", Origin" : "Origin");
    if (vary[0])
        MHD_add_response_header(r, "Vary", vary);
    cors_headers(rc->srv, con, r);
}

static enum MHD_Result
send_out(struct rctx *rc, struct MHD_Connection *con, const struct out *o)
{
    struct MHD_Response *r;

    if (o->owned)
        r = MHD_create_response_from_buffer_with_free_callback(o->len, o->owned,
                                                               free);
    else
        r = MHD_create_response_from_buffer(o->len, (void *)o->body,
                                            MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(o->owned);
        return MHD_NO;
    }
    add_headers(rc, con, r, o);
    MHD_add_response_header(r, "X-Request-Id", rc->request_id);
    rc->status = o->status;
    rc->bytes = o->len;
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)o->status, r);
    MHD_destroy_response(r);
    return ret;
}

/* The request target as a JSON string for logs and problem instances:
 * bounded, and bytes outside printable ASCII shown as '?' so hostile input
 * can neither break the JSON nor spoof log lines. */
static json_t *safe_target(const char *t)
{
    char out[512];
    size_t o = 0;
    for (size_t i = 0; t && t[i] && o + 1 < sizeof out; i++) {
        unsigned char ch = (unsigned char)t[i];
        out[o++] = (ch < 0x20 || ch >= 0x7F) ? '?' : (char)ch;
    }
    out[o] = '\0';
    return json_string(out);
}

static enum MHD_Result send_problem_reply(struct rctx *rc,
                                          struct MHD_Connection *con,
                                          struct pf_reply *rep)
{
    /* instance: the request target this problem is about */
    if (rep->doc)
        json_object_set_new(rep->doc, "instance", safe_target(rc->target));
    struct buf b;
    buf_init(&b);
    if (!rep->doc || render_body(rep->doc, NULL, PF_FMT_JSON, &b) != 0) {
        buf_free(&b);
        buf_puts(&b, "{\"type\":\"/problems/internal-error\",\"title\":"
                     "\"Internal server error\",\"status\":500}");
        rep->status = 500;
    }
    struct out o = {.status = rep->status,
                    .close = rc->over,
                    .content_type = render_content_type(PF_FMT_JSON, 400),
                    .allow = rep->allow,
                    .retry_after = rep->retry_after,
                    .no_store = rep->no_store,
                    .cacheable = !rep->no_store};
    o.owned = buf_steal(&b, &o.len);
    o.body = o.owned;
    return send_out(rc, con, &o);
}

static enum MHD_Result send_problem(struct rctx *rc,
                                    struct MHD_Connection *con,
                                    enum pf_problem p,
                                    const char *detail)
{
    struct pf_reply rep;
    reply_init(&rep);
    problem_reply(&rep, p, "%s", detail);
    if (p == PROB_METHOD)
        rep.allow = PF_ALLOW;
    enum MHD_Result r = send_problem_reply(rc, con, &rep);
    reply_free(&rep);
    return r;
}

/* ---- the request pipeline ---------------------------------------------- */

struct target {
    char *path; /* decoded */
    size_t path_len;
    const char *raw_query; /* inside rc->target */
    size_t query_len;
};

static int split_target(struct rctx *rc, struct target *t)
{
    const char *u = rc->target;
    size_t len = strlen(u);
    const char *q = memchr(u, '?', len);
    size_t plen = q ? (size_t)(q - u) : len;
    t->raw_query = q ? q + 1 : "";
    t->query_len = q ? len - plen - 1 : 0;
    if (plen == 0 || u[0] != '/')
        return -1;
    t->path = malloc(plen + 1);
    if (!t->path)
        return -1;
    long n = percent_decode(u, plen, t->path, false);
    if (n < 0)
        return -1;
    t->path_len = (size_t)n;
    /* --base-path: a proxy that forwards the prefix unchanged */
    const char *bp = rc->srv->cfg->base_path;
    size_t bl = strlen(bp);
    if (bl && t->path_len >= bl && memcmp(t->path, bp, bl) == 0 &&
        (t->path[bl] == '/' || t->path[bl] == '\0')) {
        memmove(t->path, t->path + bl, t->path_len - bl + 1);
        t->path_len -= bl;
        if (t->path_len == 0) {
            t->path[0] = '/';
            t->path[1] = '\0';
            t->path_len = 1;
        }
    }
    return 0;
}

/* The strong ETag of a data response: dataset version + canonical
 * request, so equivalent URLs share it and a reload changes it. */
static void data_etag(const char *version, const char *key, char out[80])
{
    size_t n = strlen(version);
    if (n > 40)
        n = 40;
    out[0] = '"';
    memcpy(out + 1, version, n);
    out[n + 1] = '-';
    hex16(XXH3_64bits(key, strlen(key)), out + n + 2);
    out[n + 18] = '"';
    out[n + 19] = '\0';
}

static void body_etag(const char *body, size_t len, char out[80])
{
    snprintf(out, 80, "\"b-%016llx\"",
             (unsigned long long)XXH3_64bits(body, len));
}

static const char *format_name(enum pf_format f)
{
    return f == PF_FMT_CSV ? "csv" : f == PF_FMT_NDJSON ? "ndjson" : "json";
}

static time_t build_time(const struct pf_store *st)
{
    return st ? (time_t)store_info(st)->built_at : 0;
}

static bool
not_modified(struct MHD_Connection *con, const char *etag, time_t last_modified)
{
    const char *inm = header(con, "If-None-Match");
    if (inm)
        return http_etag_match(inm, etag);
    const char *ims = header(con, "If-Modified-Since");
    time_t t = ims ? http_parse_date(ims) : -1;
    return last_modified && t >= 0 && last_modified <= t;
}

struct ctx {
    struct rctx *rc;
    struct MHD_Connection *con;
    const struct pf_route *route;
    struct pf_req req;
    struct pf_query query;
    enum pf_format fmt;
    bool vary_accept; /* Accept chose the format (no format=): Vary names it */
    bool gzip_ok;
    unsigned gen;
    struct buf key;
    struct buf base;
    char etag[80];
    time_t last_modified;
};

/* A 304 stands for the 200 this request would get (RFC 9110 15.4.5): the
 * same ETag, Vary, Cache-Control and Last-Modified, and no body.
 * libmicrohttpd 0.9.75 always writes a Content-Length on a 304, from the
 * response's size: 0 here. Making it the 200's length, as RFC 9110 8.6
 * prefers, was tried: clients that read a 304 like a 200 (wrk, bare
 * http_parser users) then wait for a body that never comes. */
static struct out not_modified_out(struct ctx *c, const char *etag)
{
    return (struct out){.status = 304,
                        .body = "",
                        .etag = etag,
                        .cacheable = true,
                        .vary_accept = c->vary_accept,
                        .vary_encoding = true,
                        .last_modified = c->last_modified};
}

static enum MHD_Result send_not_modified(struct ctx *c, const char *etag)
{
    struct out o = not_modified_out(c, etag);
    return send_out(c->rc, c->con, &o);
}

/* Frees a response kept in a cache entry's slot (the cache's callback). */
static void drop_response(void *r)
{
    MHD_destroy_response(r);
}

/* This worker thread's slot in cache entries' resp[], or -1 when the
 * threads ever started outnumber the slots. */
static int thread_slot(void)
{
    static atomic_int next;
    static __thread int slot = -2;
    if (slot == -2) {
        int n = atomic_fetch_add(&next, 1);
        slot = n < PF_CACHE_SLOTS ? n : -1;
    }
    return slot;
}

/* A hit's 200 (and 304) in the common case reuses this thread's response
 * for the entry: the body and every header are the entry's, only X-Request-Id
 * is the request's, so it is swapped in place. That is safe because
 * libmicrohttpd writes a queued response's headers into the connection's
 * own buffer before this thread returns to its event loop (a connection is
 * never left in its "start reply" state), so the previous request has its
 * copy by then; only this thread touches its slot. It saves building ten
 * headers (30 small allocations) per hit. With a list of CORS origins the
 * headers depend on the request's Origin: built afresh. */
static enum MHD_Result
send_reused(struct ctx *c, void *slots[PF_CACHE_SLOTS], const struct out *o)
{
    struct rctx *rc = c->rc;
    int slot = thread_slot();
    if (slot < 0 || !rc->srv->cors_any)
        return send_out(rc, c->con, o);
    struct MHD_Response *r = slots[slot];
    if (!r) {
        r = MHD_create_response_from_buffer(o->len, (void *)o->body,
                                            MHD_RESPMEM_PERSISTENT);
        if (!r)
            return send_out(rc, c->con, o);
        add_headers(rc, c->con, r, o);
        slots[slot] = r;
    } else {
        const char *old = MHD_get_response_header(r, "X-Request-Id");
        if (old)
            MHD_del_response_header(r, "X-Request-Id", old);
    }
    MHD_add_response_header(r, "X-Request-Id", rc->request_id);
    rc->status = o->status;
    rc->bytes = o->len;
    return MHD_queue_response(c->con, (unsigned)o->status, r);
}

static enum MHD_Result send_entry(struct ctx *c, struct pf_cache_entry *e)
{
    struct rctx *rc = c->rc;
    rc->entry = e; /* released in the completion callback */
    if (not_modified(c->con, e->etag, c->last_modified)) {
        struct out o = not_modified_out(c, e->etag);
        return send_reused(c, e->resp304, &o);
    }
    struct out o = {.status = 200,
                    .body = e->body,
                    .len = e->len,
                    .content_type = e->content_type,
                    .etag = e->etag,
                    .link = e->link,
                    .gzip = e->gzip,
                    .cacheable = true,
                    .vary_accept = c->vary_accept,
                    .vary_encoding = true,
                    .last_modified = c->last_modified};
    return send_reused(c, e->resp, &o);
}

static char *link_header(const char *next)
{
    struct buf b;
    if (!next)
        return NULL;
    buf_init(&b);
    buf_printf(&b, "<%s>; rel=\"next\"", next);
    return buf_failed(&b) ? (buf_free(&b), NULL) : buf_steal(&b, NULL);
}

/* Runs the handler and sends its reply, through the cache when the route
 * is cacheable and the answer is a 200. */
static enum MHD_Result run_handler(struct ctx *c)
{
    struct pf_reply rep;
    struct rctx *rc = c->rc;
    const struct pf_config *cfg = rc->srv->cfg;
    struct buf body, gz;
    enum MHD_Result ret;

    reply_init(&rep);
    c->route->handler(&c->req, &rep);
    if (rep.status >= 400) {
        ret = send_problem_reply(rc, c->con, &rep);
        reply_free(&rep);
        return ret;
    }
    buf_init(&body);
    buf_init(&gz);
    const char *ctype = rep.content_type;
    if (rep.body && rep.body_owned) {
        /* take the handler's buffer as it is: no copy */
        body.data = rep.body;
        body.len = rep.body_len;
        body.cap = rep.body_len + 1;
        rep.body = NULL;
        rep.body_owned = false;
    } else if (rep.body) {
        buf_append(&body, rep.body, rep.body_len);
    } else if (render_body_columns(rep.doc, rep.rows, rep.csv_columns, c->fmt,
                                   &body) != 0) {
        buf_free(&body);
        reply_free(&rep);
        return send_problem(rc, c->con, PROB_INTERNAL,
                            "the response could not be rendered");
    } else {
        ctype = render_content_type(c->fmt, 200);
    }
    if (buf_failed(&body)) {
        buf_free(&body);
        reply_free(&rep);
        return send_problem(rc, c->con, PROB_INTERNAL, "out of memory");
    }
    bool cacheable = (c->route->flags & RF_CACHE) && !rep.no_cache;
    if (cacheable && !(c->route->flags & RF_DATA))
        body_etag(body.data ? body.data : "", body.len, c->etag);
    bool gzip = c->gzip_ok && body.len >= cfg->gzip_min &&
                gzip_compress(body.data, body.len, &gz) == 0 &&
                gz.len < body.len;
    char *link = link_header(rep.next);
    char etag[96];
    snprintf(etag, sizeof etag, "%s", c->etag);
    if (gzip && etag[0]) /* a different representation, a different tag */
        snprintf(etag + strlen(c->etag) - 1, sizeof etag - strlen(c->etag),
                 "-gzip\"");
    struct buf *payload = gzip ? &gz : &body;
    if (cacheable && rc->srv->cache) {
        struct pf_cache_entry *e =
            cache_put(rc->srv->cache, buf_cstr(&c->key), c->gen, payload->data,
                      payload->len, ctype, etag, link, gzip);
        if (e) {
            free(link);
            buf_free(&body);
            buf_free(&gz);
            reply_free(&rep);
            return send_entry(c, e);
        }
    }
    struct out o = {.status = rep.status,
                    .len = payload->len,
                    .content_type = ctype,
                    .etag = cacheable ? etag : NULL,
                    .link = link,
                    .gzip = gzip,
                    .cacheable = cacheable || !rep.no_store,
                    .no_store = rep.no_store,
                    .vary_accept = c->vary_accept,
                    .vary_encoding = cacheable,
                    .last_modified = cacheable ? c->last_modified : 0};
    if (cacheable && not_modified(c->con, etag, c->last_modified)) {
        ret = send_not_modified(c, etag);
    } else {
        o.owned = buf_steal(payload, &o.len);
        o.body = o.owned;
        ret = send_out(rc, c->con, &o);
    }
    free(link);
    buf_free(&body);
    buf_free(&gz);
    reply_free(&rep);
    return ret;
}

static enum MHD_Result preflight(struct rctx *rc, struct MHD_Connection *con)
{
    const struct pf_config *cfg = rc->srv->cfg;
    struct MHD_Response *r =
        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    char age[32];
    if (!r)
        return MHD_NO;
    snprintf(age, sizeof age, "%d", cfg->cors_max_age);
    MHD_add_response_header(r, "Allow", PF_ALLOW);
    MHD_add_response_header(r, "Access-Control-Allow-Methods", PF_ALLOW);
    MHD_add_response_header(r, "Access-Control-Allow-Headers",
                            "Accept, If-None-Match, If-Modified-Since, "
                            "X-Request-Id");
    MHD_add_response_header(r, "Access-Control-Max-Age", age);
    MHD_add_response_header(r, "X-Request-Id", rc->request_id);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (!rc->srv->cors_any)
        MHD_add_response_header(r, "Vary", "Origin");
    cors_headers(rc->srv, con, r);
    rc->status = 204;
    enum MHD_Result ret = MHD_queue_response(con, 204, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result handle(struct rctx *rc,
                              struct MHD_Connection *con,
                              const char *method,
                              const char *version)
{
    struct pf_server *srv = rc->srv;
    const struct pf_config *cfg = srv->cfg;
    struct ctx c = {.rc = rc, .con = con};
    struct target t = {0};
    struct hdr_size hs = {0, 0};
    const char *caps[PF_MAX_CAPTURES];
    size_t ncaps = 0;
    char *capbuf = NULL;
    enum MHD_Result ret;
    const struct sockaddr *sa;

    buf_init(&c.key);
    buf_init(&c.base);
    client_address(con, rc->client, sizeof rc->client, &sa);
    bool trusted = config_trusted(cfg, sa);
    if (trusted) {
        char fwd_for[64];
        first_element(header(con, "X-Forwarded-For"), fwd_for, sizeof fwd_for);
        struct pf_forwarded f;
        if (!fwd_for[0] && http_forwarded(header(con, "Forwarded"), &f) == 0)
            snprintf(fwd_for, sizeof fwd_for, "%s", f.for_);
        if (fwd_for[0] &&
            strspn(fwd_for, "0123456789abcdefABCDEF.:[]") == strlen(fwd_for))
            snprintf(rc->client, sizeof rc->client, "%s", fwd_for);
    }
    make_request_id(srv, rc, con);

    if (rc->over) {
        ret = send_problem(rc, con, PROB_OVERLOADED,
                           "too many open connections; try again shortly");
        goto done;
    }
    /* RFC 9112 3.2: a request without Host is answered 400 */
    if (version && strcmp(version, MHD_HTTP_VERSION_1_1) == 0 &&
        !header(con, "Host")) {
        ret = send_problem(rc, con, PROB_BAD_REQUEST,
                           "an HTTP/1.1 request must have a Host header");
        goto done;
    }
    if (strlen(rc->target) > cfg->max_url) {
        ret = send_problem(rc, con, PROB_URI_TOO_LONG,
                           "the request target is longer than the limit");
        goto done;
    }
    MHD_get_connection_values(con, MHD_HEADER_KIND, count_header, &hs);
    if (hs.bytes > cfg->max_headers || hs.count > 100) {
        ret = send_problem(rc, con, PROB_HEADERS_TOO_BIG,
                           "request headers exceed the limit");
        goto done;
    }
    if (split_target(rc, &t) != 0) {
        ret = send_problem(rc, con, PROB_BAD_REQUEST,
                           "the path is not valid percent-encoded UTF-8 or "
                           "does not start with '/'");
        goto done;
    }
    capbuf = malloc(t.path_len + PF_MAX_CAPTURES + 1);
    c.route = capbuf ? router_match(t.path, t.path_len, caps, &ncaps, capbuf,
                                    t.path_len + PF_MAX_CAPTURES + 1)
                     : NULL;
    if (!c.route) {
        ret = send_problem(rc, con, PROB_NOT_FOUND,
                           "no such path; the API index is at /v1");
        goto done;
    }
    size_t nroutes;
    rc->route = (int)(c.route - router_routes(&nroutes));
    bool is_head = strcmp(method, "HEAD") == 0;
    if (strcmp(method, "OPTIONS") == 0) {
        ret = preflight(rc, con);
        goto done;
    }
    if (!is_head && strcmp(method, "GET") != 0) {
        ret = send_problem(rc, con, PROB_METHOD,
                           "this resource answers GET, HEAD and OPTIONS");
        goto done;
    }

    struct pf_verrs errs = {.n = 0};
    if (query_parse(t.raw_query, t.query_len, (size_t)cfg->max_params, &c.query,
                    &errs) != 0 ||
        query_validate(&c.query, c.route->params, &errs) != 0) {
        struct pf_reply rep;
        reply_init(&rep);
        problem_params(&rep, &errs);
        ret = send_problem_reply(rc, con, &rep);
        reply_free(&rep);
        goto done;
    }
    const char *fmt = query_get(&c.query, "format");
    c.vary_accept = (c.route->flags & RF_FORMATS) && !fmt;
    c.fmt = PF_FMT_JSON;
    if (fmt)
        c.fmt = !strcmp(fmt, "csv")      ? PF_FMT_CSV
                : !strcmp(fmt, "ndjson") ? PF_FMT_NDJSON
                                         : PF_FMT_JSON;
    else if (!(c.route->flags & RF_STATIC) &&
             http_negotiate(header(con, "Accept"), c.route->flags & RF_FORMATS,
                            &c.fmt) != 0) {
        ret = send_problem(rc, con, PROB_NOT_ACCEPTABLE,
                           (c.route->flags & RF_FORMATS)
                               ? "this resource is available as "
                                 "application/json, text/csv and "
                                 "application/x-ndjson"
                               : "this resource is available as "
                                 "application/json");
        goto done;
    }

    acquire_store(srv, &rc->store, &c.gen);
    if ((c.route->flags & RF_DATA) && !rc->store) {
        ret = send_problem(rc, con, PROB_UNAVAILABLE,
                           "no verified database is loaded yet");
        goto done;
    }
    base_url(cfg, con, trusted, srv->port, &c.base);
    c.gzip_ok = http_accepts_gzip(header(con, "Accept-Encoding"));
    c.req = (struct pf_req){.path = t.path,
                            .ncaptures = ncaps,
                            .query = &c.query,
                            .params = c.route->params,
                            .base_url = buf_cstr(&c.base),
                            .raw_query = t.raw_query,
                            .store = rc->store,
                            .cfg = cfg,
                            .format = c.fmt};
    for (size_t i = 0; i < ncaps; i++)
        c.req.captures[i] = caps[i];

    if (!(c.route->flags & RF_CACHE)) {
        ret = run_handler(&c);
        goto done;
    }
    /* Cache key: what determines the bytes of the answer. */
    buf_puts(&c.key, c.route->name);
    buf_puts(&c.key, t.path);
    buf_putc(&c.key, '?');
    query_canonical(&c.query, c.route->params, &c.key);
    buf_putc(&c.key, '#');
    buf_puts(&c.key, format_name(c.fmt));
    buf_putc(&c.key, '@');
    buf_append(&c.key, c.base.data, c.base.len);
    /* Data routes: the tag and date follow from the dataset and the key.
     * Conditional requests are answered by send_entry or run_handler: only
     * they know whether the 200 would be gzip, and so which tag it has. */
    if (c.route->flags & RF_DATA) {
        data_etag(store_info(rc->store)->version, buf_cstr(&c.key), c.etag);
        c.last_modified = build_time(rc->store);
    }
    if (c.gzip_ok)
        buf_puts(&c.key, "+gzip");
    struct pf_cache_entry *e =
        srv->cache ? cache_get(srv->cache, buf_cstr(&c.key), c.gen) : NULL;
    metrics_cache(e != NULL);
    if (e) {
        ret = send_entry(&c, e);
        goto done;
    }
    ret = run_handler(&c);
done:
    query_free(&c.query);
    buf_free(&c.key);
    buf_free(&c.base);
    free(t.path);
    free(capbuf);
    return ret;
}

static enum MHD_Result on_request(void *cls,
                                  struct MHD_Connection *con,
                                  const char *url,
                                  const char *method,
                                  const char *version,
                                  const char *upload,
                                  size_t *upload_size,
                                  void **req_cls)
{
    struct rctx *rc = *req_cls;
    (void)cls;
    (void)url;
    (void)upload;
    if (!rc)
        return MHD_NO; /* the URI callback failed to allocate */
    if (!rc->called) {
        rc->called = true; /* answer on the second call: keep-alive */
        rc->method = method;
        struct conn *cn = conn_of(con);
        rc->over = cn && cn->over; /* set once at accept, read-only */
        conn_mark(con, true);      /* headers are in: no deadline */
        return MHD_YES;
    }
    if (*upload_size) { /* request bodies are not used: discard */
        *upload_size = 0;
        return MHD_YES;
    }
    return handle(rc, con, method, version);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    struct pf_server *srv = cls;
    struct rctx *rc = calloc(1, sizeof *rc);
    (void)con;
    if (!rc)
        return NULL;
    rc->srv = srv;
    rc->route = -1;
    rc->target = strdup(uri ? uri : "");
    clock_gettime(CLOCK_MONOTONIC, &rc->t0);
    metrics_inflight(1);
    return rc;
}

static void on_completed(void *cls,
                         struct MHD_Connection *con,
                         void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct pf_server *srv = cls;
    struct rctx *rc = *req_cls;
    conn_mark(con, false); /* the next request's deadline starts */
    if (!rc)
        return;
    double secs = elapsed(&rc->t0);
    metrics_inflight(-1);
    if (rc->status) {
        metrics_request(rc->route, rc->status, secs);
        size_t nroutes;
        struct pf_access a = {
            .request_id = rc->request_id,
            .method = rc->method,
            .target = rc->target,
            .client = rc->client,
            .route =
                rc->route >= 0 ? router_routes(&nroutes)[rc->route].name : NULL,
            .status = rc->status,
            .bytes = rc->bytes,
            .duration_ms = secs * 1000.0,
            .aborted = toe != MHD_REQUEST_TERMINATED_COMPLETED_OK};
        log_access(&a);
    }
    cache_release(srv->cache, rc->entry);
    store_release(rc->store);
    free(rc->target);
    free(rc);
    *req_cls = NULL;
}

static void on_connection(void *cls,
                          struct MHD_Connection *con,
                          void **socket_ctx,
                          enum MHD_ConnectionNotificationCode code)
{
    struct pf_server *s = cls;
    metrics_connections(code == MHD_CONNECTION_NOTIFY_STARTED ? 1 : -1);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct conn *c = calloc(1, sizeof *c);
        if (!c || !ci) {
            free(c);
            return; /* untracked: only the inactivity timeout applies */
        }
        c->fd = ci->connect_fd;
        atomic_init(&c->state, now_ms() << 1);
        const union MHD_ConnectionInfo *ai =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ai && ai->client_addr)
            peer_text(ai->client_addr, c->peer, sizeof c->peer);
        pthread_mutex_lock(&s->conns_lock);
        c->next = s->conns;
        if (s->conns)
            s->conns->prev = c;
        s->conns = c;
        c->over = ++s->nconns > (unsigned)s->cfg->max_connections;
        pthread_mutex_unlock(&s->conns_lock);
        *socket_ctx = c;
        return;
    }
    /* CLOSED comes before libmicrohttpd closes the socket, so the reaper
     * never touches a descriptor that may have been reused. */
    struct conn *c = *socket_ctx;
    if (!c)
        return;
    pthread_mutex_lock(&s->conns_lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        s->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    s->nconns--;
    pthread_mutex_unlock(&s->conns_lock);
    free(c);
    *socket_ctx = NULL;
}

static void *reaper_main(void *arg)
{
    struct pf_server *s = arg;
    pthread_mutex_lock(&s->conns_lock);
    while (!s->stopping) {
        struct timespec until;
        uint64_t now = now_ms(), timeout_ms = (uint64_t)s->cfg->timeout * 1000u;
        for (struct conn *c = s->conns; c; c = c->next) {
            uint64_t st = atomic_load(&c->state);
            uint64_t since = st >> 1, limit_ms = c->over ? 1000u : timeout_ms;
            if (!(st & 1u) && !c->reaped && now > since &&
                now - since >= limit_ms) {
                shutdown(c->fd, SHUT_RDWR);
                c->reaped = true;
                atomic_fetch_add(&s->reaped, 1);
            }
        }
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&s->reaper_wake, &s->conns_lock, &until);
    }
    pthread_mutex_unlock(&s->conns_lock);
    return NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    log_msg(PF_LOG_WARN, "httpd", "%s", msg);
}

/* ---- lifecycle ------------------------------------------------------------
 */

static int
bind_addr(const struct pf_config *cfg, struct sockaddr_storage *ss, bool *v6)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, cfg->bind, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)cfg->port);
        *v6 = false;
        return 0;
    }
    if (inet_pton(AF_INET6, cfg->bind, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)cfg->port);
        *v6 = true;
        return 0;
    }
    return -1;
}

struct pf_server *server_start(const struct pf_config *cfg,
                               struct pf_store *store)
{
    struct pf_server *s = calloc(1, sizeof *s);
    struct sockaddr_storage ss;
    bool v6;
    if (!s) {
        store_release(store);
        return NULL;
    }
    s->cfg = cfg;
    s->store = store;
    s->gen = 1;
    if (rwlock_init_writer_first(&s->lock) != 0) {
        log_msg(PF_LOG_ERROR, "start", "cannot create the store lock");
        store_release(store);
        free(s);
        return NULL;
    }
    pthread_mutex_init(&s->conns_lock, NULL);
    pthread_cond_init(&s->reaper_wake, NULL);
    s->cache =
        cfg->cache_bytes ? cache_new(cfg->cache_bytes, drop_response) : NULL;
    snprintf(s->cache_control, sizeof s->cache_control, "public, max-age=%d",
             cfg->max_age);
    s->cors_any = strcmp(cfg->cors_origins, "*") == 0;
    if (getrandom(&s->id_seed, sizeof s->id_seed, 0) != sizeof s->id_seed)
        s->id_seed = (uint64_t)time(NULL) ^ (uint64_t)getpid();
    if (bind_addr(cfg, &ss, &v6) != 0) {
        log_msg(PF_LOG_ERROR, "start",
                "--bind %s is not an IPv4 or IPv6 "
                "address",
                cfg->bind);
        goto fail;
    }
    unsigned threads = (unsigned)cfg->threads;
    if (threads == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (unsigned)n : 2;
    }
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, s,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)cfg->max_connections +
            overflow_reserve((unsigned)cfg->max_connections),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout,
        /* Per-connection pool: room for a request at our own limits (so
         * we, not MHD, answer 414/431) plus the response headers. It is
         * what 1,000 busy connections cost, so no more than that. */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(cfg->max_headers + cfg->max_url) + 6144,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_URI_LOG_CALLBACK,
        on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s, MHD_OPTION_END);
    if (!s->daemon) {
        log_msg(PF_LOG_ERROR, "start", "cannot listen on %s:%d", cfg->bind,
                cfg->port);
        goto fail;
    }
    const union MHD_DaemonInfo *di =
        MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : cfg->port;
    s->started = time(NULL);
    /* without the flusher every access-log line is written at once */
    if (access_log_start() != 0)
        log_msg(PF_LOG_WARN, "start", "access log lines are not batched");
    s->reaper_running = pthread_create(&s->reaper, NULL, reaper_main, s) == 0;
    if (!s->reaper_running)
        log_msg(PF_LOG_WARN, "start",
                "no request deadline thread: slow clients are only "
                "timed out when idle");
    return s;
fail:
    store_release(s->store);
    cache_free(s->cache);
    pthread_cond_destroy(&s->reaper_wake);
    pthread_mutex_destroy(&s->conns_lock);
    pthread_rwlock_destroy(&s->lock);
    free(s);
    return NULL;
}

int server_port(const struct pf_server *s)
{
    return s->port;
}

void server_swap_store(struct pf_server *s, struct pf_store *store)
{
    pthread_rwlock_wrlock(&s->lock);
    struct pf_store *old = s->store;
    s->store = store;
    s->gen++;
    pthread_rwlock_unlock(&s->lock);
    /* cached bodies of the old generation can no longer be hit */
    if (s->cache)
        cache_clear(s->cache);
    store_release(old);
}

/* True when an open connection that is not being answered has bytes
 * waiting in its socket: a request has arrived but is not read yet. */
static bool pending_requests(struct pf_server *s)
{
    bool any = false;
    pthread_mutex_lock(&s->conns_lock);
    for (struct conn *c = s->conns; c && !any; c = c->next) {
        char b;
        any = !conn_busy(c) && !c->reaped &&
              recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
    }
    pthread_mutex_unlock(&s->conns_lock);
    return any;
}

long server_stop(struct pf_server *s, int drain_seconds)
{
    /* The listening socket, once quiesced, is ours; it is closed only after
     * MHD_stop_daemon has joined the worker threads, which may still be
     * taking it out of their epoll sets (ThreadSanitizer caught the close
     * racing with that; a descriptor number reused in between would have
     * been taken out instead). shutdown() stops it listening now, so a new
     * connection is refused at once rather than queued and reset. */
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET) {
        /* Connections the kernel completed before the signal wait in the
         * listen backlog; closing the socket would reset them. Hand them
         * to the daemon so their requests are served and drained too. */
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            fcntl(fd, F_SETFL, fl | O_NONBLOCK);
        for (int i = 0; i < 4096; i++) {
            struct sockaddr_storage ss;
            socklen_t sl = sizeof ss;
            int c = accept4(fd, (struct sockaddr *)&ss, &sl,
                            SOCK_CLOEXEC | SOCK_NONBLOCK);
            if (c < 0)
                break;
            /* on failure MHD closes the socket itself */
            (void)MHD_add_connection(s->daemon, c, (struct sockaddr *)&ss, sl);
        }
        shutdown(fd, SHUT_RDWR);
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* A request the client sent before the signal may not have been read
     * yet, so it is not in flight: wait until nothing is in flight, no
     * open connection has unread bytes, and that has held for 300 ms. */
    double quiet_since = -1;
    while (elapsed(&t0) < drain_seconds) {
        bool busy = metrics_inflight_now() > 0 || pending_requests(s);
        double now = elapsed(&t0);
        if (busy)
            quiet_since = -1;
        else if (quiet_since < 0)
            quiet_since = now;
        else if (now - quiet_since >= 0.3)
            break;
        struct timespec d = {0, 20 * 1000 * 1000};
        nanosleep(&d, NULL);
    }
    long left = metrics_inflight_now();
    if (s->reaper_running) {
        pthread_mutex_lock(&s->conns_lock);
        s->stopping = true;
        pthread_cond_signal(&s->reaper_wake);
        pthread_mutex_unlock(&s->conns_lock);
        pthread_join(s->reaper, NULL);
    }
    MHD_stop_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    access_log_stop(); /* every answered request logged before "stopped" */
    store_release(s->store);
    cache_free(s->cache);
    pthread_rwlock_destroy(&s->lock);
    pthread_cond_destroy(&s->reaper_wake);
    pthread_mutex_destroy(&s->conns_lock);
    free(s);
    return left;
}
