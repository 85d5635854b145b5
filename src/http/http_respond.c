/* The thin reply layer: the one place that turns an answer into a status
 * and headers: content type, security headers, ETag, Link, Allow,
 * Connection, Retry-After, Last-Modified, Cache-Control, Vary, CORS and
 * X-Request-Id. Each rule is decided once below (a function, or one line
 * of add_headers) from the answer's status and the route's nature (struct
 * http_answer), never by handlers.
 *
 * Must not decide what the answer is (status, body, tag: the pipeline and
 * admission do) nor parse requests beyond the Origin it echoes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "http/headers.h"
#include "http/http_int.h"
#include "render/render.h"

/* The dashboard's policy: only this origin's scripts, styles, images (and
 * data: images), fetches and fonts; no plugins, no <base>, no form
 * submissions, no framing. */
#define HTML_CSP                                                               \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src "        \
    "'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "   \
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

#define PROBLEM_TYPE "application/problem+json; charset=utf-8"

const char *http_media_type(enum pf_format fmt)
{
    switch (fmt) {
    case PF_FMT_CSV:
        return "text/csv; charset=utf-8; header=present";
    case PF_FMT_NDJSON:
        return "application/x-ndjson; charset=utf-8";
    default:
        return "application/json; charset=utf-8";
    }
}

/* ---- the rules ---------------------------------------------------------- */

/* HTML pages get a Content-Security-Policy and a Referrer-Policy. Other
 * bodies (JSON, CSV, scripts) start no navigation and load nothing, so the
 * policies would say nothing there. */
static void security_headers(struct MHD_Response *r, const char *content_type)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (content_type && strncmp(content_type, "text/html", 9) == 0) {
        MHD_add_response_header(r, "Content-Security-Policy", HTML_CSP);
        MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    }
}

/* Shared answers (a route's 2xx and 304 that are the same for everyone
 * until the data changes) and 404s may be kept by any cache; anything else
 * describes this request only. A preflight leaves it to the browser's
 * preflight cache (Access-Control-Max-Age). */
static const char *cache_control(const struct pf_server *s,
                                 const struct http_answer *a)
{
    if (a->preflight)
        return NULL;
    if (a->status == 404 || (a->shared && a->status < 400))
        return s->cache_control;
    return "no-store";
}

/* What the representation depends on: Accept when it chose the format,
 * Accept-Encoding for shared answers (which may be gzip-coded), Origin
 * when the CORS answer echoes it. */
static void vary_header(const struct pf_server *s,
                        struct MHD_Response *r,
                        const struct http_answer *a)
{
    char vary[64] = "";
    bool success = a->status < 400 && !a->preflight;
    if (a->vary_accept && success)
        strcat(vary, "Accept");
    if (a->shared && success)
        strcat(vary, vary[0] ? ", Accept-Encoding" : "Accept-Encoding");
    if (!s->cors_any)
        strcat(vary, vary[0] ? ", Origin" : "Origin");
    if (vary[0])
        MHD_add_response_header(r, "Vary", vary);
}

/* Last-Modified: one dataset, one date, formatted once per thread. */
static void last_modified_header(struct MHD_Response *r, time_t t)
{
    static __thread time_t lm_time;
    static __thread char lm_text[40];
    if (!t)
        return;
    if (lm_time != t) {
        http_date(t, lm_text);
        lm_time = t;
    }
    MHD_add_response_header(r, "Last-Modified", lm_text);
}

/* ---- CORS --------------------------------------------------------------- */

/* A preflight's own answer: what may be asked, and for how long. */
static void cors_preflight(const struct pf_server *s, struct MHD_Response *r)
{
    char age[32];
    snprintf(age, sizeof age, "%d", s->cfg->cors_max_age);
    MHD_add_response_header(r, "Allow", PF_ALLOW);
    MHD_add_response_header(r, "Access-Control-Allow-Methods", PF_ALLOW);
    MHD_add_response_header(r, "Access-Control-Allow-Headers",
                            "Accept, If-None-Match, If-Modified-Since, "
                            "X-Request-Id");
    MHD_add_response_header(r, "Access-Control-Max-Age", age);
}

/* The allowed origin ('*', or the request's Origin when it is exactly one
 * of --cors-origins) and the headers a script may read. */
static void cors_origin(const struct pf_server *s,
                        struct MHD_Connection *con,
                        struct MHD_Response *r)
{
    const char *origin = http_header(con, "Origin");
    if (s->cors_any) {
        MHD_add_response_header(r, "Access-Control-Allow-Origin", "*");
    } else if (origin) {
        const char *p = s->cfg->cors_origins;
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

/* ---- writing an answer -------------------------------------------------- */

/* Every header of an answer but X-Request-Id, the request's own, in a
 * fixed order. */
static void add_headers(const struct http_request *rc,
                        struct MHD_Connection *con,
                        struct MHD_Response *r,
                        const struct http_answer *a)
{
    const struct pf_server *s = rc->srv;
    const char *cc = cache_control(s, a);
    if (a->content_type)
        MHD_add_response_header(r, "Content-Type", a->content_type);
    if (a->preflight)
        cors_preflight(s, r);
    security_headers(r, a->content_type);
    if (a->etag)
        MHD_add_response_header(r, "ETag", a->etag);
    if (a->gzip)
        MHD_add_response_header(r, "Content-Encoding", "gzip");
    if (a->link)
        MHD_add_response_header(r, "Link", a->link);
    if (a->status == 405)
        MHD_add_response_header(r, "Allow", PF_ALLOW);
    if (rc->over || rc->content)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    if (a->status == 503)
        MHD_add_response_header(r, "Retry-After", "1");
    last_modified_header(r, a->last_modified);
    if (cc)
        MHD_add_response_header(r, "Cache-Control", cc);
    vary_header(s, r, a);
    cors_origin(s, con, r);
}

static enum MHD_Result queue(struct http_request *rc,
                             struct MHD_Connection *con,
                             struct MHD_Response *r,
                             const struct http_answer *a)
{
    MHD_add_response_header(r, "X-Request-Id", rc->request_id);
    rc->status = a->status;
    rc->bytes = a->len;
    return MHD_queue_response(con, (unsigned)a->status, r);
}

enum MHD_Result http_respond(struct http_request *rc,
                             struct MHD_Connection *con,
                             const struct http_answer *a)
{
    struct MHD_Response *r;
    if (a->owned)
        r = MHD_create_response_from_buffer_with_free_callback(a->len, a->owned,
                                                               free);
    else
        r = MHD_create_response_from_buffer(a->len, (void *)a->body,
                                            MHD_RESPMEM_PERSISTENT);
    if (!r) { /* out of memory: the answer built at start */
        free(a->owned);
        rc->status = 500;
        rc->bytes = 0;
        return rc->srv->oom ? MHD_queue_response(con, 500, rc->srv->oom)
                            : MHD_NO;
    }
    add_headers(rc, con, r, a);
    enum MHD_Result ret = queue(rc, con, r, a);
    MHD_destroy_response(r);
    return ret;
}

/* This worker thread's slot in cache entries' responses, or -1 when the
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
 * for the entry: the body and every header are the entry's, only
 * X-Request-Id is the request's, so it is swapped in place. That is safe
 * because libmicrohttpd writes a queued response's headers into the
 * connection's own buffer before this thread returns to its event loop (a
 * connection is never left in its "start reply" state), so the previous
 * request has its copy by then; only this thread touches its slot. It saves
 * building ten headers (30 small allocations) per hit. With a list of CORS
 * origins the headers depend on the request's Origin, and an answer before
 * the request's content closes the connection: built afresh. */
enum MHD_Result http_respond_reused(struct http_request *rc,
                                    struct MHD_Connection *con,
                                    void *slots[PF_CACHE_SLOTS],
                                    const struct http_answer *a)
{
    int slot = thread_slot();
    if (slot < 0 || !rc->srv->cors_any || rc->content || rc->over)
        return http_respond(rc, con, a);
    struct MHD_Response *r = slots[slot];
    if (!r) {
        r = MHD_create_response_from_buffer(a->len, (void *)a->body,
                                            MHD_RESPMEM_PERSISTENT);
        if (!r)
            return http_respond(rc, con, a);
        add_headers(rc, con, r, a);
        slots[slot] = r;
    } else {
        const char *old = MHD_get_response_header(r, "X-Request-Id");
        if (old)
            MHD_del_response_header(r, "X-Request-Id", old);
    }
    return queue(rc, con, r, a);
}

void http_respond_drop(void *response)
{
    MHD_destroy_response(response);
}

/* ---- problems ----------------------------------------------------------- */

enum MHD_Result http_respond_reply_problem(struct http_request *rc,
                                           struct MHD_Connection *con,
                                           struct pf_reply *rep)
{
    struct buf b;
    buf_init(&b);
    /* instance: the request target this problem is about */
    problem_set_instance(rep->doc, rc->target);
    struct http_answer a = {.status = rep->status,
                            .content_type = PROBLEM_TYPE};
    if (!rep->doc || render_body(rep->doc, NULL, PF_FMT_JSON, &b) != 0) {
        buf_free(&b);
        a.status = 500;
        a.body = problem_internal_text;
        a.len = strlen(problem_internal_text);
        return http_respond(rc, con, &a);
    }
    a.owned = buf_steal(&b, &a.len);
    a.body = a.owned;
    return http_respond(rc, con, &a);
}

enum MHD_Result http_respond_problem(struct http_request *rc,
                                     struct MHD_Connection *con,
                                     enum pf_problem p,
                                     const char *detail)
{
    struct pf_reply rep;
    reply_init(&rep);
    problem_reply(&rep, p, "%s", detail);
    enum MHD_Result r = http_respond_reply_problem(rc, con, &rep);
    reply_free(&rep);
    return r;
}

struct MHD_Response *http_respond_oom_response(void)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        strlen(problem_internal_text), (void *)problem_internal_text,
        MHD_RESPMEM_PERSISTENT);
    if (!r)
        return NULL;
    MHD_add_response_header(r, "Content-Type", PROBLEM_TYPE);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    return r;
}
