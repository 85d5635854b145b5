/* /v1/targets and /v1/targets/{id}: targets and milestones (Made in China
 * 2025, the Five-Year Plans, the annual growth targets) with their
 * programme, deadline, the source's own wording and their outcome (design
 * C4): the outcome series' figure for the deadline year as known by
 * as_of, judged by the 'same' link's rule, with the proxy links' figures
 * beside it (store_target_outcome). Filters: programme, subject, measure,
 * deadline, status. Must not write a fact's own members: render does
 * (facts_page, render_outcome). */
#include <stdlib.h>
#include <string.h>

#include "api/api_error.h"
#include "api/envelope.h"
#include "api/facts_page.h"
#include "api/handlers.h"
#include "api/params.h"
#include "base/date.h"
#include "render/answers.h"
#include "render/fact_json.h"
#include "render/problem.h"
#include "store/store_outcome.h"

const struct pf_pspec targets_params[] = {
    {"programme", P_SET, NULL, 0, 0, NULL},
    {"subject", P_SET, NULL, 0, 0, NULL},
    {"measure", P_SET, NULL, 0, 0, NULL},
    {"deadline", P_YEAR, NULL, 0, 0, NULL},
    {"status", P_SET, NULL, 0, 0, NULL},
    PARAMS_FACT_COMMON,
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

const struct pf_pspec target_item_params[] = {
    {"as_of", P_DATE, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

static const char *const target_kinds[] = {"target", "growth_target"};

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

/* as_of as the last day it names (2007 means by 2007-12-31); NULL when
 * not given (the parameter table checked its form). */
static const char *as_of_day(const struct pf_req *req, char out[11])
{
    const char *v = req_param(req, "as_of");
    struct pf_date d;
    if (!v || !date_parse(v, strlen(v), &d))
        return NULL;
    date_end(&d, out);
    return out;
}

/* Adds programme, deadline (target_year), wording (value_text) and the
 * outcome. */
static enum pf_err
decorate(const struct pf_req *req, const struct pf_fact *f, json_t *item)
{
    const struct pf_entity *e = programme(req, f);
    char day[11];
    struct pf_target_outcome o;
    enum pf_err err =
        store_target_outcome(req->store, f, as_of_day(req, day), true, &o);
    if (err != PF_OK)
        return err;
    json_t *prog =
        e ? json_pack("{s:s, s:s}", "id", e->id, "name", e->name) : json_null();
    json_t *deadline =
        f->has_target_year ? json_integer(f->target_year) : json_null();
    json_t *wording = f->value_text
                          ? json_stringn(f->value_text, f->value_text_len)
                          : json_null();
    if (json_object_set_new(item, "programme", prog) != 0 ||
        json_object_set_new(item, "deadline", deadline) != 0 ||
        json_object_set_new(item, "wording", wording) != 0 ||
        json_object_set_new(item, "outcome", render_outcome(&o.o)) != 0)
        err = PF_ENOMEM;
    store_target_outcome_free(&o);
    return err;
}

/* The status filter: a row is kept when its outcome's status is asked. */
struct status_filter {
    const struct pf_req *req;
    const char *as_of;
    unsigned statuses; /* a bit per enum pf_outcome_status */
};

static enum pf_err keep_status(const struct pf_fact *f, void *arg, bool *keep)
{
    const struct status_filter *c = arg;
    struct pf_target_outcome o;
    enum pf_err err =
        store_target_outcome(c->req->store, f, c->as_of, false, &o);
    *keep = err == PF_OK && (c->statuses & (1u << o.o.status));
    store_target_outcome_free(&o);
    return err;
}

/* Reads status=met,missed,... into c; PF_OK or a 400 in rep. */
static enum pf_err status_param(const struct pf_req *req,
                                struct fact_params *fp,
                                struct status_filter *c,
                                struct pf_reply *rep)
{
    struct pf_list l;
    enum pf_err err = params_list(req, fp, "status", LR_NONE, &l, rep);
    for (size_t i = 0; err == PF_OK && i < l.n; i++) {
        int s = outcome_status_find(l.v[i]);
        if (s < 0) {
            problem_param(rep, "status",
                          "'%s' is not one of met, missed, pending, no_data",
                          l.v[i]);
            return PF_EINVAL;
        }
        c->statuses |= 1u << s;
    }
    if (err == PF_OK && c->statuses) {
        fp->q.keep = keep_status;
        fp->q.keep_arg = c;
    }
    return err;
}

void h_targets_list(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_fact_query *q = &fp.q;
    struct status_filter st = {req, NULL, 0};

    q->kinds.v[0] = target_kinds[0];
    q->kinds.v[1] = target_kinds[1];
    q->kinds.n = 2;
    if (params_list(req, &fp, "programme", LR_ENTITY, &q->involves, rep) ||
        params_list(req, &fp, "subject", LR_ENTITY, &q->subjects, rep) ||
        params_list(req, &fp, "measure", LR_MEASURE, &q->measures, rep) ||
        params_common(req, &fp, rep) || status_param(req, &fp, &st, rep))
        goto done;
    st.as_of = q->as_of;
    const char *deadline = req_param(req, "deadline");
    q->target_year = deadline ? (int)strtol(deadline, NULL, 10) : 0;
    facts_page_reply(req, &fp, rep, decorate, RENDER_CSV_TARGETS);
done:
    params_free(&fp);
}

static bool is_target(const struct pf_fact *f)
{
    return strcmp(f->kind, target_kinds[0]) == 0 ||
           strcmp(f->kind, target_kinds[1]) == 0;
}

/* Known by as_of: known_from counts from the end of its period. */
static bool known_by(const struct pf_fact *f, const char *as_of)
{
    struct pf_date d;
    char end[11];
    if (!as_of || !f->known_from)
        return true;
    if (!date_parse(f->known_from, f->known_from_len, &d))
        return false;
    date_end(&d, end);
    return strcmp(end, as_of) <= 0;
}

void h_targets_get(const struct pf_req *req, struct pf_reply *rep)
{
    struct pf_fact_list l;
    char day[11];
    const char *as_of = as_of_day(req, day);
    enum pf_err err = store_fact_get(req->store, req->captures[0], &l);
    if (err == PF_OK && (!is_target(&l.v[0]) || !known_by(&l.v[0], as_of))) {
        store_fact_list_free(&l);
        err = PF_ENOTFOUND;
    }
    if (err == PF_ENOTFOUND) {
        problem_reply(rep, PROB_NO_SUCH,
                      as_of ? "no target with this id known by as_of"
                            : "no target with this id (see /v1/targets)");
        return;
    }
    if (err != PF_OK) {
        api_error_store(rep, err, NULL);
        return;
    }
    json_t *item = render_fact_tree(&l.v[0], req->base_url);
    err = item ? decorate(req, &l.v[0], item) : PF_ENOMEM;
    store_fact_list_free(&l);
    if (err != PF_OK) {
        json_decref(item);
        api_error_store(rep, err, NULL);
        return;
    }
    if (envelope_reply_item(req, rep, item) == PF_OK)
        rep->csv_columns = render_csv_columns(RENDER_CSV_TARGETS);
}
