/* /v1/vocabulary: the words a fact's kind, qualifier and rank (with the
 * ranks' order), an entity's type and a tariff's category may take, as
 * include/store/fact_schema.h defines them, so that clients (the
 * dashboard) need not copy them. Must not list a word itself. */
#include <stdlib.h>

#include "api/envelope.h"
#include "api/handlers.h"
#include "render/problem.h"
#include "render/refs_json.h"

void h_vocabulary(const struct pf_req *req, struct pf_reply *rep)
{
    json_t *doc = render_vocabulary_tree();
    char *self = envelope_self_url(req);
    if (!doc || !self ||
        json_object_set_new(doc, "links", json_pack("{s:s}", "self", self))) {
        json_decref(doc);
        free(self);
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        return;
    }
    free(self);
    reply_json(rep, 200, doc);
}
