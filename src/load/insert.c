/* The one insert path of facts (see insert.h). It owns the facts INSERT
 * (its column list from PF_FACT_FIELDS), the derived keys (question, sort
 * keys, the content hash that finds exact duplicates) and temp.origin. It
 * must not check a fact: every fact handed to it has passed the rules. */
#include "load/insert.h"

#include <stdint.h>
#include <xxhash.h>

#include "base/buf.h"
#include "load/sql.h"

/* Columns after PF_FACT_FIELDS: derived here or by the rules. */
static const char *const derived_cols[] = {"known_by", "rank_ord", "question",
                                           "vf_key",   "kb_key",   "nature",
                                           "stated_to"};
enum {
    COL_KNOWN_BY = LF_COUNT + 1, /* SQLite parameters count from 1 */
    COL_RANK_ORD,
    COL_QUESTION,
    COL_VF_KEY,
    COL_KB_KEY,
    COL_NATURE,
    COL_STATED_TO,
    NPARAMS = COL_STATED_TO
};
/* ended_by, the last derived column, is set across rows
 * (cross_checks.c). */
_Static_assert(PF_ARRAY_LEN(derived_cols) == NPARAMS - LF_COUNT,
               "one parameter per derived column");

static const char *const natures[] = {
#define NATURE_WORD(w) #w,
    PF_NATURES(NATURE_WORD)
#undef NATURE_WORD
};

/* The affinity of each field, for binding its parsed value. */
enum field_type { TEXT, REAL, INT };
static const enum field_type field_types[LF_COUNT] = {
#define FIELD_TYPE(name, type, flags) type,
    PF_FACT_FIELDS(FIELD_TYPE)
#undef FIELD_TYPE
};

/* "INSERT INTO facts(id, kind, ..., kb_key) VALUES(?1, ..., ?N)" */
static enum pf_err insert_sql(struct buf *sql)
{
#define FIELD_NAME(name, type, flags) #name,
    static const char *const fields[LF_COUNT] = {PF_FACT_FIELDS(FIELD_NAME)};
#undef FIELD_NAME
    buf_puts(sql, "INSERT INTO facts(");
    for (size_t i = 0; i < LF_COUNT; i++)
        buf_printf(sql, "%s, ", fields[i]);
    for (size_t i = 0; i < PF_ARRAY_LEN(derived_cols); i++)
        buf_printf(sql, "%s%s", i ? ", " : "", derived_cols[i]);
    buf_puts(sql, ") VALUES(");
    for (int i = 1; i <= NPARAMS; i++)
        buf_printf(sql, "%s?%d", i > 1 ? "," : "", i);
    buf_puts(sql, ")");
    return buf_failed(sql) ? PF_ENOMEM : PF_OK;
}

enum pf_err
load_insert_open(struct load_insert *ins, sqlite3 *db, struct load_report *r)
{
    struct buf sql;
    enum pf_err rc;

    ins->db = db;
    buf_init(&sql);
    if ((rc = insert_sql(&sql)) != PF_OK ||
        (rc = load_sql_exec(db, r,
                            "CREATE TEMP TABLE origin(rid INTEGER PRIMARY KEY,"
                            " file TEXT, line INTEGER, rank_given INTEGER,"
                            " chash INTEGER)")) != PF_OK)
        goto done;
    rc = PF_EDB;
    if (sqlite3_prepare_v2(db, buf_cstr(&sql), -1, &ins->fact, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO temp.origin VALUES(?1,?2,?3,?4,?5)",
                           -1, &ins->origin, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT o.file, o.line FROM facts f JOIN "
                           "temp.origin o ON o.rid=f.rowid WHERE f.id=?1",
                           -1, &ins->find_origin, NULL) != SQLITE_OK) {
        load_report_sqlite(r, db);
        goto done;
    }
    rc = PF_OK;
done:
    buf_free(&sql);
    return rc;
}

void load_insert_close(struct load_insert *ins)
{
    sqlite3_finalize(ins->fact);
    sqlite3_finalize(ins->origin);
    sqlite3_finalize(ins->find_origin);
    ins->fact = ins->origin = ins->find_origin = NULL;
}

/* Facts that answer the same question share this key: measure, subject,
 * object, series, valid_from, target_year. */
static enum pf_err question(const struct load_fact *f, struct buf *q)
{
    buf_printf(q, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d", f->in[LF_measure],
               f->in[LF_subject], f->in[LF_object], f->in[LF_series],
               f->valid_from, (int)f->num[LF_target_year]);
    return buf_failed(q) ? PF_ENOMEM : PF_OK;
}

/* Every field but the id, as given: equal hashes are exact duplicates. */
static enum pf_err content_hash(const struct load_fact *f, uint64_t *out)
{
    _Static_assert(LF_id == 0, "the id is the first field");
    XXH64_state_t *s = XXH64_createState();
    if (!s)
        return PF_ENOMEM;
    XXH64_reset(s, 0);
    for (size_t k = LF_id + 1; k < LF_COUNT; k++) {
        XXH64_update(s, f->in[k], f->len[k]);
        XXH64_update(s, "\x1f", 1);
    }
    *out = XXH64_digest(s);
    XXH64_freeState(s);
    return PF_OK;
}

static void
bind_fact(sqlite3_stmt *st, const struct load_fact *f, const struct buf *q)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (size_t k = 0; k < LF_COUNT; k++) {
        int i = (int)k + 1;
        if (field_types[k] == TEXT)
            load_sql_bind_text(st, i, f->out[k]);
        else if (f->has_num[k] && field_types[k] == REAL)
            sqlite3_bind_double(st, i, f->num[k]);
        else if (f->has_num[k])
            sqlite3_bind_int(st, i, (int)f->num[k]);
    }
    load_sql_bind_text(st, COL_KNOWN_BY, f->known_by);
    sqlite3_bind_int(st, COL_RANK_ORD, f->rank_ord);
    sqlite3_bind_text(st, COL_QUESTION, q->data, (int)q->len, SQLITE_TRANSIENT);
    /* the sort keys are never NULL: "" sorts first */
    sqlite3_bind_text(st, COL_VF_KEY, f->valid_from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, COL_KB_KEY, f->known_by, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, COL_NATURE, natures[f->nature], -1, SQLITE_STATIC);
    load_sql_bind_text(st, COL_STATED_TO, f->stated_to);
}

/* The id is taken (the only constraint a checked fact can break): says
 * where it was first given. */
static enum pf_err report_duplicate(struct load_insert *ins,
                                    struct load_report *r,
                                    const struct load_fact *f)
{
    sqlite3_stmt *fo = ins->find_origin;
    enum pf_err rc = PF_OK;
    sqlite3_reset(fo);
    sqlite3_bind_text(fo, 1, f->in[LF_id], -1, SQLITE_TRANSIENT);
    if (sqlite3_step(fo) == SQLITE_ROW) {
        load_report_at(r, f->file, f->line, "id",
                       "duplicate id '%s' (first at %s:%d)", f->in[LF_id],
                       (const char *)sqlite3_column_text(fo, 0),
                       sqlite3_column_int(fo, 1));
    } else {
        load_report_say(r, "SQLite: fact '%s' (%s:%ld) broke a constraint",
                        f->in[LF_id], f->file, f->line);
        rc = PF_EDB;
    }
    sqlite3_reset(fo);
    return rc;
}

static enum pf_err insert_origin(struct load_insert *ins,
                                 const struct load_fact *f,
                                 uint64_t chash)
{
    sqlite3_stmt *st = ins->origin;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, sqlite3_last_insert_rowid(ins->db));
    sqlite3_bind_text(st, 2, f->file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, f->line);
    sqlite3_bind_int(st, 4, load_fact_given(f, LF_rank));
    sqlite3_bind_int64(st, 5, (sqlite3_int64)chash);
    return sqlite3_step(st) == SQLITE_DONE ? PF_OK : PF_EDB;
}

enum pf_err load_insert_fact(struct load_insert *ins,
                             struct load_report *r,
                             const struct load_fact *f)
{
    struct buf q;
    uint64_t chash;
    enum pf_err rc;

    buf_init(&q);
    if ((rc = question(f, &q)) != PF_OK ||
        (rc = content_hash(f, &chash)) != PF_OK)
        goto done;
    bind_fact(ins->fact, f, &q);
    int step = sqlite3_step(ins->fact);
    if (step == SQLITE_CONSTRAINT) {
        rc = report_duplicate(ins, r, f);
        goto done;
    }
    if (step != SQLITE_DONE || (rc = insert_origin(ins, f, chash)) != PF_OK) {
        rc = PF_EDB;
        load_report_sqlite(r, ins->db);
        goto done;
    }
    ins->nfacts++;
done:
    buf_free(&q);
    return rc;
}
