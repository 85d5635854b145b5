/* The reference tables (see refs.h): what a source, entity or measure row
 * must be, the rows written to the new store, the order the tables are
 * read in, and the lookups the fact rules make (series and outcome links
 * are refs_series.c's). It must not look at facts, and it keeps no more
 * of a row in memory than those lookups need. */
#include "load/refs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "load/refs_int.h"
#include "load/sql.h"
#include "load/table.h"
#include "load/validate.h"
#include "store/fact_schema.h"

const char *const load_refs_files[LOAD_NREFS] = {"sources.csv", "entities.csv",
                                                 "measures.csv", "series.csv",
                                                 "outcome_links.csv"};

/* Column order of each file; the enums below index it. */
static const struct load_col source_cols[] = {{"id", true},
                                              {"title", true},
                                              {"publisher", false},
                                              {"url", false},
                                              {"published", false},
                                              {"license", false},
                                              {"retrieved_from", false},
                                              {"notes", false},
                                              {"published_kind", false}};
enum { S_ID, S_TITLE, S_PUBLISHER, S_URL, S_PUBLISHED, S_KIND = 8 };

static const struct load_col entity_cols[] = {{"id", true},
                                              {"name", true},
                                              {"type", true},
                                              {"iso3", false},
                                              {"notes", false}};
enum { E_ID, E_NAME, E_TYPE, E_ISO3 };

static const struct load_col measure_cols[] = {
    {"id", true},        {"name", true},         {"unit", true},
    {"category", false}, {"code", false},        {"min", false},
    {"max", false},      {"description", false}, {"nature", true}};
enum { M_ID, M_NAME, M_UNIT, M_CATEGORY, M_CODE, M_MIN, M_MAX, M_NATURE = 8 };

static const struct load_table source_table = {source_cols,
                                               PF_ARRAY_LEN(source_cols)};
static const struct load_table entity_table = {entity_cols,
                                               PF_ARRAY_LEN(entity_cols)};
static const struct load_table measure_table = {measure_cols,
                                                PF_ARRAY_LEN(measure_cols)};

static const char *const entity_types[] = {PF_ENTITY_TYPES(VALIDATE_WORD) NULL};
static const char *const natures[] = {PF_NATURES(VALIDATE_WORD) NULL};
static const char *const published_kinds[] = {PF_PUBLISHED_KINDS(VALIDATE_WORD)
                                                  NULL};
_Static_assert(LOAD_IN_FORCE == 0 && LOAD_ESTIMATE == 1,
               "enum load_nature follows PF_NATURES");

void load_refs_init(struct load_refs *r)
{
    memset(r, 0, sizeof *r);
    refmap_init(&r->entity_ids);
    refmap_init(&r->measure_ids);
    refmap_init(&r->source_ids);
    refmap_init(&r->series_ids);
    refmap_init(&r->link_keys);
}

void load_refs_free(struct load_refs *r)
{
    refmap_free(&r->entity_ids);
    refmap_free(&r->measure_ids);
    refmap_free(&r->source_ids);
    refmap_free(&r->series_ids);
    refmap_free(&r->link_keys);
    free(r->measures);
    for (size_t i = 0; i < r->nsources; i++)
        free(r->sources[i].published);
    free(r->sources);
    for (size_t i = 0; i < r->nseries; i++) {
        free(r->series[i].imposer);
        free(r->series[i].target);
        free(r->series[i].replaces);
    }
    free(r->series);
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
    ok &= refs_required(rr, row, S_TITLE, "title");
    ok &= refs_field_ok(rr, row, S_URL, "url", validate_url);
    ok &= refs_field_ok(rr, row, S_PUBLISHED, "published", validate_date);
    ok &= refs_word(rr, row, S_KIND, "published_kind", false, published_kinds,
                    VALIDATE_WORDS_TEXT(PF_PUBLISHED_KINDS));
    if (!ok || !refs_new_id(rr, row, &r->source_ids))
        return PF_OK;
    if (grow_sources(r) != PF_OK)
        return PF_ENOMEM;
    struct load_source *src = &r->sources[r->nsources];
    src->published = strdup(row->f[S_PUBLISHED]);
    src->vintage = strcmp(row->f[S_KIND], "vintage") == 0;
    if (!src->published ||
        refmap_put(&r->source_ids, row->f[S_ID], (long)r->nsources) != PF_OK)
        return PF_ENOMEM;
    r->nsources++;
    /* published_kind defaults to the first word: a publication date */
    return refs_insert_row(rr,
                           "INSERT INTO sources VALUES(?1,?2,?3,?4,?5,?6,?7,"
                           "?8,coalesce(?9,'published'))",
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
    ok &= refs_required(rr, row, E_NAME, "name");
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
    if (!entity_checks(rr, row) || !refs_new_id(rr, row, &rr->refs->entity_ids))
        return PF_OK;
    if (refmap_put(&rr->refs->entity_ids, row->f[E_ID], 0) != PF_OK)
        return PF_ENOMEM;
    return refs_insert_row(rr, "INSERT INTO entities VALUES(?1,?2,?3,?4,?5)",
                           row, PF_ARRAY_LEN(entity_cols));
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
    int nature = validate_word(row->f[M_NATURE], natures);
    if (nature < 0) {
        load_report_at(rr->rep, row->file, row->line, "nature",
                       "'%s' is not one of %s", row->f[M_NATURE],
                       VALIDATE_WORDS_TEXT(PF_NATURES));
        ok = false;
    }
    m->nature = nature == LOAD_ESTIMATE ? LOAD_ESTIMATE : LOAD_IN_FORCE;
    m->numeric = len[M_MIN] > 0;
    snprintf(m->unit, sizeof m->unit, "%s", row->f[M_UNIT]);
    return ok;
}

static enum pf_err measure_row(void *arg, const struct load_row *row)
{
    struct refs_read *rr = arg;
    struct load_refs *r = rr->refs;
    struct load_measure m = {.min = 0, .max = 0};
    if (!measure_checks(rr, row, &m) || !refs_new_id(rr, row, &r->measure_ids))
        return PF_OK;
    if (grow_measures(r) != PF_OK ||
        refmap_put(&r->measure_ids, row->f[M_ID], (long)r->nmeasures) != PF_OK)
        return PF_ENOMEM;
    r->measures[r->nmeasures++] = m;
    return refs_insert_row(
        rr, "INSERT INTO measures VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)", row,
        PF_ARRAY_LEN(measure_cols));
}

enum pf_err load_refs_read(struct load_refs *r,
                           struct load_report *rep,
                           sqlite3 *db,
                           const char *dir)
{
    static const struct load_table *const tables[LOAD_NREFS] = {
        &source_table, &entity_table, &measure_table, &refs_series_table,
        &refs_link_table};
    static const load_row_fn fns[LOAD_NREFS] = {
        source_row, entity_row, measure_row, refs_series_row, refs_link_row};
    struct refs_read rr = {.refs = r, .rep = rep, .db = db};
    struct buf path;
    enum pf_err rc = PF_OK;

    buf_init(&path);
    rc = load_sql_exec(db, rep,
                       "CREATE TEMP TABLE link_origin(rid INTEGER PRIMARY KEY,"
                       " file TEXT, line INTEGER)");
    for (size_t t = 0; t < LOAD_NREFS && rc == PF_OK; t++) {
        struct stat sb;
        buf_reset(&path);
        buf_printf(&path, "%s/%s", dir, load_refs_files[t]);
        if (buf_failed(&path))
            rc = PF_ENOMEM;
        else if (stat(path.data, &sb) != 0)
            load_report_at(rep, path.data, 0, "-", "missing reference table");
        else if ((rc = load_table_read(rep, path.data, tables[t], fns[t],
                                       &rr)) == PF_OK &&
                 fns[t] == refs_series_row)
            refs_series_check(&rr, path.data);
    }
    buf_free(&path);
    return rc;
}

/* ---- rows given by a source adapter ---------------------------------- */

enum pf_err load_refs_add(struct load_refs *r,
                          struct load_report *rep,
                          sqlite3 *db,
                          const struct load_refs_row *row)
{
    static const struct load_table *const tables[] = {
        [LOAD_REFS_SOURCES] = &source_table,
        [LOAD_REFS_ENTITIES] = &entity_table,
        [LOAD_REFS_MEASURES] = &measure_table};
    static const load_row_fn fns[] = {[LOAD_REFS_SOURCES] = source_row,
                                      [LOAD_REFS_ENTITIES] = entity_row,
                                      [LOAD_REFS_MEASURES] = measure_row};
    const struct load_table *t = tables[row->table];
    struct refs_read rr = {.refs = r, .rep = rep, .db = db};
    struct load_row lr = {.file = row->file, .line = row->line};

    for (size_t k = 0; k < t->ncols; k++)
        lr.f[k] = "";
    for (size_t i = 0; i < row->n; i++) {
        size_t k = 0;
        while (k < t->ncols && strcmp(t->cols[k].name, row->names[i]) != 0)
            k++;
        if (k == t->ncols)
            return PF_EINVAL; /* the adapter's bug, not the data's */
        lr.f[k] = row->values[i];
        lr.len[k] = strlen(row->values[i]);
    }
    return fns[row->table](&rr, &lr);
}
