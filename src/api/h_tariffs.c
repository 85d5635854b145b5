/* /v1/tariffs (tariff facts over time) and /v1/tariffs/{imposer}/{target}
 * (what was in effect on a day).
 *
 * The on-day answer groups the facts in force by question — one tariff
 * layer, average or headline total starting on one day — and shows the
 * preferred source's figure with the other sources' figures beside it,
 * instead of hiding disagreement. This file decides the grouping and each
 * answer's role on typed facts. Must not write JSON: render/answers.c
 * writes the document. */
#include <stdlib.h>
#include <string.h>

#include "api/api_error.h"
#include "api/envelope.h"
#include "api/facts_page.h"
#include "api/handlers.h"
#include "api/params.h"
#include "render/answers.h"
#include "render/problem.h"

const struct pf_pspec tariffs_params[] = {
    {"imposer", P_SET, NULL, 0, 0, NULL},
    {"target", P_SET, NULL, 0, 0, NULL},
    {"kind", P_SET, NULL, 0, 0, NULL},
    {"series", P_SET, NULL, 0, 0, NULL},
    PARAMS_FACT_COMMON,
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

const struct pf_pspec tariff_pair_params[] = {
    {"on", P_DAY, NULL, 0, 0, NULL},
    {"as_of", P_DATE, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

static const char *const tariff_kind[] = {"tariff_rate"};

void h_tariffs_list(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_fact_query *q = &fp.q;

    q->kinds.v[0] = tariff_kind[0];
    q->kinds.n = 1;
    if (params_list(req, &fp, "imposer", LR_ENTITY, &q->subjects, rep) ||
        params_list(req, &fp, "target", LR_ENTITY, &q->objects, rep) ||
        params_list(req, &fp, "kind", LR_CATEGORY, &q->categories, rep) ||
        params_list(req, &fp, "series", LR_NONE, &q->series, rep) ||
        params_common(req, &fp, rep))
        goto done;
    facts_page_reply(req, &fp, rep, NULL, RENDER_CSV_FACTS);
done:
    params_free(&fp);
}

/* strcmp with NULL as "" */
static int cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Facts of one question share object, measure, series and start. */
static int question_cmp(const struct pf_fact *x, const struct pf_fact *y)
{
    int c = cmp(x->object, y->object);
    if (!c)
        c = cmp(x->measure, y->measure);
    if (!c)
        c = cmp(x->series, y->series);
    if (!c)
        c = cmp(x->valid_from, y->valid_from);
    return c;
}

/* Question, then rank, then id. */
static int by_question_rank(const void *a, const void *b)
{
    const struct pf_fact *x = *(const struct pf_fact *const *)a;
    const struct pf_fact *y = *(const struct pf_fact *const *)b;
    int c = question_cmp(x, y);
    if (c)
        return c;
    int r = vocab_rank_ord(x->rank) - vocab_rank_ord(y->rank);
    return r ? r : strcmp(x->id, y->id);
}

static bool is(const char *s, const char *want)
{
    return s && strcmp(s, want) == 0;
}

/* What an answer is for the target: the headline total and the average
 * once each, then measures and effective rates; facts about another
 * origin (all origins, WLD) also apply. */
static enum render_role role(const struct pf_fact *f,
                             const char *target,
                             bool *have_total,
                             bool *have_average)
{
    const char *cat = f->measure_ref->category;
    if (!is(f->object, target))
        return ROLE_ALSO_APPLICABLE;
    if (is(cat, "total") && is(f->measure, "headline_total_tariff_rate") &&
        !*have_total) {
        *have_total = true;
        return ROLE_HEADLINE_TOTAL;
    }
    if (is(cat, "average") && !*have_average) {
        *have_average = true;
        return ROLE_AVERAGE;
    }
    return is(cat, "effective") ? ROLE_EFFECTIVE : ROLE_MEASURE;
}

/* Groups sorted facts by question (the best-ranked first in each) and
 * gives each group its role. Returns the number of answers. */
static size_t group(const struct pf_fact **sorted,
                    size_t n,
                    const char *target,
                    struct render_answer *out)
{
    bool have_total = false, have_average = false;
    size_t na = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && question_cmp(sorted[i], sorted[j]) == 0; j++)
            ;
        out[na].facts = &sorted[i];
        out[na].n = j - i;
        out[na].role = role(sorted[i], target, &have_total, &have_average);
        na++;
    }
    return na;
}

/* The on-day query: tariff facts of imposer on target or on all origins,
 * in force on the day. PF_OK, or a problem in rep. */
static enum pf_err on_day_query(const struct pf_req *req,
                                const struct pf_entity *imp,
                                const struct pf_entity *tgt,
                                struct fact_params *fp,
                                struct pf_reply *rep)
{
    static const char *const all_origins = "WLD";
    struct pf_fact_query *q = &fp->q;
    if (!req_param(req, "on")) {
        problem_param(rep, "on",
                      "required: the day to answer for "
                      "(YYYY-MM-DD)");
        return PF_EINVAL;
    }
    enum pf_err err = params_common(req, fp, rep);
    if (err != PF_OK)
        return err;
    q->kinds.v[0] = tariff_kind[0];
    q->kinds.n = 1;
    q->subjects.v[0] = imp->id;
    q->subjects.n = 1;
    q->objects.v[q->objects.n++] = tgt->id;
    if (strcmp(tgt->id, all_origins) != 0)
        q->objects.v[q->objects.n++] = all_origins;
    q->sort = SORT_ID;
    q->limit = 10000;
    return PF_OK;
}

static void on_day_reply(const struct pf_req *req,
                         const struct pf_entity *imp,
                         const struct pf_entity *tgt,
                         const struct pf_fact_list *l,
                         const char *on,
                         struct pf_reply *rep)
{
    /* The store sorts by id. Each question's facts together, best rank
     * first: one sort, then group() takes neighbours. */
    const struct pf_fact **sorted = malloc((l->n + 1) * sizeof *sorted);
    struct render_answer *answers = malloc((l->n + 1) * sizeof *answers);
    char *self = envelope_self_url(req);
    json_t *rows = NULL,
           **want_rows = req->format == PF_FMT_JSON ? NULL : &rows;
    json_t *doc = NULL;
    if (sorted && answers && self) {
        for (size_t i = 0; i < l->n; i++)
            sorted[i] = &l->v[i];
        qsort(sorted, l->n, sizeof *sorted, by_question_rank);
        struct render_tariff_day d = {
            .imposer = imp,
            .target = tgt,
            .on = on,
            .as_of = req_param(req, "as_of"),
            .answers = answers,
            .nanswers = group(sorted, l->n, tgt->id, answers),
            .base = req->base_url,
            .version = store_info(req->store)->version,
            .self = self};
        doc = render_tariff_day(&d, want_rows);
    }
    if (doc) {
        reply_json(rep, 200, doc);
        rep->rows = rows;
        rep->csv_columns = render_csv_columns(RENDER_CSV_TARIFF_DAY);
    } else {
        api_error_store(rep, PF_ENOMEM, NULL);
    }
    free(sorted);
    free(answers);
    free(self);
}

void h_tariffs_on(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_fact_list l = {0};
    const struct pf_entity *imp =
        store_entity_get(req->store, req->captures[0]);
    const struct pf_entity *tgt =
        store_entity_get(req->store, req->captures[1]);
    char why[256];

    if (!imp || !tgt) {
        problem_reply(rep, PROB_NO_SUCH,
                      "unknown %s '%s' (codes are ISO 3166 alpha-3 or as "
                      "listed at /v1/entities)",
                      imp ? "target" : "imposer",
                      imp ? req->captures[1] : req->captures[0]);
        return;
    }
    if (on_day_query(req, imp, tgt, &fp, rep) != PF_OK)
        goto done;
    enum pf_err err = store_fact_list(req->store, &fp.q, &l, why, sizeof why);
    if (err != PF_OK) {
        api_error_store(rep, err, why);
        goto done;
    }
    on_day_reply(req, imp, tgt, &l, fp.q.on, rep);
done:
    store_fact_list_free(&l);
    params_free(&fp);
}
