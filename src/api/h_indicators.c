/* /v1/indicators/{measure}: any measure's annual series, one per country
 * (an economy or an aggregate), each with its points and sources, in the
 * style of /v1/gdp-shares. The measure is its id or its World Bank code
 * (NY.GDP.MKTP.KD.ZG). This file maps the parameters onto a store query;
 * series.c groups the facts. Must not write JSON. */
#include "api/api_error.h"
#include "api/handlers.h"
#include "api/params.h"
#include "api/series.h"
#include "render/problem.h"

const struct pf_pspec indicator_params[] = {
    {"country", P_SET, NULL, 0, 0, NULL},
    {"from", P_YEAR, NULL, 0, 0, NULL},
    {"to", P_YEAR, NULL, 0, 0, NULL},
    {"latest", P_INT, NULL, 1, 1000, NULL},
    {"as_of", P_DATE, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

/* country, from, to, latest, as_of: PF_OK or a problem in rep. */
static enum pf_err indicator_query(const struct pf_req *req,
                                   const struct pf_measure *m,
                                   struct fact_params *fp,
                                   struct pf_reply *rep)
{
    struct pf_fact_query *q = &fp->q;
    enum pf_err err =
        params_list(req, fp, "country", LR_ENTITY, &q->subjects, rep);
    if (err == PF_OK)
        err = params_common(req, fp, rep); /* from, to (years), as_of */
    if (err != PF_OK)
        return err;
    q->measures.v[0] = m->id;
    q->measures.n = 1;
    series_query_annual(req, q);
    return PF_OK;
}

void h_indicators(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    const struct pf_measure *m =
        store_measure_lookup(req->store, req->captures[0]);

    if (!m) {
        problem_reply(rep, PROB_NO_SUCH,
                      "no measure with this id or World Bank code (see "
                      "/v1/measures)");
        return;
    }
    if (indicator_query(req, m, &fp, rep) != PF_OK)
        goto done;
    series_answer(req, &fp.q, RENDER_SERIES_INDICATOR, rep);
done:
    params_free(&fp);
}
