/* Fact-collection parameters to a store query (see params.h): the one
 * place that reads from, to, on, as_of, q, rank, sort, limit and cursor
 * and checks list items against the store and the vocabularies. Must not
 * run queries or build answers. */
#include "api/params.h"

#include <stdlib.h>
#include <string.h>

#include "api/cursor.h"
#include "base/buf.h"
#include "base/config.h"
#include "base/date.h"
#include "render/problem.h"

_Static_assert(PF_MAX_LIST <= PF_FACT_LIST_MAX, "a list filter holds a list");

const char *const format_words[] = {"json", "csv", "ndjson", NULL};
const char *const sort_words[] = {"id",          "-id",        "valid_from",
                                  "-valid_from", "known_from", "-known_from",
                                  NULL};

static const enum pf_sort sorts[] = {SORT_ID,         SORT_ID_DESC,
                                     SORT_VALID_FROM, SORT_VALID_FROM_DESC,
                                     SORT_KNOWN_FROM, SORT_KNOWN_FROM_DESC};

/* "a, b, c" from a word list, for messages. */
static void join(struct buf *b, const char *const *w)
{
    for (size_t i = 0; w[i]; i++) {
        if (i)
            buf_puts(b, ", ");
        buf_puts(b, w[i]);
    }
}

static enum pf_err not_one_of(struct pf_reply *rep,
                              const char *name,
                              const char *item,
                              const char *const *words)
{
    struct buf b;
    buf_init(&b);
    join(&b, words);
    problem_param(rep, name, "'%s' is not one of %s", item, buf_cstr(&b));
    buf_free(&b);
    return PF_EINVAL;
}

/* PF_OK when item names what ref asks for; otherwise a 400 in rep. */
static enum pf_err check_item(const struct pf_req *req,
                              const char *name,
                              enum pf_listref ref,
                              const char *item,
                              struct pf_reply *rep)
{
    switch (ref) {
    case LR_ENTITY:
        if (store_entity_get(req->store, item))
            return PF_OK;
        problem_param(rep, name,
                      "unknown entity '%s' (codes are ISO 3166 alpha-3 or as "
                      "listed at /v1/entities; case matters)",
                      item);
        return PF_EINVAL;
    case LR_MEASURE:
        if (store_measure_lookup(req->store, item))
            return PF_OK;
        problem_param(rep, name,
                      "unknown measure '%s' (an id or a World Bank code, "
                      "see /v1/measures)",
                      item);
        return PF_EINVAL;
    case LR_SOURCE:
        if (store_source_get(req->store, item))
            return PF_OK;
        problem_param(rep, name, "unknown source '%s' (see /v1/sources)", item);
        return PF_EINVAL;
    case LR_KIND:
        return vocab_has(vocab_kinds, item)
                   ? PF_OK
                   : not_one_of(rep, name, item, vocab_kinds);
    case LR_CATEGORY:
        return vocab_has(vocab_tariff_categories, item)
                   ? PF_OK
                   : not_one_of(rep, name, item, vocab_tariff_categories);
    case LR_NONE:
        break;
    }
    return PF_OK;
}

enum pf_err params_list(const struct pf_req *req,
                        struct fact_params *fp,
                        const char *name,
                        enum pf_listref ref,
                        struct pf_list *out,
                        struct pf_reply *rep)
{
    const char *v = req_param(req, name);
    out->n = 0;
    if (!v)
        return PF_OK;
    size_t len = strlen(v);
    if (fp->nscratch == (int)PF_ARRAY_LEN(fp->scratch)) {
        problem_reply(rep, PROB_INTERNAL, "too many list parameters");
        return PF_ENOMEM;
    }
    char *scratch = malloc(len + 1);
    if (!scratch) {
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        return PF_ENOMEM;
    }
    fp->scratch[fp->nscratch++] = scratch;
    out->n = query_split(v, scratch, len + 1, out->v, PF_MAX_LIST);
    for (size_t i = 0; i < out->n; i++) {
        enum pf_err err = check_item(req, name, ref, out->v[i], rep);
        if (err != PF_OK)
            return err;
        if (ref == LR_MEASURE) /* a WDI code names its measure's id */
            out->v[i] = store_measure_lookup(req->store, out->v[i])->id;
    }
    return PF_OK;
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

static enum pf_err
parse_ranks(const struct pf_req *req, unsigned *out, struct pf_reply *rep)
{
    const char *v = req_param(req, "rank");
    *out = 0;
    if (!v)
        return PF_OK;
    if (strcmp(v, "all") == 0) {
        *out = PF_RANK_ALL;
        return PF_OK;
    }
    for (const char *p = v; *p;) {
        size_t n = strcspn(p, ",");
        int r = vocab_find(vocab_ranks, p, n);
        if (r < 0) {
            struct buf b;
            buf_init(&b);
            join(&b, vocab_ranks);
            problem_param(rep, "rank", "use a comma list of %s, or all",
                          buf_cstr(&b));
            buf_free(&b);
            return PF_EINVAL;
        }
        *out |= PF_RANK_BIT(r);
        p += n + (p[n] == ',');
    }
    return PF_OK;
}

static enum pf_err cursor_param(const struct pf_req *req,
                                const char *sort,
                                struct fact_params *fp,
                                struct pf_reply *rep)
{
    const char *cursor = req_param(req, "cursor");
    char why[160];
    if (!cursor)
        return PF_OK;
    enum pf_err err =
        cursor_decode(cursor, strlen(cursor), sort, &fp->cursor_key,
                      &fp->cursor_id, why, sizeof why);
    if (err == PF_ENOMEM) {
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        return err;
    }
    if (err != PF_OK) {
        problem_param(rep, "cursor", "%s", why);
        return err;
    }
    fp->q.after_key = fp->cursor_key;
    fp->q.after_id = fp->cursor_id;
    return PF_OK;
}

enum pf_err params_common(const struct pf_req *req,
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
        return PF_EINVAL;
    }
    q->q = req_param(req, "q");
    enum pf_err err = parse_ranks(req, &q->ranks, rep);
    if (err != PF_OK)
        return err;
    const char *sort = req_param(req, "sort");
    q->sort = SORT_ID;
    for (size_t i = 0; sort && sort_words[i]; i++)
        if (strcmp(sort, sort_words[i]) == 0)
            q->sort = sorts[i];
    q->limit = (int)req_int(req, "limit", 100);
    if (q->limit > req->cfg->max_limit) {
        problem_param(rep, "limit", "at most %d", req->cfg->max_limit);
        return PF_EINVAL;
    }
    return cursor_param(req, sort ? sort : "id", fp, rep);
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

const char *params_sort_name(enum pf_sort s)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(sorts); i++)
        if (sorts[i] == s)
            return sort_words[i];
    return "id";
}
