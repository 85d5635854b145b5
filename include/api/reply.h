/* Filling a reply: its lifecycle, a JSON document, a problem.
 *
 * Handlers call these; the http layer turns the filled reply into a status,
 * headers and bytes. A reply says what the answer is, never which headers
 * it gets. */
#ifndef PF_REPLY_H
#define PF_REPLY_H

#include <jansson.h>

#include "api/query.h"
#include "render/problem.h"

struct pf_reply;

/* An empty 200 reply. Never fails. */
void reply_init(struct pf_reply *rep);
/* Frees what the reply owns; it can be filled again after reply_init. */
void reply_free(struct pf_reply *rep);
/* Sets the status and the document; takes ownership of doc (NULL: out of
 * memory, answered 500 by the http layer). */
void reply_json(struct pf_reply *rep, int status, json_t *doc);

/* Replaces the reply with the problem p (its status from the error table);
 * detail is printf-style. */
void problem_reply(struct pf_reply *rep,
                   enum pf_problem p,
                   const char *fmt,
                   ...) __attribute__((format(printf, 3, 4)));
/* A 400 listing every validation error. */
void problem_params(struct pf_reply *rep, const struct pf_verrs *errs);
/* A 400 naming one parameter (a bad cursor has its own code). */
void problem_param(struct pf_reply *rep,
                   const char *param,
                   const char *fmt,
                   ...) __attribute__((format(printf, 3, 4)));

#endif
