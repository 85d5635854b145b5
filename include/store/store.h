/* The fact store at run time: one verified, read-only SQLite file.
 *
 * A store is a reference-counted snapshot: requests hold a reference while
 * they run, a reload swaps in a new store and the old one closes when its
 * last request ends. Each store keeps a pool of read-only connections
 * (SQLITE_OPEN_NOMUTEX: one thread uses a connection at a time) with their
 * prepared statements, and its small reference tables in memory.
 *
 * The store answers with typed rows (fact.h): it never writes JSON, CSV or
 * URLs. Functions are thread-safe. Errors are logged here, once; callers
 * map the codes to replies. */
#ifndef PF_STORE_H
#define PF_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pf.h"
#include "store/fact.h"
#include "store/snapshot_check.h"
#include "store/vocab.h"

struct pf_store;

/* Verifies and opens path. Returns PF_OK and a store holding one
 * reference, or an error with a one-line reason in why. */
enum pf_err
store_open(const char *path, struct pf_store **out, char *why, size_t whylen);
void store_retain(struct pf_store *s);
/* Drops a reference; the last one closes the file. NULL is ignored. */
void store_release(struct pf_store *s);

const struct pf_dsinfo *store_info(const struct pf_store *s);
/* The dataset's licenses as the JSON array text the loader recorded
 * ("[]" when none). Never fails. */
const char *store_licenses(const struct pf_store *s);
/* The sources each measure's facts cite, as the JSON object text the
 * loader recorded ({"measure": ["source id", ...]}; "{}" when none).
 * Never fails. */
const char *store_measure_sources(const struct pf_store *s);

/* One opaque per-snapshot slot for a layer above the store (render keeps
 * its fragments of the reference rows there): NULL until set, freed with
 * the snapshot by the destructor given with it. No lock. */
void *store_slot_get(const struct pf_store *s);
/* Fills the slot if it is still empty and returns what it then holds: v,
 * or the value another thread set first (v is then destroyed). */
void *store_slot_set(struct pf_store *s, void *v, void (*destroy)(void *));

/* ---- reference tables (in memory, sorted by id; never fail) ----------- */

const struct pf_entity *store_entity_get(const struct pf_store *s,
                                         const char *id);
const struct pf_measure *store_measure_get(const struct pf_store *s,
                                           const char *id);
const struct pf_source *store_source_get(const struct pf_store *s,
                                         const char *id);
/* The measure whose code (e.g. "NE.CON.PRVT.ZS") or, for a measure with a
 * code, whose category (e.g. "household_consumption") is key; NULL when
 * none. */
const struct pf_measure *store_measure_find(const struct pf_store *s,
                                            const char *key);
/* The measure whose id, or else whose code as the World Bank writes it
 * ("NE.IMP.GNFS.ZS"), is key; NULL when none. */
const struct pf_measure *store_measure_lookup(const struct pf_store *s,
                                              const char *key);
/* The series.csv row with this id; NULL when none. */
const struct pf_series *store_series_get(const struct pf_store *s,
                                         const char *id);
/* The outcome links of a target measure, best first (match 'same' before
 * 'proxy', then by outcome measure); *n is set to their count (0: none,
 * and NULL returned). */
const struct pf_outcome_link *store_outcome_links(const struct pf_store *s,
                                                  const char *target_measure,
                                                  size_t *n);
/* The whole tables, sorted by id; *n is set to the row count. */
const struct pf_source *store_source_list(const struct pf_store *s, size_t *n);
const struct pf_entity *store_entity_list(const struct pf_store *s, size_t *n);
const struct pf_measure *store_measure_list(const struct pf_store *s,
                                            size_t *n);

/* ---- facts ------------------------------------------------------------ */

enum pf_sort {
    SORT_ID,
    SORT_ID_DESC,
    SORT_VALID_FROM,
    SORT_VALID_FROM_DESC,
    SORT_KNOWN_FROM,
    SORT_KNOWN_FROM_DESC,
};

/* Items in one list filter: at least the query parser's PF_MAX_LIST. */
#define PF_FACT_LIST_MAX 50

struct pf_list {
    const char *v[PF_FACT_LIST_MAX];
    size_t n;
};

/* A predicate on rows a query's SQL cannot express (a target's outcome
 * status): *keep false drops the row before it counts. A result other
 * than PF_OK stops the query. */
typedef enum pf_err (*pf_fact_keep_fn)(const struct pf_fact *f,
                                       void *arg,
                                       bool *keep);

struct pf_fact_query {
    struct pf_list kinds, subjects, objects, involves, measures, categories,
        series, sources;
    const char *from, *to; /* valid time overlaps [from, to] (YYYY-MM-DD) */
    const char *on;        /* valid on this day */
    const char *as_of;     /* known by this day: one answer per question */
    const char *q;         /* FTS5 query */
    unsigned ranks;        /* PF_RANK_BIT mask (vocab.h); 0: default */
    bool annual_only;      /* only facts whose period is a year */
    /* >0: of each (subject, measure), only the latest facts by period,
     * this many (no cursor, sort by id) */
    int latest;
    /* valid_from within [start_lo, start_hi] (either may be NULL): a range
     * of the (measure, start) index, for facts known to start late enough
     * (estimates of a period, compare_all.c) */
    const char *start_lo, *start_hi;
    bool unordered;  /* rows in any order (the caller sorts; no cursor) */
    int target_year; /* deadline (0: any) */
    enum pf_sort sort;
    int limit;
    const char *after_key, *after_id; /* keyset position (cursor) */
    pf_fact_keep_fn keep;             /* NULL: every row */
    void *keep_arg;
};

/* Where a page ended: rows in it, whether more follow, and the sort key
 * and id of its last row (for the next cursor; set when more). */
struct pf_fact_pos {
    int count;
    bool more;
    char *last_key;
    char *last_id;
};
void store_fact_pos_free(struct pf_fact_pos *p);

/* Called once per row, in order. The fact and its strings are borrowed:
 * valid during the call only. A result other than PF_OK stops the query
 * and is returned by store_fact_each. */
typedef enum pf_err (*pf_fact_fn)(const struct pf_fact *f, void *arg);

/* Runs q and calls fn for each of its rows (at most q->limit). PF_EQUERY
 * when q->q is not valid FTS5 syntax (message in why); PF_EDB when the
 * query fails or a fact names a source or measure the snapshot lacks. On
 * error *pos holds nothing to free. */
enum pf_err store_fact_each(struct pf_store *s,
                            const struct pf_fact_query *q,
                            pf_fact_fn fn,
                            void *arg,
                            struct pf_fact_pos *pos,
                            char *why,
                            size_t whylen);

/* Rows owned by the caller (strings copied), for handlers that compute on
 * a whole answer. */
struct pf_fact_list {
    struct pf_fact *v;
    size_t n;
    struct pf_fact_pos pos;
    struct pf_arena *mem; /* the copied strings */
};

/* The rows of q, as store_fact_each (same errors, and PF_ENOMEM). */
enum pf_err store_fact_list(struct pf_store *s,
                            const struct pf_fact_query *q,
                            struct pf_fact_list *out,
                            char *why,
                            size_t whylen);
/* The fact with this id as a list of one; PF_ENOTFOUND when none. */
enum pf_err
store_fact_get(struct pf_store *s, const char *id, struct pf_fact_list *out);
/* Frees the rows; the list is empty afterwards. */
void store_fact_list_free(struct pf_fact_list *l);

#endif
