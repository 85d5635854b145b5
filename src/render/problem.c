/* Problem documents (RFC 9457) from the error table.
 *
 * Owns the table (status, code, title per kind) and the JSON of problems.
 * Must not fill replies or set headers: api/reply.c puts documents in
 * replies, src/http decides the headers of each status. The `type` URIs are
 * relative references to the API documentation; `code` is a stable string
 * clients can switch on. */
#include "render/problem.h"

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
    [PROB_CONTENT] = {413, "content-not-accepted",
                      "Request content not accepted"},
    [PROB_URI_TOO_LONG] = {414, "uri-too-long", "Request target too long"},
    [PROB_HEADERS_TOO_BIG] = {431, "headers-too-large",
                              "Request header fields too large"},
    [PROB_INTERNAL] = {500, "internal-error", "Internal server error"},
    [PROB_UNAVAILABLE] = {503, "not-ready", "Service not ready"},
    [PROB_OVERLOADED] = {503, "overloaded", "Too many connections"},
};

const char problem_internal_text[] =
    "{\"type\":\"/problems/internal-error\",\"title\":"
    "\"Internal server error\",\"status\":500}";

int problem_status(enum pf_problem p)
{
    return rows[p].status;
}

json_t *problem_doc(enum pf_problem p, const char *detail)
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

json_t *problem_doc_errors(enum pf_problem p,
                           const struct pf_problem_error *errs,
                           size_t n,
                           size_t more)
{
    char detail[512];
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list,
                              json_pack("{s:s, s:s}", "param", errs[i].param,
                                        "reason", errs[i].reason));
    if (n == 1)
        snprintf(detail, sizeof detail, "%s: %s", errs[0].param,
                 errs[0].reason);
    else
        snprintf(detail, sizeof detail,
                 "%zu query parameters are invalid; see errors", n + more);
    json_t *doc = problem_doc(p, detail);
    if (doc)
        json_object_set_new(doc, "errors", list);
    else
        json_decref(list);
    return doc;
}

void problem_set_instance(json_t *doc, const char *target)
{
    char out[512];
    size_t o = 0;
    for (size_t i = 0; target && target[i] && o + 1 < sizeof out; i++) {
        unsigned char ch = (unsigned char)target[i];
        out[o++] = (ch < 0x20 || ch >= 0x7F) ? '?' : (char)ch;
    }
    out[o] = '\0';
    if (doc)
        json_object_set_new(doc, "instance", json_string(out));
}
