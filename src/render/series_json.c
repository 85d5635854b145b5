/* Annual series as JSON text (see answers.h): the members and order of
 * render_series_list's trees, written straight from the typed points; the
 * source objects are the snapshot's fragments. Must not pick, sort or
 * group points. */
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "render/answers.h"
#include "render/fact_json.h"

static void str(struct buf *b, const char *s)
{
    if (s)
        jw_str(b, s, strlen(s));
    else
        buf_append(b, "null", 4);
}

static void point(struct buf *b, const struct pf_fact *f)
{
    buf_puts(b, "{\"year\":");
    jw_int(b, strtol(f->period ? f->period : "", NULL, 10));
    buf_puts(b, ",\"value\":");
    if (f->has_value)
        jw_real(b, f->value);
    else
        buf_append(b, "null", 4);
    buf_puts(b, ",\"qualifier\":");
    str(b, f->qualifier);
    buf_puts(b, ",\"fact_id\":");
    jw_str(b, f->id, f->id_len);
    buf_puts(b, ",\"source_id\":");
    str(b, f->source_ref->id ? f->source_ref->id : "");
    buf_putc(b, '}');
}

/* Each point's source once, in the order first seen. */
static void sources(struct buf *b,
                    const struct render_series *s,
                    const struct render_frags *fr)
{
    buf_putc(b, '[');
    for (size_t i = 0, n = 0; i < s->npoints; i++) {
        const struct pf_source *src = s->points[i]->source_ref;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = s->points[k]->source_ref == src;
        if (seen)
            continue;
        size_t len;
        const char *text = render_frags_source(fr, src, &len);
        if (n++)
            buf_putc(b, ',');
        buf_append(b, text, len);
    }
    buf_putc(b, ']');
}

static void series(struct buf *b,
                   const struct render_series *s,
                   enum render_series_style style,
                   const struct render_frags *fr)
{
    const struct pf_measure *m = s->measure;
    const struct pf_entity *c = s->country;
    buf_puts(b, "{\"country\":{\"id\":");
    str(b, s->country_id);
    buf_puts(b, ",\"name\":");
    str(b, c ? c->name : NULL);
    if (style == RENDER_SERIES_INDICATOR) {
        buf_puts(b, ",\"type\":");
        str(b, c ? c->type : NULL);
        buf_puts(b, "}");
    } else {
        buf_puts(b, "},\"component\":");
        str(b, m->category);
    }
    buf_puts(b, ",\"measure\":{\"id\":");
    str(b, m->id);
    buf_puts(b, ",\"name\":");
    str(b, m->name);
    buf_puts(b, ",\"code\":");
    str(b, m->code);
    buf_puts(b, ",\"unit\":");
    str(b, m->unit);
    buf_puts(b, "},\"sources\":");
    sources(b, s, fr);
    buf_puts(b, ",\"points\":[");
    for (size_t i = s->first; i < s->npoints; i++) {
        if (i > s->first)
            buf_putc(b, ',');
        point(b, s->points[i]);
    }
    buf_puts(b, "]}");
}

void render_series_json(struct buf *b,
                        const struct render_series *s,
                        size_t n,
                        enum render_series_style style,
                        const struct render_frags *fr)
{
    buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        series(b, &s[i], style, fr);
    }
    buf_putc(b, ']');
}
