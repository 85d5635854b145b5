/* Reachability checks (see reach.h): each a named SQL query for the facts
 * that the temporal answers (design C) claim to cover but can never
 * return, with the reason said to the person who edits the data. What is
 * reachable by construction, and so not checked:
 *   - a rate in force with a valid interval: it is the answer, or listed
 *     beside the answer, on every day of the interval; with an unknown
 *     start, on every day up to its end;
 *   - a deprecated fact: listed beside the answer (or in the answer's
 *     `deprecated` list) on the days it claims;
 *   - an estimate with a date: the answer, or beside it, on that date;
 *   - a fact with neither valid time, period nor deadline: /v1/facts;
 *   - with as_of=K, every fact known by K (known_by is never empty).
 * Must not write to the store. */
#include "load/reach.h"

#include <stdio.h>

struct reach_check {
    const char *name;
    const char *why;
    const char *where; /* facts f that fail it */
};

static const struct reach_check checks[] = {
    {"tariff_estimate_dated",
     "an estimate of a tariff series with no date (valid_from or period): "
     "the on-date answers return the latest estimate on or before a day, "
     "and this one is on no day",
     "f.kind='tariff_rate' AND f.nature='estimate' AND f.valid_from IS NULL"},
    {"ends_after_start",
     "its valid time ends before it starts, so it is in force on no day",
     "f.valid_from IS NOT NULL AND (f.valid_to<f.valid_from"
     " OR f.stated_to<f.valid_from)"},
};

static enum pf_err run(sqlite3 *db,
                       const struct reach_check *c,
                       load_reach_fn fn,
                       void *arg,
                       long *n)
{
    char sql[512];
    sqlite3_stmt *st = NULL;
    snprintf(sql, sizeof sql,
             "SELECT f.rowid, f.id FROM facts f WHERE %s ORDER BY f.rowid",
             c->where);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return PF_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        (*n)++;
        fn(arg, sqlite3_column_int64(st, 0),
           (const char *)sqlite3_column_text(st, 1), c->why);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? PF_OK : PF_EDB;
}

enum pf_err load_reach_each(sqlite3 *db, load_reach_fn fn, void *arg, long *n)
{
    enum pf_err rc = PF_OK;
    *n = 0;
    for (size_t i = 0; i < PF_ARRAY_LEN(checks) && rc == PF_OK; i++)
        rc = run(db, &checks[i], fn, arg, n);
    return rc;
}

static void
print_one(void *arg, sqlite3_int64 rowid, const char *id, const char *why)
{
    (void)rowid;
    fprintf(arg, "unreachable: %s: %s\n", id, why);
}

enum pf_err load_reach_list_file(
    const char *path, FILE *out, long *n, char *why, size_t whylen)
{
    sqlite3 *db = NULL;
    enum pf_err rc = PF_EDB;
    *n = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
        rc = load_reach_each(db, print_one, out, n);
    if (rc != PF_OK)
        snprintf(why, whylen, "%s: %s", path,
                 db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return rc;
}
