/* /v1/gdp-shares: annual GDP composition series (World Bank WDI), one per
 * (country, component), each with its points and sources. Components are
 * named (consumption, household_consumption, investment, manufacturing,
 * exports) or given as WDI codes. This file builds the series from typed
 * facts. Must not write JSON: render/answers.c writes the series. */
#include <stdlib.h>
#include <string.h>

#include "api/api_error.h"
#include "api/envelope.h"
#include "api/handlers.h"
#include "api/params.h"
#include "render/answers.h"
#include "render/csv_columns.h"
#include "render/problem.h"

#define MAX_POINTS 20000

const struct pf_pspec gdp_params[] = {
    {"country", P_SET, NULL, 0, 0, NULL},
    {"component", P_SET, NULL, 0, 0, NULL},
    {"from", P_YEAR, NULL, 0, 0, NULL},
    {"to", P_YEAR, NULL, 0, 0, NULL},
    {"latest", P_INT, NULL, 1, 1000, NULL},
    {"as_of", P_DATE, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

/* component names or WDI codes -> measure ids */
static enum pf_err map_components(const struct pf_req *req,
                                  struct fact_params *fp,
                                  struct pf_reply *rep)
{
    struct pf_list comps;
    enum pf_err err = params_list(req, fp, "component", LR_NONE, &comps, rep);
    if (err != PF_OK)
        return err;
    for (size_t i = 0; i < comps.n; i++) {
        const struct pf_measure *m = store_measure_find(req->store, comps.v[i]);
        if (!m) {
            problem_param(rep, "component",
                          "unknown component '%s' (consumption, "
                          "household_consumption, investment, "
                          "manufacturing, exports, or a WDI code such as "
                          "NE.CON.PRVT.ZS)",
                          comps.v[i]);
            return PF_EINVAL;
        }
        fp->q.measures.v[fp->q.measures.n++] = m->id;
    }
    static const char *const all[] = {"consumption", "household_consumption",
                                      "investment", "manufacturing", "exports"};
    for (size_t i = 0; comps.n == 0 && i < PF_ARRAY_LEN(all); i++) {
        const struct pf_measure *m = store_measure_find(req->store, all[i]);
        if (m) /* no component given: every one the data has */
            fp->q.measures.v[fp->q.measures.n++] = m->id;
    }
    return PF_OK;
}

static int cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Series order: country, measure, then year. */
static int by_series(const void *a, const void *b)
{
    const struct pf_fact *x = *(const struct pf_fact *const *)a;
    const struct pf_fact *y = *(const struct pf_fact *const *)b;
    int c = cmp(x->subject, y->subject);
    if (!c)
        c = cmp(x->measure, y->measure);
    return c ? c : cmp(x->period, y->period);
}

/* Cuts the sorted facts into series; returns how many. latest > 0 shows
 * only the last latest points of each (World Bank's MRV). */
static size_t cut(const struct pf_req *req,
                  const struct pf_fact **sorted,
                  size_t n,
                  long latest,
                  struct render_series *out)
{
    size_t ns = 0;
    for (size_t i = 0, j; i < n; i = j) {
        const struct pf_fact *f = sorted[i];
        for (j = i + 1; j < n && cmp(sorted[j]->subject, f->subject) == 0 &&
                        cmp(sorted[j]->measure, f->measure) == 0;
             j++)
            ;
        size_t np = j - i;
        out[ns++] = (struct render_series){
            .country_id = f->subject,
            .country = store_entity_get(req->store, f->subject),
            .measure = f->measure_ref,
            .points = &sorted[i],
            .npoints = np,
            .first =
                latest > 0 && (size_t)latest < np ? np - (size_t)latest : 0};
    }
    return ns;
}

/* country, component, from, to, as_of: PF_OK or a problem in rep. */
static enum pf_err gdp_query(const struct pf_req *req,
                             struct fact_params *fp,
                             struct pf_reply *rep)
{
    static const char *const gdp_kind = "gdp_share";
    struct pf_fact_query *q = &fp->q;
    enum pf_err err =
        params_list(req, fp, "country", LR_ENTITY, &q->subjects, rep);
    if (err == PF_OK)
        err = map_components(req, fp, rep);
    if (err == PF_OK)
        err = params_common(req, fp, rep); /* from, to (years), as_of */
    if (err != PF_OK)
        return err;
    q->kinds.v[0] = gdp_kind;
    q->kinds.n = 1;
    q->annual_only = true;
    /* one point per year: the preferred answer (or the as_of answer) */
    q->ranks = q->as_of ? 0 : PF_RANK_BIT(PF_RANK_preferred);
    q->sort = SORT_ID;
    q->limit = MAX_POINTS;
    return PF_OK;
}

static void series_reply(const struct pf_req *req,
                         const struct pf_fact_list *l,
                         struct pf_reply *rep)
{
    const struct pf_fact **sorted = malloc((l->n + 1) * sizeof *sorted);
    struct render_series *series = malloc((l->n + 1) * sizeof *series);
    json_t *rows = NULL, *list = NULL;
    if (sorted && series) {
        for (size_t i = 0; i < l->n; i++)
            sorted[i] = &l->v[i];
        qsort(sorted, l->n, sizeof *sorted, by_series);
        size_t ns = cut(req, sorted, l->n, req_int(req, "latest", 0), series);
        list = render_gdp_series(series, ns, &rows);
    }
    if (list) {
        if (envelope_reply_unpaged(req, rep, list, rows) == PF_OK)
            rep->csv_columns = render_csv_columns(RENDER_CSV_GDP);
    } else {
        api_error_store(rep, PF_ENOMEM, NULL);
    }
    free(sorted);
    free(series);
}

void h_gdp_shares(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_fact_list l = {0};
    char why[256];

    if (gdp_query(req, &fp, rep) != PF_OK)
        goto done;
    enum pf_err err = store_fact_list(req->store, &fp.q, &l, why, sizeof why);
    if (err != PF_OK) {
        api_error_store(rep, err, why);
        goto done;
    }
    if (l.pos.more) {
        problem_reply(rep, PROB_BAD_REQUEST,
                      "more than %d points match; narrow country, component, "
                      "from or to",
                      MAX_POINTS);
        goto done;
    }
    series_reply(req, &l, rep);
done:
    store_fact_list_free(&l);
    params_free(&fp);
}
