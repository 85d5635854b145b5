/* /v1/targets: targets and milestones (Made in China 2025, the next
 * Five-Year Plan, growth targets) with their programme, deadline and the
 * source's own wording. */
#include <stdlib.h>
#include <string.h>

#include "api/collection.h"
#include "api/handlers.h"
#include "api/params.h"
#include "store/csvcols.h"

const struct pf_pspec targets_params[] = {
    {"programme", P_SET, NULL, 0, 0, NULL},
    {"subject", P_SET, NULL, 0, 0, NULL},
    {"measure", P_SET, NULL, 0, 0, NULL},
    {"deadline", P_YEAR, NULL, 0, 0, NULL},
    PARAMS_FACT_COMMON,
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

/* Adds programme (the programme entity among subject and object),
 * deadline and wording. */
static void decorate(const struct pf_req *req, json_t *fact)
{
    const char *roles[] = {"subject", "object"};
    json_t *programme = json_null();
    for (int i = 0; i < 2; i++) {
        const char *id = json_string_value(json_object_get(fact, roles[i]));
        const struct pf_entity *e = id ? store_entity(req->store, id) : NULL;
        if (e && strcmp(e->type, "programme") == 0) {
            json_decref(programme);
            programme = json_pack("{s:s, s:s}", "id", e->id, "name", e->name);
            break;
        }
    }
    json_object_set_new(fact, "programme", programme);
    json_object_set(fact, "deadline", json_object_get(fact, "target_year"));
    json_object_set(fact, "wording", json_object_get(fact, "value_text"));
}

void h_targets_list(const struct pf_req *req, struct pf_reply *rep)
{
    static const char *const target_kinds[] = {"target", "growth_target"};
    struct fact_params fp = {0};
    struct pf_fact_query *q = &fp.q;

    q->kinds.v[0] = target_kinds[0];
    q->kinds.v[1] = target_kinds[1];
    q->kinds.n = 2;
    if (params_list(req, &fp, "programme", LR_ENTITY, &q->involves, rep) ||
        params_list(req, &fp, "subject", LR_ENTITY, &q->subjects, rep) ||
        params_list(req, &fp, "measure", LR_MEASURE, &q->measures, rep) ||
        params_common(req, &fp, rep))
        goto done;
    const char *deadline = req_param(req, "deadline");
    q->target_year = deadline ? (int)strtol(deadline, NULL, 10) : 0;
    facts_reply(req, &fp, rep, decorate);
    rep->csv_columns = csv_target_columns;
done:
    params_free(&fp);
}
