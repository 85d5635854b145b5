/* The world comparison document (see world.h): members in a fixed order,
 * written as text for JSON (every fact through render_fact_json, so a
 * comparison of two hundred economies costs what a page of facts costs)
 * and as trees for the CSV/NDJSON records. Must not pick, rank or order
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

static void entity(struct buf *b, const struct pf_entity *e)
{
    buf_puts(b, "{\"id\":");
    str(b, e->id);
    buf_puts(b, ",\"name\":");
    str(b, e->name);
    buf_puts(b, ",\"type\":");
    str(b, e->type);
    buf_putc(b, '}');
}

static void write_row(struct buf *b,
                      const struct render_world_row *r,
                      const struct render_frags *fr,
                      const char *base)
{
    buf_puts(b, "{\"entity\":");
    entity(b, r->entity);
    buf_puts(b, ",\"value\":");
    jw_real(b, r->fact->value);
    buf_puts(b, ",\"rank\":");
    if (r->rank)
        jw_int(b, r->rank);
    else
        buf_append(b, "null", 4);
    buf_puts(b, ",\"percentile\":");
    if (r->has_percentile)
        jw_real(b, r->percentile);
    else
        buf_append(b, "null", 4);
    buf_puts(b, ",\"fact\":");
    render_fact_json(b, r->fact, fr, base);
    buf_putc(b, '}');
}

void render_world_json(struct buf *b,
                       const struct render_world *w,
                       const struct render_frags *fr)
{
    const struct pf_measure *m = w->measure;
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
    for (size_t i = 0; i < w->n; i++) {
        if (i)
            buf_putc(b, ',');
        write_row(b, &w->rows[i], fr, w->base);
        if (i == 0) /* judged by the first row, as a page of facts */
            buf_reserve(b, b->len * w->n + 512);
    }
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
    return json_pack(
        "{s:{s:s, s:s, s:s}, s:f, s:o, s:o, s:o}", "entity", "id", e->id,
        "name", e->name, "type", e->type, "value", r->fact->value, "rank",
        r->rank ? json_integer(r->rank) : json_null(), "percentile",
        r->has_percentile ? json_real(r->percentile) : json_null(), "fact",
        fact);
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
