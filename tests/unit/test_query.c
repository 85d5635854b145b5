/* Query strings: decoding, splitting, validation, canonical form. */
#include <stdlib.h>

#include "api/query.h"
#include "check.h"

static const char *const fmts[] = {"json", "csv", NULL};
static const struct pf_pspec spec[] = {
    {"kind", P_SET, NULL, 0, 0, NULL},
    {"entities", P_LIST, NULL, 0, 0, NULL},
    {"on", P_DAY, NULL, 0, 0, NULL},
    {"from", P_DATE, NULL, 0, 0, NULL},
    {"year", P_YEAR, NULL, 0, 0, NULL},
    {"limit", P_INT, "100", 1, 1000, NULL},
    {"q", P_TEXT, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, fmts},
    {"cursor", P_CURSOR, NULL, 0, 0, NULL},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

/* Parses and validates qs; returns the number of errors. The first
 * error's parameter is copied to param. */
static size_t errors(const char *qs, char *param)
{
    struct pf_query q;
    struct pf_verrs e = {.n = 0};
    if (query_parse(qs, strlen(qs), 32, &q, &e) == 0)
        query_validate(&q, spec, &e);
    if (param)
        strcpy(param, e.n ? e.e[0].param : "");
    query_free(&q);
    return e.n + e.more;
}

static void canon(const char *qs, char *out, size_t n)
{
    struct pf_query q;
    struct pf_verrs e = {.n = 0};
    struct buf b;
    buf_init(&b);
    query_parse(qs, strlen(qs), 32, &q, &e);
    query_canonical(&q, spec, &b);
    snprintf(out, n, "%s", buf_cstr(&b));
    buf_free(&b);
    query_free(&q);
}

int main(void)
{
    char out[256], param[64];
    CHECK_EQ_INT(percent_decode("a%20b+c", 7, out, true), 5);
    CHECK_EQ_STR(out, "a b c");
    CHECK_EQ_INT(percent_decode("a+b", 3, out, false), 3);
    CHECK_EQ_STR(out, "a+b");
    CHECK_EQ_INT(percent_decode("%e4%b8%ad", 9, out, true), 3); /* 中 */
    CHECK_EQ_INT(percent_decode("%", 1, out, true), -1);
    CHECK_EQ_INT(percent_decode("%4", 2, out, true), -1);
    CHECK_EQ_INT(percent_decode("%zz", 3, out, true), -1);
    CHECK_EQ_INT(percent_decode("%00", 3, out, true), -1);       /* NUL */
    CHECK_EQ_INT(percent_decode("%c0%af", 6, out, true), -1);    /* overlong */
    CHECK_EQ_INT(percent_decode("%ed%a0%80", 9, out, true), -1); /* surrogate */
    CHECK_EQ_INT(percent_decode("%ff", 3, out, true), -1);

    CHECK_EQ_INT(errors("", NULL), 0);
    CHECK_EQ_INT(errors("kind=target,gdp_share&limit=5", NULL), 0);
    CHECK_EQ_INT(errors("&&kind=target&", NULL), 0); /* empty pieces */
    CHECK_EQ_INT(errors("bogus=1", param), 1);
    CHECK_EQ_STR(param, "bogus");
    CHECK_EQ_INT(errors("kind=a&kind=b", param), 1); /* repeated */
    CHECK_EQ_STR(param, "kind");
    CHECK_EQ_INT(errors("kind=", param), 1);
    CHECK_EQ_INT(errors("kind=a,,b", param), 1);
    CHECK_EQ_INT(errors("kind=a;drop", param), 1);
    CHECK_EQ_INT(errors("on=2025-04", param), 1); /* needs a day */
    CHECK_EQ_STR(param, "on");
    CHECK_EQ_INT(errors("on=2025-02-30", NULL), 1);
    CHECK_EQ_INT(errors("from=2025-04", NULL), 0);
    CHECK_EQ_INT(errors("year=2025-01", NULL), 1);
    CHECK_EQ_INT(errors("limit=0", param), 1);
    CHECK_EQ_STR(param, "limit");
    CHECK_EQ_INT(errors("limit=1001", NULL), 1);
    CHECK_EQ_INT(errors("limit=-1", NULL), 1);
    CHECK_EQ_INT(errors("limit=1e3", NULL), 1);
    CHECK_EQ_INT(errors("limit=99999999999999999999", NULL), 1);
    CHECK_EQ_INT(errors("limit=NaN", NULL), 1);
    CHECK_EQ_INT(errors("format=xml", param), 1);
    CHECK_EQ_STR(param, "format");
    CHECK_EQ_INT(errors("q=tariff%0Aon", NULL), 1); /* control byte */
    CHECK_EQ_INT(errors("q=%22made%20in%22%20OR%20china", NULL), 0);
    CHECK_EQ_INT(errors("cursor=abc$", NULL), 1);
    CHECK_EQ_INT(errors("kind=%ZZ", param), 1);
    CHECK_EQ_STR(param, "kind");
    /* several errors are all reported */
    CHECK_EQ_INT(errors("bogus=1&limit=0&on=x", NULL), 3);

    /* canonical: order, set order, duplicates in sets, defaults dropped */
    char a[256], b[256];
    canon("limit=100&kind=b,a,b&from=2020", a, sizeof a);
    canon("from=2020&kind=a,b", b, sizeof b);
    CHECK_EQ_STR(a, b);
    canon("entities=USA,CHN", a, sizeof a); /* order matters for lists */
    canon("entities=CHN,USA", b, sizeof b);
    CHECK(strcmp(a, b) != 0);
    canon("limit=5", a, sizeof a);
    CHECK_EQ_STR(a, "&limit=5");
    canon("kind=c,a,b,a", a, sizeof a); /* a set: sorted, once each */
    CHECK_EQ_STR(a, "&kind=a,b,c");

    const char *items[PF_MAX_LIST];
    char scratch[64];
    CHECK_EQ_INT(
        query_split("CHN,USA,DEU", scratch, sizeof scratch, items, PF_MAX_LIST),
        3);
    CHECK_EQ_STR(items[2], "DEU");
    return check_done("test_query");
}
