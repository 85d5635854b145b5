/* Fact queries: runs the statement fact_sql.c builds and hands each row
 * out as a typed struct pf_fact (unpacked from its packed column),
 * borrowed (store_fact_each, the fast path) or copied into a list the
 * caller owns. Must not write JSON, CSV or URLs: render does, from these
 * structs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "store/fact_pack.h"
#include "store/store_int.h"

/* ---- one row ----------------------------------------------------------- */

/* One sqlite3_column_value and the lighter sqlite3_value_* calls per
 * column: the connection is this thread's alone (SQLITE_OPEN_NOMUTEX),
 * which is what makes the unprotected value safe to read. */
#define READ_TEXT(n)                                                           \
    do {                                                                       \
        sqlite3_value *v = sqlite3_column_value(st, PF_FACT_##n);              \
        f->n = NULL;                                                           \
        f->n##_len = 0;                                                        \
        if (sqlite3_value_type(v) != SQLITE_NULL) {                            \
            f->n = (const char *)sqlite3_value_text(v);                        \
            f->n##_len = (size_t)sqlite3_value_bytes(v);                       \
            ok &= f->n != NULL;                                                \
        }                                                                      \
    } while (0);
#define READ_REAL(n)                                                           \
    do {                                                                       \
        sqlite3_value *v = sqlite3_column_value(st, PF_FACT_##n);              \
        f->has_##n = sqlite3_value_type(v) != SQLITE_NULL;                     \
        f->n = f->has_##n ? sqlite3_value_double(v) : 0;                       \
    } while (0);
#define READ_INT(n)                                                            \
    do {                                                                       \
        sqlite3_value *v = sqlite3_column_value(st, PF_FACT_##n);              \
        f->has_##n = sqlite3_value_type(v) != SQLITE_NULL;                     \
        f->n = f->has_##n ? sqlite3_value_int64(v) : 0;                        \
    } while (0);
#define READ(n, type, flags) READ_##type(n)

/* f's measure and source from the snapshot: PF_EDB when it lacks one. */
static enum pf_err refs_resolve(const struct pf_store *s,
                                struct refs_seen *seen,
                                struct pf_fact *f)
{
    if (!f->measure || !f->source_id)
        return PF_EDB;
    if (!seen->measure || strcmp(seen->measure->id, f->measure) != 0)
        seen->measure = store_measure_get(s, f->measure);
    if (!seen->source || strcmp(seen->source->id, f->source_id) != 0)
        seen->source = store_source_get(s, f->source_id);
    f->measure_ref = seen->measure;
    f->source_ref = seen->source;
    return f->measure_ref && f->source_ref ? PF_OK : PF_EDB;
}

enum pf_err store_row_read(const struct pf_store *s,
                           sqlite3_stmt *st,
                           struct refs_seen *seen,
                           struct pf_fact *f)
{
    bool ok = true;
    PF_FACT_FIELDS(READ)
    f->plain = 0;
    return ok ? refs_resolve(s, seen, f) : PF_ENOMEM;
}

/* Reads the current row of a fact query into f: its packed fields
 * (column 0, fact_pack.h; strings borrowed from the statement), with
 * as_of the end that reader knows (FACT_SQL_END_COL). PF_EDB when the
 * row is not a packed fact or names a reference row the snapshot lacks
 * (the load's full check rules both out). */
static enum pf_err packed_read(const struct pf_store *s,
                               sqlite3_stmt *st,
                               bool as_of,
                               struct refs_seen *seen,
                               struct pf_fact *f)
{
    const unsigned char *p = sqlite3_column_blob(st, 0);
    size_t n = (size_t)sqlite3_column_bytes(st, 0);
    if (!store_fact_unpack(p, n, f))
        return p || sqlite3_column_type(st, 0) == SQLITE_NULL ? PF_EDB
                                                              : PF_ENOMEM;
    if (as_of) {
        sqlite3_value *v = sqlite3_column_value(st, FACT_SQL_END_COL);
        f->valid_to = NULL;
        f->valid_to_len = 0;
        f->plain &= ~(1ull << PF_FACT_valid_to);
        if (sqlite3_value_type(v) != SQLITE_NULL) {
            f->valid_to = (const char *)sqlite3_value_text(v);
            f->valid_to_len = (size_t)sqlite3_value_bytes(v);
            if (!f->valid_to)
                return PF_ENOMEM;
        }
    }
    return refs_resolve(s, seen, f);
}

/* ---- running a query --------------------------------------------------- */

void store_fact_pos_free(struct pf_fact_pos *p)
{
    free(p->last_key);
    free(p->last_id);
    memset(p, 0, sizeof *p);
}

static char *col_text_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return strdup(t ? (const char *)t : "");
}

/* Steps through the rows; PF_OK, the callback's error, PF_ENOMEM or
 * PF_EDB (with *rc the last step's code). */
static enum pf_err each_row(const struct pf_store *s,
                            sqlite3_stmt *st,
                            const struct fact_sql *q,
                            const struct pf_fact_query *fq,
                            pf_fact_fn fn,
                            void *arg,
                            struct pf_fact_pos *pos,
                            int *rc)
{
    struct refs_seen seen = {NULL, NULL};
    struct pf_fact f;
    enum pf_err err = PF_OK;
    int limit = fq->limit;
    while ((*rc = sqlite3_step(st)) == SQLITE_ROW) {
        bool keep = true;
        if (pos->count == limit && !fq->keep) {
            pos->more = true;
            break;
        }
        err = packed_read(s, st, fq->as_of != NULL, &seen, &f);
        if (err == PF_OK && fq->keep)
            err = fq->keep(&f, fq->keep_arg, &keep);
        if (err != PF_OK)
            return err;
        if (!keep)
            continue;
        if (pos->count == limit) {
            pos->more = true;
            break;
        }
        err = fn(&f, arg);
        if (err != PF_OK)
            return err;
        if (++pos->count == limit) {
            /* remember the position before stepping past it */
            pos->last_key = col_text_dup(st, q->key_col);
            pos->last_id = strdup(f.id);
            if (!pos->last_key || !pos->last_id)
                return PF_ENOMEM;
        }
    }
    return *rc == SQLITE_ROW || *rc == SQLITE_DONE ? PF_OK : PF_EDB;
}

/* Maps a failed run to its code, with a reason in why for the client's
 * own FTS5 syntax, logged otherwise. */
static enum pf_err run_failed(enum pf_err err,
                              int rc,
                              const struct pf_fact_query *f,
                              sqlite3 *db,
                              char *why,
                              size_t whylen)
{
    if (err != PF_EDB)
        return err; /* the callback's own, or out of memory */
    bool sql_error = rc != SQLITE_ROW && rc != SQLITE_DONE;
    snprintf(why, whylen, "%s",
             sql_error ? sqlite3_errmsg(db)
                       : "a fact names a source or measure the snapshot "
                         "lacks");
    /* Only the MATCH text varies at run time: a plain SQL error here is
     * the client's FTS5 syntax. */
    if (f->q && rc == SQLITE_ERROR)
        return PF_EQUERY;
    log_msg(PF_LOG_ERROR, "store", "fact query failed: %s", why);
    why[0] = '\0';
    return PF_EDB;
}

enum pf_err store_fact_each(struct pf_store *s,
                            const struct pf_fact_query *f,
                            pf_fact_fn fn,
                            void *arg,
                            struct pf_fact_pos *pos,
                            char *why,
                            size_t whylen)
{
    struct fact_sql q;
    struct pf_conn *c = NULL;
    enum pf_err err;
    int rc = SQLITE_OK;

    memset(pos, 0, sizeof *pos);
    why[0] = '\0';
    err = fact_sql_build(&q, f, &s->counts);
    if (err != PF_OK)
        goto done;
    err = PF_EDB;
    c = store_conn_get(s);
    sqlite3_stmt *st = c ? store_conn_stmt(c, buf_cstr(&q.sql)) : NULL;
    if (!st)
        goto done;
    for (int i = 0; i < q.nbinds; i++)
        sqlite3_bind_text(st, i + 1, q.binds[i], -1, SQLITE_STATIC);
    /* rows the keep predicate drops do not count: no SQL limit then */
    sqlite3_bind_int64(st, q.int_bind_at, f->keep ? -1 : q.limit);
    err = each_row(s, st, &q, f, fn, arg, pos, &rc);
    if (err != PF_OK)
        err = run_failed(err, rc, f, c->db, why, whylen);
    sqlite3_reset(st);
done:
    if (err != PF_OK)
        store_fact_pos_free(pos);
    store_conn_put(s, c);
    fact_sql_free(&q);
    return err;
}

/* ---- owned lists ------------------------------------------------------- */

#define COPY_TEXT(n)                                                           \
    if (f->n && !(d->n = arena_strndup(a, f->n, f->n##_len)))                  \
        return PF_ENOMEM;
#define COPY_REAL(n)
#define COPY_INT(n)
#define COPY(n, type, flags) COPY_##type(n)

enum pf_err
store_fact_copy(struct pf_fact *d, const struct pf_fact *f, struct pf_arena *a)
{
    *d = *f;
    PF_FACT_FIELDS(COPY)
    return PF_OK;
}

struct list_ctx {
    struct pf_fact_list *l;
    size_t cap;
};

static enum pf_err list_add(const struct pf_fact *f, void *arg)
{
    struct list_ctx *c = arg;
    struct pf_fact_list *l = c->l;
    if (l->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        struct pf_fact *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return PF_ENOMEM;
        l->v = v;
        c->cap = cap;
    }
    enum pf_err err = store_fact_copy(&l->v[l->n], f, l->mem);
    if (err == PF_OK)
        l->n++;
    return err;
}

void store_fact_list_free(struct pf_fact_list *l)
{
    free(l->v);
    arena_free(l->mem);
    store_fact_pos_free(&l->pos);
    memset(l, 0, sizeof *l);
}

enum pf_err store_fact_list(struct pf_store *s,
                            const struct pf_fact_query *q,
                            struct pf_fact_list *out,
                            char *why,
                            size_t whylen)
{
    struct list_ctx c = {out, 0};
    memset(out, 0, sizeof *out);
    why[0] = '\0';
    out->mem = arena_new();
    enum pf_err err =
        out->mem ? store_fact_each(s, q, list_add, &c, &out->pos, why, whylen)
                 : PF_ENOMEM;
    if (err != PF_OK)
        store_fact_list_free(out);
    return err;
}

enum pf_err
store_fact_get(struct pf_store *s, const char *id, struct pf_fact_list *out)
{
    struct pf_conn *c = store_conn_get(s);
    sqlite3_stmt *st = c ? store_conn_stmt(c, fact_sql_by_id()) : NULL;
    struct list_ctx lc = {out, 0};
    struct refs_seen seen = {NULL, NULL};
    struct pf_fact f;
    enum pf_err err = PF_EDB;

    memset(out, 0, sizeof *out);
    if (!st)
        goto done;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->mem = arena_new();
        err = out->mem ? packed_read(s, st, false, &seen, &f) : PF_ENOMEM;
        if (err == PF_OK)
            err = list_add(&f, &lc);
    } else if (rc == SQLITE_DONE) {
        err = PF_ENOTFOUND;
    }
    if (err == PF_EDB)
        log_msg(PF_LOG_ERROR, "store", "fact lookup failed: %s",
                rc == SQLITE_ROW ? "a fact names a source or measure the "
                                   "snapshot lacks"
                                 : sqlite3_errmsg(c->db));
    sqlite3_reset(st);
done:
    if (err != PF_OK)
        store_fact_list_free(out);
    store_conn_put(s, c);
    return err;
}
