/* /v1/facts and /v1/facts/{id}: every fact, with filters on its
 * dimensions, valid time (from, to, on), knowledge time (as_of), full text
 * (q) and rank. */
#include <string.h>

#include "api/collection.h"
#include "api/handlers.h"
#include "api/params.h"
#include "render/problem.h"
#include "store/csvcols.h"

const char *const format_words[] = {"json", "csv", "ndjson", NULL};
const char *const sort_words[] = {"id",          "-id",        "valid_from",
                                  "-valid_from", "known_from", "-known_from",
                                  NULL};

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
    facts_reply(req, &fp, rep, NULL);
done:
    params_free(&fp);
}

void h_facts_get(const struct pf_req *req, struct pf_reply *rep)
{
    json_t *fact = NULL;
    enum pf_err err = store_fact(req->store, req->captures[0], &fact);
    if (err == PF_ENOTFOUND) {
        problem_reply(rep, PROB_NO_SUCH,
                      "no fact with this id (search with /v1/facts?q=...)");
        return;
    }
    if (err != PF_OK) {
        store_error(rep, err, NULL);
        return;
    }
    link_self(req, fact, "/v1/facts");
    json_t *doc = json_pack("{s:O, s:{s:s}}", "data", fact, "meta",
                            "dataset_version", store_info(req->store)->version);
    reply_json(rep, 200, doc);
    rep->rows = fact; /* one CSV row; the reference moves to the reply */
    rep->csv_columns = csv_fact_columns;
}
