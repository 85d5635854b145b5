/* The collection envelope (see envelope.h), in its two forms kept
 * member for member the same. Must not build URLs or cursors: it is given
 * them. */
#include "render/envelope.h"

#include <string.h>

#include "base/jsonw.h"

static json_t *jstr_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *render_envelope_tree(json_t *data, const struct render_envelope *e)
{
    if (e->limit < 0)
        return json_pack("{s:o, s:{s:i, s:s}, s:{s:o}}", "data", data, "meta",
                         "count", e->count, "dataset_version", e->version,
                         "links", "self", jstr_or_null(e->self));
    return json_pack("{s:o, s:{s:i, s:i, s:o, s:s}, s:{s:o, s:o}}", "data",
                     data, "meta", "count", e->count, "limit", e->limit,
                     "next_cursor", jstr_or_null(e->next_cursor),
                     "dataset_version", e->version, "links", "self",
                     jstr_or_null(e->self), "next", jstr_or_null(e->next));
}

static void str_or_null(struct buf *b, const char *s)
{
    if (s)
        jw_str(b, s, strlen(s));
    else
        buf_append(b, "null", 4);
}

void render_envelope_open(struct buf *b)
{
    buf_puts(b, "{\"data\":");
}

void render_envelope_close(struct buf *b, const struct render_envelope *e)
{
    buf_puts(b, ",\"meta\":{\"count\":");
    jw_int(b, e->count);
    if (e->limit >= 0) {
        buf_puts(b, ",\"limit\":");
        jw_int(b, e->limit);
        buf_puts(b, ",\"next_cursor\":");
        str_or_null(b, e->next_cursor);
    }
    buf_puts(b, ",\"dataset_version\":");
    str_or_null(b, e->version);
    buf_puts(b, "},\"links\":{\"self\":");
    str_or_null(b, e->self);
    if (e->limit >= 0) {
        buf_puts(b, ",\"next\":");
        str_or_null(b, e->next);
    }
    buf_puts(b, "}}");
}

json_t *render_item_doc(json_t *item, const char *version)
{
    return json_pack("{s:o, s:{s:s}}", "data", item, "meta", "dataset_version",
                     version);
}
