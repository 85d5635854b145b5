/* Handlers and store queries without sockets: the fixture database is
 * built with the real loader, requests are routed and validated as the
 * server does, and replies are checked field by field. */
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "api/router.h"
#include "base/config.h"
#include "check.h"
#include "load/load.h"
#include "render/csv_columns.h"
#include "render/render.h"
#include "store/store.h"

static struct pf_store *store;
static struct pf_config cfg;

struct call {
    struct pf_reply rep;
    struct pf_query q;
    char capbuf[256];
    char path[256];
};

/* Routes path?query like the server: 0 when the handler ran, -1 when
 * validation rejected the query (rep holds nothing then). A JSON body
 * written as text is parsed into rep.doc, as a client would read it. */
static int call_fmt(struct call *c,
                    const char *path,
                    const char *query,
                    enum pf_format fmt)
{
    const char *caps[PF_MAX_CAPTURES];
    size_t ncaps;
    struct pf_verrs errs = {.n = 0};
    snprintf(c->path, sizeof c->path, "%s", path);
    const struct pf_route *r = router_match(
        c->path, strlen(c->path), caps, &ncaps, c->capbuf, sizeof c->capbuf);
    reply_init(&c->rep);
    if (!r)
        return -2;
    if (query_parse(query, strlen(query), 32, &c->q, &errs) != 0 ||
        query_validate(&c->q, r->params, &errs) != 0) {
        query_free(&c->q);
        return -1;
    }
    struct pf_req req = {.path = c->path,
                         .ncaptures = ncaps,
                         .query = &c->q,
                         .params = r->params,
                         .base_url = "http://test",
                         .raw_query = query,
                         .store = store,
                         .cfg = &cfg,
                         .format = fmt};
    for (size_t i = 0; i < ncaps; i++)
        req.captures[i] = caps[i];
    r->handler(&req, &c->rep);
    if (!c->rep.doc && c->rep.body && c->rep.content_type &&
        strstr(c->rep.content_type, "json")) {
        json_error_t e;
        c->rep.doc = json_loadb(c->rep.body, c->rep.body_len, 0, &e);
        CHECK(c->rep.doc != NULL);
    }
    return 0;
}

static int call(struct call *c, const char *path, const char *query)
{
    return call_fmt(c, path, query, PF_FMT_JSON);
}

static void done(struct call *c)
{
    reply_free(&c->rep);
    query_free(&c->q);
}

/* The rows' own writers (JSON envelope, CSV, NDJSON) give what the
 * jansson path gives for the same items: the CSV and NDJSON bodies equal
 * render_body_columns over the JSON page's data, byte for byte. */
static void text_equals_tree(void)
{
    static const char *const queries[] = {
        "", "limit=3", "sort=-valid_from&limit=4", "measure=avg&as_of=2021-07",
        "q=percent"};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        struct call a;
        CHECK_EQ_INT(call_fmt(&a, "/v1/facts", queries[i], PF_FMT_JSON), 0);
        CHECK(a.rep.body != NULL && a.rep.doc != NULL);
        json_t *data = json_object_get(a.rep.doc, "data");
        for (int fmt = PF_FMT_CSV; fmt <= PF_FMT_NDJSON; fmt++) {
            struct call b;
            CHECK_EQ_INT(
                call_fmt(&b, "/v1/facts", queries[i], (enum pf_format)fmt), 0);
            CHECK(b.rep.body != NULL && b.rep.rendered);
            struct buf want;
            buf_init(&want);
            CHECK_EQ_INT(render_body_columns(
                             data, data, render_csv_columns(RENDER_CSV_FACTS),
                             (enum pf_format)fmt, &want),
                         PF_OK);
            CHECK(b.rep.body_len == want.len &&
                  memcmp(b.rep.body, buf_cstr(&want), want.len) == 0);
            /* the Link header's URL, as the JSON page's */
            CHECK((a.rep.next == NULL) == (b.rep.next == NULL));
            buf_free(&want);
            done(&b);
        }
        done(&a);
    }
}

static const char *s(json_t *o, const char *path)
{
    /* "a.b.0.c": object keys and array indexes */
    char buf[256], *save, *tok;
    snprintf(buf, sizeof buf, "%s", path);
    for (tok = strtok_r(buf, ".", &save); tok && o;
         tok = strtok_r(NULL, ".", &save))
        o = json_is_array(o) ? json_array_get(o, (size_t)atoi(tok))
                             : json_object_get(o, tok);
    static char out[256];
    if (json_is_string(o))
        return json_string_value(o);
    if (json_is_number(o)) {
        snprintf(out, sizeof out, "%g", json_number_value(o));
        return out;
    }
    if (json_is_boolean(o))
        return json_is_true(o) ? "true" : "false";
    return json_is_null(o) ? "null" : "(missing)";
}

static size_t n_data(struct call *c)
{
    return json_array_size(json_object_get(c->rep.doc, "data"));
}

static void facts(void)
{
    struct call c;
    CHECK_EQ_INT(call(&c, "/v1/facts", ""), 0);
    CHECK_EQ_INT(c.rep.status, 200);
    /* default rank filter: everything but deprecated; all 9 here */
    CHECK_EQ_INT(n_data(&c), 9);
    CHECK_EQ_STR(s(c.rep.doc, "data.0.id"), "avg.2020.a"); /* sorted by id */
    CHECK_EQ_STR(s(c.rep.doc, "data.0.source.title"), "Report A, with a comma");
    CHECK_EQ_STR(s(c.rep.doc, "data.0.links.self"),
                 "http://test/v1/facts/avg.2020.a");
    CHECK_EQ_STR(s(c.rep.doc, "meta.next_cursor"), "null");
    done(&c);

    CHECK_EQ_INT(call(&c, "/v1/facts", "subject=CHN&kind=gdp_share"), 0);
    CHECK_EQ_INT(n_data(&c), 2);
    done(&c);

    /* valid time: an estimate describes its own day, never carried
     * forward to the next value of its series (design C2) */
    CHECK_EQ_INT(call(&c, "/v1/facts", "measure=avg&on=2020-02-14"), 0);
    CHECK_EQ_INT(n_data(&c), 2); /* both sources of the 2020 question */
    CHECK_EQ_STR(s(c.rep.doc, "data.0.valid_to"), "2020-02-14");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts", "measure=avg&on=2020-06-01"), 0);
    CHECK_EQ_INT(n_data(&c), 0);
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts", "measure=avg&on=2021-01-01"), 0);
    CHECK_EQ_INT(n_data(&c), 1);
    CHECK_EQ_STR(s(c.rep.doc, "data.0.id"), "avg.2021");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts", "from=2019&to=2019&subject=CHN"), 0);
    CHECK_EQ_INT(n_data(&c), 1);
    done(&c);

    /* knowledge time: on 2021-01-01 only src-a (published 2020-01-15) was
     * known, and each question gets one answer */
    CHECK_EQ_INT(call(&c, "/v1/facts", "measure=avg&as_of=2021-01-01"), 0);
    CHECK_EQ_INT(n_data(&c), 1);
    CHECK_EQ_STR(s(c.rep.doc, "data.0.id"), "avg.2020.a");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts", "measure=avg&as_of=2021-07"), 0);
    CHECK_EQ_INT(n_data(&c), 2); /* 2020 (preferred a) and 2021 */
    done(&c);
    /* by the end of 2019 only the list 1 layer was known: its source
     * shows no date, and a layer in force is public by its effective
     * date (2019-01-01) */
    CHECK_EQ_INT(call(&c, "/v1/facts", "as_of=2019"), 0);
    CHECK_EQ_INT(n_data(&c), 1);
    CHECK_EQ_STR(s(c.rep.doc, "data.0.id"), "rate.l1.2019");
    done(&c);

    /* full text, and FTS syntax errors as a 400 naming q */
    CHECK_EQ_INT(call(&c, "/v1/facts", "q=roughly"), 0);
    CHECK_EQ_INT(n_data(&c), 1);
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts", "q=%22unbalanced"), 0);
    CHECK_EQ_INT(c.rep.status, 400);
    CHECK_CONTAINS(s(c.rep.doc, "detail"), "q:");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts", "q=nocolumn%3Ax"), 0);
    CHECK_EQ_INT(c.rep.status, 400);
    done(&c);

    /* unknown codes are 400s that name the parameter */
    CHECK_EQ_INT(call(&c, "/v1/facts", "subject=XXX"), 0);
    CHECK_EQ_INT(c.rep.status, 400);
    CHECK_EQ_STR(s(c.rep.doc, "errors.0.param"), "subject");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts", "limit=5000"), -1); /* 1..1000 */
    cfg.max_limit = 500; /* --max-limit lowers it further */
    CHECK_EQ_INT(call(&c, "/v1/facts", "limit=600"), 0);
    CHECK_EQ_INT(c.rep.status, 400);
    CHECK_EQ_STR(s(c.rep.doc, "errors.0.param"), "limit");
    CHECK_CONTAINS(s(c.rep.doc, "detail"), "at most 500");
    cfg.max_limit = 1000;
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts", "cursor=AAAA"), 0);
    CHECK_EQ_INT(c.rep.status, 400);
    CHECK_EQ_STR(s(c.rep.doc, "errors.0.param"), "cursor");
    CHECK_EQ_STR(s(c.rep.doc, "code"), "invalid-cursor");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts", "bogus=1"), -1);

    CHECK_EQ_INT(call(&c, "/v1/facts/gdp.chn.2020", ""), 0);
    CHECK_EQ_INT(c.rep.status, 200);
    CHECK_EQ_STR(s(c.rep.doc, "data.value"), "39.25");
    CHECK_EQ_STR(s(c.rep.doc, "data.unit"), "percent of GDP");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/facts/nope", ""), 0);
    CHECK_EQ_INT(c.rep.status, 404);
    done(&c);
}

/* Walks every page with limit=2 and a given sort: no duplicates, no gaps,
 * the same set as one big page. */
static void paging(const char *sort)
{
    char query[1100], seen[64][64];
    size_t nseen = 0;
    const char *cursor = NULL;
    char cur[512] = "";
    for (int page = 0; page < 20; page++) {
        struct call c;
        snprintf(query, sizeof query, "limit=2&sort=%s%s%s", sort,
                 cursor ? "&cursor=" : "", cursor ? cur : "");
        CHECK_EQ_INT(call(&c, "/v1/facts", query), 0);
        CHECK_EQ_INT(c.rep.status, 200);
        json_t *data = json_object_get(c.rep.doc, "data");
        for (size_t i = 0; i < json_array_size(data); i++) {
            const char *id = s(json_array_get(data, i), "id");
            for (size_t k = 0; k < nseen; k++)
                CHECK(strcmp(seen[k], id) != 0);
            snprintf(seen[nseen++], 64, "%s", id);
        }
        const char *next = s(c.rep.doc, "meta.next_cursor");
        if (strcmp(next, "null") == 0) {
            CHECK(c.rep.next == NULL);
            done(&c);
            break;
        }
        CHECK(c.rep.next != NULL); /* the Link header's URL */
        CHECK_CONTAINS(s(c.rep.doc, "links.next"), "cursor=");
        snprintf(cur, sizeof cur, "%s", next);
        cursor = cur;
        done(&c);
    }
    CHECK_EQ_INT(nseen, 9);
}

static void tariffs(void)
{
    struct call c;
    CHECK_EQ_INT(call(&c, "/v1/tariffs/USA/CHN", "on=2020-06-01"), 0);
    CHECK_EQ_INT(c.rep.status, 200);
    CHECK_EQ_STR(s(c.rep.doc, "average.id"), "avg.2020.a");
    CHECK_EQ_STR(s(c.rep.doc, "average.other_sources.0.id"), "avg.2020.b");
    CHECK_EQ_STR(s(c.rep.doc, "average.observed_on"), "2020-02-14");
    CHECK_EQ_STR(s(c.rep.doc, "average.stale"), "false");
    CHECK_EQ_STR(s(c.rep.doc, "measures.0.id"), "rate.l1.2019");
    CHECK_EQ_STR(s(c.rep.doc, "measures.0.start_unknown"), "false");
    /* list 1 covers some products: no all-goods layer, no total */
    CHECK_EQ_STR(s(c.rep.doc, "headline_total.value"), "null");
    CHECK_EQ_STR(s(c.rep.doc, "headline_total.stated"), "null");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/tariffs/USA/CHN", "on=2018-06-01"), 0);
    CHECK_EQ_STR(s(c.rep.doc, "average"), "null");
    CHECK_EQ_INT(json_array_size(json_object_get(c.rep.doc, "measures")), 0);
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/tariffs/USA/CHN", ""), 0);
    CHECK_EQ_INT(c.rep.status, 400); /* on is required */
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/tariffs/USA/XXX", "on=2020-06-01"), 0);
    CHECK_EQ_INT(c.rep.status, 404);
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/tariffs", "imposer=USA&kind=average"), 0);
    CHECK_EQ_INT(n_data(&c), 3);
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/tariffs", "kind=bogus"), 0);
    CHECK_EQ_INT(c.rep.status, 400);
    CHECK_EQ_STR(s(c.rep.doc, "errors.0.param"), "kind");
    done(&c);
}

static void gdp_compare_targets(void)
{
    struct call c;
    CHECK_EQ_INT(call(&c, "/v1/gdp-shares", "country=CHN,USA"), 0);
    CHECK_EQ_INT(c.rep.status, 200);
    CHECK_EQ_INT(n_data(&c), 2);
    CHECK_EQ_STR(s(c.rep.doc, "data.0.country.id"), "CHN");
    CHECK_EQ_STR(s(c.rep.doc, "data.0.points.1.value"), "39.25");
    CHECK_EQ_STR(s(c.rep.doc, "data.0.measure.code"), "NE.CON.PRVT.ZS");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/gdp-shares", "country=CHN&latest=1"), 0);
    CHECK_EQ_INT(
        json_array_size(json_object_get(
            json_array_get(json_object_get(c.rep.doc, "data"), 0), "points")),
        1);
    CHECK_EQ_STR(s(c.rep.doc, "data.0.points.0.year"), "2020");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/gdp-shares", "component=NE.CON.PRVT.ZS"), 0);
    CHECK_EQ_INT(c.rep.status, 200);
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/gdp-shares", "component=weather"), 0);
    CHECK_EQ_INT(c.rep.status, 400);
    done(&c);

    CHECK_EQ_INT(call(&c, "/v1/compare", "measure=share&entities=USA,CHN"), 0);
    CHECK_EQ_INT(c.rep.status, 200);
    CHECK_EQ_STR(s(c.rep.doc, "period"), "2020"); /* latest common */
    CHECK_EQ_STR(s(c.rep.doc, "data.0.value"), "68");
    CHECK_EQ_STR(s(c.rep.doc, "data.0.rank"), "1");
    CHECK_EQ_STR(s(c.rep.doc, "data.1.rank"), "2");
    CHECK_EQ_STR(s(c.rep.doc, "data.1.ratio_to_first"),
                 "0.577206"); /* 39.25 / 68 */
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/compare", "measure=share&entities=USA"), 0);
    CHECK_EQ_INT(c.rep.status, 400);
    done(&c);
    /* a value that ended before the period is not the period's value */
    CHECK_EQ_INT(
        call(&c, "/v1/compare", "measure=share&entities=USA,CHN&period=2030"),
        0);
    CHECK_EQ_INT(c.rep.status, 200);
    CHECK_EQ_STR(s(c.rep.doc, "period"), "2030");
    CHECK(json_is_null(json_object_get(
        json_array_get(json_object_get(c.rep.doc, "data"), 0), "value")));
    CHECK(json_is_null(json_object_get(
        json_array_get(json_object_get(c.rep.doc, "data"), 1), "fact")));
    done(&c);
    CHECK_EQ_INT(
        call(&c, "/v1/compare", "measure=share&entities=CHN,USA&period=2019"),
        0);
    CHECK_EQ_STR(s(c.rep.doc, "data.0.value"), "40.5");
    CHECK(json_is_null(json_object_get(
        json_array_get(json_object_get(c.rep.doc, "data"), 1), "value")));
    done(&c);

    CHECK_EQ_INT(call(&c, "/v1/targets", "programme=PRG"), 0);
    CHECK_EQ_INT(n_data(&c), 1);
    CHECK_EQ_STR(s(c.rep.doc, "data.0.programme.id"), "PRG");
    CHECK_EQ_STR(s(c.rep.doc, "data.0.deadline"), "2030");
    done(&c);
}

static void refs(void)
{
    struct call c;
    CHECK_EQ_INT(call(&c, "/v1/sources", "limit=2"), 0);
    CHECK_EQ_INT(n_data(&c), 2);
    CHECK(c.rep.next != NULL);
    CHECK_EQ_STR(s(c.rep.doc, "data.0.links.facts"),
                 "http://test/v1/facts?source=src-a");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/entities/PRG", ""), 0);
    CHECK_EQ_STR(s(c.rep.doc, "data.type"), "programme");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/measures/none", ""), 0);
    CHECK_EQ_INT(c.rep.status, 404);
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/dataset", ""), 0);
    CHECK_EQ_STR(s(c.rep.doc, "counts.facts"), "9");
    done(&c);
    CHECK_EQ_INT(call(&c, "/v1/vocabulary", ""), 0);
    CHECK_EQ_INT(c.rep.status, 200);
    CHECK_EQ_STR(s(c.rep.doc, "ranks.1.id"), "normal");
    CHECK_EQ_STR(s(c.rep.doc, "ranks.1.order"), "1");
    CHECK_EQ_STR(s(c.rep.doc, "kinds.0"), "target");
    CHECK_EQ_STR(s(c.rep.doc, "tariff_categories.3"), "effective");
    CHECK_EQ_STR(s(c.rep.doc, "links.self"), "http://test/v1/vocabulary");
    done(&c);
}

/* A fact whose source row is gone (a database built by hand, with
 * foreign keys off: the load's full check refuses such a file, serve's
 * fast one does not look) is never served without its source: every
 * representation, the single fact included, answers an internal-error
 * problem. */
static void missing_source(const char *db)
{
    char copy[160], sql[256], why[256];
    sqlite3 *h;
    struct pf_store *broken = NULL;
    snprintf(copy, sizeof copy, "%s.broken", db);
    snprintf(sql, sizeof sql, "VACUUM INTO '%s'", copy);
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
    CHECK(sqlite3_open(copy, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h,
                       "PRAGMA foreign_keys=OFF; DELETE FROM sources "
                       "WHERE id='src-a'",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
    CHECK_EQ_INT(store_open(copy, &broken, why, sizeof why), PF_OK);
    struct pf_store *good = store;
    store = broken;
    for (int fmt = 0; broken && fmt < 2; fmt++) {
        struct call c;
        CHECK_EQ_INT(
            call_fmt(&c, "/v1/facts", "", fmt ? PF_FMT_CSV : PF_FMT_JSON), 0);
        CHECK_EQ_INT(c.rep.status, 500);
        done(&c);
    }
    if (broken) {
        struct call c;
        CHECK_EQ_INT(call(&c, "/v1/facts/avg.2020.a", ""), 0);
        CHECK_EQ_INT(c.rep.status, 500);
        done(&c);
        /* a fact whose source is there is still served */
        CHECK_EQ_INT(call(&c, "/v1/facts/avg.2021", ""), 0);
        CHECK_EQ_INT(c.rep.status, 200);
        done(&c);
    }
    store = good;
    if (broken)
        store_release(broken);
    unlink(copy);
}

int main(void)
{
    char dir[] = "/tmp/pf-test-handlers-XXXXXX", db[128], why[256];
    char *msg = NULL;
    size_t len;
    if (!mkdtemp(dir))
        return 2;
    snprintf(db, sizeof db, "%s/fx.db", dir);
    FILE *m = open_memstream(&msg, &len);
    struct load_opts o = {
        .dir = "tests/fixtures/good", .out = db, .max_errors = 10, .msg = m};
    int rc = load_run(&o);
    fclose(m);
    free(msg);
    CHECK_EQ_INT(rc, 0);
    char *argv[] = {"serve", NULL};
    CHECK_EQ_INT(config_load(&cfg, 1, argv, stdout, why, sizeof why), 0);
    CHECK_EQ_INT(store_open(db, &store, why, sizeof why), PF_OK);
    if (!store)
        return check_done("test_handlers");

    facts();
    text_equals_tree();
    paging("id");
    paging("-valid_from");
    paging("known_from");
    tariffs();
    gdp_compare_targets();
    refs();
    missing_source(db);

    store_release(store);
    unlink(db);
    rmdir(dir);
    return check_done("test_handlers");
}
