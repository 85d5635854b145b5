/* /v1/compare?entities=all: one measure across every economy with a
 * value in the period, ranked (1 = highest) with percentiles, and the
 * reference aggregates (references=, by default the World, the income
 * groups, the EU and the OECD) beside them, never ranked: an aggregate is
 * not an economy. This file picks each entity's fact, ranks and orders
 * the rows; render/world.c writes them. */
#include "api/compare_all.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_error.h"
#include "api/envelope.h"
#include "api/facts_page.h"
#include "base/date.h"
#include "render/csv_columns.h"
#include "render/problem.h"
#include "render/world.h"

/* Facts of one measure in one period: a measure has one per entity and
 * year, so this bounds a period of a year generously. */
#define MAX_FACTS 50000

static int cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Subject, then the latest start first: the first of each subject is its
 * value in the period (as in an explicit list). */
static int by_subject_latest(const void *a, const void *b)
{
    const struct pf_fact *x = *(const struct pf_fact *const *)a;
    const struct pf_fact *y = *(const struct pf_fact *const *)b;
    int c = strcmp(x->subject, y->subject);
    return c ? c : cmp(y->valid_from, x->valid_from);
}

/* Value, highest first; ties by entity id. */
static int by_value(const void *a, const void *b)
{
    const struct render_world_row *x = a, *y = b;
    double u = x->fact->value, v = y->fact->value;
    if (u != v)
        return u > v ? -1 : 1;
    return strcmp(x->entity->id, y->entity->id);
}

static bool is_economy(const struct pf_entity *e)
{
    return strcmp(e->type, "country") == 0;
}

static bool listed(const struct pf_list *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], id) == 0)
            return true;
    return false;
}

/* The rows: each economy's and each reference's fact, by value. */
static size_t pick_rows(const struct pf_req *req,
                        const struct pf_fact_list *l,
                        const struct pf_fact **sorted,
                        const struct pf_list *refs,
                        struct render_world_row *rows)
{
    const char *done = NULL; /* the subject whose fact is picked */
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        sorted[i] = &l->v[i];
    qsort(sorted, l->n, sizeof *sorted, by_subject_latest);
    for (size_t i = 0; i < l->n; i++) {
        const struct pf_fact *f = sorted[i];
        if (!f->has_value || (done && strcmp(done, f->subject) == 0))
            continue;
        done = f->subject;
        const struct pf_entity *e = store_entity_get(req->store, f->subject);
        if (e && (is_economy(e) || listed(refs, e->id)))
            rows[n++] = (struct render_world_row){.entity = e, .fact = f};
    }
    qsort(rows, n, sizeof *rows, by_value);
    return n;
}

/* Ranks the economies of rows (in value order): equal values share a
 * rank, 1 + the economies above; the percentile is the share of the other
 * ranked economies below. Returns how many are ranked. */
static size_t rank_rows(struct render_world_row *rows, size_t n)
{
    size_t ranked = 0, above = 0;
    for (size_t i = 0; i < n; i++)
        ranked += is_economy(rows[i].entity);
    for (size_t i = 0; i < n;) {
        size_t j = i, run = 0; /* economies of this value: [i, j) */
        for (; j < n && rows[j].fact->value == rows[i].fact->value; j++)
            run += is_economy(rows[j].entity);
        for (size_t k = i; k < j; k++) {
            struct render_world_row *r = &rows[k];
            if (!is_economy(r->entity))
                continue;
            r->rank = (int)above + 1;
            r->has_percentile = ranked > 1;
            if (r->has_percentile)
                r->percentile = round(1000.0 * (double)(ranked - above - run) /
                                      (double)(ranked - 1)) /
                                10;
        }
        above += run;
        i = j;
    }
    return ranked;
}

/* references=: aggregates only ("none": no reference lines). */
static enum pf_err references(const struct pf_req *req,
                              struct fact_params *fp,
                              struct pf_list *refs,
                              struct pf_reply *rep)
{
    const char *v = req_param(req, "references");
    refs->n = 0;
    if (v && strcmp(v, "none") == 0)
        return PF_OK;
    enum pf_err err = params_list(req, fp, "references", LR_ENTITY, refs, rep);
    if (err == PF_OK && !v) {
        static const char *const defaults[] = {COMPARE_REFERENCES};
        refs->n = PF_ARRAY_LEN(defaults);
        memcpy(refs->v, defaults, sizeof defaults);
    }
    for (size_t i = 0; err == PF_OK && i < refs->n; i++) {
        const struct pf_entity *e = store_entity_get(req->store, refs->v[i]);
        if (e && strcmp(e->type, "aggregate") == 0)
            continue;
        problem_param(rep, "references",
                      "'%s' is not an aggregate (see /v1/entities?type="
                      "aggregate)",
                      refs->v[i]);
        err = PF_EINVAL;
    }
    return err;
}

/* period (required), references and as_of onto the query. */
static enum pf_err world_query(const struct pf_req *req,
                               const struct pf_measure *m,
                               struct fact_params *fp,
                               struct pf_list *refs,
                               struct pf_reply *rep)
{
    const char *period = req_param(req, "period");
    struct pf_fact_query *q = &fp->q;
    struct pf_date d;
    if (!period || !date_parse(period, strlen(period), &d)) {
        problem_param(rep, "period",
                      "required with entities=all (e.g. period=2023)");
        return PF_EINVAL;
    }
    enum pf_err err = references(req, fp, refs, rep);
    if (err == PF_OK)
        err = params_common(req, fp, rep); /* as_of */
    if (err != PF_OK)
        return err;
    /* valid in the period: started by its end, not ended before it */
    date_start(&d, fp->from);
    date_end(&d, fp->to);
    q->from = fp->from;
    q->to = fp->to;
    q->measures.v[0] = m->id;
    q->measures.n = 1;
    q->ranks = q->as_of ? 0 : PF_RANK_BIT(PF_RANK_preferred);
    q->sort = SORT_ID;
    q->limit = MAX_FACTS;
    return PF_OK;
}

/* JSON as text; CSV and NDJSON from the rows' trees. */
static void world_reply(const struct pf_req *req,
                        const struct render_world *w,
                        struct pf_reply *rep)
{
    if (req->format != PF_FMT_JSON) {
        json_t *rows = render_world_rows(w);
        json_t *doc = rows ? json_pack("{s:O}", "data", rows) : NULL;
        if (!doc) {
            json_decref(rows);
            api_error_store(rep, PF_ENOMEM, NULL);
            return;
        }
        reply_json(rep, 200, doc);
        rep->rows = rows;
        rep->csv_columns = render_csv_columns(RENDER_CSV_WORLD);
        return;
    }
    const struct render_frags *fr = facts_page_frags(req->store);
    struct buf b;
    buf_init(&b);
    if (fr)
        render_world_json(&b, w, fr);
    if (!fr || buf_failed(&b)) {
        buf_free(&b);
        api_error_store(rep, PF_ENOMEM, NULL);
        return;
    }
    rep->status = 200;
    rep->body = buf_steal(&b, &rep->body_len);
    rep->body_owned = true;
    rep->content_type = "application/json; charset=utf-8";
}

void compare_all_reply(const struct pf_req *req,
                       const struct pf_measure *m,
                       struct fact_params *fp,
                       struct pf_reply *rep)
{
    struct pf_fact_list l = {0};
    struct pf_list refs;
    const struct pf_fact **sorted = NULL;
    struct render_world_row *rows = NULL;
    char why[256], *self = NULL;

    if (world_query(req, m, fp, &refs, rep) != PF_OK)
        goto done;
    enum pf_err err = store_fact_list(req->store, &fp->q, &l, why, sizeof why);
    if (err != PF_OK) {
        api_error_store(rep, err, why);
        goto done;
    }
    sorted = malloc((l.n + 1) * sizeof *sorted);
    rows = malloc((l.n + 1) * sizeof *rows);
    self = envelope_self_url(req);
    if (!sorted || !rows || !self) {
        api_error_store(rep, PF_ENOMEM, NULL);
        goto done;
    }
    struct render_world w = {.measure = m,
                             .period = req_param(req, "period"),
                             .rows = rows,
                             .base = req->base_url,
                             .version = store_info(req->store)->version,
                             .self = self};
    w.n = pick_rows(req, &l, sorted, &refs, rows);
    w.ranked = rank_rows(rows, w.n);
    world_reply(req, &w, rep);
done:
    free(self);
    free(sorted);
    free(rows);
    store_fact_list_free(&l);
}
