/* /v1/tariffs (tariff facts over time) and /v1/tariffs/{imposer}/{target}
 * (what was in effect on a day).
 *
 * The on-day answer groups the facts in force by question — one tariff
 * layer, average or headline total starting on one day — and shows the
 * preferred source's figure with the other sources' figures beside it,
 * instead of hiding disagreement. */
#include <stdlib.h>
#include <string.h>

#include "api/collection.h"
#include "api/handlers.h"
#include "api/params.h"
#include "render/problem.h"
#include "store/csvcols.h"

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
    facts_reply(req, &fp, rep, NULL);
done:
    params_free(&fp);
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* Facts of one question share object, measure, series and start. */
static bool same_question(json_t *a, json_t *b)
{
    static const char *const keys[] = {"object", "measure", "series",
                                       "valid_from"};
    for (size_t i = 0; i < PF_ARRAY_LEN(keys); i++)
        if (strcmp(str(a, keys[i]), str(b, keys[i])) != 0)
            return false;
    return true;
}

static int rank_order(json_t *f)
{
    const char *r = str(f, "rank");
    return r[0] == 'p' ? 0 : r[0] == 'n' ? 1 : 2;
}

/* Question (object, measure, series, start), then rank, then id. */
static int by_question_rank(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    static const char *const keys[] = {"object", "measure", "series",
                                       "valid_from"};
    for (size_t i = 0; i < PF_ARRAY_LEN(keys); i++) {
        int c = strcmp(str(x, keys[i]), str(y, keys[i]));
        if (c)
            return c;
    }
    int r = rank_order(x) - rank_order(y);
    return r ? r : strcmp(str(x, "id"), str(y, "id"));
}

/* Moves each question's first fact (the store orders preferred first)
 * into an answer object with the rest as other_sources. */
static json_t *answers(json_t *facts)
{
    json_t *out = json_array();
    size_t i = 0, n = json_array_size(facts);
    while (i < n) {
        json_t *answer = json_deep_copy(json_array_get(facts, i));
        json_t *others = json_array();
        size_t j = i + 1;
        for (; j < n && same_question(json_array_get(facts, i),
                                      json_array_get(facts, j));
             j++)
            json_array_append(others, json_array_get(facts, j));
        json_object_set_new(answer, "other_sources", others);
        json_array_append_new(out, answer);
        i = j;
    }
    return out;
}

static json_t *entity_json(const struct pf_entity *e)
{
    return json_pack("{s:s, s:s}", "id", e->id, "name", e->name);
}

/* Buckets answers by role; returns the flat CSV rows. */
static json_t *arrange(json_t *doc, json_t *list, const char *target)
{
    json_t *rows = json_array();
    json_t *total = json_null(), *average = json_null();
    json_t *measures = json_array(), *general = json_array(),
           *effective = json_array();
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a)
    {
        const char *cat = str(a, "category");
        const char *role;
        if (strcmp(str(a, "object"), target) != 0) {
            json_array_append(general, a);
            role = "also_applicable";
        } else if (strcmp(cat, "total") == 0 &&
                   strcmp(str(a, "measure"), "headline_total_tariff_rate") ==
                       0 &&
                   json_is_null(total)) {
            total = json_incref(a);
            role = "headline_total";
        } else if (strcmp(cat, "average") == 0 && json_is_null(average)) {
            average = json_incref(a);
            role = "average";
        } else if (strcmp(cat, "effective") == 0) {
            json_array_append(effective, a);
            role = "effective";
        } else {
            json_array_append(measures, a);
            role = "measure";
        }
        /* CSV: the answer, then each other source, all labelled */
        json_t *row = json_deep_copy(a);
        json_object_del(row, "other_sources");
        json_object_set_new(row, "role", json_string(role));
        json_object_set_new(row, "answer", json_true());
        json_array_append_new(rows, row);
        size_t k;
        json_t *o;
        json_array_foreach(json_object_get(a, "other_sources"), k, o)
        {
            row = json_deep_copy(o);
            json_object_set_new(row, "role", json_string(role));
            json_object_set_new(row, "answer", json_false());
            json_array_append_new(rows, row);
        }
    }
    json_object_set_new(doc, "headline_total", total);
    json_object_set_new(doc, "average", average);
    json_object_set_new(doc, "measures", measures);
    json_object_set_new(doc, "effective", effective);
    json_object_set_new(doc, "also_applicable", general);
    return rows;
}

void h_tariffs_on(const struct pf_req *req, struct pf_reply *rep)
{
    struct fact_params fp = {0};
    struct pf_fact_query *q = &fp.q;
    struct pf_fact_page page = {0};
    const struct pf_entity *imp = store_entity(req->store, req->captures[0]);
    const struct pf_entity *tgt = store_entity(req->store, req->captures[1]);
    char why[256];

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
    if (params_common(req, &fp, rep))
        goto done;
    static const char *const all_origins = "WLD";
    q->kinds.v[0] = tariff_kind[0];
    q->kinds.n = 1;
    q->subjects.v[0] = imp->id;
    q->subjects.n = 1;
    q->objects.v[q->objects.n++] = tgt->id;
    if (strcmp(tgt->id, all_origins) != 0)
        q->objects.v[q->objects.n++] = all_origins;
    q->sort = SORT_ID;
    q->limit = 10000;
    enum pf_err err = store_facts(req->store, q, &page, why, sizeof why);
    if (err != PF_OK) {
        store_error(rep, err, why);
        goto done;
    }
    /* The store sorts by id. Each question's facts together, best rank
     * first: one sort, then answers() groups neighbours (linear in the
     * facts in force). */
    json_t *sorted = items_sorted(page.items, by_question_rank);
    if (!sorted) {
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        goto done;
    }
    size_t i;
    json_t *f;
    json_array_foreach(sorted, i, f) link_self(req, f, "/v1/facts");
    json_t *list = answers(sorted);
    json_decref(sorted);

    json_t *doc = json_pack("{s:o, s:o, s:s, s:s?}", "imposer",
                            entity_json(imp), "target", entity_json(tgt), "on",
                            q->on, "as_of", req_param(req, "as_of"));
    json_t *rows = arrange(doc, list, tgt->id);
    json_decref(list);
    if (!json_object_get(doc, "as_of"))
        json_object_set_new(doc, "as_of", json_null());
    json_object_set_new(
        doc, "meta",
        json_pack("{s:s}", "dataset_version", store_info(req->store)->version));
    char *self = req_url_query(req, req->path, req->raw_query);
    json_object_set_new(doc, "links", json_pack("{s:s?}", "self", self));
    free(self);
    reply_json(rep, 200, doc);
    rep->rows = rows;
    rep->csv_columns = csv_tariff_day_columns;
done:
    fact_page_free(&page);
    params_free(&fp);
}
