/* The temporal answers' queries (see store_temporal.h): a pair's tariff
 * facts with the loader's derived columns (rowid, known_by, stated_to,
 * ended_by and the knowledge time of the value that ended it), and a
 * target's outcome fact. Must not apply the rules (temporal.c does) or
 * write JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "store/store_int.h"
#include "store/store_temporal.h"

/* The fact columns, then the derived ones at D_ROWID... */
#define DERIVED_COLUMNS                                                        \
    " f.rowid, f.known_by, f.stated_to, f.ended_by,"                           \
    " (SELECT e.known_by FROM facts e WHERE e.rowid=f.ended_by)"
enum {
    D_ROWID = PF_FACT_NFIELDS,
    D_KNOWN_BY,
    D_STATED_TO,
    D_ENDED_BY,
    D_ENDER_KNOWN_BY,
};

static const char pair_sql[] =
    "SELECT" FACT_SQL_COLUMNS DERIVED_COLUMNS " FROM facts f"
    " WHERE f.kind='tariff_rate' AND f.subject=?1 AND f.object IN (?2, ?3)"
    " ORDER BY f.id";

/* Ranks below 2 are not deprecated (PF_RANKS). */
static const char outcome_sql[] =
    "SELECT" FACT_SQL_COLUMNS DERIVED_COLUMNS " FROM facts f"
    " WHERE f.measure=?1 AND f.subject=?2 AND f.period=?3 AND f.rank_ord<2"
    " AND (?4 IS NULL OR f.known_by<=?4)"
    " ORDER BY f.rank_ord, f.known_by DESC, f.id LIMIT 1";

void store_tfact_list_free(struct pf_tfact_list *l)
{
    free(l->v);
    arena_free(l->mem);
    memset(l, 0, sizeof *l);
}

static const char *col_copy(sqlite3_stmt *st, int i, struct pf_arena *a)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? arena_strndup(a, t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* Appends the current row to l. */
static enum pf_err add_row(const struct pf_store *s,
                           sqlite3_stmt *st,
                           struct refs_seen *seen,
                           struct pf_tfact_list *l,
                           size_t *cap)
{
    if (l->n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        struct pf_tfact *v = realloc(l->v, c * sizeof *v);
        if (!v)
            return PF_ENOMEM;
        l->v = v;
        *cap = c;
    }
    struct pf_tfact *t = &l->v[l->n];
    struct pf_fact f;
    memset(t, 0, sizeof *t);
    enum pf_err err = store_row_read(s, st, seen, &f);
    if (err == PF_OK)
        err = store_fact_copy(&t->f, &f, l->mem);
    if (err != PF_OK)
        return err;
    t->rowid = sqlite3_column_int64(st, D_ROWID);
    t->known_by = col_copy(st, D_KNOWN_BY, l->mem);
    t->stated_to = col_copy(st, D_STATED_TO, l->mem);
    t->ended_by = sqlite3_column_int64(st, D_ENDED_BY);
    t->ender_known_by = col_copy(st, D_ENDER_KNOWN_BY, l->mem);
    t->series = t->f.series ? store_series_get(s, t->f.series) : NULL;
    if (!t->known_by)
        return PF_ENOMEM; /* NOT NULL in the schema: a failed copy */
    l->n++;
    return PF_OK;
}

/* Binds the texts (NULL binds NULL) and reads every row into out. */
static enum pf_err run(struct pf_store *s,
                       const char *sql,
                       const char *const *binds,
                       int nbinds,
                       struct pf_tfact_list *out)
{
    struct pf_conn *c = store_conn_get(s);
    sqlite3_stmt *st = c ? store_conn_stmt(c, sql) : NULL;
    struct refs_seen seen = {NULL, NULL};
    size_t cap = 0;
    enum pf_err err = PF_EDB;
    int rc = SQLITE_OK;

    memset(out, 0, sizeof *out);
    if (!st)
        goto done;
    out->mem = arena_new();
    err = out->mem ? PF_OK : PF_ENOMEM;
    for (int i = 0; i < nbinds; i++)
        sqlite3_bind_text(st, i + 1, binds[i], -1, SQLITE_STATIC);
    while (err == PF_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        err = add_row(s, st, &seen, out, &cap);
    if (err == PF_OK && rc != SQLITE_DONE)
        err = PF_EDB;
    if (err == PF_EDB)
        log_msg(PF_LOG_ERROR, "store", "temporal query failed: %s",
                rc == SQLITE_ROW || rc == SQLITE_DONE
                    ? "a fact names a source or measure the snapshot lacks"
                    : sqlite3_errmsg(c->db));
    sqlite3_reset(st);
done:
    if (err != PF_OK)
        store_tfact_list_free(out);
    store_conn_put(s, c);
    return err;
}

enum pf_err store_pair_facts(struct pf_store *s,
                             const char *imposer,
                             const char *target,
                             struct pf_tfact_list *out)
{
    const char *binds[] = {imposer, target, "WLD"};
    return run(s, pair_sql, binds, 3, out);
}

enum pf_err store_outcome_fact(struct pf_store *s,
                               const struct pf_outcome_link *link,
                               long long year,
                               const char *as_of,
                               struct pf_tfact_list *out)
{
    char period[24];
    snprintf(period, sizeof period, "%lld", year);
    const char *binds[] = {link->outcome_measure, link->subject, period, as_of};
    return run(s, outcome_sql, binds, 4, out);
}
