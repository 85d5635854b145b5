/* The world comparison document (see world.h): members in a fixed order,
 * written as text for JSON around each fact's own text (so a comparison
 * of two hundred economies costs about what two pages of facts cost) and
 * as trees for the CSV/NDJSON records. Must not pick, rank or order
 * rows. */
#include "render/world.h"

#include <string.h>

#include "base/jsonw.h"

static void str(struct buf *b, const char *s)
{
    if (s)
        jw_str(b, s, strlen(s));
    else
        buf_append(b, "null", 4);
}

static char *put(char *w, const char *s, size_t n)
{
    memcpy(w, s, n);
    return w + n;
}

#define PUT(w, lit) put(w, lit, sizeof lit - 1)

/* A row at w, which has room for row_room(r); returns its end. */
static char *write_row(char *w, const struct render_world_row *r)
{
    const struct pf_entity *e = r->entity;
    w = PUT(w, "{\"entity\":{\"id\":");
    w = jw_str_to(w, e->id, strlen(e->id));
    w = PUT(w, ",\"name\":");
    w = jw_str_to(w, e->name, strlen(e->name));
    w = PUT(w, ",\"type\":");
    w = jw_str_to(w, e->type, strlen(e->type));
    w = PUT(w, "},\"value\":");
    w = jw_real_to(w, r->value);
    w = PUT(w, ",\"rank\":");
    w = r->rank ? jw_int_to(w, r->rank) : PUT(w, "null");
    w = PUT(w, ",\"percentile\":");
    w = r->has_percentile ? jw_real_to(w, r->percentile) : PUT(w, "null");
    w = PUT(w, ",\"fact\":");
    w = put(w, r->json, r->json_len);
    *w++ = '}';
    return w;
}

static size_t row_room(const struct render_world_row *r)
{
    const struct pf_entity *e = r->entity;
    return 128 + 3 * JW_NUM_MAX + r->json_len +
           6 * (strlen(e->id) + strlen(e->name) + strlen(e->type));
}

void render_world_json(struct buf *b, const struct render_world *w)
{
    const struct pf_measure *m = w->measure;
    size_t room = 1;
    for (size_t i = 0; i < w->n; i++)
        room += row_room(&w->rows[i]);
    buf_puts(b, "{\"measure\":{\"id\":");
    str(b, m->id);
    buf_puts(b, ",\"name\":");
    str(b, m->name);
    buf_puts(b, ",\"unit\":");
    str(b, m->unit);
    buf_puts(b, ",\"code\":");
    str(b, m->code);
    buf_puts(b, "},\"period\":");
    str(b, w->period);
    buf_puts(b, ",\"entities\":\"all\",\"data\":[");
    /* the rows at a raw pointer into room reserved for all of them */
    buf_reserve(b, b->len + room);
    if (buf_failed(b) || b->cap < b->len + room + 1)
        return;
    char *at = b->data + b->len;
    for (size_t i = 0; i < w->n; i++) {
        if (i)
            *at++ = ',';
        at = write_row(at, &w->rows[i]);
    }
    b->len = (size_t)(at - b->data);
    b->data[b->len] = '\0';
    buf_puts(b, "],\"meta\":{\"count\":");
    jw_uint(b, w->n);
    buf_puts(b, ",\"ranked\":");
    jw_uint(b, w->ranked);
    buf_puts(b, ",\"dataset_version\":");
    str(b, w->version);
    buf_puts(b, "},\"links\":{\"self\":");
    str(b, w->self);
    buf_puts(b, "}}");
}

static json_t *row_tree(const struct render_world_row *r, const char *base)
{
    const struct pf_entity *e = r->entity;
    json_t *fact = render_fact_tree(r->fact, base);
    if (!fact)
        return NULL;
    return json_pack("{s:{s:s, s:s, s:s}, s:f, s:o, s:o, s:o}", "entity", "id",
                     e->id, "name", e->name, "type", e->type, "value", r->value,
                     "rank", r->rank ? json_integer(r->rank) : json_null(),
                     "percentile",
                     r->has_percentile ? json_real(r->percentile) : json_null(),
                     "fact", fact);
}

json_t *render_world_rows(const struct render_world *w)
{
    json_t *rows = json_array();
    for (size_t i = 0; rows && i < w->n; i++)
        if (json_array_append_new(rows, row_tree(&w->rows[i], w->base)) != 0) {
            json_decref(rows);
            rows = NULL;
        }
    return rows;
}
