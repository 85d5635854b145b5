/* Annual series answers (see series.h): facts grouped into one series per
 * (country, measure), in year order, and the reply with its envelope. It
 * must not choose the facts (the handlers do) nor write JSON. */
#include "api/series.h"

#include <stdlib.h>
#include <string.h>

#include "api/api_error.h"
#include "api/envelope.h"
#include "api/facts_page.h"
#include "render/csv_columns.h"
#include "render/envelope.h"
#include "render/problem.h"

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

/* JSON: written as text from the typed points. */
static void json_reply(const struct pf_req *req,
                       const struct render_series *series,
                       size_t ns,
                       enum render_series_style style,
                       struct pf_reply *rep)
{
    const struct render_frags *fr = facts_page_frags(req->store);
    struct buf page;
    buf_init(&page);
    if (!fr) {
        api_error_store(rep, PF_ENOMEM, NULL);
        return;
    }
    render_envelope_open(&page);
    render_series_json(&page, series, ns, style, fr);
    envelope_reply_text(req, rep, &page, (int)ns, -1, NULL);
}

/* CSV, NDJSON: one record per point, through trees. */
static void rows_reply(const struct pf_req *req,
                       const struct render_series *series,
                       size_t ns,
                       enum render_series_style style,
                       struct pf_reply *rep)
{
    json_t *rows = NULL;
    json_t *list = render_series_list(series, ns, style, &rows);
    if (!list) {
        api_error_store(rep, PF_ENOMEM, NULL);
        return;
    }
    if (envelope_reply_unpaged(req, rep, list, rows) == PF_OK)
        rep->csv_columns = render_csv_columns(style == RENDER_SERIES_GDP
                                                  ? RENDER_CSV_GDP
                                                  : RENDER_CSV_INDICATORS);
}

void series_reply(const struct pf_req *req,
                  const struct pf_fact_list *l,
                  enum render_series_style style,
                  struct pf_reply *rep)
{
    if (l->pos.more) {
        problem_reply(rep, PROB_BAD_REQUEST,
                      "more than %d points match; narrow %s, from or to (or "
                      "ask for the latest=N of each series)",
                      SERIES_MAX_POINTS,
                      style == RENDER_SERIES_GDP ? "country, component"
                                                 : "country");
        return;
    }
    const struct pf_fact **sorted = malloc((l->n + 1) * sizeof *sorted);
    struct render_series *series = malloc((l->n + 1) * sizeof *series);
    size_t ns = 0;
    if (sorted && series) {
        for (size_t i = 0; i < l->n; i++)
            sorted[i] = &l->v[i];
        qsort(sorted, l->n, sizeof *sorted, by_series);
        ns = cut(req, sorted, l->n, req_int(req, "latest", 0), series);
    }
    if (!sorted || !series)
        api_error_store(rep, PF_ENOMEM, NULL);
    else if (req->format == PF_FMT_JSON)
        json_reply(req, series, ns, style, rep);
    else
        rows_reply(req, series, ns, style, rep);
    free(sorted);
    free(series);
}

void series_query_annual(const struct pf_req *req, struct pf_fact_query *q)
{
    q->annual_only = true;
    q->ranks = q->as_of ? 0 : PF_RANK_BIT(PF_RANK_preferred);
    q->sort = SORT_ID;
    q->latest = (int)req_int(req, "latest", 0);
    q->limit = SERIES_MAX_POINTS;
}

void series_answer(const struct pf_req *req,
                   const struct pf_fact_query *q,
                   enum render_series_style style,
                   struct pf_reply *rep)
{
    struct pf_fact_list l = {0};
    char why[256];
    enum pf_err err = store_fact_list(req->store, q, &l, why, sizeof why);
    if (err != PF_OK)
        api_error_store(rep, err, why);
    else
        series_reply(req, &l, style, rep);
    store_fact_list_free(&l);
}
