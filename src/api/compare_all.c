/* /v1/compare?entities=all: one measure across every economy with a
 * value in the period, ranked (1 = highest) with percentiles, and the
 * reference aggregates (references=, by default the World, the income
 * groups, the EU and the OECD) beside them, never ranked: an aggregate is
 * not an economy. This file picks each entity's fact, ranks and orders
 * the rows; render/world.c writes them. For JSON each fact is written as
 * its row is read (no copy of the rows, no tree); CSV and NDJSON go
 * through typed copies and trees. */
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

/* Value, highest first; ties by entity id. */
static int by_value(const void *a, const void *b)
{
    const struct render_world_row *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return strcmp(x->entity->id, y->entity->id);
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
        for (; j < n && rows[j].value == rows[i].value; j++)
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

/* ---- picking: each entity's latest start in the period ----------------- */

struct pick {
    const struct pf_req *req;
    const struct pf_list *refs;
    const struct pf_entity *entities; /* the store's, sorted by id */
    struct render_world_row *rows;    /* by entity position */
    char (*start)[11];                /* each row's valid_from */
    char (*id)[104];                  /* and its fact's id */
    const struct render_frags *fr;    /* JSON: facts written into text */
    struct buf text;
    size_t *at; /* each row's fact in text (offset) */
    enum pf_err err;
};

/* s into out (n bytes), cut short if longer (a date or an id is not). */
static void copy(char *out, size_t n, const char *s)
{
    size_t len = strnlen(s, n - 1);
    memcpy(out, s, len);
    out[len] = '\0';
}

/* The row the fact f would fill (NULL: not an economy nor a reference, or
 * its entity has a fact that starts later). */
static struct render_world_row *slot(struct pick *p, const struct pf_fact *f)
{
    const struct pf_entity *e = store_entity_get(p->req->store, f->subject);
    if (!f->has_value || !e || !(is_economy(e) || listed(p->refs, e->id)))
        return NULL;
    size_t k = (size_t)(e - p->entities);
    const char *vf = f->valid_from ? f->valid_from : "";
    struct render_world_row *r = &p->rows[k];
    int c = r->entity ? strcmp(vf, p->start[k]) : 1;
    if (c < 0 || (c == 0 && strcmp(f->id, p->id[k]) >= 0))
        return NULL; /* equal starts: the smaller id, whatever the order */
    copy(p->start[k], sizeof p->start[k], vf);
    copy(p->id[k], sizeof p->id[k], f->id);
    r->entity = e;
    r->value = f->value;
    return r;
}

/* store_fact_each's callback, JSON: the fact written as it is read. */
static enum pf_err pick_text(const struct pf_fact *f, void *arg)
{
    struct pick *p = arg;
    struct render_world_row *r = slot(p, f);
    if (!r)
        return PF_OK;
    size_t from = p->text.len;
    render_fact_json(&p->text, f, p->fr, p->req->base_url);
    p->at[r - p->rows] = from;
    r->json_len = p->text.len - from;
    return buf_failed(&p->text) ? PF_ENOMEM : PF_OK;
}

/* The picked rows, packed to the front and in value order; their JSON
 * text resolved (the buffer may have moved while it grew). */
static size_t gather(struct pick *p, size_t nentities)
{
    size_t n = 0;
    for (size_t k = 0; k < nentities; k++) {
        if (!p->rows[k].entity)
            continue;
        p->rows[n] = p->rows[k];
        if (p->fr)
            p->rows[n].json = p->text.data + p->at[k];
        n++;
    }
    qsort(p->rows, n, sizeof *p->rows, by_value);
    return n;
}

/* ---- the query and the reply ------------------------------------------- */

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

/* Valid in the period: started by its end, not ended before it. An
 * estimate describes its own year, month or day, so one that starts
 * before the period's year ended before the period: only starts from
 * that year on are read (an index range, not every year of every
 * economy), and for a period of a year nothing else needs checking. */
static void period_bounds(const struct pf_measure *m,
                          const struct pf_date *d,
                          struct fact_params *fp)
{
    struct pf_fact_query *q = &fp->q;
    struct pf_date year = {d->y, 1, 1, PF_DATE_YEAR};
    date_start(d, fp->from);
    date_end(d, fp->to);
    date_start(&year, fp->on);
    q->unordered = true;
    if (m->nature && strcmp(m->nature, "estimate") == 0) {
        q->start_lo = fp->on;
        q->start_hi = fp->to;
        if (d->prec == PF_DATE_YEAR)
            return;
    }
    q->from = fp->from;
    q->to = fp->to;
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
    period_bounds(m, &d, fp);
    q->measures.v[0] = m->id;
    q->measures.n = 1;
    q->ranks = q->as_of ? 0 : PF_RANK_BIT(PF_RANK_preferred);
    q->sort = SORT_ID;
    q->limit = MAX_FACTS;
    return PF_OK;
}

/* The picked facts of the query, as text (JSON) or as typed copies in l
 * (CSV, NDJSON). */
static enum pf_err run_pick(const struct pf_req *req,
                            struct fact_params *fp,
                            struct pick *p,
                            struct pf_fact_list *l)
{
    char why[256];
    struct pf_fact_pos pos;
    enum pf_err err;
    if (p->fr) {
        err = store_fact_each(req->store, &fp->q, pick_text, p, &pos, why,
                              sizeof why);
        store_fact_pos_free(&pos);
        return err;
    }
    err = store_fact_list(req->store, &fp->q, l, why, sizeof why);
    for (size_t i = 0; err == PF_OK && i < l->n; i++) {
        struct render_world_row *r = slot(p, &l->v[i]);
        if (r)
            r->fact = &l->v[i];
    }
    return err;
}

static void world_reply(const struct pf_req *req,
                        const struct render_world *w,
                        struct pf_reply *rep)
{
    struct buf b;
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
    buf_init(&b);
    render_world_json(&b, w);
    if (buf_failed(&b)) {
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
    size_t ne;
    struct pick p = {.req = req, .refs = &refs};
    char *self = NULL;

    if (world_query(req, m, fp, &refs, rep) != PF_OK)
        return;
    p.entities = store_entity_list(req->store, &ne);
    p.rows = calloc(ne + 1, sizeof *p.rows);
    p.start = calloc(ne + 1, sizeof *p.start);
    p.id = calloc(ne + 1, sizeof *p.id);
    p.at = calloc(ne + 1, sizeof *p.at);
    p.fr = req->format == PF_FMT_JSON ? facts_page_frags(req->store) : NULL;
    buf_init(&p.text);
    self = envelope_self_url(req);
    enum pf_err err = PF_ENOMEM;
    if (p.rows && p.start && p.id && p.at && self &&
        (p.fr || req->format != PF_FMT_JSON))
        err = run_pick(req, fp, &p, &l);
    if (err != PF_OK) {
        api_error_store(rep, err, NULL);
        goto done;
    }
    struct render_world w = {.measure = m,
                             .period = req_param(req, "period"),
                             .rows = p.rows,
                             .base = req->base_url,
                             .version = store_info(req->store)->version,
                             .self = self};
    w.n = gather(&p, ne);
    w.ranked = rank_rows(p.rows, w.n);
    world_reply(req, &w, rep);
done:
    free(self);
    free(p.rows);
    free(p.start);
    free(p.id);
    free(p.at);
    buf_free(&p.text);
    store_fact_list_free(&l);
}
