/* The reference tables (see refs.h): what a source, entity or measure row
 * must be, the rows written to the new store, and the lookups the fact
 * rules make. It must not look at facts, and it keeps no more of a row in
 * memory than those lookups need. */
#include "load/refs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "load/sql.h"
#include "load/table.h"
#include "load/validate.h"
#include "store/fact_schema.h"

const char *const load_refs_files[3] = {"sources.csv", "entities.csv",
                                        "measures.csv"};

/* Column order of each file; the enums below index it. */
static const struct load_col source_cols[] = {{"id", true},
                                              {"title", true},
                                              {"publisher", false},
                                              {"url", false},
                                              {"published", false},
                                              {"license", false},
                                              {"retrieved_from", false},
                                              {"notes", false}};
enum { S_ID, S_TITLE, S_PUBLISHER, S_URL, S_PUBLISHED };

static const struct load_col entity_cols[] = {{"id", true},
                                              {"name", true},
                                              {"type", true},
                                              {"iso3", false},
                                              {"notes", false}};
enum { E_ID, E_NAME, E_TYPE, E_ISO3 };

static const struct load_col measure_cols[] = {
    {"id", true},    {"name", true}, {"unit", true}, {"category", false},
    {"code", false}, {"min", false}, {"max", false}, {"description", false}};
enum { M_ID, M_NAME, M_UNIT, M_CATEGORY, M_CODE, M_MIN, M_MAX };

static const char *const entity_types[] = {PF_ENTITY_TYPES(VALIDATE_WORD) NULL};

struct refs_read {
    struct load_refs *refs;
    struct load_report *rep;
    sqlite3 *db;
};

void load_refs_init(struct load_refs *r)
{
    memset(r, 0, sizeof *r);
    refmap_init(&r->entity_ids);
    refmap_init(&r->measure_ids);
    refmap_init(&r->source_ids);
}

void load_refs_free(struct load_refs *r)
{
    refmap_free(&r->entity_ids);
    refmap_free(&r->measure_ids);
    refmap_free(&r->source_ids);
    free(r->measures);
    for (size_t i = 0; i < r->nsources; i++)
        free(r->sources[i].published);
    free(r->sources);
    memset(r, 0, sizeof *r);
}

/* Room for one more source, and one more measure. */
static enum pf_err grow_sources(struct load_refs *r)
{
    if (r->nsources < r->capsources)
        return PF_OK;
    size_t cap = r->capsources ? r->capsources * 2 : 64;
    struct load_source *p = realloc(r->sources, cap * sizeof *p);
    if (!p)
        return PF_ENOMEM;
    r->sources = p;
    r->capsources = cap;
    return PF_OK;
}

static enum pf_err grow_measures(struct load_refs *r)
{
    if (r->nmeasures < r->capmeasures)
        return PF_OK;
    size_t cap = r->capmeasures ? r->capmeasures * 2 : 64;
    struct load_measure *p = realloc(r->measures, cap * sizeof *p);
    if (!p)
        return PF_ENOMEM;
    r->measures = p;
    r->capmeasures = cap;
    return PF_OK;
}

/* Writes a checked row (its first n columns) to table (a VALUES list). */
static enum pf_err insert_row(struct refs_read *rr,
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

/* A column's value, when given, must pass check; reports it otherwise. */
static bool field_ok(struct refs_read *rr,
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

static bool required(struct refs_read *rr,
                     const struct load_row *row,
                     size_t k,
                     const char *col)
{
    if (row->len[k] == 0)
        load_report_at(rr->rep, row->file, row->line, col, "required");
    return row->len[k] > 0;
}

/* The id must be new in ids; reports a repeat. */
static bool new_id(struct refs_read *rr,
                   const struct load_row *row,
                   const struct refmap *ids)
{
    if (refmap_get(ids, row->f[0]) < 0)
        return true;
    load_report_at(rr->rep, row->file, row->line, "id", "duplicate id '%s'",
                   row->f[0]);
    return false;
}

static enum pf_err source_row(void *arg, const struct load_row *row)
{
    struct refs_read *rr = arg;
    struct load_refs *r = rr->refs;
    const char *why = validate_slug(row->f[S_ID], row->len[S_ID]);
    bool ok = true;
    if (why) {
        load_report_at(rr->rep, row->file, row->line, "id", "%s", why);
        ok = false;
    }
    ok &= required(rr, row, S_TITLE, "title");
    ok &= field_ok(rr, row, S_URL, "url", validate_url);
    ok &= field_ok(rr, row, S_PUBLISHED, "published", validate_date);
    if (!ok || !new_id(rr, row, &r->source_ids))
        return PF_OK;
    if (grow_sources(r) != PF_OK)
        return PF_ENOMEM;
    r->sources[r->nsources].published = strdup(row->f[S_PUBLISHED]);
    if (!r->sources[r->nsources].published ||
        refmap_put(&r->source_ids, row->f[S_ID], (long)r->nsources) != PF_OK)
        return PF_ENOMEM;
    r->nsources++;
    return insert_row(rr, "INSERT INTO sources VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
                      row, PF_ARRAY_LEN(source_cols));
}

static bool entity_checks(struct refs_read *rr, const struct load_row *row)
{
    const char *const *f = row->f;
    const char *why = validate_entity_id(f[E_ID], row->len[E_ID]);
    bool ok = true;
    if (why) {
        load_report_at(rr->rep, row->file, row->line, "id", "%s", why);
        ok = false;
    }
    ok &= required(rr, row, E_NAME, "name");
    if (validate_word(f[E_TYPE], entity_types) < 0) {
        load_report_at(rr->rep, row->file, row->line, "type",
                       "'%s' is not one of %s", f[E_TYPE],
                       VALIDATE_WORDS_TEXT(PF_ENTITY_TYPES));
        ok = false;
    }
    if (row->len[E_ISO3] &&
        (row->len[E_ISO3] != 3 ||
         strspn(f[E_ISO3], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)) {
        load_report_at(rr->rep, row->file, row->line, "iso3",
                       "must be three upper-case letters");
        ok = false;
    }
    if (ok && strcmp(f[E_TYPE], "country") == 0 &&
        strcmp(f[E_ID], f[E_ISO3]) != 0) {
        load_report_at(rr->rep, row->file, row->line, "iso3",
                       "a country's id must be its ISO 3166 alpha-3 code");
        ok = false;
    }
    return ok;
}

static enum pf_err entity_row(void *arg, const struct load_row *row)
{
    struct refs_read *rr = arg;
    if (!entity_checks(rr, row) || !new_id(rr, row, &rr->refs->entity_ids))
        return PF_OK;
    if (refmap_put(&rr->refs->entity_ids, row->f[E_ID], 0) != PF_OK)
        return PF_ENOMEM;
    return insert_row(rr, "INSERT INTO entities VALUES(?1,?2,?3,?4,?5)", row,
                      PF_ARRAY_LEN(entity_cols));
}

/* A measure's id, name, unit and plausible range (both bounds or none). */
static bool measure_checks(struct refs_read *rr,
                           const struct load_row *row,
                           struct load_measure *m)
{
    const size_t *len = row->len;
    const char *why;
    bool ok = true;
    if ((why = validate_slug(row->f[M_ID], len[M_ID]))) {
        load_report_at(rr->rep, row->file, row->line, "id", "%s", why);
        ok = false;
    }
    if (len[M_NAME] == 0 || len[M_UNIT] == 0) {
        load_report_at(rr->rep, row->file, row->line,
                       len[M_NAME] ? "unit" : "name", "required");
        ok = false;
    }
    if (len[M_MIN] &&
        (why = validate_number(row->f[M_MIN], len[M_MIN], &m->min))) {
        load_report_at(rr->rep, row->file, row->line, "min", "%s", why);
        ok = false;
    }
    if (len[M_MAX] &&
        (why = validate_number(row->f[M_MAX], len[M_MAX], &m->max))) {
        load_report_at(rr->rep, row->file, row->line, "max", "%s", why);
        ok = false;
    }
    if ((len[M_MIN] == 0) != (len[M_MAX] == 0)) {
        load_report_at(rr->rep, row->file, row->line, "max",
                       "give both min and max, or neither");
        ok = false;
    } else if (ok && len[M_MIN] && m->min > m->max) {
        load_report_at(rr->rep, row->file, row->line, "max",
                       "min %s is above max %s", row->f[M_MIN], row->f[M_MAX]);
        ok = false;
    }
    m->numeric = len[M_MIN] > 0;
    snprintf(m->unit, sizeof m->unit, "%s", row->f[M_UNIT]);
    return ok;
}

static enum pf_err measure_row(void *arg, const struct load_row *row)
{
    struct refs_read *rr = arg;
    struct load_refs *r = rr->refs;
    struct load_measure m = {.min = 0, .max = 0};
    if (!measure_checks(rr, row, &m) || !new_id(rr, row, &r->measure_ids))
        return PF_OK;
    if (grow_measures(r) != PF_OK ||
        refmap_put(&r->measure_ids, row->f[M_ID], (long)r->nmeasures) != PF_OK)
        return PF_ENOMEM;
    r->measures[r->nmeasures++] = m;
    return insert_row(rr,
                      "INSERT INTO measures VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
                      row, PF_ARRAY_LEN(measure_cols));
}

enum pf_err load_refs_read(struct load_refs *r,
                           struct load_report *rep,
                           sqlite3 *db,
                           const char *dir)
{
    static const struct load_table tables[3] = {
        {source_cols, PF_ARRAY_LEN(source_cols)},
        {entity_cols, PF_ARRAY_LEN(entity_cols)},
        {measure_cols, PF_ARRAY_LEN(measure_cols)}};
    static const load_row_fn fns[3] = {source_row, entity_row, measure_row};
    struct refs_read rr = {.refs = r, .rep = rep, .db = db};
    struct buf path;
    enum pf_err rc = PF_OK;

    buf_init(&path);
    for (size_t t = 0; t < 3 && rc == PF_OK; t++) {
        struct stat sb;
        buf_reset(&path);
        buf_printf(&path, "%s/%s", dir, load_refs_files[t]);
        if (buf_failed(&path))
            rc = PF_ENOMEM;
        else if (stat(path.data, &sb) != 0)
            load_report_at(rep, path.data, 0, "-", "missing reference table");
        else
            rc = load_table_read(rep, path.data, &tables[t], fns[t], &rr);
    }
    buf_free(&path);
    return rc;
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

/* ---- rows given by a source adapter ---------------------------------- */

enum pf_err load_refs_add(struct load_refs *r,
                          struct load_report *rep,
                          sqlite3 *db,
                          const struct load_refs_row *row)
{
    static const struct load_col *const cols[] = {source_cols, entity_cols,
                                                  measure_cols};
    static const size_t ncols[] = {PF_ARRAY_LEN(source_cols),
                                   PF_ARRAY_LEN(entity_cols),
                                   PF_ARRAY_LEN(measure_cols)};
    static const load_row_fn fns[] = {source_row, entity_row, measure_row};
    struct refs_read rr = {.refs = r, .rep = rep, .db = db};
    struct load_row lr = {.file = row->file, .line = row->line};
    size_t t = (size_t)row->table;

    for (size_t k = 0; k < ncols[t]; k++)
        lr.f[k] = "";
    for (size_t i = 0; i < row->n; i++) {
        size_t k = 0;
        while (k < ncols[t] && strcmp(cols[t][k].name, row->names[i]) != 0)
            k++;
        if (k == ncols[t])
            return PF_EINVAL; /* the adapter's bug, not the data's */
        lr.f[k] = row->values[i];
        lr.len[k] = strlen(row->values[i]);
    }
    return fns[t](&rr, &lr);
}
