/* The error table and the problem documents built from it (RFC 9457).
 *
 * Owns: one row per kind of error (HTTP status, stable code, title) and the
 * JSON of a problem document. Must not know requests, replies or headers:
 * the api layer puts these documents in replies (api/reply.h) and the http
 * layer decides the headers that go with a status. */
#ifndef PF_PROBLEM_H
#define PF_PROBLEM_H

#include <jansson.h>
#include <stddef.h>

enum pf_problem {
    PROB_BAD_PARAM,       /* 400 invalid query parameter(s) */
    PROB_BAD_CURSOR,      /* 400 cursor not from this API */
    PROB_BAD_QUERY,       /* 400 full-text syntax */
    PROB_BAD_REQUEST,     /* 400 malformed request */
    PROB_NOT_FOUND,       /* 404 unknown path */
    PROB_NO_SUCH,         /* 404 unknown resource id */
    PROB_METHOD,          /* 405 */
    PROB_NOT_ACCEPTABLE,  /* 406 */
    PROB_CONTENT,         /* 413 request content on a resource taking none */
    PROB_URI_TOO_LONG,    /* 414 */
    PROB_HEADERS_TOO_BIG, /* 431 */
    PROB_INTERNAL,        /* 500 */
    PROB_UNAVAILABLE,     /* 503 no database loaded */
    PROB_OVERLOADED,      /* 503 too many connections */
    PROB_COUNT
};

/* One validation error: the parameter at fault and why. */
struct pf_problem_error {
    const char *param;
    const char *reason;
};

/* The HTTP status of p, from the table. Never fails. */
int problem_status(enum pf_problem p);

/* {type, title, status, detail, code} for p. A detail that is not valid
 * UTF-8 is replaced by the title (hostile input is never echoed). Returns a
 * new reference, or NULL when out of memory. */
json_t *problem_doc(enum pf_problem p, const char *detail);

/* The same with errors: [{param, reason}] for n > 0 errors; the detail
 * names the one parameter, or counts n + more (more: errors beyond the n
 * listed). Returns a new reference, or NULL when out of memory. */
json_t *problem_doc_errors(enum pf_problem p,
                           const struct pf_problem_error *errs,
                           size_t n,
                           size_t more);

/* Sets doc's instance to the request target, bounded to 511 bytes, bytes
 * outside printable ASCII shown as '?' (so hostile input can neither break
 * the JSON nor spoof a log line). doc may be NULL. */
void problem_set_instance(json_t *doc, const char *target);

/* The body of an internal-error problem, for when no document can be
 * built (out of memory): a static string. */
extern const char problem_internal_text[];

#endif
