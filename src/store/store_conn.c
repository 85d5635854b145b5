/* The store's connection pool: read-only SQLite connections to one
 * snapshot's file, each with its cache of prepared statements. Owns
 * opening, lending and closing connections; must not know what the
 * statements ask. */
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "store/store_int.h"

struct pf_conn *store_conn_open(struct pf_store *s)
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

void store_conn_close(struct pf_conn *c)
{
    if (!c)
        return;
    for (int i = 0; i < STMT_CACHE; i++) {
        sqlite3_finalize(c->cache[i].st);
        free(c->cache[i].sql);
    }
    sqlite3_close(c->db);
    free(c);
}

struct pf_conn *store_conn_get(struct pf_store *s)
{
    pthread_mutex_lock(&s->lock);
    struct pf_conn *c = s->idle;
    if (c)
        s->idle = c->next;
    pthread_mutex_unlock(&s->lock);
    return c ? c : store_conn_open(s);
}

void store_conn_put(struct pf_store *s, struct pf_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&s->lock);
    c->next = s->idle;
    s->idle = c;
    pthread_mutex_unlock(&s->lock);
}

sqlite3_stmt *store_conn_stmt(struct pf_conn *c, const char *sql)
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
