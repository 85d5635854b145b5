/* Internals shared by store.c (snapshot, connections, reference tables)
 * and store_facts.c (fact queries). Not for use outside the store. */
#ifndef PF_STORE_INT_H
#define PF_STORE_INT_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>

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

/* A reference row as the JSON text a fact embeds, keyed by id: written
 * once per snapshot instead of joined and escaped for every fact. */
struct pf_frag {
    const char *id; /* first member: searchable with find_sorted */
    char *text;
    size_t len;
};

struct pf_store {
    atomic_int refs;
    char *path;
    int fd;         /* keeps the verified file open across renames */
    char uri[4200]; /* opens that same file: /proc/self/fd/N */
    struct pf_dsinfo info;
    json_t *licenses;
    pthread_mutex_t lock; /* guards the connection pool */
    struct pf_conn *idle;
    /* reference tables, sorted by id */
    struct pf_entity *entities;
    size_t nentities;
    struct pf_measure *measures;
    size_t nmeasures;
    json_t *ref_json[3]; /* arrays of source, entity, measure objects */
    char **source_ids;
    size_t nsources;
    /* the embedded "source" object and the ,"unit":..,"category":.. of a
     * fact, sorted by id (store_facts.c) */
    struct pf_frag *source_frags, *measure_frags;
    size_t nsource_frags, nmeasure_frags;
};

/* A connection for the calling thread's exclusive use until put back. */
struct pf_conn *conn_get(struct pf_store *s);
void conn_put(struct pf_store *s, struct pf_conn *c);
/* A prepared statement for sql from the connection's cache, reset and with
 * bindings cleared; NULL on failure (logged). */
sqlite3_stmt *conn_stmt(struct pf_conn *c, const char *sql);
/* The record whose first member (a string) is id, in an array sorted by
 * that member; NULL when none. */
const void *
find_sorted(const void *base, size_t n, size_t size, const char *id);
/* Builds and frees the fragments above; 0 or -1. */
int facts_frags_load(struct pf_store *s, sqlite3 *db);
void facts_frags_free(struct pf_store *s);
/* Column value as a new JSON value (null, string, real or integer). */
json_t *column_json(sqlite3_stmt *st, int col);

#endif
