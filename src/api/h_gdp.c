/* /v1/gdp-shares: annual GDP composition series (World Bank WDI), one per
 * (country, component), each with its points and sources. Components are
 * named (consumption, household_consumption, investment, manufacturing,
 * exports) or given as WDI codes. */
#include <stdlib.h>
#include <string.h>

#include "api/collection.h"
#include "api/handlers.h"
#include "api/params.h"
#include "render/problem.h"
#include "store/csvcols.h"

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
static int map_components(const struct pf_req *req,
                          struct fact_params *fp,
                          struct pf_reply *rep)
{
    struct pf_list comps;
    if (params_list(req, fp, "component", LR_NONE, &comps, rep))
        return -1;
    for (size_t i = 0; i < comps.n; i++) {
        const struct pf_measure *m =
            store_measure_lookup(req->store, comps.v[i]);
        if (!m) {
            problem_param(rep, "component",
                          "unknown component '%s' (consumption, "
                          "household_consumption, investment, "
                          "manufacturing, exports, or a WDI code such as "
                          "NE.CON.PRVT.ZS)",
                          comps.v[i]);
            return -1;
        }
        fp->q.measures.v[fp->q.measures.n++] = m->id;
    }
    static const char *const all[] = {"consumption", "household_consumption",
                                      "investment", "manufacturing", "exports"};
    for (size_t i = 0; comps.n == 0 && i < PF_ARRAY_LEN(all); i++) {
        const struct pf_measure *m = store_measure_lookup(req->store, all[i]);
        if (m) /* no component given: every one the data has */
            fp->q.measures.v[fp->q.measures.n++] = m->id;
    }
    return 0;
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static json_t *new_series(const struct pf_req *req, json_t *fact)
{
    const struct pf_entity *e = store_entity(req->store, str(fact, "subject"));
    const struct pf_measure *m =
        store_measure(req->store, str(fact, "measure"));
    return json_pack("{s:{s:s, s:s?}, s:s?, s:{s:s, s:s, s:s?, s:s}, s:[], "
                     "s:[]}",
                     "country", "id", str(fact, "subject"), "name",
                     e ? e->name : NULL, "component", m ? m->category : NULL,
                     "measure", "id", m ? m->id : "", "name", m ? m->name : "",
                     "code", m ? m->code : NULL, "unit", m ? m->unit : "",
                     "sources", "points");
}

static void add_source(json_t *series, json_t *source)
{
    json_t *list = json_object_get(series, "sources");
    size_t i;
    json_t *s;
    json_array_foreach(list, i, s) if (json_equal(s, source)) return;
    json_array_append(list, source);
}

/* Keeps the last n points of each series (World Bank's MRV). */
static void keep_latest(json_t *series_list, long n)
{
    size_t i;
    json_t *series;
    json_array_foreach(series_list, i, series)
    {
        json_t *pts = json_object_get(series, "points");
        while ((long)json_array_size(pts) > n)
            json_array_remove(pts, 0);
    }
}

static json_t *csv_rows(json_t *series_list)
{
    json_t *rows = json_array();
    size_t i, k;
    json_t *series, *p;
    json_array_foreach(series_list, i, series)
    {
        json_t *m = json_object_get(series, "measure");
        json_array_foreach(json_object_get(series, "points"), k, p)
        {
            json_t *row = json_pack(
                "{s:O, s:O, s:O, s:O}", "country",
                json_object_get(json_object_get(series, "country"), "id"),
                "component", json_object_get(series, "component"),
                "indicator_code", json_object_get(m, "code"), "unit",
                json_object_get(m, "unit"));
            json_object_update(row, p);
            json_array_append_new(rows, row);
        }
    }
    return rows;
}

/* Series order: country, measure, then year. */
static int by_series(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    static const char *const keys[] = {"subject", "measure", "period"};
    for (int i = 0; i < 3; i++) {
        int c = strcmp(str(x, keys[i]), str(y, keys[i]));
        if (c)
            return c;
    }
    return 0;
}

void h_gdp_shares(const struct pf_req *req, struct pf_reply *rep)
{
    static const char *const gdp_kind = "gdp_share";
    struct fact_params fp = {0};
    struct pf_fact_query *q = &fp.q;
    struct pf_fact_page page = {0};
    char why[256];

    if (params_list(req, &fp, "country", LR_ENTITY, &q->subjects, rep) ||
        map_components(req, &fp, rep))
        goto done;
    if (params_common(req, &fp, rep)) /* from, to (years), as_of */
        goto done;
    q->kinds.v[0] = gdp_kind;
    q->kinds.n = 1;
    q->annual_only = true;
    /* one point per year: the preferred answer (or the as_of answer) */
    q->ranks = q->as_of ? 0 : RANK_PREFERRED;
    q->sort = SORT_ID;
    q->limit = MAX_POINTS;
    enum pf_err err = store_facts(req->store, q, &page, why, sizeof why);
    if (err != PF_OK) {
        store_error(rep, err, why);
        goto done;
    }
    if (page.more) {
        problem_reply(rep, PROB_BAD_REQUEST,
                      "more than %d points match; narrow country, component, "
                      "from or to",
                      MAX_POINTS);
        goto done;
    }
    json_t *facts = items_sorted(page.items, by_series);
    if (!facts) {
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        goto done;
    }
    json_t *list = json_array(), *cur = NULL, *f;
    size_t i;
    json_array_foreach(facts, i, f)
    {
        if (!cur ||
            strcmp(str(f, "subject"),
                   str(json_object_get(cur, "country"), "id")) ||
            strcmp(str(f, "measure"),
                   str(json_object_get(cur, "measure"), "id"))) {
            cur = new_series(req, f);
            json_array_append_new(list, cur);
        }
        json_t *src = json_object_get(f, "source");
        add_source(cur, src);
        const char *period = str(f, "period");
        json_array_append_new(
            json_object_get(cur, "points"),
            json_pack("{s:i, s:O, s:O, s:O, s:s}", "year",
                      (int)strtol(period, NULL, 10), "value",
                      json_object_get(f, "value"), "qualifier",
                      json_object_get(f, "qualifier"), "fact_id",
                      json_object_get(f, "id"), "source_id", str(src, "id")));
    }
    json_decref(facts);
    long latest = req_int(req, "latest", 0);
    if (latest > 0)
        keep_latest(list, latest);
    json_t *rows = csv_rows(list);
    char *self = req_url_query(req, req->path, req->raw_query);
    json_t *doc =
        json_pack("{s:o, s:{s:I, s:s}, s:{s:s?}}", "data", list, "meta",
                  "count", (json_int_t)json_array_size(list), "dataset_version",
                  store_info(req->store)->version, "links", "self", self);
    free(self);
    reply_json(rep, 200, doc);
    rep->rows = rows;
    rep->csv_columns = csv_gdp_columns;
done:
    fact_page_free(&page);
    params_free(&fp);
}
