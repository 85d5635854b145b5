/* Problems: the error table's documents (render/problem.c) and the replies
 * api/reply.c fills from them. */
#include <stdlib.h>
#include <string.h>

#include "api/handler.h"
#include "check.h"
#include "render/problem.h"

static const char *str(const json_t *doc, const char *key)
{
    return json_string_value(json_object_get(doc, key));
}

static void documents(void)
{
    json_t *doc = problem_doc(PROB_NO_SUCH, "no fact with id x");
    CHECK_EQ_STR(str(doc, "type"), "/problems/unknown-id");
    CHECK_EQ_STR(str(doc, "code"), "unknown-id");
    CHECK_EQ_STR(str(doc, "title"), "No such item");
    CHECK_EQ_STR(str(doc, "detail"), "no fact with id x");
    CHECK_EQ_INT(json_integer_value(json_object_get(doc, "status")), 404);
    CHECK(!json_object_get(doc, "errors"));
    /* the request target, bounded and shown as printable ASCII */
    problem_set_instance(doc, "/v1/facts/x\n\x01\xff?q=1");
    CHECK_EQ_STR(str(doc, "instance"), "/v1/facts/x????q=1");
    char *longt = malloc(2000);
    memset(longt, 'a', 1999);
    longt[1999] = '\0';
    problem_set_instance(doc, longt);
    CHECK_EQ_INT(strlen(str(doc, "instance")), 511);
    free(longt);
    problem_set_instance(NULL, "/x"); /* no document: nothing to do */
    json_decref(doc);

    /* a detail that is not UTF-8 is never echoed */
    doc = problem_doc(PROB_BAD_REQUEST, "bad \xc0\xaf byte");
    CHECK_EQ_STR(str(doc, "detail"), "Malformed request");
    json_decref(doc);

    struct pf_problem_error one[] = {{"limit", "must be 1..1000"}};
    doc = problem_doc_errors(PROB_BAD_PARAM, one, 1, 0);
    CHECK_EQ_STR(str(doc, "detail"), "limit: must be 1..1000");
    CHECK_EQ_STR(
        str(json_array_get(json_object_get(doc, "errors"), 0), "param"),
        "limit");
    json_decref(doc);
    struct pf_problem_error two[] = {{"a", "x"}, {"b", "y"}};
    doc = problem_doc_errors(PROB_BAD_PARAM, two, 2, 3);
    CHECK_EQ_STR(str(doc, "detail"),
                 "5 query parameters are invalid; see errors");
    CHECK_EQ_INT(json_array_size(json_object_get(doc, "errors")), 2);
    json_decref(doc);

    /* every row has a 4xx or 5xx status */
    for (int p = 0; p < PROB_COUNT; p++)
        CHECK(problem_status((enum pf_problem)p) >= 400 &&
              problem_status((enum pf_problem)p) < 600);
    CHECK_EQ_INT(problem_status(PROB_CONTENT), 413);
    CHECK_EQ_INT(problem_status(PROB_URI_TOO_LONG), 414);
}

static void replies(void)
{
    struct pf_reply rep;
    reply_init(&rep);
    CHECK_EQ_INT(rep.status, 200);
    reply_json(&rep, 200, json_pack("{s:i}", "a", 1));
    /* a problem replaces whatever the reply held */
    rep.next = strdup("http://x/next");
    problem_reply(&rep, PROB_UNAVAILABLE, "no %s loaded", "database");
    CHECK_EQ_INT(rep.status, 503);
    CHECK(!rep.next);
    CHECK_EQ_STR(str(rep.doc, "detail"), "no database loaded");
    CHECK_EQ_STR(str(rep.doc, "code"), "not-ready");
    reply_free(&rep);

    reply_init(&rep);
    problem_param(&rep, "cursor", "not from this API");
    CHECK_EQ_INT(rep.status, 400);
    CHECK_EQ_STR(str(rep.doc, "code"), "invalid-cursor");
    CHECK_EQ_STR(str(rep.doc, "detail"), "cursor: not from this API");
    problem_param(&rep, "limit", "must be at most %d", 1000);
    CHECK_EQ_STR(str(rep.doc, "code"), "invalid-parameter");
    reply_free(&rep);

    struct pf_verrs errs = {.n = 0};
    query_verr_add(&errs, "on", "not a date");
    query_verr_add(&errs, "kind", "unknown");
    reply_init(&rep);
    problem_params(&rep, &errs);
    CHECK_EQ_INT(rep.status, 400);
    CHECK_EQ_INT(json_array_size(json_object_get(rep.doc, "errors")), 2);
    reply_free(&rep);
}

int main(void)
{
    documents();
    replies();
    return check_done("test_problem");
}
