/* Reference rows, the dataset description and the vocabularies as JSON
 * (see refs_json.h). Must not look anything up: it writes what it is
 * given, and the vocabularies as fact_schema.h lists them. */
#include "render/refs_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/jsonw.h"
#include "base/pf.h"
#include "base/url.h"
#include "store/fact_schema.h"

/* The reference tables' strings were checked as UTF-8 when the file was
 * loaded: not checked again for every item of every page. */
static json_t *jstr(const char *s)
{
    return s ? json_string_nocheck(s) : json_null();
}

/* An object of n (key, value) pairs, values taken over; NULL when out of
 * memory. */
static json_t *object(size_t n, const char *const *keys, json_t **values)
{
    json_t *o = json_object();
    bool ok = o != NULL;
    for (size_t i = 0; i < n; i++)
        ok = json_object_set_new_nocheck(o, keys[i], values[i]) == 0 && ok;
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
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
    static const char *const keys[] = {"self", "facts"};
    json_t *links = NULL;
    if (!buf_failed(&self) && !buf_failed(&facts)) {
        /* object() takes both over, a NULL one included */
        json_t *v[2] = {json_stringn_nocheck(self.data, self.len),
                        json_stringn_nocheck(facts.data, facts.len)};
        links = object(2, keys, v);
    }
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
    static const char *const keys[] = {"id", "name", "type", "iso3", "notes"};
    json_t *v[] = {jstr(e->id), jstr(e->name), jstr(e->type), jstr(e->iso3),
                   jstr(e->notes)};
    return with_links(object(5, keys, v), e->id, l);
}

json_t *render_measure_tree(const struct pf_measure *m,
                            const struct render_ref_links *l)
{
    static const char *const keys[] = {"id",       "name",        "unit",
                                       "category", "code",        "min",
                                       "max",      "description", "nature"};
    json_t *v[] = {jstr(m->id),
                   jstr(m->name),
                   jstr(m->unit),
                   jstr(m->category),
                   jstr(m->code),
                   jreal(m->has_min, m->min),
                   jreal(m->has_max, m->max),
                   jstr(m->description),
                   jstr(m->nature)};
    return with_links(object(9, keys, v), m->id, l);
}

/* ---- the same items as text ---------------------------------------------- */

static void text_member(struct buf *b, const char *key, const char *v)
{
    buf_puts(b, key);
    if (v)
        jw_str(b, v, strlen(v));
    else
        buf_append(b, "null", 4);
}

/* ,"links":{"self":..,"facts":..}} as with_links makes them */
static void
text_links(struct buf *b, const char *id, const struct render_ref_links *l)
{
    buf_puts(b, ",\"links\":{\"self\":\"");
    buf_puts(b, l->base);
    buf_puts(b, l->path);
    buf_putc(b, '/');
    url_encode_component(b, id);
    buf_puts(b, "\",\"facts\":\"");
    buf_puts(b, l->base);
    buf_puts(b, "/v1/facts?");
    buf_puts(b, l->facts_param);
    buf_putc(b, '=');
    buf_puts(b, id);
    buf_puts(b, "\"}}");
}

void render_source_json(struct buf *b,
                        const struct pf_source *s,
                        const struct render_ref_links *l)
{
    text_member(b, "{\"id\":", s->id);
    text_member(b, ",\"title\":", s->title);
    text_member(b, ",\"publisher\":", s->publisher);
    text_member(b, ",\"url\":", s->url);
    text_member(b, ",\"published\":", s->published);
    text_member(b, ",\"license\":", s->license);
    text_member(b, ",\"retrieved_from\":", s->retrieved_from);
    text_member(b, ",\"notes\":", s->notes);
    text_links(b, s->id, l);
}

void render_entity_json(struct buf *b,
                        const struct pf_entity *e,
                        const struct render_ref_links *l)
{
    text_member(b, "{\"id\":", e->id);
    text_member(b, ",\"name\":", e->name);
    text_member(b, ",\"type\":", e->type);
    text_member(b, ",\"iso3\":", e->iso3);
    text_member(b, ",\"notes\":", e->notes);
    text_links(b, e->id, l);
}

void render_measure_json(struct buf *b,
                         const struct pf_measure *m,
                         const struct render_ref_links *l)
{
    text_member(b, "{\"id\":", m->id);
    text_member(b, ",\"name\":", m->name);
    text_member(b, ",\"unit\":", m->unit);
    text_member(b, ",\"category\":", m->category);
    text_member(b, ",\"code\":", m->code);
    buf_puts(b, ",\"min\":");
    if (m->has_min)
        jw_real(b, m->min);
    else
        buf_append(b, "null", 4);
    buf_puts(b, ",\"max\":");
    if (m->has_max)
        jw_real(b, m->max);
    else
        buf_append(b, "null", 4);
    text_member(b, ",\"description\":", m->description);
    text_member(b, ",\"nature\":", m->nature);
    text_links(b, m->id, l);
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
