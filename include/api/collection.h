/* Shared pieces of the fact-collection endpoints (/v1/facts, /v1/targets,
 * /v1/tariffs): turning validated query parameters into a store query,
 * cursors, and the {data, meta, links} envelope with next links. */
#ifndef PF_COLLECTION_H
#define PF_COLLECTION_H

#include "api/handler.h"
#include "store/store.h"

/* What a comma-list parameter's items must name. */
enum pf_listref {
    LR_NONE,
    LR_ENTITY,
    LR_MEASURE,
    LR_SOURCE,
    LR_KIND,
    LR_CATEGORY, /* tariff kinds: additional, average, total, effective */
};

struct fact_params {
    struct pf_fact_query q;
    char from[11], to[11], on[11], as_of[11];
    char *cursor_key, *cursor_id;
    char *scratch[12];
    int nscratch;
};

/* Splits the comma-list parameter name into out, checking each item
 * against the store. Returns 0, or -1 with a 400 problem in rep. */
int params_list(const struct pf_req *req,
                struct fact_params *fp,
                const char *name,
                enum pf_listref ref,
                struct pf_list *out,
                struct pf_reply *rep);

/* Reads the parameters every fact collection shares: from, to, on,
 * as_of, q, rank, sort, limit, cursor. Returns 0 or -1 (problem in rep). */
int params_common(const struct pf_req *req,
                  struct fact_params *fp,
                  struct pf_reply *rep);
void params_free(struct fact_params *fp);

/* Runs the query and replies with the envelope; each item gets
 * links.self. decorate (may be NULL) can add fields to each item. */
void facts_reply(const struct pf_req *req,
                 struct fact_params *fp,
                 struct pf_reply *rep,
                 void (*decorate)(const struct pf_req *, json_t *));

/* The envelope around items (stolen): data, meta {count, limit,
 * next_cursor, dataset_version}, links {self, next}. next_cursor may be
 * NULL. */
void envelope_reply(const struct pf_req *req,
                    struct pf_reply *rep,
                    json_t *items,
                    int limit,
                    const char *next_cursor);

/* Adds links.self (path + "/" + id) to an item. */
void link_self(const struct pf_req *req, json_t *item, const char *collection);

/* A new array holding array's items (references taken) in the order of
 * cmp, a qsort comparator over json_t * elements; NULL when out of memory.
 * jansson cannot sort an array in place. */
json_t *items_sorted(json_t *array, int (*cmp)(const void *, const void *));

/* Maps store errors to problems. */
void store_error(struct pf_reply *rep, enum pf_err err, const char *why);

#endif
