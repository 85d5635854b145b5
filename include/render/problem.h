/* RFC 9457 problem details. One table row per error kind: HTTP status,
 * type slug and title; the body adds detail, instance and, for validation
 * errors, errors: [{param, reason}]. */
#ifndef PF_PROBLEM_H
#define PF_PROBLEM_H

#include "api/handler.h"
#include "api/query.h"

enum pf_problem {
    PROB_BAD_PARAM,       /* 400 invalid query parameter(s) */
    PROB_BAD_CURSOR,      /* 400 cursor not from this API */
    PROB_BAD_QUERY,       /* 400 full-text syntax */
    PROB_BAD_REQUEST,     /* 400 malformed request */
    PROB_NOT_FOUND,       /* 404 unknown path */
    PROB_NO_SUCH,         /* 404 unknown resource id */
    PROB_METHOD,          /* 405 */
    PROB_NOT_ACCEPTABLE,  /* 406 */
    PROB_URI_TOO_LONG,    /* 414 */
    PROB_HEADERS_TOO_BIG, /* 431 */
    PROB_INTERNAL,        /* 500 */
    PROB_UNAVAILABLE,     /* 503 no database loaded */
    PROB_OVERLOADED,      /* 503 too many connections */
    PROB_COUNT
};

/* Replaces the reply with a problem document; detail is printf-style. */
void problem_reply(struct pf_reply *rep,
                   enum pf_problem p,
                   const char *fmt,
                   ...) __attribute__((format(printf, 3, 4)));
/* A 400 listing every validation error. */
void problem_params(struct pf_reply *rep, const struct pf_verrs *errs);
/* A 400 naming one parameter. */
void problem_param(struct pf_reply *rep,
                   const char *param,
                   const char *fmt,
                   ...) __attribute__((format(printf, 3, 4)));
int problem_status(enum pf_problem p);
/* A complete problem body for contexts without a reply (server limits).
 * Caller frees. */
char *problem_body(enum pf_problem p, const char *detail, size_t *len);

#endif
