/* The checks across rows (see cross_checks.h), as a list of named SQL
 * steps run in order on the inserted facts, then the reachability checks
 * (reach.c), each finding at its fact's file:line. A step may first run SQL
 * that derives a column or builds an index, then query rows that break a rule:
 * each row is (file, line, ...) from temp.origin and says its problem.
 * This file must not check a single row's fields (the row rules do). */
#include "load/cross_checks.h"

#include "load/reach.h"
#include "load/sql.h"
#include "store/fact_schema.h"

/* The SQL below spells out rank ordinals (positions in PF_RANKS): 0 is
 * preferred, and below 2 is any rank but deprecated. */
enum {
#define RANK_ORD(w) RANK_##w,
    PF_RANKS(RANK_ORD)
#undef RANK_ORD
        NRANKS
};
_Static_assert(RANK_preferred == 0 && RANK_normal == 1 &&
                   RANK_deprecated == 2 && NRANKS == 3,
               "cross_checks.c's SQL spells out the rank ordinals");

struct cross_check {
    const char *name;
    const char *before; /* run first, may be NULL */
    const char *query;  /* rows that break the rule, may be NULL */
    void (*say)(struct load_report *r, sqlite3_stmt *row);
};

static const char *text(sqlite3_stmt *row, int i)
{
    return (const char *)sqlite3_column_text(row, i);
}

static void say_preferred(struct load_report *r, sqlite3_stmt *row)
{
    load_report_at(r, text(row, 0), sqlite3_column_int(row, 1), "rank",
                   "%d fact(s) from '%s' on answer the same question "
                   "(measure, subject, object, series, valid_from, "
                   "target_year) and %d are preferred; exactly one must be",
                   sqlite3_column_int(row, 3), text(row, 2),
                   sqlite3_column_int(row, 4));
}

static void say_duplicate(struct load_report *r, sqlite3_stmt *row)
{
    load_report_at(r, text(row, 0), sqlite3_column_int(row, 1), "-",
                   "exact duplicate of fact '%s' (%s:%d) apart from its id",
                   text(row, 2), text(row, 3), sqlite3_column_int(row, 4));
}

static void say_series_order(struct load_report *r, sqlite3_stmt *row)
{
    load_report_at(r, text(row, 0), sqlite3_column_int(row, 1), "valid_to",
                   "the next value of its series starts on or before this "
                   "one (%s), so it would end (%s) before it starts",
                   text(row, 2), text(row, 3));
}

static void say_link_measure(struct load_report *r, sqlite3_stmt *row)
{
    load_report_at(r, text(row, 0), sqlite3_column_int(row, 1),
                   "outcome_measure",
                   "unknown measure '%s' (no measures.csv row and no "
                   "source adapter gave it)",
                   text(row, 2));
}

static const struct cross_check checks[] = {
    /* A fact that alone answers its question is the preferred answer. */
    {"preferred_when_alone",
     "UPDATE facts SET rank='preferred', rank_ord=0 WHERE rowid IN"
     " (SELECT f.rowid FROM facts f JOIN temp.origin o"
     "  ON o.rid=f.rowid WHERE o.rank_given=0"
     "  AND f.rank_ord<2 AND (SELECT count(*) FROM facts g"
     "  WHERE g.question=f.question AND g.rank_ord<2)=1)",
     NULL, NULL},
    {"one_preferred_per_question", NULL,
     "SELECT o.file, o.line, f.id, n, p FROM (SELECT question,"
     " count(*) n, sum(rank_ord=0) p, min(rowid) r FROM facts"
     " WHERE rank_ord<2 GROUP BY question HAVING p<>1) q"
     " JOIN facts f ON f.rowid=q.r JOIN temp.origin o ON o.rid=q.r"
     " ORDER BY o.file, o.line",
     say_preferred},
    {"no_exact_duplicates", "CREATE INDEX temp.origin_chash ON origin(chash)",
     "SELECT b.file, b.line, fa.id, a.file, a.line FROM temp.origin a"
     " JOIN temp.origin b ON a.chash=b.chash AND a.rid<b.rid"
     " JOIN facts fa ON fa.rowid=a.rid ORDER BY b.file, b.line",
     say_duplicate},
    /* A series value is in effect until the next value of the series
     * starts (deprecated values neither end nor extend anything); ended_by
     * names that next value (the best-ranked of those starting first), so
     * that as_of readers who do not know it yet do not see the end. */
    {"series_valid_to",
     "CREATE TEMP TABLE next_start(rid INTEGER PRIMARY KEY, vt, nb);"
     "INSERT INTO temp.next_start"
     " SELECT x.rid, date(n.valid_from, '-1 day'), x.nb FROM"
     " (SELECT f.rowid rid,"
     " (SELECT g.rowid FROM facts g"
     "  WHERE g.measure=f.measure AND g.subject=f.subject"
     "  AND g.object IS f.object AND g.series=f.series"
     "  AND g.rank_ord<2 AND g.valid_from>f.valid_from"
     "  ORDER BY g.valid_from, g.rank_ord, g.rowid LIMIT 1) AS nb"
     " FROM facts f WHERE f.series IS NOT NULL"
     " AND f.valid_from IS NOT NULL AND f.rank_ord<2) x"
     " JOIN facts n ON n.rowid=x.nb;"
     /* a join, not a correlated IN: linear in the facts */
     "UPDATE facts SET valid_to=n.vt, ended_by=n.nb FROM temp.next_start n"
     " WHERE n.rid=facts.rowid AND (facts.valid_to IS NULL OR"
     " facts.valid_to>n.vt);",
     NULL, NULL},
    {"series_ends_after_start", NULL,
     "SELECT o.file, o.line, f.valid_from, f.valid_to"
     " FROM facts f JOIN temp.origin o ON o.rid=f.rowid"
     " WHERE f.valid_to<f.valid_from",
     say_series_order},
    /* after every adapter ran: an adapter may give the outcome measures */
    {"outcome_measure_known", NULL,
     "SELECT o.file, o.line, l.outcome_measure FROM outcome_links l"
     " JOIN temp.link_origin o ON o.rid=l.rowid"
     " WHERE l.outcome_measure NOT IN (SELECT id FROM measures)"
     " ORDER BY o.file, o.line",
     say_link_measure},
};

static enum pf_err
run_query(sqlite3 *db, struct load_report *r, const struct cross_check *c)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, c->query, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            c->say(r, st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        load_report_sqlite(r, db);
        return PF_EDB;
    }
    return PF_OK;
}

struct reach_report {
    sqlite3 *db;
    struct load_report *r;
    sqlite3_stmt *origin;
};

/* An unreachable fact, said at its file:line. */
static void
say_unreachable(void *arg, sqlite3_int64 rowid, const char *id, const char *why)
{
    struct reach_report *rr = arg;
    sqlite3_stmt *st = rr->origin;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, rowid);
    if (sqlite3_step(st) == SQLITE_ROW)
        load_report_at(rr->r, text(st, 0), sqlite3_column_int(st, 1), "-",
                       "fact '%s' is unreachable: %s", id, why);
    else
        load_report_at(rr->r, "-", 0, "-", "fact '%s' is unreachable: %s", id,
                       why);
    sqlite3_reset(st);
}

static enum pf_err reach_checks(sqlite3 *db, struct load_report *r)
{
    struct reach_report rr = {db, r, NULL};
    long n;
    enum pf_err rc = PF_EDB;
    if (sqlite3_prepare_v2(db,
                           "SELECT file, line FROM temp.origin WHERE rid=?1",
                           -1, &rr.origin, NULL) == SQLITE_OK)
        rc = load_reach_each(db, say_unreachable, &rr, &n);
    if (rc != PF_OK)
        load_report_sqlite(r, db);
    sqlite3_finalize(rr.origin);
    return rc;
}

enum pf_err load_cross_checks(sqlite3 *db, struct load_report *r)
{
    enum pf_err rc = PF_OK;
    for (size_t i = 0; i < PF_ARRAY_LEN(checks) && rc == PF_OK; i++) {
        if (checks[i].before)
            rc = load_sql_exec(db, r, checks[i].before);
        if (rc == PF_OK && checks[i].query)
            rc = run_query(db, r, &checks[i]);
    }
    return rc == PF_OK ? reach_checks(db, r) : rc;
}
