/* /v1/targets: targets and milestones (Made in China 2025, the next
 * Five-Year Plan, growth targets) with their programme, deadline and the
 * source's own wording, from the typed fact. Must not write a fact's own
 * members: render does (facts_page). */
#include <stdlib.h>
#include <string.h>

#include "api/facts_page.h"
#include "api/handlers.h"
#include "api/params.h"

const struct pf_pspec targets_params[] = {
    {"programme", P_SET, NULL, 0, 0, NULL},
    {"subject", P_SET, NULL, 0, 0, NULL},
    {"measure", P_SET, NULL, 0, 0, NULL},
    {"deadline", P_YEAR, NULL, 0, 0, NULL},
    PARAMS_FACT_COMMON,
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

/* The programme entity among subject and object, or NULL. */
static const struct pf_entity *programme(const struct pf_req *req,
                                         const struct pf_fact *f)
{
    const char *roles[] = {f->subject, f->object};
    for (int i = 0; i < 2; i++) {
        const struct pf_entity *e =
            roles[i] ? store_entity_get(req->store, roles[i]) : NULL;
        if (e && strcmp(e->type, "programme") == 0)
            return e;
    }
    return NULL;
}

/* Adds programme, deadline (target_year) and wording (value_text). */
static enum pf_err
decorate(const struct pf_req *req, const struct pf_fact *f, json_t *item)
{
    const struct pf_entity *e = programme(req, f);
    json_t *prog =
        e ? json_pack("{s:s, s:s}", "id", e->id, "name", e->name) : json_null();
    json_t *deadline =
        f->has_target_year ? json_integer(f->target_year) : json_null();
    json_t *wording = f->value_text
                          ? json_stringn(f->value_text, f->value_text_len)
                          : json_null();
    if (json_object_set_new(item, "programme", prog) != 0 ||
        json_object_set_new(item, "deadline", deadline) != 0 ||
        json_object_set_new(item, "wording", wording) != 0)
        return PF_ENOMEM;
    return PF_OK;
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
    facts_page_reply(req, &fp, rep, decorate, RENDER_CSV_TARGETS);
done:
    params_free(&fp);
}
