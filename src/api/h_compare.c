/* /v1/compare: one measure (its id or World Bank code) across entities in
 * one period — each entity's value, its ratio to the first entity, its
 * rank among the economies of the list (an aggregate is never ranked
 * among them), and the fact (with source and quote) behind every number.
 * Without period, the latest period in which every entity has a value is
 * used. entities=all is compare_all.c's. This file picks the facts and
 * computes ratios and ranks on typed facts. Must not write JSON:
 * render/answers.c writes the document. */
#include <stdlib.h>
#include <string.h>

#include "api/api_error.h"
#include "api/compare_all.h"
#include "api/envelope.h"
#include "api/handlers.h"
#include "api/params.h"
#include "base/date.h"
#include "render/answers.h"
#include "render/csv_columns.h"
#include "render/problem.h"

const struct pf_pspec compare_params[] = {
    {"measure", P_TOKEN, NULL, 0, 0, NULL},
    {"entities", P_LIST, NULL, 0, 0, NULL},
    {"period", P_DATE, NULL, 0, 0, NULL},
    {"as_of", P_DATE, NULL, 0, 0, NULL},
    {"references", P_LIST, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

/* The bounds of a pick: valid_from at most limit ("" = no bound), still
 * valid on or after not_before ("" = no bound), and when exact_from is
 * set, starting on it. */
struct bounds {
    const char *limit, *not_before, *exact_from;
};

static const char *s0(const char *s)
{
    return s ? s : "";
}

/* The entity's fact with the latest start within b; NULL if none. */
static const struct pf_fact *
pick(const struct pf_fact_list *l, const char *entity, const struct bounds *b)
{
    const struct pf_fact *best = NULL;
    for (size_t i = 0; i < l->n; i++) {
        const struct pf_fact *f = &l->v[i];
        const char *vf = s0(f->valid_from), *vt = s0(f->valid_to);
        if (strcmp(f->subject, entity) != 0 || !f->has_value || !*vf)
            continue;
        if (*b->limit && strcmp(vf, b->limit) > 0)
            continue;
        /* a value that ended before the period is not the period's value */
        if (*b->not_before && *vt && strcmp(vt, b->not_before) < 0)
            continue;
        if (b->exact_from && strcmp(vf, b->exact_from) != 0)
            continue;
        int c = best ? strcmp(vf, best->valid_from) : 1;
        if (c > 0 || (c == 0 && strcmp(f->id, best->id) < 0))
            best = f; /* equal starts: the smaller id, whatever the order */
    }
    return best;
}

/* Latest valid_from shared by every entity's facts; NULL if none. By
 * trying each start in turn: the check when the sorted list below cannot
 * be had (out of memory). */
static const char *common_start_scan(const struct pf_fact_list *l,
                                     const struct pf_list *ents)
{
    const char *best = NULL;
    for (size_t i = 0; i < l->n; i++) {
        const char *vf = s0(l->v[i].valid_from);
        if (!*vf || (best && strcmp(vf, best) <= 0))
            continue;
        struct bounds b = {"", "", vf};
        bool all = true;
        for (size_t e = 0; e < ents->n && all; e++)
            all = pick(l, ents->v[e], &b) != NULL;
        if (all)
            best = vf;
    }
    return best;
}

/* A valued fact's start and the first place of its subject in the list. */
struct start {
    const char *vf;
    size_t e;
};

static int by_start_desc(const void *a, const void *b)
{
    return strcmp(((const struct start *)b)->vf, ((const struct start *)a)->vf);
}

static size_t entity_at(const struct pf_list *ents, const char *id)
{
    size_t e = 0;
    while (e < ents->n && strcmp(ents->v[e], id) != 0)
        e++;
    return e;
}

/* The same answer from the starts sorted latest first: the first start
 * that every entity's facts have (the scan tries every start against
 * every fact: quadratic, and a measure from 1960 has 60 a country). */
static const char *common_start(const struct pf_fact_list *l,
                                const struct pf_list *ents)
{
    struct start *s = l->n ? malloc(l->n * sizeof *s) : NULL;
    if (!s)
        return l->n ? common_start_scan(l, ents) : NULL;
    size_t n = 0, need = 0;
    for (size_t e = 0; e < ents->n; e++)
        need += entity_at(ents, ents->v[e]) == e; /* each entity once */
    for (size_t i = 0; i < l->n; i++) {
        const struct pf_fact *f = &l->v[i];
        size_t e = entity_at(ents, f->subject);
        if (f->has_value && f->valid_from && *f->valid_from && e < ents->n)
            s[n++] = (struct start){f->valid_from, e};
    }
    qsort(s, n, sizeof *s, by_start_desc);
    const char *best = NULL;
    size_t seen[PF_FACT_LIST_MAX], group = 0;
    memset(seen, 0, sizeof seen);
    for (size_t i = 0, j; i < n && !best; i = j) {
        size_t have = 0;
        group++;
        for (j = i; j < n && strcmp(s[j].vf, s[i].vf) == 0; j++)
            if (s[j].e < PF_FACT_LIST_MAX && seen[s[j].e] != group) {
                seen[s[j].e] = group;
                have++;
            }
        if (have == need)
            best = s[i].vf;
    }
    free(s);
    return best;
}

static int by_value_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static bool is_economy(const struct render_compare_row *r)
{
    return r->entity && strcmp(r->entity->type, "country") == 0;
}

/* Rank 1 = largest value, among the economies of the list: aggregates
 * and groups get no rank, nor do entities without a value (whose place in
 * the order still counts as 0, as it always has). */
static void set_ranks(struct render_compare_row *rows, size_t n)
{
    double v[PF_FACT_LIST_MAX], sorted[PF_FACT_LIST_MAX];
    size_t ns = 0;
    for (size_t e = 0; e < n; e++) {
        v[e] = rows[e].fact ? rows[e].fact->value : 0;
        if (is_economy(&rows[e]))
            sorted[ns++] = v[e];
    }
    qsort(sorted, ns, sizeof *sorted, by_value_desc);
    for (size_t e = 0; e < n; e++)
        for (size_t r = 0; rows[e].fact && is_economy(&rows[e]) && r < ns; r++)
            if (sorted[r] == v[e]) {
                rows[e].rank = (int)r + 1;
                break;
            }
}

/* Each entity's row: its fact in the period and the ratio to the first. */
static void fill_rows(const struct pf_req *req,
                      const struct pf_fact_list *l,
                      const struct pf_list *ents,
                      const struct bounds *b,
                      struct render_compare_row *rows)
{
    double base = 0;
    for (size_t e = 0; e < ents->n; e++) {
        const struct pf_fact *f = pick(l, ents->v[e], b);
        double x = f ? f->value : 0;
        if (e == 0)
            base = x;
        rows[e] = (struct render_compare_row){
            .entity = store_entity_get(req->store, ents->v[e]),
            .fact = f,
            .has_ratio = f && base != 0,
            .ratio = base != 0 ? x / base : 0};
    }
    set_ranks(rows, ents->n);
}

/* measure and entities: PF_OK, or a problem in rep. */
static enum pf_err compare_query(const struct pf_req *req,
                                 struct fact_params *fp,
                                 struct pf_list *ents,
                                 const struct pf_measure **m,
                                 struct pf_reply *rep)
{
    const char *mid = req_param(req, "measure");
    if (!mid || !req_param(req, "entities")) {
        problem_param(rep, mid ? "entities" : "measure",
                      "required (e.g. measure=gross_capital_formation_share_"
                      "of_gdp&entities=CHN,USA)");
        return PF_EINVAL;
    }
    *m = store_measure_lookup(req->store, mid);
    if (!*m) {
        problem_param(rep, "measure",
                      "unknown measure '%s' (an id or a World Bank code, see "
                      "/v1/measures)",
                      mid);
        return PF_EINVAL;
    }
    if (req_param(req, "references")) {
        problem_param(rep, "references", "only with entities=all");
        return PF_EINVAL;
    }
    enum pf_err err = params_list(req, fp, "entities", LR_ENTITY, ents, rep);
    if (err != PF_OK)
        return err;
    if (ents->n < 2) {
        problem_param(rep, "entities", "give at least two entities");
        return PF_EINVAL;
    }
    err = params_common(req, fp, rep); /* as_of */
    if (err != PF_OK)
        return err;
    struct pf_fact_query *q = &fp->q;
    q->measures.v[0] = (*m)->id;
    q->measures.n = 1;
    q->subjects = *ents;
    q->ranks = q->as_of ? 0 : PF_RANK_BIT(PF_RANK_preferred);
    q->sort = SORT_ID;
    /* in any order (picks are by start, then id): the (measure, subject)
     * index, not every fact of the measure in id order */
    q->unordered = true;
    q->limit = 100000;
    return PF_OK;
}

static void compare_reply(const struct pf_req *req,
                          const struct render_compare *c,
                          struct pf_reply *rep)
{
    json_t *doc = render_compare(c);
    if (!doc) {
        api_error_store(rep, PF_ENOMEM, NULL);
        return;
    }
    reply_json(rep, 200, doc);
    rep->rows = json_incref(json_object_get(doc, "data"));
    rep->csv_columns = render_csv_columns(RENDER_CSV_COMPARE);
    (void)req;
}

void h_compare(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_fact_list l = {0};
    struct pf_list ents;
    const struct pf_measure *m = NULL;
    struct render_compare_row rows[PF_FACT_LIST_MAX];
    char why[256], end[11] = "", begin[11] = "";
    char *self = NULL;

    const char *all = req_param(req, "entities");
    if (all && strcmp(all, "all") == 0) {
        const char *mid = req_param(req, "measure");
        m = mid ? store_measure_lookup(req->store, mid) : NULL;
        if (m)
            compare_all_reply(req, m, &fp, rep);
        else
            problem_param(rep, "measure",
                          "%s (an id or a World Bank code, see /v1/measures)",
                          mid ? "unknown measure" : "required");
        goto done;
    }
    if (compare_query(req, &fp, &ents, &m, rep) != PF_OK)
        goto done;
    const char *period = req_param(req, "period");
    struct pf_date pd;
    if (period && date_parse(period, strlen(period), &pd)) {
        date_end(&pd, end);
        date_start(&pd, begin);
    }
    enum pf_err err = store_fact_list(req->store, &fp.q, &l, why, sizeof why);
    if (err != PF_OK) {
        api_error_store(rep, err, why);
        goto done;
    }
    const char *start = period ? NULL : common_start(&l, &ents);
    if (!period && !start) {
        problem_reply(rep, PROB_NO_SUCH,
                      "no period in which every entity has a value for %s; "
                      "give period=",
                      m->id);
        goto done;
    }
    struct bounds b = {end, begin, start};
    fill_rows(req, &l, &ents, &b, rows);
    const struct pf_fact *first = rows[0].fact;
    self = envelope_self_url(req);
    struct render_compare c = {.measure = m,
                               .period = period ? period
                                         : first && s0(first->period)[0]
                                             ? first->period
                                             : start,
                               .base_entity = ents.v[0],
                               .rows = rows,
                               .n = ents.n,
                               .base = req->base_url,
                               .version = store_info(req->store)->version,
                               .self = self};
    if (self)
        compare_reply(req, &c, rep);
    else
        api_error_store(rep, PF_ENOMEM, NULL);
done:
    free(self);
    store_fact_list_free(&l);
    params_free(&fp);
}
