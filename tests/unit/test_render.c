/* Rendering: JSON number fidelity, CSV quoting and flattening, NDJSON,
 * a target's outcome with its proxies. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/jsonw.h"
#include "base/url.h"
#include "check.h"
#include "render/answers.h"
#include "render/csv_columns.h"
#include "render/render.h"

/* got holds exactly what jansson writes for value (taken over). */
static void same_as_jansson(struct buf *got, json_t *value)
{
    char *want = value ? json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT |
                                               JSON_REAL_PRECISION(15))
                       : NULL;
    CHECK(want != NULL);
    CHECK_EQ_STR(buf_cstr(got), want ? want : "");
    free(want);
    json_decref(value);
}

/* jw_str and jw_real write what jansson writes, byte for byte. */
static void writer_matches_jansson(void)
{
    char all[200];
    size_t n = 0;
    for (int c = 1; c < 128; c++)
        all[n++] = (char)c;
    memcpy(all + n, "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80", 9); /* é 中 😀 */
    n += 9;
    all[n] = '\0';
    for (size_t start = 0; start < 127; start++) { /* every alignment */
        struct buf b;
        buf_init(&b);
        jw_str(&b, all + start, n - start);
        same_as_jansson(&b, json_string(all + start));
        buf_free(&b);
    }
    /* one byte to escape (or a high byte not to) at every position of
     * a long clean run: each lane of the 16- and 8-byte scans */
    static const char specials[] = {'"',  '\\',   '\x01',    '\x1f',
                                    '\n', '\x7f', (char)0xc3};
    for (size_t k = 0; k < sizeof specials; k++)
        for (size_t pos = 0; pos < 48; pos++) {
            char text[49];
            memset(text, 'a', 48);
            text[48] = '\0';
            text[pos] = specials[k];
            if (specials[k] == (char)0xc3) /* keep it valid UTF-8: é */
                text[pos + 1 < 48 ? pos + 1 : pos] =
                    pos + 1 < 48 ? (char)0xa9 : 'a';
            struct buf b;
            buf_init(&b);
            jw_str(&b, text, strlen(text));
            same_as_jansson(&b, json_string(text));
            buf_free(&b);
        }
    static double reals[40000] = {0,
                                  1,
                                  -2.5,
                                  12.0,
                                  33.6326827140045,
                                  46.75131,
                                  1e20,
                                  1.5e-7,
                                  123456789012345.0,
                                  0.1,
                                  -0.001,
                                  999999.999999999,
                                  0.000000001,
                                  7.5,
                                  124.1,
                                  51.1,
                                  0.0001,
                                  0.00009};
    size_t nreals = 18;
    /* and many short decimals, as the data has them */
    for (int i = 0; i < 2000; i++) {
        long long num = (long long)i * 7919 % 10000007 - 5000000;
        int dec = i % 10;
        double scale = 1;
        for (int k = 0; k < dec; k++)
            scale *= 10;
        reals[nreals++] = (double)num / scale;
    }
    /* and the long ones World Bank series have (up to 15 significant
     * digits, any magnitude the plain notation covers), their neighbours
     * one ulp away (not short: printf's path), powers of ten and values
     * just below them, where the digit count changes */
    uint64_t x = 88172645463325252ULL; /* xorshift: reproducible */
    for (int i = 0; i < 30000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int digits = 1 + (int)(x % 15), point = (int)((x >> 8) % 20);
        long long num = (long long)((x >> 16) % 1000000000000000ULL);
        for (int k = digits; k < 15; k++)
            num /= 10;
        double v = (double)num;
        for (int k = 0; k < point; k++)
            v /= 10;
        v = (x >> 4) & 1 ? -v : v;
        reals[nreals++] = i % 3 == 2 ? nextafter(v, 1e300) : v;
    }
    for (int i = 0; i < 5000; i++) { /* full 17-digit doubles */
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        reals[nreals++] =
            (double)(x >> 11) / 9007199254740992.0 * pow(10, (int)(x % 20) - 5);
    }
    for (int k = -6; k < 17; k++) {
        double p = pow(10, k);
        reals[nreals++] = p;
        reals[nreals++] = nextafter(p, 0);
        reals[nreals++] = p * 9.99999999999999;
        reals[nreals++] = -p * 0.999999999999999;
    }
    for (size_t i = 0; i < nreals; i++) {
        struct buf b;
        buf_init(&b);
        jw_real(&b, reals[i]);
        same_as_jansson(&b, json_real(reals[i]));
        buf_free(&b);
    }
}

/* jw_int writes what jansson writes for integers, the extremes too. */
static void ints_match_jansson(void)
{
    static const long long ints[] = {
        0,         1,         -1,           9, 10, -10, 2025, -2147483648LL,
        LLONG_MAX, LLONG_MIN, LLONG_MIN + 1};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        struct buf b;
        buf_init(&b);
        jw_int(&b, ints[i]);
        same_as_jansson(&b, json_integer(ints[i]));
        buf_free(&b);
    }
}

static char *body(const json_t *doc, const json_t *rows, enum pf_format f)
{
    struct buf b;
    buf_init(&b);
    CHECK_EQ_INT(render_body(doc, rows, f, &b), 0);
    return buf_steal(&b, NULL);
}

/* Links: unreserved bytes and ',' as they are, every other byte %XX. */
static void url_encoding(void)
{
    for (int c = 1; c < 256; c++) {
        char in[4] = {'a', (char)c, 'z', '\0'};
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     (c >= '0' && c <= '9') || strchr("-._~,", c);
        struct buf b;
        buf_init(&b);
        url_encode_component(&b, in);
        char want[8];
        if (plain)
            snprintf(want, sizeof want, "a%cz", c);
        else
            snprintf(want, sizeof want, "a%%%02Xz", c);
        CHECK_EQ_STR(buf_cstr(&b), want);
        buf_free(&b);
    }
}

/* The fixed CSV columns of a fact follow fact_schema.h: unit, category
 * and nature after measure, no source_id, the source's fields, then
 * links.self. */
static void fact_columns(void)
{
    const char *const *c = render_csv_columns(RENDER_CSV_FACTS);
    struct buf b;
    buf_init(&b);
    for (; *c; c++) {
        buf_puts(&b, *c);
        buf_putc(&b, ' ');
    }
    CHECK_EQ_STR(buf_cstr(&b),
                 "id kind subject object measure unit category nature series "
                 "label value value_low value_high value_text qualifier "
                 "period valid_from valid_to target_year known_from "
                 "known_from_rule rank rank_reason evidence quote data_file "
                 "data_row locator statement notes source.id source.title "
                 "source.publisher source.url source.published "
                 "source.license links.self ");
    buf_free(&b);
    c = render_csv_columns(RENDER_CSV_COMPARE);
    CHECK_EQ_STR(c[5], "fact.id");
    c = render_csv_columns(RENDER_CSV_TARGETS);
    size_t n = 0;
    while (c[n])
        n++;
    CHECK_EQ_STR(c[n - 1], "outcome.status_rule.code");
    c = render_csv_columns(RENDER_CSV_TARIFF_DAY);
    n = 0;
    while (c[n])
        n++;
    CHECK_EQ_STR(c[n - 1], "stale_because");
}

/* An outcome with a proxy: the proxy's figure beside the status, no
 * status of its own; no proxies is an empty array. */
static void outcome_proxies(void)
{
    struct pf_source src = {.id = "wdi-sl", .title = "WDI SL.UEM.TOTL.ZS"};
    struct pf_fact fig = {.id = "indicator.u.chn.2025",
                          .period = "2025",
                          .known_from = "2026-07-01",
                          .value = 4.615,
                          .has_value = true,
                          .source_ref = &src};
    struct pf_outcome_link link = {"u_target", "u_ilo",     "CHN",
                                   "proxy",    "ILO model", "at_most"};
    struct pf_outcome_proxy p = {.link = &link,
                                 .fact = &fig,
                                 .has_bound = true,
                                 .bound = 5.5,
                                 .has_margin = true,
                                 .margin = -0.885};
    struct pf_outcome o = {.status = OUTCOME_NO_DATA,
                           .status_name = "no_data",
                           .proxies = &p,
                           .nproxies = 1};
    json_t *t = render_outcome(&o);
    char *s = t ? json_dumps(t, JSON_COMPACT | JSON_SORT_KEYS |
                                    JSON_REAL_PRECISION(15))
                : NULL;
    CHECK_CONTAINS(s ? s : "", "\"status\":\"no_data\"");
    CHECK_CONTAINS(s ? s : "",
                   "\"proxies\":[{\"bound\":5.5,\"fact_id\":"
                   "\"indicator.u.chn.2025\",\"known_from\":\"2026-07-01\","
                   "\"margin\":-0.885,\"match\":\"proxy\",\"measure\":"
                   "\"u_ilo\",\"note\":\"ILO model\",\"period\":\"2025\","
                   "\"source\":{\"id\":\"wdi-sl\",\"published\":null,"
                   "\"title\":\"WDI SL.UEM.TOTL.ZS\",\"url\":null},"
                   "\"subject\":\"CHN\",\"value\":4.615}]");
    free(s);
    json_decref(t);
    o.nproxies = 0;
    o.proxies = NULL;
    t = render_outcome(&o);
    CHECK(t && json_is_array(json_object_get(t, "proxies")) &&
          json_array_size(json_object_get(t, "proxies")) == 0);
    json_decref(t);
}

int main(void)
{
    writer_matches_jansson();
    ints_match_jansson();
    url_encoding();
    fact_columns();
    outcome_proxies();
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

    return check_done("test_render");
}
