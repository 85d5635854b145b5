/* Collection replies (see envelope.h): the request's links (self, and
 * next with the cursor replaced) and the envelope render writes. Must not
 * query the store or decide what the items are. */
#include "api/envelope.h"

#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "render/envelope.h"
#include "render/problem.h"
#include "store/store.h"

static const char *version(const struct pf_req *req)
{
    return req->store ? store_info(req->store)->version : "";
}

static enum pf_err nomem(struct pf_reply *rep)
{
    problem_reply(rep, PROB_INTERNAL, "out of memory");
    return PF_ENOMEM;
}

char *envelope_self_url(const struct pf_req *req)
{
    return req_url_query(req, req->path, req->raw_query);
}

/* The request's own query with cursor replaced: the next page keeps every
 * filter the client gave. */
static char *next_url(const struct pf_req *req, const char *cursor)
{
    struct buf q;
    buf_init(&q);
    for (size_t i = 0; i < req->query->n; i++) {
        const struct pf_kv *kv = &req->query->kv[i];
        if (strcmp(kv->name, "cursor") == 0)
            continue;
        if (q.len)
            buf_putc(&q, '&');
        url_encode_component(&q, kv->name);
        buf_putc(&q, '=');
        url_encode_component(&q, kv->value);
    }
    buf_puts(&q, q.len ? "&cursor=" : "cursor=");
    url_encode_component(&q, cursor);
    char *url =
        buf_failed(&q) ? NULL : req_url_query(req, req->path, buf_cstr(&q));
    buf_free(&q);
    return url;
}

/* Fills e's links; PF_ENOMEM when a URL could not be made (*next is then
 * NULL too). */
static enum pf_err links(const struct pf_req *req,
                         const char *next_cursor,
                         struct render_envelope *e,
                         char **self,
                         char **next)
{
    *self = envelope_self_url(req);
    *next = next_cursor ? next_url(req, next_cursor) : NULL;
    e->self = *self;
    e->next = *next;
    e->version = version(req);
    e->next_cursor = next_cursor;
    if (*self && (*next || !next_cursor))
        return PF_OK;
    free(*self);
    free(*next);
    *self = *next = NULL;
    return PF_ENOMEM;
}

enum pf_err envelope_reply(const struct pf_req *req,
                           struct pf_reply *rep,
                           json_t *items,
                           int limit,
                           const char *next_cursor)
{
    struct render_envelope e = {.count = (int)json_array_size(items),
                                .limit = limit};
    char *self, *next;
    if (links(req, next_cursor, &e, &self, &next) != PF_OK) {
        json_decref(items);
        return nomem(rep);
    }
    json_t *doc = render_envelope_tree(items, &e);
    free(self);
    if (!doc) {
        free(next);
        return nomem(rep);
    }
    reply_json(rep, 200, doc);
    rep->rows = json_incref(json_object_get(doc, "data"));
    rep->next = next;
    return PF_OK;
}

enum pf_err envelope_reply_text(const struct pf_req *req,
                                struct pf_reply *rep,
                                struct buf *page,
                                int count,
                                int limit,
                                const char *next_cursor)
{
    struct render_envelope e = {.count = count, .limit = limit};
    char *self, *next;
    struct buf b = *page;
    buf_init(page);
    if (links(req, next_cursor, &e, &self, &next) != PF_OK) {
        buf_free(&b);
        return nomem(rep);
    }
    render_envelope_close(&b, &e);
    free(self);
    if (buf_failed(&b)) {
        buf_free(&b);
        free(next);
        return nomem(rep);
    }
    rep->status = 200;
    rep->body = buf_steal(&b, &rep->body_len);
    rep->body_owned = true;
    rep->content_type = "application/json; charset=utf-8";
    rep->next = next;
    return PF_OK;
}

enum pf_err envelope_reply_rendered(const struct pf_req *req,
                                    struct pf_reply *rep,
                                    struct buf *page,
                                    const char *next_cursor)
{
    struct buf b = *page;
    buf_init(page);
    char *next = next_cursor ? next_url(req, next_cursor) : NULL;
    if ((next_cursor && !next) || buf_failed(&b)) {
        buf_free(&b);
        free(next);
        return nomem(rep);
    }
    rep->body = buf_steal(&b, &rep->body_len);
    if (!rep->body) {
        free(next);
        return nomem(rep);
    }
    rep->status = 200;
    rep->body_owned = true;
    rep->rendered = true;
    rep->next = next;
    return PF_OK;
}

enum pf_err envelope_reply_unpaged(const struct pf_req *req,
                                   struct pf_reply *rep,
                                   json_t *data,
                                   json_t *rows)
{
    struct render_envelope e = {.count = (int)json_array_size(data),
                                .limit = -1};
    char *self, *next;
    if (!rows || links(req, NULL, &e, &self, &next) != PF_OK) {
        json_decref(data);
        json_decref(rows);
        return nomem(rep);
    }
    json_t *doc = render_envelope_tree(data, &e);
    free(self);
    if (!doc) {
        json_decref(rows);
        return nomem(rep);
    }
    reply_json(rep, 200, doc);
    rep->rows = rows;
    return PF_OK;
}

enum pf_err envelope_reply_item(const struct pf_req *req,
                                struct pf_reply *rep,
                                json_t *item)
{
    json_t *doc =
        item ? render_item_doc(json_incref(item), version(req)) : NULL;
    if (!doc) {
        json_decref(item);
        return nomem(rep);
    }
    reply_json(rep, 200, doc);
    rep->rows = item; /* one CSV row; the reference moves to the reply */
    return PF_OK;
}
