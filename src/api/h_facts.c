/* /v1/facts and /v1/facts/{id}: every fact, with filters on its
 * dimensions, valid time (from, to, on), knowledge time (as_of), full text
 * (q) and rank. Must not write JSON itself: facts_page and render do. */
#include <string.h>

#include "api/api_error.h"
#include "api/envelope.h"
#include "api/facts_page.h"
#include "api/handlers.h"
#include "api/params.h"
#include "render/fact_json.h"
#include "render/problem.h"

const struct pf_pspec facts_params[] = {
    {"kind", P_SET, NULL, 0, 0, NULL},
    {"subject", P_SET, NULL, 0, 0, NULL},
    {"object", P_SET, NULL, 0, 0, NULL},
    {"measure", P_SET, NULL, 0, 0, NULL},
    {"series", P_SET, NULL, 0, 0, NULL},
    {"source", P_SET, NULL, 0, 0, NULL},
    PARAMS_FACT_COMMON,
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

void h_facts_list(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_fact_query *q = &fp.q;

    if (params_list(req, &fp, "kind", LR_KIND, &q->kinds, rep) ||
        params_list(req, &fp, "subject", LR_ENTITY, &q->subjects, rep) ||
        params_list(req, &fp, "object", LR_ENTITY, &q->objects, rep) ||
        params_list(req, &fp, "measure", LR_MEASURE, &q->measures, rep) ||
        params_list(req, &fp, "series", LR_NONE, &q->series, rep) ||
        params_list(req, &fp, "source", LR_SOURCE, &q->sources, rep) ||
        params_common(req, &fp, rep))
        goto done;
    facts_page_reply(req, &fp, rep, NULL, RENDER_CSV_FACTS);
done:
    params_free(&fp);
}

void h_facts_get(const struct pf_req *req, struct pf_reply *rep)
{
    struct pf_fact_list l;
    enum pf_err err = store_fact_get(req->store, req->captures[0], &l);
    if (err == PF_ENOTFOUND) {
        problem_reply(rep, PROB_NO_SUCH,
                      "no fact with this id (search with /v1/facts?q=...)");
        return;
    }
    if (err != PF_OK) {
        api_error_store(rep, err, NULL);
        return;
    }
    json_t *fact = render_fact_tree(&l.v[0], req->base_url);
    store_fact_list_free(&l);
    if (envelope_reply_item(req, rep, fact) == PF_OK)
        rep->csv_columns = render_csv_columns(RENDER_CSV_FACTS);
}
