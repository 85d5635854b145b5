/* Fact collections: parameter mapping, cursors and the response envelope,
 * shared by /v1/facts, /v1/targets and /v1/tariffs so paging and filters
 * behave the same everywhere. */
#include "api/collection.h"
#include "base/config.h"

#include <stdlib.h>
#include <string.h>

#include "api/cursor.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/jsonw.h"
#include "render/problem.h"
#include "store/csvcols.h"

static const char *const categories[] = {"additional", "average", "total",
                                         "effective", NULL};
static const char *const kinds[] = {"target",        "tariff_rate", "gdp_share",
                                    "growth_target", "statement",   NULL};

static bool in_words(const char *v, const char *const *w)
{
    for (; *w; w++)
        if (strcmp(v, *w) == 0)
            return true;
    return false;
}

int params_list(const struct pf_req *req,
                struct fact_params *fp,
                const char *name,
                enum pf_listref ref,
                struct pf_list *out,
                struct pf_reply *rep)
{
    const char *v = req_param(req, name);
    out->n = 0;
    if (!v)
        return 0;
    size_t len = strlen(v);
    if (fp->nscratch == (int)PF_ARRAY_LEN(fp->scratch))
        return problem_reply(rep, PROB_INTERNAL, "too many list parameters"),
               -1;
    char *scratch = malloc(len + 1);
    if (!scratch)
        return problem_reply(rep, PROB_INTERNAL, "out of memory"), -1;
    fp->scratch[fp->nscratch++] = scratch;
    out->n = query_split(v, scratch, len + 1, out->v, PF_MAX_LIST);
    for (size_t i = 0; i < out->n; i++) {
        const char *item = out->v[i];
        switch (ref) {
        case LR_ENTITY:
            if (!store_entity(req->store, item)) {
                problem_param(rep, name,
                              "unknown entity '%s' (codes are ISO 3166 "
                              "alpha-3 or as listed at /v1/entities; case "
                              "matters)",
                              item);
                return -1;
            }
            break;
        case LR_MEASURE:
            if (!store_measure(req->store, item)) {
                problem_param(rep, name,
                              "unknown measure '%s' (see /v1/measures)", item);
                return -1;
            }
            break;
        case LR_SOURCE:
            if (!store_has_source(req->store, item)) {
                problem_param(rep, name,
                              "unknown source '%s' (see /v1/sources)", item);
                return -1;
            }
            break;
        case LR_KIND:
            if (!in_words(item, kinds)) {
                problem_param(rep, name,
                              "'%s' is not one of target, tariff_rate, "
                              "gdp_share, growth_target, statement",
                              item);
                return -1;
            }
            break;
        case LR_CATEGORY:
            if (!in_words(item, categories)) {
                problem_param(rep, name,
                              "'%s' is not one of additional, average, "
                              "total, effective",
                              item);
                return -1;
            }
            break;
        case LR_NONE:
            break;
        }
    }
    return 0;
}

/* A validated date parameter as the first or last day of its period. */
static const char *
date_param(const struct pf_req *req, const char *name, bool end, char out[11])
{
    const char *v = req_param(req, name);
    struct pf_date d;
    if (!v || !date_parse(v, strlen(v), &d))
        return NULL;
    if (end)
        date_end(&d, out);
    else
        date_start(&d, out);
    return out;
}

static const struct {
    const char *name;
    enum pf_sort sort;
} sorts[] = {{"id", SORT_ID},
             {"-id", SORT_ID_DESC},
             {"valid_from", SORT_VALID_FROM},
             {"-valid_from", SORT_VALID_FROM_DESC},
             {"known_from", SORT_KNOWN_FROM},
             {"-known_from", SORT_KNOWN_FROM_DESC}};

static int
parse_ranks(const struct pf_req *req, unsigned *out, struct pf_reply *rep)
{
    const char *v = req_param(req, "rank");
    *out = 0;
    if (!v)
        return 0;
    if (strcmp(v, "all") == 0) {
        *out = RANK_PREFERRED | RANK_NORMAL | RANK_DEPRECATED;
        return 0;
    }
    const char *p = v;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == 9 && strncmp(p, "preferred", 9) == 0)
            *out |= RANK_PREFERRED;
        else if (n == 6 && strncmp(p, "normal", 6) == 0)
            *out |= RANK_NORMAL;
        else if (n == 10 && strncmp(p, "deprecated", 10) == 0)
            *out |= RANK_DEPRECATED;
        else {
            problem_param(rep, "rank",
                          "use a comma list of preferred, normal, "
                          "deprecated, or all");
            return -1;
        }
        p += n + (p[n] == ',');
    }
    return 0;
}

int params_common(const struct pf_req *req,
                  struct fact_params *fp,
                  struct pf_reply *rep)
{
    struct pf_fact_query *q = &fp->q;
    q->from = date_param(req, "from", false, fp->from);
    q->to = date_param(req, "to", true, fp->to);
    q->on = date_param(req, "on", false, fp->on);
    /* as_of=2025-05 means "by the end of May 2025" */
    q->as_of = date_param(req, "as_of", true, fp->as_of);
    if (q->from && q->to && strcmp(q->from, q->to) > 0) {
        problem_param(rep, "to", "is before from");
        return -1;
    }
    q->q = req_param(req, "q");
    if (parse_ranks(req, &q->ranks, rep) != 0)
        return -1;
    const char *sort = req_param(req, "sort");
    q->sort = SORT_ID;
    for (size_t i = 0; sort && i < PF_ARRAY_LEN(sorts); i++)
        if (strcmp(sort, sorts[i].name) == 0)
            q->sort = sorts[i].sort;
    q->limit = (int)req_int(req, "limit", 100);
    if (q->limit > req->cfg->max_limit) {
        problem_param(rep, "limit", "at most %d", req->cfg->max_limit);
        return -1;
    }
    const char *cursor = req_param(req, "cursor");
    if (cursor) {
        char why[160];
        if (cursor_decode(cursor, strlen(cursor), sort ? sort : "id",
                          &fp->cursor_key, &fp->cursor_id, why,
                          sizeof why) != 0) {
            problem_param(rep, "cursor", "%s", why);
            return -1;
        }
        q->after_key = fp->cursor_key;
        q->after_id = fp->cursor_id;
    }
    return 0;
}

void params_free(struct fact_params *fp)
{
    for (int i = 0; i < fp->nscratch; i++)
        free(fp->scratch[i]);
    free(fp->cursor_key);
    free(fp->cursor_id);
    fp->nscratch = 0;
    fp->cursor_key = fp->cursor_id = NULL;
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
    buf_printf(&q, "%scursor=", q.len ? "&" : "");
    url_encode_component(&q, cursor);
    char *url =
        buf_failed(&q) ? NULL : req_url_query(req, req->path, buf_cstr(&q));
    buf_free(&q);
    return url;
}

void envelope_reply(const struct pf_req *req,
                    struct pf_reply *rep,
                    json_t *items,
                    int limit,
                    const char *next_cursor)
{
    char *self = req_url_query(req, req->path, req->raw_query);
    char *next = next_cursor ? next_url(req, next_cursor) : NULL;
    /* keys in a fixed order; envelope_text writes the same */
    json_t *doc = json_pack(
        "{s:o, s:{s:I, s:i, s:o, s:s}, s:{s:o, s:o}}", "data", items, "meta",
        "count", (json_int_t)json_array_size(items), "limit", limit,
        "next_cursor", next_cursor ? json_string(next_cursor) : json_null(),
        "dataset_version", req->store ? store_info(req->store)->version : "",
        "links", "self", self ? json_string(self) : json_null(), "next",
        next ? json_string(next) : json_null());
    free(self);
    if (!doc) {
        free(next);
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        return;
    }
    reply_json(rep, 200, doc);
    rep->rows = json_incref(json_object_get(doc, "data"));
    rep->next = next;
}

/* What the text path writes before the items (see envelope_text). */
static const char envelope_open[] = "{\"data\":";

/* Finishes the envelope whose opening and items are already in b (the
 * page's own buffer, handed over: no copy of the items). */
static void envelope_text(const struct pf_req *req,
                          struct pf_reply *rep,
                          struct buf *items,
                          int count,
                          int limit,
                          const char *next_cursor)
{
    char *self = req_url_query(req, req->path, req->raw_query);
    char *next = next_cursor ? next_url(req, next_cursor) : NULL;
    const char *version = req->store ? store_info(req->store)->version : "";
    struct buf b = *items;
    buf_init(items);
    buf_printf(&b,
               ",\"meta\":{\"count\":%d,\"limit\":%d,\"next_cursor\":", count,
               limit);
    if (next_cursor)
        jw_str(&b, next_cursor, strlen(next_cursor));
    else
        buf_puts(&b, "null");
    buf_puts(&b, ",\"dataset_version\":");
    jw_str(&b, version, strlen(version));
    buf_puts(&b, "},\"links\":{\"self\":");
    if (self)
        jw_str(&b, self, strlen(self));
    else
        buf_puts(&b, "null");
    buf_puts(&b, ",\"next\":");
    if (next)
        jw_str(&b, next, strlen(next));
    else
        buf_puts(&b, "null");
    buf_puts(&b, "}}");
    free(self);
    if (buf_failed(&b)) {
        buf_free(&b);
        free(next);
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        return;
    }
    rep->status = 200;
    rep->body = buf_steal(&b, &rep->body_len);
    rep->body_owned = true;
    rep->content_type = "application/json; charset=utf-8";
    rep->next = next;
}

void link_self(const struct pf_req *req, json_t *item, const char *collection)
{
    const char *id = json_string_value(json_object_get(item, "id"));
    if (!id)
        return;
    struct buf path;
    buf_init(&path);
    buf_printf(&path, "%s/", collection);
    url_encode_component(&path, id);
    char *url = buf_failed(&path) ? NULL : req_url(req, buf_cstr(&path));
    buf_free(&path);
    if (url)
        json_object_set_new(item, "links", json_pack("{s:s}", "self", url));
    free(url);
}

void store_error(struct pf_reply *rep, enum pf_err err, const char *why)
{
    switch (err) {
    case PF_EQUERY:
        problem_reply(rep, PROB_BAD_QUERY,
                      "q: %s (FTS5 syntax: words, \"phrases\", AND, OR, "
                      "NOT, prefix*)",
                      why && *why ? why : "invalid query");
        break;
    case PF_ENOTFOUND:
        problem_reply(rep, PROB_NO_SUCH, "no such item");
        break;
    default:
        problem_reply(rep, PROB_INTERNAL, "the request could not be completed");
        break;
    }
}

static const char *sort_name(enum pf_sort s)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(sorts); i++)
        if (sorts[i].sort == s)
            return sorts[i].name;
    return "id";
}

void facts_reply(const struct pf_req *req,
                 struct fact_params *fp,
                 struct pf_reply *rep,
                 void (*decorate)(const struct pf_req *, json_t *))
{
    struct pf_fact_page page;
    char why[256];
    /* Plain JSON pages skip the jansson tree: rows are written as text
     * straight from SQLite (see jsonw.h). */
    bool text = req->format == PF_FMT_JSON && !decorate;
    fp->q.text_links = text ? req->base_url : NULL;
    fp->q.text_open = text ? envelope_open : NULL;
    enum pf_err err = store_facts(req->store, &fp->q, &page, why, sizeof why);
    if (err != PF_OK) {
        store_error(rep, err, why);
        return;
    }
    if (text) {
        char *cursor = page.more ? cursor_encode(sort_name(fp->q.sort),
                                                 page.last_key, page.last_id)
                                 : NULL;
        envelope_text(req, rep, &page.text, page.count, fp->q.limit, cursor);
        free(cursor);
        fact_page_free(&page);
        return;
    }
    size_t i;
    json_t *item;
    json_array_foreach(page.items, i, item)
    {
        link_self(req, item, "/v1/facts");
        if (decorate)
            decorate(req, item);
    }
    char *cursor = page.more ? cursor_encode(sort_name(fp->q.sort),
                                             page.last_key, page.last_id)
                             : NULL;
    envelope_reply(req, rep, json_incref(page.items), fp->q.limit, cursor);
    rep->csv_columns = csv_fact_columns;
    free(cursor);
    fact_page_free(&page);
}

json_t *items_sorted(json_t *array, int (*cmp)(const void *, const void *))
{
    size_t n = json_array_size(array);
    json_t **v = malloc((n + 1) * sizeof *v);
    json_t *out = v ? json_array() : NULL;
    if (!out) {
        free(v);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = json_array_get(array, i);
    qsort(v, n, sizeof *v, cmp);
    for (size_t i = 0; i < n; i++)
        json_array_append(out, v[i]);
    free(v);
    return out;
}
