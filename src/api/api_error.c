/* Store results to problems (see api_error.h). Must not log: the store
 * logged where it failed. */
#include "api/api_error.h"

#include "render/problem.h"

void api_error_store(struct pf_reply *rep, enum pf_err err, const char *why)
{
    switch (err) {
    case PF_EQUERY:
        problem_reply(rep, PROB_BAD_QUERY,
                      "q: %s (FTS5 syntax: words, \"phrases\", AND, OR, "
                      "NOT, prefix*)",
                      why && *why ? why : "invalid query");
        break;
    case PF_ENOTFOUND:
        problem_reply(rep, PROB_NO_SUCH, "no such item");
        break;
    case PF_ENOMEM:
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        break;
    default:
        problem_reply(rep, PROB_INTERNAL, "the request could not be completed");
        break;
    }
}
