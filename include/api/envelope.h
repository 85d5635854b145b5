/* Replies with a collection envelope (render/envelope.h): the self and
 * next links of the request, the cursor, the dataset version. Every
 * collection handler answers through here. Failures are answered (500)
 * and returned as PF_ENOMEM. */
#ifndef PF_API_ENVELOPE_H
#define PF_API_ENVELOPE_H

#include <jansson.h>

#include "api/handler.h"
#include "base/buf.h"
#include "base/pf.h"

/* A page of items (taken over): 200 with the envelope as rep->doc, the
 * items as rep->rows (CSV, NDJSON), and the next page's URL for the Link
 * header when next_cursor is set (NULL: last page). */
enum pf_err envelope_reply(const struct pf_req *req,
                           struct pf_reply *rep,
                           json_t *items,
                           int limit,
                           const char *next_cursor);

/* The same envelope finished as JSON text in page, which holds the
 * envelope's opening and the items already written (render_envelope_open,
 * then the array): the buffer becomes the body without a copy. */
enum pf_err envelope_reply_text(const struct pf_req *req,
                                struct pf_reply *rep,
                                struct buf *page,
                                int count,
                                int limit,
                                const char *next_cursor);

/* A page already rendered in req->format (CSV or NDJSON records, taken
 * over): the body as it is, and the next page's URL for the Link header
 * when next_cursor is set. */
enum pf_err envelope_reply_rendered(const struct pf_req *req,
                                    struct pf_reply *rep,
                                    struct buf *page,
                                    const char *next_cursor);

/* An unpaged answer (gdp-shares): data (taken over) with meta {count,
 * dataset_version} and links {self}; rows are the CSV/NDJSON records
 * (taken over). */
enum pf_err envelope_reply_unpaged(const struct pf_req *req,
                                   struct pf_reply *rep,
                                   json_t *data,
                                   json_t *rows);

/* One item (taken over): {"data": item, "meta": {dataset_version}}, the
 * item as the one CSV row. */
enum pf_err envelope_reply_item(const struct pf_req *req,
                                struct pf_reply *rep,
                                json_t *item);

/* The request's own URL, as its links.self; NULL when out of memory.
 * Caller frees. */
char *envelope_self_url(const struct pf_req *req);

#endif
