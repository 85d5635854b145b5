/* Typed facts as CSV and NDJSON records (see fact_rows.h). The CSV
 * columns are generated from fact_schema.h in the order csv_columns.c
 * lists them; values are written as render.c writes the same facts'
 * trees (strings quoted by render_csv_field, reals %.15g, null empty).
 * Must not choose columns of its own. */
#include "render/fact_rows.h"

#include <string.h>

#include "base/url.h"
#include "render/csv_columns.h"
#include "render/render.h"

void render_fact_csv_header(struct buf *b)
{
    const char *const *c = render_csv_columns(RENDER_CSV_FACTS);
    for (size_t i = 0; c[i]; i++) {
        if (i)
            buf_putc(b, ',');
        render_csv_field(b, c[i], strlen(c[i]));
    }
    buf_append(b, "\r\n", 2);
}

static void text0(struct buf *b, const char *s)
{
    if (s)
        render_csv_field(b, s, strlen(s));
}

#define SEP()                                                                  \
    do {                                                                       \
        if (!first)                                                            \
            buf_putc(b, ',');                                                  \
        first = false;                                                         \
    } while (0)
#define CSV_TEXT(n)                                                            \
    if (f->n)                                                                  \
        render_csv_field(b, f->n, f->n##_len);
#define CSV_REAL(n)                                                            \
    if (f->has_##n)                                                            \
        render_csv_real(b, f->n);
#define CSV_INT(n)                                                             \
    if (f->has_##n)                                                            \
        buf_printf(b, "%lld", f->n);
#define CSV_MEASURE(n, type, flags)                                            \
    SEP();                                                                     \
    text0(b, f->measure_ref->n);
#define CSV_FIELD(n, type, flags)                                              \
    if (!((flags)&PF_FF_SOURCE_REF)) {                                         \
        SEP();                                                                 \
        CSV_##type(n)                                                          \
    }                                                                          \
    if ((flags)&PF_FF_MEASURE_REF) {                                           \
        PF_FACT_MEASURE_FIELDS(CSV_MEASURE)                                    \
    }
#define CSV_SOURCE(n, type, flags)                                             \
    SEP();                                                                     \
    text0(b, f->source_ref->n);

void render_fact_csv(struct buf *b,
                     const struct pf_fact *f,
                     const char *link_base)
{
    bool first = true;
    PF_FACT_FIELDS(CSV_FIELD)
    PF_FACT_SOURCE_FIELDS(CSV_SOURCE)
    /* links.self: written in place unless it needs quoting (an id with a
     * ',', which stays plain in URLs) */
    SEP();
    if (!strpbrk(link_base, ",\"\r\n") && !strchr(f->id, ',')) {
        buf_puts(b, link_base);
        buf_append(b, "/v1/facts/", 10);
        url_encode_component(b, f->id);
    } else {
        struct buf url;
        buf_init(&url);
        buf_puts(&url, link_base);
        buf_append(&url, "/v1/facts/", 10);
        url_encode_component(&url, f->id);
        render_csv_field(b, buf_cstr(&url), url.len);
        b->failed |= url.failed;
        buf_free(&url);
    }
    buf_append(b, "\r\n", 2);
}

void render_fact_ndjson(struct buf *b,
                        const struct pf_fact *f,
                        const struct render_frags *fr,
                        const char *link_base)
{
    render_fact_json(b, f, fr, link_base);
    buf_putc(b, '\n');
}
