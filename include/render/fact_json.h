/* A typed fact (store/fact.h) as JSON: written as text straight into a
 * buffer (the /v1/facts fast path) or built as a jansson tree (CSV and
 * NDJSON rows, and answers that nest facts). Both give the same object:
 * the fields in fact_schema.h order with the measure's unit and category
 * after `measure`, the embedded `source` object, then links.self. */
#ifndef PF_FACT_JSON_H
#define PF_FACT_JSON_H

#include <jansson.h>

#include "base/buf.h"
#include "store/fact.h"

/* The JSON text of every source object and every measure's
 * ,"unit":..,"category":.. of one snapshot, indexed by the rows' index:
 * written once instead of escaped for every fact. */
struct render_frags;

/* Built from the snapshot's tables; NULL when out of memory. */
struct render_frags *render_frags_new(const struct pf_source *sources,
                                      size_t nsources,
                                      const struct pf_measure *measures,
                                      size_t nmeasures);
/* Frees fr (a void * so that it can be a store slot's destructor). */
void render_frags_free(void *fr);
/* The JSON text of a source object (id, title, publisher, url,
 * published, license), as facts embed it; *len set. */
const char *render_frags_source(const struct render_frags *fr,
                                const struct pf_source *s,
                                size_t *len);

/* Appends f as JSON text, its links.self under link_base (a validated
 * base URL: written as it is). fr must be the fragments of f's snapshot.
 * Out of memory shows as buf_failed(b). */
void render_fact_json(struct buf *b,
                      const struct pf_fact *f,
                      const struct render_frags *fr,
                      const char *link_base);
/* Reserves room for a page of limit facts judged by the first one, which
 * b holds: one allocation instead of a dozen on the way to 100 kB. */
void render_fact_page_reserve(struct buf *b, int limit);

/* The same object as a new jansson tree; NULL when out of memory. */
json_t *render_fact_tree(const struct pf_fact *f, const char *link_base);

#endif
