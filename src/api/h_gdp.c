/* /v1/gdp-shares: annual GDP composition series (World Bank WDI), one per
 * (country, component), each with its points and sources. Components are
 * named (consumption, household_consumption, investment, manufacturing,
 * exports, imports, industry, agriculture, savings: the measures with a
 * World Bank code and a category) or given as World Bank codes. This file
 * maps the parameters onto a store query; series.c groups the facts. Must
 * not write JSON. */
#include "base/buf.h"

#include "api/api_error.h"
#include "api/envelope.h"
#include "api/handlers.h"
#include "api/params.h"
#include "api/series.h"
#include "render/problem.h"

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

/* A GDP component is a measure with a World Bank code and a category (the
 * component's name): measures.csv's and the WDI manifest's gdp_share
 * rows. */
static bool is_component(const struct pf_measure *m)
{
    return m->code && m->category;
}

/* "consumption, exports, ..." */
static void component_names(const struct pf_req *req, struct buf *b)
{
    size_t n;
    const struct pf_measure *m = store_measure_list(req->store, &n);
    for (size_t i = 0; i < n; i++)
        if (is_component(&m[i]))
            buf_printf(b, "%s%s", b->len ? ", " : "", m[i].category);
}

/* component names or WDI codes -> measure ids; none given: every
 * component */
static enum pf_err map_components(const struct pf_req *req,
                                  struct fact_params *fp,
                                  struct pf_reply *rep)
{
    struct pf_list comps, *out = &fp->q.measures;
    enum pf_err err = params_list(req, fp, "component", LR_NONE, &comps, rep);
    if (err != PF_OK)
        return err;
    for (size_t i = 0; i < comps.n; i++) {
        const struct pf_measure *m = store_measure_find(req->store, comps.v[i]);
        if (!m || !is_component(m)) {
            struct buf names;
            buf_init(&names);
            component_names(req, &names);
            problem_param(rep, "component",
                          "unknown component '%s' (%s, or a World Bank code "
                          "such as NE.CON.PRVT.ZS)",
                          comps.v[i], buf_cstr(&names));
            buf_free(&names);
            return PF_EINVAL;
        }
        out->v[out->n++] = m->id;
    }
    size_t n;
    const struct pf_measure *m = store_measure_list(req->store, &n);
    for (size_t i = 0; comps.n == 0 && i < n && out->n < PF_FACT_LIST_MAX; i++)
        if (is_component(&m[i]))
            out->v[out->n++] = m[i].id;
    return PF_OK;
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
    series_query_annual(req, q);
    return PF_OK;
}

void h_gdp_shares(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};

    if (gdp_query(req, &fp, rep) != PF_OK)
        goto done;
    series_answer(req, &fp.q, RENDER_SERIES_GDP, rep);
done:
    params_free(&fp);
}
