/* Filling replies: lifecycle, JSON documents, problems.
 *
 * Owns how a handler's outcome is put in a struct pf_reply. A problem takes
 * its status and document from the error table (render/problem.c); nothing
 * here chooses headers (cacheability, Retry-After, Allow, content type are
 * decided by src/http from the status and the route). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/handler.h"

void reply_init(struct pf_reply *rep)
{
    memset(rep, 0, sizeof *rep);
    rep->status = 200;
}

void reply_free(struct pf_reply *rep)
{
    json_decref(rep->doc);
    json_decref(rep->rows);
    free(rep->next);
    if (rep->body_owned)
        free(rep->body);
    rep->doc = NULL;
    rep->rows = NULL;
    rep->next = NULL;
    rep->body = NULL;
}

void reply_json(struct pf_reply *rep, int status, json_t *doc)
{
    json_decref(rep->doc);
    rep->status = status;
    rep->doc = doc;
}

/* Replaces whatever the reply held with the problem document (NULL when
 * out of memory: the http layer then answers 500). */
static void set_problem(struct pf_reply *rep, enum pf_problem p, json_t *doc)
{
    reply_free(rep);
    reply_init(rep);
    reply_json(rep, problem_status(p), doc);
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
    struct pf_problem_error list[PF_MAX_ERRORS];
    size_t n = errs->n < PF_MAX_ERRORS ? errs->n : PF_MAX_ERRORS;
    for (size_t i = 0; i < n; i++)
        list[i] =
            (struct pf_problem_error){errs->e[i].param, errs->e[i].reason};
    set_problem(rep, p, problem_doc_errors(p, list, n, errs->more));
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
