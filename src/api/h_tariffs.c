/* /v1/tariffs (tariff facts over time) and /v1/tariffs/{imposer}/{target}
 * (what was in effect on a day, as known by as_of).
 *
 * The on-day answer is computed by the store's temporal rules
 * (store/tariff_day.h) on the pair's facts: per series the answer with the
 * other sources beside it, the layers combined by series.csv, the computed
 * headline, the estimates with their staleness. This file reads the
 * request and hands the day to render. Must not write JSON:
 * render/tariff_day_json.c writes the document. */
#include <stdlib.h>
#include <string.h>

#include "api/api_error.h"
#include "api/envelope.h"
#include "api/facts_page.h"
#include "api/handlers.h"
#include "api/params.h"
#include "render/answers.h"
#include "render/problem.h"
#include "store/store_temporal.h"
#include "store/tariff_day.h"

const struct pf_pspec tariffs_params[] = {
    {"imposer", P_SET, NULL, 0, 0, NULL},
    {"target", P_SET, NULL, 0, 0, NULL},
    {"kind", P_SET, NULL, 0, 0, NULL},
    {"series", P_SET, NULL, 0, 0, NULL},
    PARAMS_FACT_COMMON,
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

const struct pf_pspec tariff_pair_params[] = {
    {"on", P_DAY, NULL, 0, 0, NULL},
    {"as_of", P_DATE, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

static const char *const tariff_kind[] = {"tariff_rate"};

void h_tariffs_list(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_fact_query *q = &fp.q;

    q->kinds.v[0] = tariff_kind[0];
    q->kinds.n = 1;
    if (params_list(req, &fp, "imposer", LR_ENTITY, &q->subjects, rep) ||
        params_list(req, &fp, "target", LR_ENTITY, &q->objects, rep) ||
        params_list(req, &fp, "kind", LR_CATEGORY, &q->categories, rep) ||
        params_list(req, &fp, "series", LR_NONE, &q->series, rep) ||
        params_common(req, &fp, rep))
        goto done;
    facts_page_reply(req, &fp, rep, NULL, RENDER_CSV_FACTS);
done:
    params_free(&fp);
}

/* The day's answer for the pair, rendered into rep. */
static void on_day_reply(const struct pf_req *req,
                         const struct pf_entity *imp,
                         const struct pf_entity *tgt,
                         struct pf_tfact_list *l,
                         const char *on,
                         const char *as_of,
                         struct pf_reply *rep)
{
    struct pf_day day;
    char *self = envelope_self_url(req);
    json_t *rows = NULL,
           **want_rows = req->format == PF_FMT_JSON ? NULL : &rows;
    json_t *doc = NULL;
    enum pf_err err = tariff_day_compute(l->v, l->n, tgt->id, on, as_of, &day);
    if (err == PF_OK && self) {
        struct render_tariff_day d = {.imposer = imp,
                                      .target = tgt,
                                      .on = on,
                                      .as_of = req_param(req, "as_of"),
                                      .day = &day,
                                      .base = req->base_url,
                                      .version =
                                          store_info(req->store)->version,
                                      .self = self};
        doc = render_tariff_day(&d, want_rows);
    }
    if (doc) {
        reply_json(rep, 200, doc);
        rep->rows = rows;
        rep->csv_columns = render_csv_columns(RENDER_CSV_TARIFF_DAY);
    } else {
        api_error_store(rep, PF_ENOMEM, NULL);
    }
    tariff_day_free(&day);
    free(self);
}

void h_tariffs_on(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_tfact_list l = {0};
    const struct pf_entity *imp =
        store_entity_get(req->store, req->captures[0]);
    const struct pf_entity *tgt =
        store_entity_get(req->store, req->captures[1]);

    if (!imp || !tgt) {
        problem_reply(rep, PROB_NO_SUCH,
                      "unknown %s '%s' (codes are ISO 3166 alpha-3 or as "
                      "listed at /v1/entities)",
                      imp ? "target" : "imposer",
                      imp ? req->captures[1] : req->captures[0]);
        return;
    }
    if (!req_param(req, "on")) {
        problem_param(rep, "on",
                      "required: the day to answer for "
                      "(YYYY-MM-DD)");
        return;
    }
    if (params_common(req, &fp, rep) != PF_OK)
        goto done;
    enum pf_err err = store_pair_facts(req->store, imp->id, tgt->id, &l);
    if (err != PF_OK) {
        api_error_store(rep, err, NULL);
        goto done;
    }
    on_day_reply(req, imp, tgt, &l, fp.q.on, fp.q.as_of, rep);
done:
    store_tfact_list_free(&l);
    params_free(&fp);
}
