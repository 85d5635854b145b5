/* Store snapshots: opening and verifying a file, the connection pool with
 * its statement caches, and the reference tables held in memory. */
#include "store/store_int.h"

#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "store/snapshot_uri.h"

/* ---- connections ------------------------------------------------------- */

static struct pf_conn *conn_open(struct pf_store *s)
{
    struct pf_conn *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    int rc = sqlite3_open_v2(
        s->uri, &c->db,
        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
    if (rc != SQLITE_OK) {
        log_msg(PF_LOG_ERROR, "store", "cannot open %s: %s", s->path,
                c->db ? sqlite3_errmsg(c->db) : "out of memory");
        sqlite3_close(c->db);
        free(c);
        return NULL;
    }
    /* 2 MB of page cache per connection (SQLite's default size): the
     * bundled file fits whole. A larger cache costs more than it saves
     * on a large file: each page read into a cache that is still growing
     * is new heap, a page fault. On the 1,000,000-fact file a fresh
     * process's first 60 pages of one country took 1.5-2.1 ms each with
     * 8 MB against 1.0-1.2 ms with 2 MB; once warm, both 0.65-0.84 ms,
     * and the same page repeated within 10 % of each other. */
    sqlite3_exec(c->db, "PRAGMA cache_size=-2048", NULL, NULL, NULL);
    return c;
}

static void conn_close(struct pf_conn *c)
{
    for (int i = 0; i < STMT_CACHE; i++) {
        sqlite3_finalize(c->cache[i].st);
        free(c->cache[i].sql);
    }
    sqlite3_close(c->db);
    free(c);
}

struct pf_conn *conn_get(struct pf_store *s)
{
    pthread_mutex_lock(&s->lock);
    struct pf_conn *c = s->idle;
    if (c)
        s->idle = c->next;
    pthread_mutex_unlock(&s->lock);
    return c ? c : conn_open(s);
}

void conn_put(struct pf_store *s, struct pf_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&s->lock);
    c->next = s->idle;
    s->idle = c;
    pthread_mutex_unlock(&s->lock);
}

sqlite3_stmt *conn_stmt(struct pf_conn *c, const char *sql)
{
    int victim = 0;
    c->tick++;
    for (int i = 0; i < STMT_CACHE; i++) {
        if (c->cache[i].sql && strcmp(c->cache[i].sql, sql) == 0) {
            c->cache[i].used = c->tick;
            sqlite3_reset(c->cache[i].st);
            sqlite3_clear_bindings(c->cache[i].st);
            return c->cache[i].st;
        }
        if (c->cache[i].used < c->cache[victim].used)
            victim = i;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
                           NULL) != SQLITE_OK) {
        log_msg(PF_LOG_ERROR, "store", "prepare failed: %s",
                sqlite3_errmsg(c->db));
        return NULL;
    }
    char *copy = strdup(sql);
    if (!copy) {
        sqlite3_finalize(st);
        return NULL;
    }
    sqlite3_finalize(c->cache[victim].st);
    free(c->cache[victim].sql);
    c->cache[victim].sql = copy;
    c->cache[victim].st = st;
    c->cache[victim].used = c->tick;
    return st;
}

json_t *column_json(sqlite3_stmt *st, int col)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_INTEGER:
        return json_integer(sqlite3_column_int64(st, col));
    case SQLITE_FLOAT:
        return json_real(sqlite3_column_double(st, col));
    case SQLITE_TEXT:
        return json_stringn((const char *)sqlite3_column_text(st, col),
                            (size_t)sqlite3_column_bytes(st, col));
    default:
        return json_null();
    }
}

/* ---- reference tables -------------------------------------------------- */

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? strdup((const char *)t) : NULL;
}

/* Reads a whole reference table as JSON objects (column name -> value),
 * sorted by id. */
static json_t *read_table(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    json_t *arr = json_array();
    if (!arr || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        json_decref(arr);
        return NULL;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        json_t *o = json_object();
        for (int i = 0; i < sqlite3_column_count(st); i++)
            json_object_set_new(o, sqlite3_column_name(st, i),
                                column_json(st, i));
        json_array_append_new(arr, o);
    }
    sqlite3_finalize(st);
    return arr;
}

static const char *jstr(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static int load_refs(struct pf_store *s, sqlite3 *db)
{
    s->ref_json[REF_SOURCES] =
        read_table(db, "SELECT id, title, publisher, url, published, "
                       "license, retrieved_from, notes FROM sources ORDER "
                       "BY id");
    s->ref_json[REF_ENTITIES] = read_table(
        db, "SELECT id, name, type, iso3, notes FROM entities ORDER BY id");
    s->ref_json[REF_MEASURES] =
        read_table(db, "SELECT id, name, unit, category, code, min, max, "
                       "description FROM measures ORDER BY id");
    for (int i = 0; i < 3; i++)
        if (!s->ref_json[i])
            return -1;

    /* Typed views over the same JSON strings (borrowed pointers). */
    json_t *arr = s->ref_json[REF_ENTITIES];
    s->nentities = json_array_size(arr);
    s->entities = calloc(s->nentities + 1, sizeof *s->entities);
    for (size_t i = 0; s->entities && i < s->nentities; i++) {
        json_t *o = json_array_get(arr, i);
        s->entities[i] =
            (struct pf_entity){jstr(o, "id"), jstr(o, "name"), jstr(o, "type"),
                               jstr(o, "iso3"), jstr(o, "notes")};
    }
    arr = s->ref_json[REF_MEASURES];
    s->nmeasures = json_array_size(arr);
    s->measures = calloc(s->nmeasures + 1, sizeof *s->measures);
    for (size_t i = 0; s->measures && i < s->nmeasures; i++) {
        json_t *o = json_array_get(arr, i);
        s->measures[i] = (struct pf_measure){
            jstr(o, "id"),       jstr(o, "name"), jstr(o, "unit"),
            jstr(o, "category"), jstr(o, "code"), jstr(o, "description")};
    }
    arr = s->ref_json[REF_SOURCES];
    s->nsources = json_array_size(arr);
    s->source_ids = calloc(s->nsources + 1, sizeof *s->source_ids);
    for (size_t i = 0; s->source_ids && i < s->nsources; i++)
        s->source_ids[i] = (char *)jstr(json_array_get(arr, i), "id");
    return s->entities && s->measures && s->source_ids ? 0 : -1;
}

static json_t *read_licenses(sqlite3 *db)
{
    sqlite3_stmt *st;
    json_t *out = NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM dataset WHERE key='licenses'",
                           -1, &st, NULL) != SQLITE_OK)
        return json_array();
    if (sqlite3_step(st) == SQLITE_ROW) {
        char *t = col_dup(st, 0);
        out = t ? json_loads(t, 0, NULL) : NULL;
        free(t);
    }
    sqlite3_finalize(st);
    return out ? out : json_array();
}

/* Binary search in a sorted array of records whose first member is the
 * id string. */
const void *find_sorted(const void *base, size_t n, size_t size, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *k = *(const char *const *)((const char *)base + mid * size);
        int c = strcmp(id, k);
        if (c == 0)
            return (const char *)base + mid * size;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const struct pf_entity *store_entity(const struct pf_store *s, const char *id)
{
    return find_sorted(s->entities, s->nentities, sizeof *s->entities, id);
}

const struct pf_measure *store_measure(const struct pf_store *s, const char *id)
{
    return find_sorted(s->measures, s->nmeasures, sizeof *s->measures, id);
}

bool store_has_source(const struct pf_store *s, const char *id)
{
    return find_sorted(s->source_ids, s->nsources, sizeof *s->source_ids, id) !=
           NULL;
}

const struct pf_measure *store_measure_lookup(const struct pf_store *s,
                                              const char *key)
{
    for (size_t i = 0; i < s->nmeasures; i++) {
        const struct pf_measure *m = &s->measures[i];
        if ((m->code && strcmp(m->code, key) == 0) ||
            (m->code && m->category && strcmp(m->category, key) == 0))
            return m;
    }
    return NULL;
}

enum pf_err store_refs(const struct pf_store *s,
                       enum pf_ref which,
                       const char *after,
                       int limit,
                       json_t **items,
                       bool *more)
{
    json_t *arr = s->ref_json[which];
    json_t *out = json_array();
    size_t i = 0, n = json_array_size(arr);
    if (!out)
        return PF_ENOMEM;
    if (after)
        while (i < n && strcmp(jstr(json_array_get(arr, i), "id"), after) <= 0)
            i++;
    for (; i < n && json_array_size(out) < (size_t)limit; i++)
        json_array_append_new(out, json_deep_copy(json_array_get(arr, i)));
    *more = i < n;
    *items = out;
    return PF_OK;
}

enum pf_err store_ref(const struct pf_store *s,
                      enum pf_ref which,
                      const char *id,
                      json_t **item)
{
    json_t *arr = s->ref_json[which];
    size_t lo = 0, hi = json_array_size(arr);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        json_t *o = json_array_get(arr, mid);
        int c = strcmp(id, jstr(o, "id"));
        if (c == 0) {
            *item = json_deep_copy(o);
            return *item ? PF_OK : PF_ENOMEM;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return PF_ENOTFOUND;
}

json_t *store_dataset_json(const struct pf_store *s)
{
    const struct pf_dsinfo *i = &s->info;
    return json_pack("{s:s, s:s, s:s, s:i, s:{s:I, s:I, s:I, s:I}, s:O}",
                     "version", i->version, "content_hash", i->hash,
                     "build_time", i->build_time, "schema_version",
                     PF_SCHEMA_VERSION, "counts", "facts", (json_int_t)i->facts,
                     "sources", (json_int_t)i->sources, "entities",
                     (json_int_t)i->entities, "measures",
                     (json_int_t)i->measures, "licenses", s->licenses);
}

/* ---- snapshot lifecycle ------------------------------------------------ */

static void store_free(struct pf_store *s)
{
    struct pf_conn *c = s->idle;
    while (c) {
        struct pf_conn *next = c->next;
        conn_close(c);
        c = next;
    }
    for (int i = 0; i < 3; i++)
        json_decref(s->ref_json[i]);
    json_decref(s->licenses);
    free(s->entities);
    free(s->measures);
    free(s->source_ids);
    facts_frags_free(s);
    if (s->fd >= 0)
        close(s->fd);
    pthread_mutex_destroy(&s->lock);
    free(s->path);
    free(s);
#ifdef __GLIBC__
    /* A replaced snapshot frees its page caches and tables in many
     * threads' arenas; hand the free space back to the system, or RSS
     * creeps up by a few hundred kB per reload under load. */
    malloc_trim(0);
#endif
}

enum pf_err
store_open(const char *path, struct pf_store **out, char *why, size_t whylen)
{
    struct pf_store *s = calloc(1, sizeof *s);
    struct pf_conn *c = NULL;

    *out = NULL;
    if (!s) {
        snprintf(why, whylen, "out of memory");
        return PF_ENOMEM;
    }
    s->fd = -1;
    atomic_init(&s->refs, 1);
    pthread_mutex_init(&s->lock, NULL);
    s->path = strdup(path);
    /* Pin the inode first, then verify through it: a file renamed over
     * path later cannot slip in between the check and the use. */
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (!s->path || s->fd < 0) {
        snprintf(why, whylen, "%s: cannot open", path);
        goto fail;
    }
    char fdpath[64];
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", s->fd);
    struct stat sb;
    const char *target = stat(fdpath, &sb) == 0 ? fdpath : path;
    if (store_snapshot_check(target, false, &s->info, why, whylen) != PF_OK) {
        /* keep the operator's path in the message, not /proc/... */
        if (target != path)
            store_snapshot_check(path, false, &s->info, why, whylen);
        goto fail;
    }
    store_snapshot_uri(target, s->uri, sizeof s->uri);
    c = conn_open(s);
    if (!c) {
        snprintf(why, whylen, "%s: cannot open with SQLite", path);
        goto fail;
    }
    s->licenses = read_licenses(c->db);
    if (load_refs(s, c->db) != 0 || facts_frags_load(s, c->db) != 0) {
        snprintf(why, whylen, "%s: cannot read reference tables", path);
        goto fail;
    }
    conn_put(s, c);
    *out = s;
    return PF_OK;
fail:
    if (c)
        conn_close(c);
    store_free(s);
    return PF_EIO;
}

void store_retain(struct pf_store *s)
{
    atomic_fetch_add(&s->refs, 1);
}

void store_release(struct pf_store *s)
{
    if (s && atomic_fetch_sub(&s->refs, 1) == 1)
        store_free(s);
}

const struct pf_dsinfo *store_info(const struct pf_store *s)
{
    return &s->info;
}

const char *store_path(const struct pf_store *s)
{
    return s->path;
}
