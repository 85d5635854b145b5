/* The document of /v1/tariffs/{imposer}/{target}?on=D (see answers.h):
 * the computed day (store/tariff_day.h) written member by member — the
 * computed headline with its parts beside the stated one, the average and
 * effective estimates with their observation and staleness, the layers of
 * the pair, the worldwide ones that apply, the replaced ones, and the
 * series whose only facts in force are deprecated. Must not pick, sort or
 * group facts: tariff_day.c decided all of it. */
#include <stdlib.h>
#include <string.h>

#include "render/answers.h"
#include "render/fact_json.h"

#define HEADLINE_RULE                                                          \
    "sum of the answers of the applicable layers (the pair's and the "         \
    "worldwide ones not replaced for it) that cover all goods and are "        \
    "additional duties; null when none applies"

static bool set(json_t *o, const char *k, json_t *v)
{
    return json_object_set_new(o, k, v) == 0;
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static const char *const role_names[] = {
    [DAY_HEADLINE] = "headline_total",
    [DAY_AVERAGE] = "average",
    [DAY_MEASURE] = "measure",
    [DAY_EFFECTIVE] = "effective",
    [DAY_ALSO_APPLICABLE] = "also_applicable",
    [DAY_NOT_APPLICABLE] = "not_applicable",
    [DAY_DEPRECATED] = "deprecated",
};

/* A fact of the day: the fact, with whether its start is unknown. */
static json_t *day_fact(const struct pf_tfact *t, const char *base)
{
    json_t *o = render_fact_tree(&t->f, base);
    if (o && !set(o, "start_unknown", json_boolean(t->start_unknown))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *layer_tree(const struct pf_series *s)
{
    if (!s)
        return json_null();
    return json_pack("{s:s, s:s?, s:s?, s:s, s:s, s:s?}", "series", s->id,
                     "name", s->name, "authority", s->authority, "scope",
                     s->scope, "combines", s->combines, "replaces",
                     s->replaces);
}

static json_t *stale_list(const struct pf_day_group *g)
{
    json_t *ids = json_array();
    for (size_t i = 0; ids && i < g->nstale; i++)
        if (json_array_append_new(ids,
                                  json_string(g->stale_because[i]->f.id))) {
            json_decref(ids);
            return NULL;
        }
    return ids;
}

/* The estimate members of an answer. */
static bool estimate_members(json_t *o, const struct pf_day_group *g)
{
    return set(o, "observed_on", jstr(g->observed_on)) &&
           set(o, "age_days", json_integer(g->age_days)) &&
           set(o, "stale", json_boolean(g->stale)) &&
           set(o, "stale_because", stale_list(g));
}

/* A series' answer with the other sources beside it. */
static json_t *answer_tree(const struct pf_day_group *g, const char *base)
{
    json_t *o = day_fact(g->facts[0], base);
    json_t *others = json_array();
    bool ok = o && others;
    for (size_t i = 1; ok && i < g->n; i++)
        ok = json_array_append_new(others, day_fact(g->facts[i], base)) == 0;
    ok = o && set(o, "other_sources", others) && ok;
    if (ok && (g->role == DAY_AVERAGE || g->role == DAY_EFFECTIVE))
        ok = estimate_members(o, g);
    else if (ok)
        ok = set(o, "layer", layer_tree(g->series));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *headline_tree(const struct pf_day *day, const char *base)
{
    json_t *parts = json_array();
    for (size_t i = 0; parts && i < day->nparts; i++) {
        const struct pf_tfact *a = day->parts[i]->facts[0];
        if (json_array_append_new(
                parts, json_pack("{s:s, s:s, s:f}", "series", a->f.series,
                                 "fact_id", a->f.id, "value", a->f.value))) {
            json_decref(parts);
            parts = NULL;
        }
    }
    json_t *stated = day->stated ? answer_tree(day->stated, base) : json_null();
    if (!parts || !stated) {
        json_decref(parts);
        json_decref(stated);
        return NULL;
    }
    return json_pack("{s:o, s:s, s:b, s:s, s:o, s:o, s:o}", "value",
                     day->has_total ? json_real(day->total) : json_null(),
                     "unit", "percent", "computed", 1, "rule", HEADLINE_RULE,
                     "parts", parts, "stated", stated, "matches_stated",
                     day->matches_stated < 0
                         ? json_null()
                         : json_boolean(day->matches_stated));
}

/* One group into its place in the document. */
static bool place(json_t *doc, const struct pf_day_group *g, const char *base)
{
    static const char *const lists[] = {
        [DAY_MEASURE] = "measures",
        [DAY_EFFECTIVE] = "effective",
        [DAY_ALSO_APPLICABLE] = "also_applicable",
    };
    switch (g->role) {
    case DAY_HEADLINE: /* in headline_total.stated */
        return true;
    case DAY_AVERAGE:
        /* one average: the first series (others would be effective) */
        if (json_is_null(json_object_get(doc, "average")))
            return set(doc, "average", answer_tree(g, base));
        return json_array_append_new(json_object_get(doc, "effective"),
                                     answer_tree(g, base)) == 0;
    case DAY_NOT_APPLICABLE:
        return json_array_append_new(json_object_get(doc, "not_applicable"),
                                     json_pack("{s:s, s:s, s:s}", "series",
                                               g->series_id, "replaced_by",
                                               g->replaced_by, "fact_id",
                                               g->facts[0]->f.id)) == 0;
    case DAY_DEPRECATED:
        for (size_t i = 0; i < g->n; i++)
            if (json_array_append_new(json_object_get(doc, "deprecated"),
                                      day_fact(g->facts[i], base)))
                return false;
        return true;
    default:
        return json_array_append_new(json_object_get(doc, lists[g->role]),
                                     answer_tree(g, base)) == 0;
    }
}

static bool day_members(json_t *doc, const struct render_tariff_day *d)
{
    static const char *const arrays[] = {"measures", "effective",
                                         "also_applicable", "not_applicable",
                                         "deprecated"};
    bool ok = set(doc, "headline_total", headline_tree(d->day, d->base)) &&
              set(doc, "average", json_null());
    for (size_t i = 0; ok && i < sizeof arrays / sizeof *arrays; i++)
        ok = set(doc, arrays[i], json_array());
    for (size_t i = 0; ok && i < d->day->ngroups; i++)
        ok = place(doc, &d->day->groups[i], d->base);
    return ok;
}

/* The CSV records of one group: each fact with its role. */
static bool
group_rows(json_t *rows, const struct pf_day_group *g, const char *base)
{
    bool estimate = g->role == DAY_AVERAGE || g->role == DAY_EFFECTIVE;
    for (size_t i = 0; i < g->n; i++) {
        json_t *r = day_fact(g->facts[i], base);
        bool ok = r && set(r, "role", json_string(role_names[g->role])) &&
                  set(r, "answer",
                      json_boolean(i == 0 && g->role != DAY_DEPRECATED)) &&
                  set(r, "replaced_by", jstr(g->replaced_by));
        if (ok && estimate)
            ok = estimate_members(r, g);
        if (!ok || json_array_append_new(rows, r) != 0)
            return false;
    }
    return true;
}

static json_t *entity_ref(const struct pf_entity *e)
{
    return json_pack("{s:s, s:s}", "id", e->id, "name", e->name);
}

json_t *render_tariff_day(const struct render_tariff_day *d, json_t **rows)
{
    json_t *doc = json_pack(
        "{s:o, s:o, s:s, s:s?}", "imposer", entity_ref(d->imposer), "target",
        entity_ref(d->target), "on", d->on, "as_of", d->as_of);
    bool ok = doc != NULL && day_members(doc, d);
    ok = ok &&
         set(doc, "meta", json_pack("{s:s}", "dataset_version", d->version));
    ok = ok && set(doc, "links", json_pack("{s:s}", "self", d->self));
    if (ok && rows) {
        *rows = json_array();
        ok = *rows != NULL;
        for (size_t i = 0; ok && i < d->day->ngroups; i++)
            ok = group_rows(*rows, &d->day->groups[i], d->base);
    }
    if (!ok) {
        json_decref(doc);
        if (rows) {
            json_decref(*rows);
            *rows = NULL;
        }
        return NULL;
    }
    return doc;
}
