/* Dates: strict parsing, period bounds, day arithmetic. */
#include "base/date.h"
#include "check.h"

static int ok(const char *s)
{
    struct pf_date d;
    return date_parse(s, strlen(s), &d);
}

int main(void)
{
    struct pf_date d;
    char out[11];

    CHECK(ok("2025"));
    CHECK(ok("2025-04"));
    CHECK(ok("2025-04-20"));
    CHECK(ok("2024-02-29")); /* leap year */
    CHECK(!ok("2025-02-29"));
    CHECK(!ok("1900-02-29")); /* century, not leap */
    CHECK(ok("2000-02-29"));
    CHECK(!ok("2025-13"));
    CHECK(!ok("2025-00-10"));
    CHECK(!ok("2025-04-31"));
    CHECK(!ok("25-04-20"));
    CHECK(!ok("2025-4-20"));
    CHECK(!ok("2025/04/20"));
    CHECK(!ok("0999"));
    CHECK(!ok(""));
    CHECK(!ok("2025-04-20T00"));
    CHECK(!ok("２０２５")); /* full-width digits */

    date_parse("2025-02", 7, &d);
    date_start(&d, out);
    CHECK_EQ_STR(out, "2025-02-01");
    date_end(&d, out);
    CHECK_EQ_STR(out, "2025-02-28");
    date_parse("2024", 4, &d);
    date_end(&d, out);
    CHECK_EQ_STR(out, "2024-12-31");
    date_parse("2024-02", 7, &d);
    date_end(&d, out);
    CHECK_EQ_STR(out, "2024-02-29");

    CHECK(date_add_days("2025-03-01", -1, out));
    CHECK_EQ_STR(out, "2025-02-28");
    CHECK(date_add_days("2024-12-31", 1, out));
    CHECK_EQ_STR(out, "2025-01-01");
    CHECK(!date_add_days("2024-12", 1, out));
    return check_done("test_date");
}
