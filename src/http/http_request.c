/* A request's life in libmicrohttpd, and its admission.
 *
 * The URI callback allocates the request's context and keeps our own copy
 * of the raw request target (parsed strictly here, not by MHD's lenient
 * unescaping); the access handler answers on its second call (with MHD
 * 0.9.75 a response queued on the first call goes out with Connection:
 * close), except for a request that announces content, answered on the
 * first; the completion callback logs, counts and frees: nothing else frees
 * a request's context.
 *
 * handle() is the list of admission stages, in order; the first that
 * answers ends the request, and an admitted one goes to the pipeline.
 * Owns the limits, the target's syntax, routing, methods, the query and
 * the format. Must not write headers (http_respond.c) or run handlers
 * (http_pipeline.c). */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "base/access_log.h"
#include "base/metrics.h"
#include "http/headers.h"
#include "http/http_int.h"

/* More query pieces than any configuration takes (--max-params is at most
 * 256): the request target is answered 414, not 400. */
#define QUERY_PIECES_MAX 256

/* ---- admission stages: each returns true when it has answered ----------- */

static bool refuse(struct http_ctx *c, enum pf_problem p, const char *detail)
{
    c->ret = http_respond_problem(c->rc, c->con, p, detail);
    return true;
}

static bool refuse_overload(struct http_ctx *c)
{
    return c->rc->over &&
           refuse(c, PROB_OVERLOADED,
                  "too many open connections; try again shortly");
}

/* RFC 9112 3.2: an HTTP/1.1 request without Host is answered 400. */
static bool require_host(struct http_ctx *c)
{
    return c->version && strcmp(c->version, MHD_HTTP_VERSION_1_1) == 0 &&
           !http_header(c->con, "Host") &&
           refuse(c, PROB_BAD_REQUEST,
                  "an HTTP/1.1 request must have a Host header");
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

static bool limit_sizes(struct http_ctx *c)
{
    const struct pf_config *cfg = c->rc->srv->cfg;
    struct hdr_size hs = {0, 0};
    if (strlen(c->rc->target) > cfg->max_url)
        return refuse(c, PROB_URI_TOO_LONG,
                      "the request target is longer than the limit");
    MHD_get_connection_values(c->con, MHD_HEADER_KIND, count_header, &hs);
    if (hs.bytes > cfg->max_headers || hs.count > 100)
        return refuse(c, PROB_HEADERS_TOO_BIG,
                      "request headers exceed the limit");
    return false;
}

/* Splits the target into the decoded path (without --base-path: a proxy
 * that forwards the prefix unchanged) and the raw query. c->mem holds the
 * path, then room for the route's captures. */
static bool parse_target(struct http_ctx *c)
{
    const char *u = c->rc->target, *q = strchr(u, '?');
    size_t len = strlen(u), plen = q ? (size_t)(q - u) : len;
    c->raw_query = q ? q + 1 : "";
    c->query_len = q ? len - plen - 1 : 0;
    long n = -1;
    if (plen && u[0] == '/') {
        c->mem = malloc(2 * plen + PF_MAX_CAPTURES + 2);
        if (!c->mem)
            return refuse(c, PROB_INTERNAL, "out of memory");
        n = percent_decode(u, plen, c->mem, false);
    }
    if (n < 0)
        return refuse(c, PROB_BAD_REQUEST,
                      "the path is not valid percent-encoded UTF-8 or "
                      "does not start with '/'");
    char *path = c->mem;
    c->path_len = (size_t)n;
    const char *bp = c->rc->srv->cfg->base_path;
    size_t bl = strlen(bp);
    if (bl && c->path_len >= bl && memcmp(path, bp, bl) == 0 &&
        (path[bl] == '/' || path[bl] == '\0')) {
        memmove(path, path + bl, c->path_len - bl + 1);
        c->path_len -= bl;
        if (c->path_len == 0) {
            path[0] = '/';
            path[1] = '\0';
            c->path_len = 1;
        }
    }
    c->path = path;
    return false;
}

static bool match_route(struct http_ctx *c)
{
    size_t nroutes, caplen = c->path_len + PF_MAX_CAPTURES + 1;
    c->route = router_match(c->path, c->path_len, c->caps, &c->ncaps,
                            c->mem + c->path_len + 1, caplen);
    if (!c->route)
        return refuse(c, PROB_NOT_FOUND,
                      "no such path; the API index is at /v1");
    c->rc->route = (int)(c->route - router_routes(&nroutes));
    return false;
}

static bool check_method(struct http_ctx *c)
{
    const char *m = c->rc->method;
    return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0 &&
           strcmp(m, "OPTIONS") != 0 &&
           refuse(c, PROB_METHOD,
                  "this resource answers GET, HEAD and OPTIONS");
}

/* Content on a method that takes none: answered before the content
 * arrives (http_request_access), then the connection closes. */
static bool refuse_content(struct http_ctx *c)
{
    return c->rc->content &&
           refuse(c, PROB_CONTENT, "this resource takes no request content");
}

static bool answer_preflight(struct http_ctx *c)
{
    if (strcmp(c->rc->method, "OPTIONS") != 0)
        return false;
    struct http_answer a = {.status = 204, .body = "", .preflight = true};
    c->ret = http_respond(c->rc, c->con, &a);
    return true;
}

static bool parse_query(struct http_ctx *c)
{
    const struct pf_config *cfg = c->rc->srv->cfg;
    struct pf_verrs errs = {.n = 0};
    if (query_parse(c->raw_query, c->query_len, (size_t)cfg->max_params,
                    &c->query, &errs) == 0 &&
        query_validate(&c->query, c->route->params, &errs) == 0)
        return false;
    if (!c->query.mem) /* the parser could not allocate its block */
        return refuse(c, PROB_INTERNAL, "out of memory");
    if (http_query_pieces(c->raw_query, c->query_len, QUERY_PIECES_MAX) >
        QUERY_PIECES_MAX)
        return refuse(c, PROB_URI_TOO_LONG,
                      "the query has more than 256 parameters");
    struct pf_reply rep;
    reply_init(&rep);
    problem_params(&rep, &errs);
    c->ret = http_respond_reply_problem(c->rc, c->con, &rep);
    reply_free(&rep);
    return true;
}

/* format= decides; else Accept, for the routes that negotiate (files and
 * metrics have one type whatever Accept says). */
static bool negotiate(struct http_ctx *c)
{
    const char *fmt = query_get(&c->query, "format");
    unsigned flags = c->route->flags;
    c->vary_accept = (flags & RF_FORMATS) && !fmt;
    c->fmt = PF_FMT_JSON;
    if (fmt) {
        c->fmt = !strcmp(fmt, "csv")      ? PF_FMT_CSV
                 : !strcmp(fmt, "ndjson") ? PF_FMT_NDJSON
                                          : PF_FMT_JSON;
        return false;
    }
    if ((flags & RF_STATIC) ||
        http_negotiate(http_header(c->con, "Accept"), flags & RF_FORMATS,
                       &c->fmt) == PF_OK)
        return false;
    return refuse(c, PROB_NOT_ACCEPTABLE,
                  (flags & RF_FORMATS) ? "this resource is available as "
                                         "application/json, text/csv and "
                                         "application/x-ndjson"
                                       : "this resource is available as "
                                         "application/json");
}

/* The store to answer with, the base URL and the handler's request view. */
static bool build_view(struct http_ctx *c)
{
    struct http_request *rc = c->rc;
    struct pf_server *s = rc->srv;
    http_store_acquire(s, &rc->store, &c->gen);
    if ((c->route->flags & RF_DATA) && !rc->store)
        return refuse(c, PROB_UNAVAILABLE,
                      "no verified database is loaded yet");
    http_proxy_base_url(s->cfg, c->con, c->trusted, s->port, &c->base);
    if (buf_failed(&c->base))
        return refuse(c, PROB_INTERNAL, "out of memory");
    c->gzip_ok = http_accepts_gzip(http_header(c->con, "Accept-Encoding"));
    c->req = (struct pf_req){.path = c->path,
                             .ncaptures = c->ncaps,
                             .query = &c->query,
                             .params = c->route->params,
                             .base_url = buf_cstr(&c->base),
                             .raw_query = c->raw_query,
                             .store = rc->store,
                             .cfg = s->cfg,
                             .format = c->fmt};
    for (size_t i = 0; i < c->ncaps; i++)
        c->req.captures[i] = c->caps[i];
    return false;
}

/* ---- the request ---------------------------------------------------------
 */

static void make_request_id(struct http_request *rc, struct MHD_Connection *con)
{
    const char *given = http_header(con, "X-Request-Id");
    if (given && http_valid_request_id(given)) {
        snprintf(rc->request_id, sizeof rc->request_id, "%s", given);
        return;
    }
    unsigned long n = atomic_fetch_add(&rc->srv->id_counter, 1);
    uint64_t h = XXH3_64bits_withSeed(&n, sizeof n, rc->srv->id_seed);
    http_hex16(h, rc->request_id);
    rc->request_id[16] = '\0';
}

static enum MHD_Result
handle(struct http_request *rc, struct MHD_Connection *con, const char *version)
{
    struct http_ctx c = {.rc = rc, .con = con, .version = version};
    buf_init(&c.key);
    buf_init(&c.base);
    c.trusted =
        http_proxy_client(rc->srv->cfg, con, rc->client, sizeof rc->client);
    make_request_id(rc, con);
    bool answered = refuse_overload(&c) || require_host(&c) ||
                    limit_sizes(&c) || parse_target(&c) || match_route(&c) ||
                    check_method(&c) || refuse_content(&c) ||
                    answer_preflight(&c) || parse_query(&c) || negotiate(&c) ||
                    build_view(&c);
    if (!answered)
        http_pipeline_serve(&c);
    query_free(&c.query);
    buf_free(&c.key);
    buf_free(&c.base);
    free(c.mem);
    return c.ret;
}

/* ---- the libmicrohttpd callbacks ------------------------------------------
 */

/* libmicrohttpd 0.9.75 splits the query into argument records in the
 * connection's memory pool right after this callback. A query of a few
 * hundred pieces exhausted the pool; MHD's own 431 could then not be built
 * in it either, and the connection hung until the timeout. We parse the
 * query from our own copy of the target and never ask MHD for arguments,
 * so MHD is given none: the query is cut right after its '?'. uri is MHD's
 * writable read buffer (it splits and unescapes it in place after this
 * callback); the path before the '?' is left as it is. */
static void hide_query_from_mhd(const char *uri)
{
    char *q = uri ? strchr(uri, '?') : NULL;
    if (q)
        q[1] = '\0';
}

void *http_request_begin(void *cls, const char *uri, struct MHD_Connection *con)
{
    struct pf_server *srv = cls;
    struct http_request *rc = calloc(1, sizeof *rc);
    (void)con;
    if (!rc)
        return NULL;
    rc->target = strdup(uri ? uri : "");
    if (!rc->target) {
        free(rc);
        return NULL;
    }
    hide_query_from_mhd(uri);
    rc->srv = srv;
    rc->route = -1;
    clock_gettime(CLOCK_MONOTONIC, &rc->t0);
    metrics_inflight(1);
    return rc;
}

enum MHD_Result http_request_access(void *cls,
                                    struct MHD_Connection *con,
                                    const char *url,
                                    const char *method,
                                    const char *version,
                                    const char *upload,
                                    size_t *upload_size,
                                    void **req_cls)
{
    struct pf_server *srv = cls;
    struct http_request *rc = *req_cls;
    (void)url;
    (void)upload;
    if (!rc) /* the URI callback could not allocate */
        return srv->oom ? MHD_queue_response(con, 500, srv->oom) : MHD_NO;
    if (!rc->called) {
        rc->called = true; /* answer on the second call: keep-alive */
        rc->method = method;
        rc->over = http_conn_over(con);
        http_conn_mark(con, true); /* headers are in: no deadline */
        /* Content is never used: a request announcing some is answered
         * now, not after content that may never come (a Content-Length
         * larger than what is sent held the connection until the
         * timeout). */
        rc->content = http_has_content(http_header(con, "Content-Length"),
                                       http_header(con, "Transfer-Encoding"));
        return rc->content ? handle(rc, con, version) : MHD_YES;
    }
    if (*upload_size) { /* request bodies are not used: discard */
        *upload_size = 0;
        return MHD_YES;
    }
    return handle(rc, con, version);
}

void http_request_end(void *cls,
                      struct MHD_Connection *con,
                      void **req_cls,
                      enum MHD_RequestTerminationCode toe)
{
    struct pf_server *srv = cls;
    struct http_request *rc = *req_cls;
    http_conn_mark(con, false); /* the next request's deadline starts */
    if (!rc)
        return;
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - rc->t0.tv_sec) +
                  (double)(t1.tv_nsec - rc->t0.tv_nsec) / 1e9;
    metrics_inflight(-1);
    if (rc->status) {
        size_t nroutes;
        metrics_request(rc->route, rc->status, secs);
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
