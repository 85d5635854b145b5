/* Routing: every pattern, captures, and what must not match. */
#include "api/router.h"
#include "check.h"

static const struct pf_route *m(const char *path, const char **caps, size_t *n)
{
    static char capbuf[512];
    return router_match(path, strlen(path), caps, n, capbuf, sizeof capbuf);
}

int main(void)
{
    const char *caps[PF_MAX_CAPTURES];
    size_t n;
    const struct pf_route *r;

    r = m("/v1/facts", caps, &n);
    CHECK(r && strcmp(r->name, "facts") == 0);
    CHECK_EQ_INT(n, 0);
    r = m("/v1/facts/gdp.household-consumption.chn.2023", caps, &n);
    CHECK(r && strcmp(r->name, "fact") == 0);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(caps[0], "gdp.household-consumption.chn.2023");
    r = m("/v1/tariffs/USA/CHN", caps, &n);
    CHECK(r && strcmp(r->name, "tariffs_on") == 0);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_STR(caps[0], "USA");
    CHECK_EQ_STR(caps[1], "CHN");
    r = m("/", caps, &n);
    CHECK(r && strcmp(r->name, "dashboard") == 0);
    r = m("/assets/app.js", caps, &n);
    CHECK(r && strcmp(r->name, "asset") == 0);
    CHECK_EQ_STR(caps[0], "app.js");

    /* near misses */
    CHECK(m("/v1/facts/", caps, &n) == NULL); /* empty capture */
    CHECK(m("/v1/factsx", caps, &n) == NULL);
    CHECK(m("/v1/tariffs/USA", caps, &n) == NULL);
    CHECK(m("/v1/tariffs/USA/CHN/x", caps, &n) == NULL);
    CHECK(m("/V1/facts", caps, &n) == NULL); /* case matters */
    CHECK(m("/v1/../v1/facts", caps, &n) == NULL);
    CHECK(m("", caps, &n) == NULL);
    CHECK(m("/assets/a/b.js", caps, &n) == NULL);

    /* every route has a handler, a parameter table and a unique name */
    size_t count;
    const struct pf_route *all = router_routes(&count);
    CHECK(count >= 20);
    for (size_t i = 0; i < count; i++) {
        CHECK(all[i].handler != NULL);
        CHECK(all[i].params != NULL);
        for (size_t j = i + 1; j < count; j++)
            CHECK(strcmp(all[i].name, all[j].name) != 0);
    }
    return check_done("test_router");
}
