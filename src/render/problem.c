/* Problem documents (RFC 9457). The `type` URIs are relative references
 * to the API documentation; `code` is a stable string clients can switch
 * on. `instance` is added by the server, which knows the request target. */
#include "render/problem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct problem_row {
    int status;
    const char *code;
    const char *title;
};

static const struct problem_row rows[PROB_COUNT] = {
    [PROB_BAD_PARAM] = {400, "invalid-parameter", "Invalid query parameter"},
    [PROB_BAD_CURSOR] = {400, "invalid-cursor", "Invalid cursor"},
    [PROB_BAD_QUERY] = {400, "invalid-search", "Invalid full-text query"},
    [PROB_BAD_REQUEST] = {400, "bad-request", "Malformed request"},
    [PROB_NOT_FOUND] = {404, "not-found", "No such resource"},
    [PROB_NO_SUCH] = {404, "unknown-id", "No such item"},
    [PROB_METHOD] = {405, "method-not-allowed", "Method not allowed"},
    [PROB_NOT_ACCEPTABLE] = {406, "not-acceptable",
                             "No acceptable representation"},
    [PROB_URI_TOO_LONG] = {414, "uri-too-long", "Request target too long"},
    [PROB_HEADERS_TOO_BIG] = {431, "headers-too-large",
                              "Request header fields too large"},
    [PROB_INTERNAL] = {500, "internal-error", "Internal server error"},
    [PROB_UNAVAILABLE] = {503, "not-ready", "Service not ready"},
    [PROB_OVERLOADED] = {503, "overloaded", "Too many connections"},
};

int problem_status(enum pf_problem p)
{
    return rows[p].status;
}

static json_t *problem_doc(enum pf_problem p, const char *detail)
{
    char type[80];
    snprintf(type, sizeof type, "/problems/%s", rows[p].code);
    json_t *doc = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", type, "title",
                            rows[p].title, "status", rows[p].status, "detail",
                            detail, "code", rows[p].code);
    if (!doc) /* detail was not valid UTF-8: never echo such input */
        doc = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", type, "title",
                        rows[p].title, "status", rows[p].status, "detail",
                        rows[p].title, "code", rows[p].code);
    return doc;
}

static void set_problem(struct pf_reply *rep, enum pf_problem p, json_t *doc)
{
    reply_free(rep);
    reply_init(rep);
    rep->status = rows[p].status;
    rep->doc = doc;
    rep->no_cache = true;
    /* Errors other than 404 describe this request, not the resource. */
    rep->no_store = rows[p].status != 404;
    if (p == PROB_UNAVAILABLE || p == PROB_OVERLOADED)
        rep->retry_after = 1;
}

void problem_reply(struct pf_reply *rep,
                   enum pf_problem p,
                   const char *fmt,
                   ...)
{
    char detail[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    set_problem(rep, p, problem_doc(p, detail));
}

static void params_problem(struct pf_reply *rep,
                           enum pf_problem p,
                           const struct pf_verrs *errs)
{
    char detail[512];
    json_t *list = json_array();
    for (size_t i = 0; i < errs->n; i++)
        json_array_append_new(list,
                              json_pack("{s:s, s:s}", "param", errs->e[i].param,
                                        "reason", errs->e[i].reason));
    if (errs->n == 1)
        snprintf(detail, sizeof detail, "%s: %s", errs->e[0].param,
                 errs->e[0].reason);
    else
        snprintf(detail, sizeof detail,
                 "%zu query parameters are invalid; see errors",
                 errs->n + errs->more);
    json_t *doc = problem_doc(p, detail);
    if (doc)
        json_object_set_new(doc, "errors", list);
    else
        json_decref(list);
    set_problem(rep, p, doc);
}

void problem_params(struct pf_reply *rep, const struct pf_verrs *errs)
{
    params_problem(rep, PROB_BAD_PARAM, errs);
}

void problem_param(struct pf_reply *rep,
                   const char *param,
                   const char *fmt,
                   ...)
{
    struct pf_verrs e = {.n = 1};
    va_list ap;
    e.e[0].param = param;
    va_start(ap, fmt);
    vsnprintf(e.e[0].reason, sizeof e.e[0].reason, fmt, ap);
    va_end(ap);
    /* a bad cursor has its own code: the client should restart paging */
    params_problem(
        rep, strcmp(param, "cursor") == 0 ? PROB_BAD_CURSOR : PROB_BAD_PARAM,
        &e);
}

char *problem_body(enum pf_problem p, const char *detail, size_t *len)
{
    json_t *doc = problem_doc(p, detail);
    char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    *len = s ? strlen(s) : 0;
    return s;
}
