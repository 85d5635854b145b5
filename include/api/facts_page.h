/* A page of facts as a collection answer: runs the store query a
 * handler's parameters made and replies with the envelope. Pages of plain
 * facts are written straight from the typed rows in every format (the
 * fast path: JSON envelope, CSV, NDJSON); handlers that add members go
 * through jansson. */
#ifndef PF_FACTS_PAGE_H
#define PF_FACTS_PAGE_H

#include <jansson.h>

#include "api/handler.h"
#include "api/params.h"
#include "render/csv_columns.h"
#include "render/fact_json.h"

/* Adds members to one fact's object (item), after links; PF_OK or
 * PF_ENOMEM. */
typedef enum pf_err (*facts_decorate_fn)(const struct pf_req *req,
                                         const struct pf_fact *f,
                                         json_t *item);

/* The snapshot's reference fragments for render_fact_json, built by the
 * first answer that needs them and kept in the store's slot until the
 * snapshot closes; NULL when out of memory. */
const struct render_frags *facts_page_frags(struct pf_store *s);

/* Replies with the page fp->q selects (decorate may be NULL); the CSV has
 * the columns of csv. Returns what it answered: PF_OK or the error. */
enum pf_err facts_page_reply(const struct pf_req *req,
                             struct fact_params *fp,
                             struct pf_reply *rep,
                             facts_decorate_fn decorate,
                             enum render_csv csv);

#endif
