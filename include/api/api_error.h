/* Store and allocation failures as problems: one mapping for every
 * handler, so that a failed allocation is a 500 and never a 404. */
#ifndef PF_API_ERROR_H
#define PF_API_ERROR_H

#include "api/handler.h"
#include "base/pf.h"

/* Replies with the problem for err: PF_EQUERY 400 (why: FTS5's message),
 * PF_ENOTFOUND 404, anything else 500. */
void api_error_store(struct pf_reply *rep, enum pf_err err, const char *why);

#endif
