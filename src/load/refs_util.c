/* What every reader of a reference table shares (see refs_int.h): the
 * insert of a checked row, the checks every row makes, and the lookups
 * the fact rules and the later tables make. It must not read a file. */
#include <string.h>

#include "load/refs_int.h"
#include "load/sql.h"
#include "load/validate.h"

enum pf_err refs_insert_row(struct refs_read *rr,
                            const char *sql,
                            const struct load_row *row,
                            size_t n)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(rr->db, sql, -1, &st, NULL) != SQLITE_OK) {
        load_report_sqlite(rr->rep, rr->db);
        return PF_EDB;
    }
    for (size_t k = 0; k < n; k++)
        load_sql_bind_text(st, (int)k + 1, row->f[k]);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        load_report_sqlite(rr->rep, rr->db);
        return PF_EDB;
    }
    return PF_OK;
}

bool refs_field_ok(struct refs_read *rr,
                   const struct load_row *row,
                   size_t k,
                   const char *col,
                   const char *(*check)(const char *, size_t))
{
    const char *why = row->len[k] ? check(row->f[k], row->len[k]) : NULL;
    if (why)
        load_report_at(rr->rep, row->file, row->line, col, "%s", why);
    return !why;
}

bool refs_required(struct refs_read *rr,
                   const struct load_row *row,
                   size_t k,
                   const char *col)
{
    if (row->len[k] == 0)
        load_report_at(rr->rep, row->file, row->line, col, "required");
    return row->len[k] > 0;
}

bool refs_new_id(struct refs_read *rr,
                 const struct load_row *row,
                 const struct refmap *ids)
{
    if (refmap_get(ids, row->f[0]) < 0)
        return true;
    load_report_at(rr->rep, row->file, row->line, "id", "duplicate id '%s'",
                   row->f[0]);
    return false;
}

bool refs_word(struct refs_read *rr,
               const struct load_row *row,
               size_t k,
               const char *col,
               bool required,
               const char *const *words,
               const char *text)
{
    if (row->len[k] == 0 && !required)
        return true;
    if (validate_word(row->f[k], words) >= 0)
        return true;
    load_report_at(rr->rep, row->file, row->line, col, "'%s' is not one of %s",
                   row->f[k], text);
    return false;
}

bool refs_entity(struct refs_read *rr,
                 const struct load_row *row,
                 size_t k,
                 const char *col,
                 bool required)
{
    if (row->len[k] == 0)
        return !required || refs_required(rr, row, k, col);
    if (load_refs_entity(rr->refs, row->f[k]))
        return true;
    load_report_at(rr->rep, row->file, row->line, col, "unknown entity '%s'",
                   row->f[k]);
    return false;
}

bool load_refs_entity(const struct load_refs *r, const char *id)
{
    return refmap_get(&r->entity_ids, id) >= 0;
}

const struct load_measure *load_refs_measure(const struct load_refs *r,
                                             const char *id)
{
    long i = refmap_get(&r->measure_ids, id);
    return i >= 0 ? &r->measures[i] : NULL;
}

const struct load_source *load_refs_source(const struct load_refs *r,
                                           const char *id)
{
    long i = refmap_get(&r->source_ids, id);
    return i >= 0 ? &r->sources[i] : NULL;
}

const struct load_series *load_refs_series(const struct load_refs *r,
                                           const char *id)
{
    long i = refmap_get(&r->series_ids, id);
    return i >= 0 ? &r->series[i] : NULL;
}
