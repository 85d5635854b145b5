/* The fact store at run time: one verified, read-only SQLite file.
 *
 * A store is a reference-counted snapshot: requests hold a reference while
 * they run, a reload swaps in a new store and the old one closes when its
 * last request ends. Each store keeps a pool of read-only connections
 * (SQLITE_OPEN_NOMUTEX: one thread uses a connection at a time) with their
 * prepared statements, and its small reference tables in memory.
 *
 * Query functions return new jansson references the caller owns. They are
 * thread-safe. Errors are logged here, once; callers map codes to replies. */
#ifndef PF_STORE_H
#define PF_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "api/query.h"
#include "base/buf.h"
#include "base/pf.h"
#include "store/snapshot_check.h"

struct pf_store;

struct pf_entity {
    const char *id, *name, *type, *iso3, *notes;
};

struct pf_measure {
    const char *id, *name, *unit, *category, *code, *description;
};

/* Verifies and opens path. Returns PF_OK and a store holding one
 * reference, or an error with a one-line reason in why. */
enum pf_err
store_open(const char *path, struct pf_store **out, char *why, size_t whylen);
void store_retain(struct pf_store *s);
/* Drops a reference; the last one closes the file. NULL is ignored. */
void store_release(struct pf_store *s);

const struct pf_dsinfo *store_info(const struct pf_store *s);
const char *store_path(const struct pf_store *s);

/* Reference tables, in memory; NULL when unknown. Never fails. */
const struct pf_entity *store_entity(const struct pf_store *s, const char *id);
const struct pf_measure *store_measure(const struct pf_store *s,
                                       const char *id);
bool store_has_source(const struct pf_store *s, const char *id);
/* The measure whose code (e.g. "NE.CON.PRVT.ZS") or category (e.g.
 * "household_consumption") is key; NULL when none. */
const struct pf_measure *store_measure_lookup(const struct pf_store *s,
                                              const char *key);

enum pf_ref { REF_SOURCES, REF_ENTITIES, REF_MEASURES };

/* Items with id > after (or from the start), up to limit; *more tells if
 * there are further items. */
enum pf_err store_refs(const struct pf_store *s,
                       enum pf_ref which,
                       const char *after,
                       int limit,
                       json_t **items,
                       bool *more);
enum pf_err store_ref(const struct pf_store *s,
                      enum pf_ref which,
                      const char *id,
                      json_t **item);
/* {version, content_hash, build_time, schema_version, counts, licenses} */
json_t *store_dataset_json(const struct pf_store *s);

/* ---- facts ------------------------------------------------------------ */

enum pf_sort {
    SORT_ID,
    SORT_ID_DESC,
    SORT_VALID_FROM,
    SORT_VALID_FROM_DESC,
    SORT_KNOWN_FROM,
    SORT_KNOWN_FROM_DESC,
};

#define RANK_PREFERRED  1u
#define RANK_NORMAL     2u
#define RANK_DEPRECATED 4u

struct pf_list {
    const char *v[PF_MAX_LIST];
    size_t n;
};

struct pf_fact_query {
    struct pf_list kinds, subjects, objects, involves, measures, categories,
        series, sources;
    const char *from, *to; /* valid time overlaps [from, to] (YYYY-MM-DD) */
    const char *on;        /* valid on this day */
    const char *as_of;     /* known by this day: one answer per question */
    const char *q;         /* FTS5 query */
    unsigned ranks;        /* RANK_* mask; 0: default */
    bool annual_only;      /* only facts whose period is a year */
    int target_year;       /* deadline (0: any) */
    enum pf_sort sort;
    int limit;
    const char *after_key, *after_id; /* keyset position (cursor) */
    /* When set, rows come back as JSON text in page.text (each with
     * links.self under this base URL) instead of page.items: the fast
     * path for plain JSON pages. */
    const char *text_links;
    /* Text written before the '[' (e.g. the envelope's opening), so the
     * caller can finish the document in the same buffer without a copy. */
    const char *text_open;
};

struct pf_fact_page {
    json_t *items;   /* or, with text_links: */
    struct buf text; /* text_open "[{...},...]" */
    int count;       /* rows in this page */
    bool more;
    char *last_key; /* sort key and id of the last item, for the cursor */
    char *last_id;
};

/* PF_EQUERY when q is not valid FTS5 syntax (message in why). */
enum pf_err store_facts(struct pf_store *s,
                        const struct pf_fact_query *q,
                        struct pf_fact_page *out,
                        char *why,
                        size_t whylen);
void fact_page_free(struct pf_fact_page *p);
/* PF_ENOTFOUND when there is no fact with that id. */
enum pf_err store_fact(struct pf_store *s, const char *id, json_t **out);

#endif
