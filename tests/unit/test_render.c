/* Rendering: JSON number fidelity, CSV quoting and flattening, NDJSON. */
#include <stdlib.h>

#include "check.h"
#include "render.h"

static char *body(const json_t *doc, const json_t *rows, enum pf_format f)
{
    struct buf b;
    buf_init(&b);
    CHECK_EQ_INT(render_body(doc, rows, f, &b), 0);
    return buf_steal(&b, NULL);
}

int main(void)
{
    /* Values with up to 15 significant digits come out as written. */
    json_t *doc = json_pack("{s:f, s:f, s:f, s:f}", "a", 33.6326827140045, "b",
                            46.75131, "c", 12.0, "d", 0.1);
    char *s = body(doc, NULL, PF_FMT_JSON);
    CHECK_CONTAINS(s, "\"a\":33.6326827140045");
    CHECK_CONTAINS(s, "\"b\":46.75131");
    CHECK_CONTAINS(s, "\"c\":12.0");
    CHECK_CONTAINS(s, "\"d\":0.1");
    free(s);
    json_decref(doc);

    json_t *rows =
        json_pack("[{s:s, s:f, s:{s:s, s:s}, s:n}, {s:s, s:s, s:{s:s}, s:b}]",
                  "id", "x", "value", 51.1, "source", "id", "piie", "title",
                  "US-China \"Trade War\", chart", "note", "id", "y", "extra",
                  "line1\nline2", "source", "id", "bloomberg", "flag", 1);
    s = body(rows, rows, PF_FMT_CSV);
    CHECK_EQ_STR(s, "id,value,source.id,source.title,note,extra,flag\r\n"
                    "x,51.1,piie,\"US-China \"\"Trade War\"\", chart\",,,\r\n"
                    "y,,bloomberg,,,\"line1\nline2\",true\r\n");
    free(s);
    s = body(rows, rows, PF_FMT_NDJSON);
    CHECK_EQ_INT(s[strlen(s) - 1], '\n');
    size_t lines = 0;
    for (char *p = s; *p; p++)
        lines += *p == '\n';
    CHECK_EQ_INT(lines, 2);
    free(s);
    /* one object renders as one record */
    s = body(json_array_get(rows, 0), json_array_get(rows, 0), PF_FMT_CSV);
    CHECK_CONTAINS(s, "id,value,source.id,source.title,note\r\nx,51.1,");
    free(s);
    json_decref(rows);

    /* fixed columns: the header is there even without rows, and a null
     * where other rows have an object leaves the dotted columns empty */
    static const char *const cols[] = {"id", "programme.id", NULL};
    struct buf b;
    json_t *none = json_array();
    buf_init(&b);
    CHECK_EQ_INT(render_body_columns(none, none, cols, PF_FMT_CSV, &b), 0);
    CHECK_EQ_STR(buf_cstr(&b), "id,programme.id\r\n");
    buf_free(&b);
    json_t *mixed = json_pack("[{s:s, s:n}, {s:s, s:{s:s}}]", "id", "a",
                              "programme", "id", "b", "programme", "id", "P");
    buf_init(&b);
    CHECK_EQ_INT(render_body_columns(mixed, mixed, cols, PF_FMT_CSV, &b), 0);
    CHECK_EQ_STR(buf_cstr(&b), "id,programme.id\r\na,\r\nb,P\r\n");
    buf_free(&b);
    json_decref(mixed);
    json_decref(none);

    CHECK_CONTAINS(render_content_type(PF_FMT_CSV, 200), "text/csv");
    CHECK_CONTAINS(render_content_type(PF_FMT_JSON, 400),
                   "application/problem+json");
    return check_done("test_render");
}
