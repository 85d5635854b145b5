/* Reference rows, the dataset description and the vocabularies as JSON
 * (see refs_json.h). Must not look anything up: it writes what it is
 * given, and the vocabularies as fact_schema.h lists them. */
#include "render/refs_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/pf.h"
#include "base/url.h"
#include "store/fact_schema.h"

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jreal(bool has, double v)
{
    return has ? json_real(v) : json_null();
}

/* Adds links {self, facts}; returns o, or NULL (o freed) when out of
 * memory. */
static json_t *
with_links(json_t *o, const char *id, const struct render_ref_links *l)
{
    struct buf self, facts;
    buf_init(&self);
    buf_init(&facts);
    buf_puts(&self, l->base);
    buf_puts(&self, l->path);
    buf_putc(&self, '/');
    url_encode_component(&self, id);
    buf_puts(&facts, l->base);
    buf_puts(&facts, "/v1/facts?");
    buf_puts(&facts, l->facts_param);
    buf_putc(&facts, '=');
    buf_puts(&facts, id);
    json_t *links =
        buf_failed(&self) || buf_failed(&facts)
            ? NULL
            : json_pack("{s:s, s:s}", "self", self.data, "facts", facts.data);
    buf_free(&self);
    buf_free(&facts);
    if (!o || json_object_set_new(o, "links", links) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *render_source_tree(const struct pf_source *s,
                           const struct render_ref_links *l)
{
    json_t *o = json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", jstr(s->id), "title",
        jstr(s->title), "publisher", jstr(s->publisher), "url", jstr(s->url),
        "published", jstr(s->published), "license", jstr(s->license),
        "retrieved_from", jstr(s->retrieved_from), "notes", jstr(s->notes));
    return with_links(o, s->id, l);
}

json_t *render_entity_tree(const struct pf_entity *e,
                           const struct render_ref_links *l)
{
    json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", jstr(e->id),
                          "name", jstr(e->name), "type", jstr(e->type), "iso3",
                          jstr(e->iso3), "notes", jstr(e->notes));
    return with_links(o, e->id, l);
}

json_t *render_measure_tree(const struct pf_measure *m,
                            const struct render_ref_links *l)
{
    json_t *o = json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", jstr(m->id), "name",
        jstr(m->name), "unit", jstr(m->unit), "category", jstr(m->category),
        "code", jstr(m->code), "min", jreal(m->has_min, m->min), "max",
        jreal(m->has_max, m->max), "description", jstr(m->description));
    return with_links(o, m->id, l);
}

json_t *render_dataset_tree(const struct pf_dsinfo *i, const char *licenses)
{
    json_t *lic = json_loads(licenses ? licenses : "[]", 0, NULL);
    if (!lic)
        lic = json_array();
    return json_pack("{s:s, s:s, s:s, s:i, s:{s:I, s:I, s:I, s:I}, s:o}",
                     "version", i->version, "content_hash", i->hash,
                     "build_time", i->build_time, "schema_version",
                     PF_SCHEMA_VERSION, "counts", "facts", (json_int_t)i->facts,
                     "sources", (json_int_t)i->sources, "entities",
                     (json_int_t)i->entities, "measures",
                     (json_int_t)i->measures, "licenses", lic);
}

/* ---- vocabularies ------------------------------------------------------ */

static json_t *words(const char *const *w)
{
    json_t *a = json_array();
    for (; a && *w; w++)
        if (json_array_append_new(a, json_string(*w)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *ranks(void)
{
    static const char *const r[] = {
#define W(w) #w,
        PF_RANKS(W)
#undef W
            NULL};
    json_t *a = json_array();
    for (int i = 0; a && r[i]; i++)
        if (json_array_append_new(
                a, json_pack("{s:s, s:i}", "id", r[i], "order", i)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

json_t *render_vocabulary_tree(void)
{
#define W(w) #w,
    static const char *const kinds[] = {PF_KINDS(W) NULL};
    static const char *const qualifiers[] = {PF_QUALIFIERS(W) NULL};
    static const char *const types[] = {PF_ENTITY_TYPES(W) NULL};
    static const char *const cats[] = {PF_TARIFF_CATEGORIES(W) NULL};
#undef W
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "kinds", words(kinds),
                     "qualifiers", words(qualifiers), "ranks", ranks(),
                     "entity_types", words(types), "tariff_categories",
                     words(cats));
}
