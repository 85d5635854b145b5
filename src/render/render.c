/* Reply bodies from jansson trees: JSON, CSV and NDJSON. CSV columns are
 * fixed per answer (csv_columns.c) or else the union of the flattened keys
 * of all rows in first-seen order, so every row of one response has the
 * same columns and nested source fields become source.id, source.title,
 * ... Must not decide what a document holds: handlers and the other
 * render files do. */
#include "render/render.h"

#include <stdio.h>
#include <string.h>

static int dump_cb(const char *s, size_t n, void *data)
{
    buf_append(data, s, n);
    return 0;
}

static void add_columns(json_t *cols, const char *prefix, const json_t *o)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)o, k, v)
    {
        char name[256];
        snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", k);
        if (json_is_object(v)) {
            add_columns(cols, name, v);
            continue;
        }
        size_t i;
        json_t *c;
        bool seen = false;
        json_array_foreach(cols, i, c) seen |=
            strcmp(json_string_value(c), name) == 0;
        if (!seen)
            json_array_append_new(cols, json_string(name));
    }
}

static const json_t *lookup(const json_t *o, const char *dotted)
{
    char key[256];
    const char *dot;
    while ((dot = strchr(dotted, '.')) && json_is_object(o)) {
        size_t n = (size_t)(dot - dotted);
        if (n >= sizeof key)
            return NULL;
        memcpy(key, dotted, n);
        key[n] = '\0';
        const json_t *next = json_object_get(o, key);
        if (json_is_object(next)) {
            o = next;
            dotted = dot + 1;
            continue;
        }
        break; /* keys that contain dots themselves */
    }
    return json_object_get(o, dotted);
}

void render_csv_real(struct buf *out, double v)
{
    char num[64];
    snprintf(num, sizeof num, "%.15g", v);
    buf_puts(out, num);
}

void render_csv_field(struct buf *out, const char *s, size_t n)
{
    bool quote = n && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ');
    if (!quote) {
        buf_append(out, s, n);
        return;
    }
    buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_putc(out, '"');
        buf_putc(out, s[i]);
    }
    buf_putc(out, '"');
}

static void csv_value(struct buf *out, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_STRING:
        render_csv_field(out, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL:
        render_csv_real(out, json_real_value(v));
        break;
    case JSON_TRUE:
        buf_puts(out, "true");
        break;
    case JSON_FALSE:
        buf_puts(out, "false");
        break;
    case JSON_ARRAY:
    case JSON_OBJECT: {
        struct buf tmp;
        buf_init(&tmp);
        json_dump_callback(v, dump_cb, &tmp, PF_JSON_FLAGS);
        render_csv_field(out, buf_cstr(&tmp), tmp.len);
        buf_free(&tmp);
        break;
    }
    default: /* null: empty field */
        break;
    }
}

static enum pf_err
render_csv(const json_t *rows, const char *const *columns, struct buf *out)
{
    json_t *cols = json_array();
    size_t i, c;
    json_t *row, *col;
    if (!cols)
        return PF_ENOMEM;
    if (columns)
        for (; *columns; columns++)
            json_array_append_new(cols, json_string(*columns));
    else
        json_array_foreach((json_t *)rows, i, row) if (json_is_object(row))
            add_columns(cols, "", row);
    json_array_foreach(cols, c, col)
    {
        if (c)
            buf_putc(out, ',');
        render_csv_field(out, json_string_value(col), json_string_length(col));
    }
    buf_puts(out, "\r\n");
    json_array_foreach((json_t *)rows, i, row)
    {
        json_array_foreach(cols, c, col)
        {
            if (c)
                buf_putc(out, ',');
            const json_t *v = lookup(row, json_string_value(col));
            if (v)
                csv_value(out, v);
        }
        buf_puts(out, "\r\n");
    }
    json_decref(cols);
    return PF_OK;
}

enum pf_err render_body(const json_t *doc,
                        const json_t *rows,
                        enum pf_format fmt,
                        struct buf *out)
{
    return render_body_columns(doc, rows, NULL, fmt, out);
}

enum pf_err render_body_columns(const json_t *doc,
                                const json_t *rows,
                                const char *const *columns,
                                enum pf_format fmt,
                                struct buf *out)
{
    json_t *one = NULL;
    int rc = 0;
    if (fmt != PF_FMT_JSON) {
        if (!rows)
            rows = doc;
        if (json_is_object(rows)) { /* one item: one record */
            one = json_pack("[O]", rows);
            rows = one;
        }
    }
    switch (fmt) {
    case PF_FMT_JSON:
        rc = json_dump_callback(doc, dump_cb, out, PF_JSON_FLAGS);
        break;
    case PF_FMT_CSV:
        rc = render_csv(rows, columns, out) == PF_OK ? 0 : -1;
        break;
    case PF_FMT_NDJSON: {
        size_t i;
        json_t *row;
        json_array_foreach((json_t *)rows, i, row)
        {
            rc |= json_dump_callback(row, dump_cb, out, PF_JSON_FLAGS);
            buf_putc(out, '\n');
        }
        break;
    }
    }
    json_decref(one);
    return rc == 0 && !buf_failed(out) ? PF_OK : PF_ENOMEM;
}
