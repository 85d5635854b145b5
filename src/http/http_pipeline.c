/* The pipeline of an admitted request: look it up in the response cache,
 * or run the route's handler, encode its reply (render, gzip), tag it,
 * keep it, and send the 200 or the 304 that stands for it.
 *
 * Owns the cache key and the order of those steps. Must not write headers
 * (http_respond.c does), make tags or judge validators other than through
 * http_conditional.c, or look at the request's raw headers. */
#include <stdlib.h>
#include <string.h>

#include "base/compress.h"
#include "base/metrics.h"
#include "http/http_int.h"
#include "render/render.h"

/* A 200's body and what describes it: a cache entry's, or fresh. */
struct representation {
    const char *body;
    size_t len;
    const char *content_type;
    const char *etag;
    const char *link;
    bool gzip;
};

static const char *format_name(enum pf_format f)
{
    return f == PF_FMT_CSV ? "csv" : f == PF_FMT_NDJSON ? "ndjson" : "json";
}

static bool shared(const struct http_ctx *c)
{
    return c->route->flags & RF_CACHE;
}

/* Sends the 200 of p, or the 304 that stands for it (RFC 9110 15.4.5: the
 * same ETag, Vary, Cache-Control and Last-Modified, no body): the one
 * place a 304 is decided. e: the cache entry p is (its responses are
 * reused), or NULL. payload: p's body, handed to MHD with a fresh 200.
 * libmicrohttpd 0.9.75 always writes a Content-Length on a 304, from the
 * response's size: 0 here. Making it the 200's length, as RFC 9110 8.6
 * prefers, was tried: clients that read a 304 like a 200 (wrk, bare
 * http_parser users) then wait for a body that never comes. */
static void send_representation(struct http_ctx *c,
                                const struct representation *p,
                                struct pf_cache_entry *e,
                                struct buf *payload)
{
    bool sh = shared(c);
    struct http_answer a = {.status = 200,
                            .body = p->body,
                            .len = p->len,
                            .content_type = p->content_type,
                            .etag = p->etag,
                            .link = p->link,
                            .gzip = p->gzip,
                            .shared = sh,
                            .vary_accept = c->vary_accept,
                            .last_modified = sh ? c->last_modified : 0};
    if (p->etag && http_not_modified(c->con, p->etag, c->last_modified)) {
        a = (struct http_answer){.status = 304,
                                 .body = "",
                                 .etag = p->etag,
                                 .shared = true,
                                 .vary_accept = c->vary_accept,
                                 .last_modified = c->last_modified};
        c->ret = e ? http_respond_reused(c->rc, c->con, e->resp304, &a)
                   : http_respond(c->rc, c->con, &a);
        return;
    }
    if (e) {
        c->ret = http_respond_reused(c->rc, c->con, e->resp, &a);
        return;
    }
    a.owned = buf_steal(payload, &a.len);
    a.body = a.owned ? a.owned : "";
    c->ret = http_respond(c->rc, c->con, &a);
}

static void send_entry(struct http_ctx *c, struct pf_cache_entry *e)
{
    c->rc->entry = e; /* released in the completion callback */
    struct representation p = {.body = e->body,
                               .len = e->len,
                               .content_type = e->content_type,
                               .etag = e->etag,
                               .link = e->link,
                               .gzip = e->gzip};
    send_representation(c, &p, e, NULL);
}

/* The reply's body into body, in the request's format unless the handler
 * gave a body of its own type; *type gets the body's media type.
 * PF_EINVAL: the document could not be rendered (a NULL document is a
 * handler out of memory); PF_ENOMEM: the body could not be copied. */
static enum pf_err encode(const struct http_ctx *c,
                          struct pf_reply *rep,
                          struct buf *body,
                          const char **type)
{
    *type = http_media_type(c->fmt);
    if (rep->body && !rep->rendered)
        *type = rep->content_type;
    if (rep->body && rep->body_owned) {
        /* take the handler's buffer as it is: no copy */
        body->data = rep->body;
        body->len = rep->body_len;
        body->cap = rep->body_len + 1;
        rep->body = NULL;
        rep->body_owned = false;
    } else if (rep->body) {
        buf_append(body, rep->body, rep->body_len);
    } else if (render_body_columns(rep->doc, rep->rows, rep->csv_columns,
                                   c->fmt, body) != 0) {
        return PF_EINVAL;
    }
    return buf_failed(body) ? PF_ENOMEM : PF_OK;
}

/* The body gzip-coded into gz, when the client takes gzip, the body is
 * large enough and coding makes it smaller. */
static bool
compress(const struct http_ctx *c, const struct buf *body, struct buf *gz)
{
    return c->gzip_ok && body->len >= c->rc->srv->cfg->gzip_min &&
           gzip_compress(body->data, body->len, gz) == 0 && gz->len < body->len;
}

/* The Link header for the next page: PF_OK with *out NULL when there is
 * none. */
static enum pf_err link_header(const char *next, char **out)
{
    struct buf b;
    *out = NULL;
    if (!next)
        return PF_OK;
    buf_init(&b);
    buf_puts(&b, "<");
    buf_puts(&b, next);
    buf_puts(&b, ">; rel=\"next\"");
    if (buf_failed(&b)) {
        buf_free(&b);
        return PF_ENOMEM;
    }
    *out = buf_steal(&b, NULL);
    return PF_OK;
}

/* Tags a shared representation, keeps it in the response cache and sends
 * it; what is not shared is sent untagged. */
static void keep_and_send(struct http_ctx *c,
                          struct representation *p,
                          struct buf *payload,
                          const struct buf *identity)
{
    struct pf_server *s = c->rc->srv;
    char etag[HTTP_ETAG_MAX];
    etag[0] = '\0';
    if (shared(c)) {
        const char *version = (c->route->flags & RF_DATA)
                                  ? store_info(c->rc->store)->version
                                  : NULL;
        http_etag(etag, version, buf_cstr(&c->key), c->key_plain_len,
                  identity->data ? identity->data : "", identity->len, p->gzip);
        p->etag = etag;
    }
    if (shared(c) && s->cache) {
        struct pf_cache_entry *e =
            cache_put(s->cache, buf_cstr(&c->key), c->gen, payload->data,
                      payload->len, p->content_type, etag, p->link, p->gzip);
        if (e) {
            send_entry(c, e);
            return;
        }
    }
    send_representation(c, p, NULL, payload);
}

/* Runs the handler and sends its reply: a problem as it is, a 200 encoded,
 * through the cache when the route is shared. */
static void run_handler(struct http_ctx *c)
{
    struct pf_reply rep;
    struct buf body, gz;
    struct representation p = {0};
    char *link = NULL;
    enum pf_err err;

    reply_init(&rep);
    buf_init(&body);
    buf_init(&gz);
    c->route->handler(&c->req, &rep);
    if (rep.status >= 400) {
        c->ret = http_respond_reply_problem(c->rc, c->con, &rep);
        goto done;
    }
    err = encode(c, &rep, &body, &p.content_type);
    if (err == PF_OK)
        err = link_header(rep.next, &link);
    if (err != PF_OK) {
        c->ret =
            http_respond_problem(c->rc, c->con, PROB_INTERNAL,
                                 err == PF_ENOMEM ? "out of memory"
                                                  : "the response could not be "
                                                    "rendered");
        goto done;
    }
    p.gzip = compress(c, &body, &gz);
    struct buf *payload = p.gzip ? &gz : &body;
    p.body = payload->data ? payload->data : "";
    p.len = payload->len;
    p.link = link;
    keep_and_send(c, &p, payload, &body);
done:
    free(link);
    buf_free(&body);
    buf_free(&gz);
    reply_free(&rep);
}

/* The response cache key: what determines the bytes of the answer. Data
 * routes also get the dataset's date for Last-Modified. */
static enum pf_err cache_key(struct http_ctx *c)
{
    struct buf *k = &c->key;
    buf_puts(k, c->route->name);
    buf_puts(k, c->path);
    buf_putc(k, '?');
    query_canonical(&c->query, c->route->params, k);
    buf_putc(k, '#');
    buf_puts(k, format_name(c->fmt));
    buf_putc(k, '@');
    buf_append(k, c->base.data, c->base.len);
    c->key_plain_len = k->len;
    if (c->route->flags & RF_DATA)
        c->last_modified = (time_t)store_info(c->rc->store)->built_at;
    if (c->gzip_ok)
        buf_puts(k, "+gzip");
    /* a truncated key could name another request's answer */
    return buf_failed(k) ? PF_ENOMEM : PF_OK;
}

void http_pipeline_serve(struct http_ctx *c)
{
    struct pf_server *s = c->rc->srv;
    if (!shared(c)) {
        run_handler(c);
        return;
    }
    if (cache_key(c) != PF_OK) {
        c->ret =
            http_respond_problem(c->rc, c->con, PROB_INTERNAL, "out of memory");
        return;
    }
    struct pf_cache_entry *e =
        s->cache ? cache_get(s->cache, buf_cstr(&c->key), c->gen) : NULL;
    metrics_cache(e != NULL);
    if (e)
        send_entry(c, e);
    else
        run_handler(c);
}
