/* /v1/compare: one measure across entities in one period — each entity's
 * value, its ratio to the first entity, its rank, and the fact (with
 * source and quote) behind every number. Without period, the latest
 * period in which every entity has a value is used. */
#include <stdlib.h>
#include <string.h>

#include "api/collection.h"
#include "api/handlers.h"
#include "api/params.h"
#include "base/date.h"
#include "render/problem.h"
#include "store/csvcols.h"

const struct pf_pspec compare_params[] = {
    {"measure", P_TOKEN, NULL, 0, 0, NULL},
    {"entities", P_LIST, NULL, 0, 0, NULL},
    {"period", P_DATE, NULL, 0, 0, NULL},
    {"as_of", P_DATE, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* The fact for entity whose valid_from is the latest not after limit
 * ("" = no bound), that is still valid on or after not_before ("" = no
 * bound) and, when exact_from is set, starts on it. */
static json_t *pick(json_t *facts,
                    const char *entity,
                    const char *limit,
                    const char *not_before,
                    const char *exact_from)
{
    json_t *best = NULL;
    size_t i;
    json_t *f;
    json_array_foreach(facts, i, f)
    {
        const char *vf = str(f, "valid_from");
        if (strcmp(str(f, "subject"), entity) != 0 ||
            !json_is_number(json_object_get(f, "value")) || !*vf)
            continue;
        if (*limit && strcmp(vf, limit) > 0)
            continue;
        /* a value that ended before the period is not the period's value */
        const char *vt = str(f, "valid_to");
        if (*not_before && *vt && strcmp(vt, not_before) < 0)
            continue;
        if (exact_from && strcmp(vf, exact_from) != 0)
            continue;
        if (!best || strcmp(vf, str(best, "valid_from")) > 0)
            best = f;
    }
    return best;
}

/* Latest valid_from shared by every entity's facts; NULL if none. */
static const char *common_start(json_t *facts, const struct pf_list *ents)
{
    const char *best = NULL;
    size_t i;
    json_t *f;
    json_array_foreach(facts, i, f)
    {
        const char *vf = str(f, "valid_from");
        if (!*vf || (best && strcmp(vf, best) <= 0))
            continue;
        bool all = true;
        for (size_t e = 0; e < ents->n && all; e++)
            all = pick(facts, ents->v[e], "", "", vf) != NULL;
        if (all)
            best = vf;
    }
    return best;
}

static int by_value_desc(const void *a, const void *b)
{
    double x = json_number_value(*(json_t *const *)a);
    double y = json_number_value(*(json_t *const *)b);
    return (x < y) - (x > y);
}

void h_compare(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_fact_query *q = &fp.q;
    struct pf_fact_page page = {0};
    char why[256], end[11], begin[11];
    struct pf_list ents;
    const char *mid = req_param(req, "measure");

    if (!mid || !req_param(req, "entities")) {
        problem_param(rep, mid ? "entities" : "measure",
                      "required (e.g. measure=gross_capital_formation_share_"
                      "of_gdp&entities=CHN,USA)");
        goto done;
    }
    const struct pf_measure *m = store_measure(req->store, mid);
    if (!m) {
        problem_param(rep, "measure", "unknown measure '%s' (see /v1/measures)",
                      mid);
        goto done;
    }
    if (params_list(req, &fp, "entities", LR_ENTITY, &ents, rep))
        goto done;
    if (ents.n < 2) {
        problem_param(rep, "entities", "give at least two entities");
        goto done;
    }
    const char *period = req_param(req, "period");
    struct pf_date pd;
    end[0] = begin[0] = '\0';
    if (period && date_parse(period, strlen(period), &pd)) {
        date_end(&pd, end);
        date_start(&pd, begin);
    }
    if (params_common(req, &fp, rep)) /* as_of */
        goto done;
    q->measures.v[0] = m->id;
    q->measures.n = 1;
    q->subjects = ents;
    q->ranks = q->as_of ? 0 : RANK_PREFERRED;
    q->sort = SORT_ID;
    q->limit = 100000;
    enum pf_err err = store_facts(req->store, q, &page, why, sizeof why);
    if (err != PF_OK) {
        store_error(rep, err, why);
        goto done;
    }
    const char *start = period ? NULL : common_start(page.items, &ents);
    if (!period && !start) {
        problem_reply(rep, PROB_NO_SUCH,
                      "no period in which every entity has a value for %s; "
                      "give period=",
                      m->id);
        goto done;
    }
    json_t *data = json_array();
    json_t *values[PF_MAX_LIST];
    double base = 0;
    for (size_t e = 0; e < ents.n; e++) {
        json_t *f = pick(page.items, ents.v[e], end, begin, start);
        const struct pf_entity *ent = store_entity(req->store, ents.v[e]);
        json_t *v = f ? json_object_get(f, "value") : json_null();
        double x = json_number_value(v);
        if (e == 0)
            base = x;
        json_t *fact = f ? json_deep_copy(f) : json_null();
        if (f)
            link_self(req, fact, "/v1/facts");
        json_t *row =
            json_pack("{s:{s:s, s:s}, s:O, s:o, s:n, s:o}", "entity", "id",
                      ent->id, "name", ent->name, "value", v, "ratio_to_first",
                      (f && base != 0) ? json_real(x / base) : json_null(),
                      "rank", "fact", fact);
        json_array_append_new(data, row);
        values[e] = v;
    }
    /* rank 1 = largest value; entities without a value get no rank */
    json_t *sorted[PF_MAX_LIST];
    memcpy(sorted, values, ents.n * sizeof *sorted);
    qsort(sorted, ents.n, sizeof *sorted, by_value_desc);
    for (size_t e = 0; e < ents.n; e++) {
        if (!json_is_number(values[e]))
            continue;
        for (size_t r = 0; r < ents.n; r++)
            if (json_number_value(sorted[r]) == json_number_value(values[e])) {
                json_object_set_new(json_array_get(data, e), "rank",
                                    json_integer((json_int_t)r + 1));
                break;
            }
    }
    json_t *first = json_object_get(json_array_get(data, 0), "fact");
    char *self = req_url_query(req, req->path, req->raw_query);
    json_t *doc = json_pack(
        "{s:{s:s, s:s, s:s, s:s?}, s:s?, s:s, s:o, s:{s:s}, s:{s:s?}}",
        "measure", "id", m->id, "name", m->name, "unit", m->unit, "code",
        m->code, "period",
        period                    ? period
        : str(first, "period")[0] ? str(first, "period")
                                  : start,
        "base", ents.v[0], "data", data, "meta", "dataset_version",
        store_info(req->store)->version, "links", "self", self);
    free(self);
    reply_json(rep, 200, doc);
    rep->rows = json_incref(json_object_get(doc, "data"));
    rep->csv_columns = csv_compare_columns;
done:
    fact_page_free(&page);
    params_free(&fp);
}
