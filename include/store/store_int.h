/* Internals shared by the store's files: the snapshot struct, the
 * connection pool (store_conn.c), the reference tables (store_refs.c) and
 * the fact query's SQL (fact_sql.c). Not for use outside src/store/. */
#ifndef PF_STORE_INT_H
#define PF_STORE_INT_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>

#include "base/arena.h"
#include "base/buf.h"
#include "store/store.h"

#define STMT_CACHE 64

struct pf_conn {
    sqlite3 *db;
    struct {
        char *sql;
        sqlite3_stmt *st;
        unsigned long used;
    } cache[STMT_CACHE];
    unsigned long tick;
    struct pf_conn *next;
};

/* Facts per kind (PF_KINDS order) and in all, as the loader counted them
 * (0 when the file does not say): for the choice of an index. */
#define PF_NKINDS_MAX 16
struct fact_counts {
    long facts;
    long kind[PF_NKINDS_MAX];
};

struct pf_store {
    atomic_int refs;
    char *path;
    int fd;         /* keeps the verified file open across renames */
    char uri[4200]; /* opens that same file: /proc/self/fd/N */
    struct pf_dsinfo info;
    char *licenses;        /* JSON array text */
    char *measure_sources; /* JSON object text */
    pthread_mutex_t lock;  /* guards the connection pool */
    struct pf_conn *idle;
    /* reference tables, sorted by id; strings in refmem */
    struct pf_arena *refmem;
    struct pf_source *sources;
    size_t nsources;
    struct pf_entity *entities;
    size_t nentities;
    struct pf_measure *measures;
    size_t nmeasures;
    struct fact_counts counts; /* the dataset's counts of facts */
    struct pf_series *series;
    size_t nseries;
    struct pf_outcome_link *links; /* by target_measure, match, outcome */
    size_t nlinks;
    /* the slot of a layer above (store_slot_get) */
    _Atomic(void *) slot;
    void (*slot_destroy)(void *);
};

/* store_conn.c: a connection for the calling thread's exclusive use until
 * put back; NULL when none can be opened (logged). */
struct pf_conn *store_conn_get(struct pf_store *s);
void store_conn_put(struct pf_store *s, struct pf_conn *c);
/* A fresh connection to s's file, or NULL (logged). */
struct pf_conn *store_conn_open(struct pf_store *s);
void store_conn_close(struct pf_conn *c);
/* A prepared statement for sql from the connection's cache, reset and with
 * bindings cleared; NULL on failure (logged). */
sqlite3_stmt *store_conn_stmt(struct pf_conn *c, const char *sql);

/* store_facts.c: the previous row's references (consecutive rows mostly
 * share them), reading the current row of a statement whose first columns
 * are PF_FACT_FIELDS into f (strings borrowed from the statement, the
 * measure and source resolved: PF_ENOMEM, or PF_EDB when the fact names a
 * reference row the snapshot lacks), and copying a fact's strings. */
struct refs_seen {
    const struct pf_measure *measure;
    const struct pf_source *source;
};
enum pf_err store_row_read(const struct pf_store *s,
                           sqlite3_stmt *st,
                           struct refs_seen *seen,
                           struct pf_fact *f);
/* d = f with its strings copied into a. */
enum pf_err
store_fact_copy(struct pf_fact *d, const struct pf_fact *f, struct pf_arena *a);

/* store_refs.c: reads the reference tables and licenses into s. */
enum pf_err store_refs_load(struct pf_store *s, sqlite3 *db);
void store_refs_free(struct pf_store *s);

/* fact_sql.c: "f.id, f.kind, ..., " — the fact columns in PF_FACT_FIELDS
 * order, each followed by a comma. */
#define FACT_SQL_COLUMN(n, type, flags) " f." #n ","
#define FACT_SQL_COLUMNS                PF_FACT_FIELDS(FACT_SQL_COLUMN)

/* fact_sql.c: the SELECT for q. Client text only ever reaches SQLite as a
 * bound parameter: binds[] in order, then the LIMIT (an integer) at
 * int_bind_at. The selected columns are the packed fact (fact_pack.h),
 * with as_of the fact's end as that reader knows it (valid_to, at
 * FACT_SQL_END_COL), then the sort key (at key_col). */
#define FACT_SQL_END_COL   1
#define FACT_SQL_MAX_BINDS 512
struct fact_sql {
    struct buf sql;
    const char *binds[FACT_SQL_MAX_BINDS];
    int nbinds;
    int int_bind_at;
    long long limit;
    int key_col;
};
/* PF_ENOMEM when the text could not be built. Free with fact_sql_free. */
enum pf_err fact_sql_build(struct fact_sql *q,
                           const struct pf_fact_query *f,
                           const struct fact_counts *counts);
void fact_sql_free(struct fact_sql *q);
/* The statement text that reads one fact by id (?1): its packed fields,
 * then its id. */
const char *fact_sql_by_id(void);

#endif
