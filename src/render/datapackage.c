/* The Data Package descriptor (see datapackage.h), Frictionless Data
 * Package v1 with the tabular profiles. Field names come from the CSV
 * column lists; their types and descriptions from the table below (a
 * column it does not name is a string). Must not look anything up. */
#include "render/datapackage.h"

#include <stdio.h>
#include <string.h>

#include "base/pf.h"
#include "render/csv_columns.h"

struct field_doc {
    const char *name, *type, *format, *description;
};

static const struct field_doc field_docs[] = {
    {"country", "string", NULL,
     "The economy's ISO 3166 alpha-3 code (the World Bank's own for a few, "
     "e.g. XKX) or the World Bank aggregate's code (WLD, HIC, ...): the id "
     "of the entities resource"},
    {"country_name", "string", NULL, "The name the World Bank gives it"},
    {"country_type", "string", NULL,
     "country (an economy) or aggregate (a group of economies, never ranked "
     "among them)"},
    {"measure", "string", NULL, "The measure: the id of the measures resource"},
    {"indicator_code", "string", NULL, "The World Bank indicator code"},
    {"unit", "string", NULL, "The unit of value"},
    {"year", "year", NULL, "The year the value is for"},
    {"qualifier", "string", NULL,
     "How exact the value is: exact, approx, range, at_least or at_most"},
    {"fact_id", "string", NULL,
     "The fact behind the value, with its source and where in it: "
     "/v1/facts/{fact_id}"},
    {"source_id", "string", NULL, "The id of the sources resource"},
    {"id", "string", NULL, "The row's id"},
    {"type", "string", NULL,
     "country, aggregate, group (a group a source names) or programme"},
    {"min", "number", NULL, "Lowest plausible value (the loader's check)"},
    {"max", "number", NULL, "Highest plausible value (the loader's check)"},
    {"url", "string", "uri", "Where the source is"},
    {"published", "string", NULL,
     "When the source was published: YYYY, YYYY-MM or YYYY-MM-DD"},
    {"links.self", "string", "uri", "This row on this server"},
    {"links.facts", "string", "uri", "The facts that name this row"},
};

static const struct field_doc *doc_of(const char *name)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(field_docs); i++)
        if (strcmp(field_docs[i].name, name) == 0)
            return &field_docs[i];
    return NULL;
}

/* One field; value's description names the measure and its unit. */
static json_t *field(const char *name, const struct pf_measure *m)
{
    const struct field_doc *d = doc_of(name);
    json_t *f =
        json_pack("{s:s, s:s}", "name", name, "type", d ? d->type : "string");
    char desc[1024];
    if (m && strcmp(name, "value") == 0) {
        snprintf(desc, sizeof desc, "%s, in %s (World Bank %s)", m->name,
                 m->unit, m->code ? m->code : "-");
        json_object_set_new(f, "type", json_string("number"));
        json_object_set_new(f, "title", json_string(m->name));
        json_object_set_new(f, "description", json_string(desc));
    } else if (d) {
        json_object_set_new(f, "description", json_string(d->description));
    }
    if (d && d->format)
        json_object_set_new(f, "format", json_string(d->format));
    return f;
}

static json_t *fields(enum render_csv which, const struct pf_measure *m)
{
    const char *const *cols = render_csv_columns(which);
    json_t *a = json_array();
    for (size_t i = 0; a && cols[i]; i++)
        if (json_array_append_new(a, field(cols[i], m)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *foreign_key(const char *field_name, const char *resource)
{
    return json_pack("{s:s, s:{s:s, s:s}}", "fields", field_name, "reference",
                     "resource", resource, "fields", "id");
}

/* A license as an Open Definition id, with its text's URL when known;
 * NULL for words that are not an id ("copyright; short quotes"). */
static json_t *license(const char *name)
{
    static const char *const known[][2] = {
        {"CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"},
        {"MIT", "https://opensource.org/licenses/MIT"},
    };
    if (!name || !*name ||
        strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789-._") != strlen(name))
        return NULL;
    for (size_t i = 0; i < PF_ARRAY_LEN(known); i++)
        if (strcmp(known[i][0], name) == 0)
            return json_pack("{s:s, s:s}", "name", name, "path", known[i][1]);
    return json_pack("{s:s}", "name", name);
}

/* The resource's licenses (each once) and sources. */
static void provenance(json_t *r, const struct render_dp_measure *dm)
{
    json_t *lic = json_array(), *src = json_array();
    for (size_t i = 0; i < dm->nsources; i++) {
        const struct pf_source *s = dm->sources[i];
        bool seen = false;
        for (size_t k = 0; k < i; k++)
            seen |= dm->sources[k]->license && s->license &&
                    strcmp(dm->sources[k]->license, s->license) == 0;
        json_t *l = seen ? NULL : license(s->license);
        if (l)
            json_array_append_new(lic, l);
        json_t *o = json_pack("{s:s}", "title", s->title);
        if (o && s->url)
            json_object_set_new(o, "path", json_string(s->url));
        json_array_append_new(src, o);
    }
    if (json_array_size(lic))
        json_object_set_new(r, "licenses", lic);
    else
        json_decref(lic);
    json_object_set_new(r, "sources", src);
}

static json_t *resource(const char *base,
                        const char *name,
                        const char *path,
                        const char *title,
                        const char *description)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s", base, path);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "profile",
                     "tabular-data-resource", "name", name, "path", url,
                     "title", title, "description", description, "format",
                     "csv", "mediatype", "text/csv", "encoding", "utf-8");
}

static json_t *measure_resource(const char *base,
                                const struct render_dp_measure *dm)
{
    const struct pf_measure *m = dm->measure;
    char path[512];
    snprintf(path, sizeof path, "/v1/indicators/%s?format=csv", m->id);
    json_t *r = resource(base, m->id, path, m->name,
                         m->description ? m->description : m->name);
    json_t *schema =
        json_pack("{s:o, s:[s, s], s:[o, o, o]}", "fields",
                  fields(RENDER_CSV_INDICATORS, m), "primaryKey", "country",
                  "year", "foreignKeys", foreign_key("country", "entities"),
                  foreign_key("measure", "measures"),
                  foreign_key("source_id", "sources"));
    if (!r || !schema) {
        json_decref(r);
        json_decref(schema);
        return NULL;
    }
    json_object_set_new(r, "schema", schema);
    provenance(r, dm);
    return r;
}

static json_t *table_resource(const char *base,
                              const char *name,
                              enum render_csv which,
                              const char *title)
{
    char path[128], desc[256];
    snprintf(path, sizeof path, "/v1/%s?limit=1000&format=csv", name);
    snprintf(desc, sizeof desc,
             "The /v1/%s reference table (one page of at most 1000 rows).",
             name);
    json_t *r = resource(base, name, path, title, desc);
    json_t *schema = json_pack("{s:o, s:s}", "fields", fields(which, NULL),
                               "primaryKey", "id");
    if (!r || !schema) {
        json_decref(r);
        json_decref(schema);
        return NULL;
    }
    json_object_set_new(r, "schema", schema);
    return r;
}

json_t *render_datapackage_tree(const struct render_datapackage *d)
{
    json_t *res = json_array();
    for (size_t i = 0; res && i < d->n; i++)
        json_array_append_new(res, measure_resource(d->base, &d->measures[i]));
    json_array_append_new(
        res, table_resource(d->base, "measures", RENDER_CSV_MEASURES,
                            "Measures: what is measured, its unit and code"));
    json_array_append_new(
        res, table_resource(d->base, "entities", RENDER_CSV_ENTITIES,
                            "Entities: economies, aggregates, groups, "
                            "programmes"));
    json_array_append_new(
        res, table_resource(d->base, "sources", RENDER_CSV_SOURCES,
                            "Sources: the publications facts cite"));
    if (!res || json_array_size(res) != d->n + 3) {
        json_decref(res);
        return NULL;
    }
    char home[512];
    snprintf(home, sizeof home, "%s/", d->base);
    return json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "profile",
        "tabular-data-package", "name", "policyfacts", "title",
        "policyfacts: World Bank indicators for every economy, and the "
        "reference tables",
        "description",
        "The CSV exports of this server: one resource per statistical "
        "measure (its annual values for every economy and aggregate, each "
        "row naming the fact behind it, with its source and where in the "
        "source) and the measures, entities and sources tables. Values are "
        "the preferred answer for each year.",
        "version", d->version, "created", d->created, "homepage", home,
        "resources", res);
}
