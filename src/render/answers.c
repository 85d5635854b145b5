/* Documents of the computed answers (see answers.h): comparisons, GDP
 * series (tariffs on a day: tariff_day_json.c). The handlers decide what the
 * answer is; this file only writes it, member by member in the order clients
 * have always seen. Must not pick, sort or group facts. */
#include "render/answers.h"

#include <stdlib.h>
#include <string.h>

#include "render/fact_json.h"

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* ---- compare ----------------------------------------------------------- */

static json_t *compare_row(const struct render_compare_row *r, const char *base)
{
    const struct pf_fact *f = r->fact;
    json_t *fact = f ? render_fact_tree(f, base) : json_null();
    if (!fact)
        return NULL;
    return json_pack(
        "{s:{s:s, s:s, s:s}, s:o, s:o, s:o, s:o}", "entity", "id",
        r->entity->id, "name", r->entity->name, "type", r->entity->type,
        "value", f && f->has_value ? json_real(f->value) : json_null(),
        "ratio_to_first", r->has_ratio ? json_real(r->ratio) : json_null(),
        "rank", r->rank ? json_integer(r->rank) : json_null(), "fact", fact);
}

json_t *render_compare(const struct render_compare *c)
{
    const struct pf_measure *m = c->measure;
    json_t *data = json_array();
    for (size_t i = 0; data && i < c->n; i++)
        if (json_array_append_new(data, compare_row(&c->rows[i], c->base))) {
            json_decref(data);
            data = NULL;
        }
    if (!data)
        return NULL;
    return json_pack(
        "{s:{s:s, s:s, s:s, s:s?}, s:s?, s:s, s:o, s:{s:s}, s:{s:s}}",
        "measure", "id", m->id, "name", m->name, "unit", m->unit, "code",
        m->code, "period", c->period, "base", c->base_entity, "data", data,
        "meta", "dataset_version", c->version, "links", "self", c->self);
}

/* ---- annual series ----------------------------------------------------- */

static json_t *source_tree(const struct pf_source *s)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "id", jstr(s->id),
                     "title", jstr(s->title), "publisher", jstr(s->publisher),
                     "url", jstr(s->url), "published", jstr(s->published),
                     "license", jstr(s->license));
}

/* Each point's source once, in the order first seen. */
static json_t *series_sources(const struct render_series *s)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < s->npoints; i++) {
        const struct pf_source *src = s->points[i]->source_ref;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = s->points[k]->source_ref == src;
        if (!seen && json_array_append_new(list, source_tree(src)) != 0) {
            json_decref(list);
            list = NULL;
        }
    }
    return list;
}

static json_t *point(const struct pf_fact *f)
{
    return json_pack("{s:i, s:o, s:o, s:s, s:s}", "year",
                     (int)strtol(f->period ? f->period : "", NULL, 10), "value",
                     f->has_value ? json_real(f->value) : json_null(),
                     "qualifier", jstr(f->qualifier), "fact_id", f->id,
                     "source_id", f->source_ref->id ? f->source_ref->id : "");
}

static json_t *series_tree(const struct render_series *s,
                           enum render_series_style style)
{
    const struct pf_measure *m = s->measure;
    const struct pf_entity *c = s->country;
    json_t *points = json_array();
    for (size_t i = s->first; points && i < s->npoints; i++)
        if (json_array_append_new(points, point(s->points[i])) != 0) {
            json_decref(points);
            points = NULL;
        }
    json_t *sources = series_sources(s);
    json_t *measure = json_pack("{s:s, s:s, s:s?, s:s}", "id", m->id, "name",
                                m->name, "code", m->code, "unit", m->unit);
    if (!points || !sources || !measure) {
        json_decref(points);
        json_decref(sources);
        json_decref(measure);
        return NULL;
    }
    if (style == RENDER_SERIES_INDICATOR)
        return json_pack("{s:{s:s, s:s?, s:s?}, s:o, s:o, s:o}", "country",
                         "id", s->country_id, "name", c ? c->name : NULL,
                         "type", c ? c->type : NULL, "measure", measure,
                         "sources", sources, "points", points);
    return json_pack("{s:{s:s, s:s?}, s:s?, s:o, s:o, s:o}", "country", "id",
                     s->country_id, "name", c ? c->name : NULL, "component",
                     m->category, "measure", measure, "sources", sources,
                     "points", points);
}

/* One CSV record per shown point. */
static bool series_rows(json_t *rows,
                        const struct render_series *s,
                        enum render_series_style style)
{
    const struct pf_measure *m = s->measure;
    const struct pf_entity *c = s->country;
    for (size_t i = s->first; i < s->npoints; i++) {
        json_t *r =
            style == RENDER_SERIES_INDICATOR
                ? json_pack("{s:s, s:s?, s:s?, s:s, s:s?, s:s}", "country",
                            s->country_id, "country_name", c ? c->name : NULL,
                            "country_type", c ? c->type : NULL, "measure",
                            m->id, "indicator_code", m->code, "unit", m->unit)
                : json_pack("{s:s, s:s?, s:s?, s:s}", "country", s->country_id,
                            "component", m->category, "indicator_code", m->code,
                            "unit", m->unit);
        json_t *p = point(s->points[i]);
        bool ok = r && p && json_object_update(r, p) == 0;
        json_decref(p);
        if (!ok) {
            json_decref(r);
            return false;
        }
        if (json_array_append_new(rows, r) != 0)
            return false;
    }
    return true;
}

json_t *render_series_list(const struct render_series *s,
                           size_t n,
                           enum render_series_style style,
                           json_t **rows)
{
    json_t *list = json_array();
    bool ok = list != NULL;
    for (size_t i = 0; ok && i < n; i++)
        ok = json_array_append_new(list, series_tree(&s[i], style)) == 0;
    if (ok && rows) {
        *rows = json_array();
        ok = *rows != NULL;
        for (size_t i = 0; ok && i < n; i++)
            ok = series_rows(*rows, &s[i], style);
    }
    if (!ok) {
        json_decref(list);
        if (rows) {
            json_decref(*rows);
            *rows = NULL;
        }
        return NULL;
    }
    return list;
}
