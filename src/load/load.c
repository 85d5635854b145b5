/* The data loader's steps (see load.h): a temporary store beside the
 * target, the reference tables, every source adapter's facts (each row
 * checked by the row rules as it streams in), the checks across rows,
 * the dataset table, then the atomic rename. It owns the order of the
 * steps and the new file's life; it must not check data itself (refs.c,
 * rules_*.c, cross_checks.c do) nor know any input format (table.c and
 * the adapters do). Any error leaves the target untouched. */
#include "load/load.h"

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "load/cross_checks.h"
#include "load/ctx.h"
#include "load/dataset.h"
#include "load/loadtmp.h"
#include "load/scan.h"
#include "load/sql.h"
#include "store/fact_pack.h"
#include "store/schema.h"

/* A temporary file of an earlier load whose process is gone counts as
 * abandoned after this long without a write. */
#define STALE_TEMP_SECONDS 60

/* The new store, empty, in one transaction. */
static enum pf_err open_output(struct load_ctx *c, const char *tmp)
{
    enum pf_err rc;
    if (sqlite3_open_v2(tmp, &c->db, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK) {
        load_report_say(&c->rep, "cannot open %s: %s", tmp,
                        sqlite3_errmsg(c->db));
        return PF_EDB;
    }
    /* Bulk-load settings: the file is private until renamed, so crash
     * safety comes from the rename, not from the journal. */
    if ((rc = load_sql_exec(c->db, &c->rep,
                            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                            "PRAGMA temp_store=MEMORY; PRAGMA "
                            "cache_size=-65536;"
                            "PRAGMA foreign_keys=OFF; BEGIN;")) != PF_OK ||
        (rc = load_sql_exec(c->db, &c->rep, schema_sql)) != PF_OK)
        return rc;
    return load_insert_open(&c->ins, c->db, &c->rep);
}

/* After the last row: indexes (the question and series ones also serve
 * the cross-row checks), the cross-row checks, and, when the data has no
 * error, the packed facts, the dataset table and the commit. */
static enum pf_err finish_output(struct load_ctx *c)
{
    enum pf_err rc;
    if ((rc = load_sql_exec(c->db, &c->rep, schema_index_sql)) != PF_OK ||
        (rc = load_cross_checks(c->db, &c->rep)) != PF_OK)
        return rc;
    if (c->rep.nerrors)
        return PF_EDATA;
    /* every fact is final: the packed copy the server reads */
    if (store_fact_pack_table(c->db) != PF_OK) {
        load_report_sqlite(&c->rep, c->db);
        return PF_EDB;
    }
    if ((rc = load_dataset_write(c->db, &c->rep)) != PF_OK ||
        (rc = load_sql_exec(c->db, &c->rep, "COMMIT; ANALYZE;")) != PF_OK)
        return rc;
    /* Rollback journal, not WAL: read-only opens of a WAL file from
     * several threads fail with "database is locked". */
    return load_sql_exec(c->db, &c->rep, "PRAGMA journal_mode=DELETE;");
}

static void close_output(struct load_ctx *c)
{
    load_insert_close(&c->ins);
    if (c->db)
        sqlite3_close(c->db);
    c->db = NULL;
}

/* Closes the finished store and puts it in place of the target. */
static enum pf_err commit_output(struct load_ctx *c, const char *tmp)
{
    load_insert_close(&c->ins);
    if (sqlite3_close(c->db) != SQLITE_OK) {
        load_report_say(&c->rep, "closing %s failed", tmp);
        return PF_EDB;
    }
    c->db = NULL;
    if (loadtmp_commit(tmp, c->o->out) != PF_OK) {
        load_report_say(&c->rep, "cannot write %s: %s", c->o->out,
                        strerror(errno));
        return PF_EIO;
    }
    return PF_OK;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Every step up to a finished file at tmp. */
static enum pf_err build(struct load_ctx *c, const char *tmp)
{
    enum pf_err rc;
    if ((rc = open_output(c, tmp)) != PF_OK ||
        (rc = load_refs_read(&c->refs, &c->rep, c->db, c->o->dir)) != PF_OK ||
        (rc = load_scan_run(c)) != PF_OK)
        return rc;
    return finish_output(c);
}

enum pf_err load_run(const struct load_opts *o)
{
    struct load_ctx c = {.o = o, .rep = {o->msg, o->max_errors, 0}};
    struct timespec t0;
    struct buf tmp;
    enum pf_err rc;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    buf_init(&tmp);
    load_refs_init(&c.refs);
    loadtmp_sweep(o->out, o->msg, STALE_TEMP_SECONDS);
    if (loadtmp_create(o->out, &tmp) != PF_OK) {
        load_report_say(&c.rep, "cannot create a file beside %s: %s", o->out,
                        strerror(errno));
        buf_reset(&tmp);
        rc = PF_EIO;
        goto done;
    }
    rc = build(&c, tmp.data);
    if (rc == PF_EDATA)
        load_report_summary(&c.rep, o->out);
    if (rc != PF_OK || (rc = commit_output(&c, tmp.data)) != PF_OK)
        goto done;
    buf_reset(&tmp); /* renamed: nothing to remove */
    if (!o->quiet)
        load_report_say(&c.rep, "%ld facts, %zu sources -> %s (%.2f s)",
                        c.ins.nfacts, c.refs.nsources, o->out,
                        seconds_since(&t0));
done:
    if (rc == PF_ENOMEM)
        load_report_say(&c.rep, "out of memory");
    close_output(&c);
    if (tmp.len)
        unlink(tmp.data);
    load_refs_free(&c.refs);
    buf_free(&tmp);
    return rc;
}
