/* The World Bank WDI adapter: wdi/manifest.csv names each indicator's raw
 * file (Country Name, Country Code, Year, Value, copied byte for byte
 * from the pinned commit) and its measure; every row with a value becomes
 * a fact whose evidence is its file and line (data_file, data_row), known
 * from the vintage's date, and every code an entity (an economy, or
 * an aggregate when aggregates.csv lists it). An empty value is a missing
 * fact, never 0. It owns the mapping from a WDI row to a fact and the
 * directory's inventory; manifest rows are wdi_manifest.c's, reference
 * rows wdi_refs.c's, and every fact goes through load_fact_add. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "load/adapter.h"
#include "load/ctx.h"
#include "load/fact.h"
#include "load/validate.h"
#include "load/wdi.h"

enum { D_NAME, D_CODE, D_YEAR, D_VALUE, D_NCOLS };
static const struct load_col data_cols[D_NCOLS] = {{"Country Name", true},
                                                   {"Country Code", true},
                                                   {"Year", true},
                                                   {"Value", true}};

struct wdi_read {
    struct load_ctx *c;
    const struct wdi_manifest *m;
    const struct wdi_indicator *w;
    struct refmap codes; /* entity codes checked or made -> 1 */
    struct refmap years; /* this file's "CODE YEAR" -> line */
    sqlite3_stmt *type_of;
};

static bool row_fail(struct wdi_read *r,
                     const struct load_row *row,
                     const char *col,
                     const char *why,
                     const char *what)
{
    load_report_at(&r->c->rep, row->file, row->line, col, "'%s': %s", what,
                   why);
    return false;
}

/* An entity of entities.csv must be of the type the WDI gives its code. */
static enum pf_err check_type(struct wdi_read *r,
                              const struct load_row *row,
                              const char *code,
                              const char *want)
{
    sqlite3_stmt *st = r->type_of;
    enum pf_err rc = PF_OK;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
        load_report_sqlite(&r->c->rep, r->c->db);
        rc = PF_EDB;
    } else if (strcmp((const char *)sqlite3_column_text(st, 0), want) != 0) {
        load_report_at(&r->c->rep, row->file, row->line, "Country Code",
                       "entities.csv makes '%s' a %s, but it is %s in the "
                       "WDI (wdi/" WDI_AGGREGATES ")",
                       code, (const char *)sqlite3_column_text(st, 0),
                       strcmp(want, "aggregate") == 0 ? "an aggregate"
                                                      : "an economy");
    }
    sqlite3_reset(st);
    return rc;
}

/* The row's entity: checked when entities.csv has it, else made from the
 * row (the first file that names a code gives its name). */
static enum pf_err entity(struct wdi_read *r, const struct load_row *row)
{
    static const char *const names[] = {"id", "name", "type", "iso3", "notes"};
    const char *code = row->f[D_CODE];
    bool agg = wdi_is_aggregate(r->m, code);
    const char *type = agg ? "aggregate" : "country";
    enum pf_err rc;
    if (refmap_get(&r->codes, code) >= 0)
        return PF_OK;
    if (load_refs_entity(&r->c->refs, code)) {
        rc = check_type(r, row, code, type);
    } else {
        const char *values[] = {
            code, row->f[D_NAME], type, agg ? "" : code,
            agg ? "World Bank aggregate (WDI): a group of economies, never "
                  "ranked among them"
                : "World Bank WDI economy code; name as in the WDI files"};
        struct load_refs_row er = {
            LOAD_REFS_ENTITIES, row->file, row->line, names, values,
            PF_ARRAY_LEN(names)};
        rc = load_refs_add(&r->c->refs, &r->c->rep, r->c->db, &er);
    }
    return rc == PF_OK ? refmap_put(&r->codes, code, 1) : rc;
}

/* Code, name and year well-formed, the (code, year) new in this file. */
static bool
row_checks(struct wdi_read *r, const struct load_row *row, const char *key)
{
    const char *code = row->f[D_CODE], *why;
    int year;
    bool ok = true;
    if (row->len[D_CODE] != 3 ||
        strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != 3)
        ok = row_fail(r, row, "Country Code",
                      "expected three upper-case letters or digits", code);
    if (row->len[D_NAME] == 0)
        ok = row_fail(r, row, "Country Name", "required", "");
    if ((why = validate_year(row->f[D_YEAR], row->len[D_YEAR], &year)))
        ok = row_fail(r, row, "Year", why, row->f[D_YEAR]);
    long first = ok ? refmap_get(&r->years, key) : -1;
    if (first >= 0) {
        load_report_at(&r->c->rep, row->file, row->line, "Year",
                       "%s has %s already at line %ld", code, row->f[D_YEAR],
                       first);
        ok = false;
    }
    return ok;
}

/* The fact of one data row. */
static enum pf_err add_fact(struct wdi_read *r, const struct load_row *row)
{
    const struct wdi_indicator *w = r->w;
    char id[160], label[400], line[24], lower[4];
    struct load_fact f;
    for (int i = 0; i < 4; i++)
        lower[i] = (char)(i < 3 ? row->f[D_CODE][i] | 0x20 : '\0');
    int nid = snprintf(id, sizeof id, "%s.%s.%s", w->id_prefix, lower,
                       row->f[D_YEAR]);
    int nlabel = snprintf(label, sizeof label, "%s, %s %s", w->title,
                          row->f[D_NAME], row->f[D_YEAR]);
    int nline = snprintf(line, sizeof line, "%ld", row->line);
    if (nid >= (int)sizeof id || nlabel >= (int)sizeof label) {
        row_fail(r, row, "-", "id or label too long", row->f[D_NAME]);
        return PF_OK;
    }
    load_fact_init(&f, row->file, row->line);
    load_fact_set(&f, LF_id, id, (size_t)nid);
    load_fact_set(&f, LF_kind, w->kind, strlen(w->kind));
    load_fact_set(&f, LF_subject, row->f[D_CODE], row->len[D_CODE]);
    load_fact_set(&f, LF_measure, w->measure, strlen(w->measure));
    load_fact_set(&f, LF_label, label, (size_t)nlabel);
    load_fact_set(&f, LF_value, row->f[D_VALUE], row->len[D_VALUE]);
    load_fact_set(&f, LF_qualifier, "exact", 5);
    load_fact_set(&f, LF_period, row->f[D_YEAR], row->len[D_YEAR]);
    load_fact_set(&f, LF_source_id, w->source_id, strlen(w->source_id));
    /* the evidence: the file at the pinned commit and the row's line; the
     * knowledge time is the source's vintage (the loader derives it) */
    load_fact_set(&f, LF_evidence, "data", 4);
    load_fact_set(&f, LF_data_file, w->data_file, strlen(w->data_file));
    load_fact_set(&f, LF_data_row, line, (size_t)nline);
    return load_fact_add(r->c, &f);
}

static enum pf_err data_row(void *arg, const struct load_row *row)
{
    struct wdi_read *r = arg;
    char key[64];
    enum pf_err rc;
    snprintf(key, sizeof key, "%.3s %.4s", row->f[D_CODE], row->f[D_YEAR]);
    if (!row_checks(r, row, key))
        return PF_OK;
    if ((rc = refmap_put(&r->years, key, row->line)) != PF_OK)
        return rc;
    if (row->len[D_VALUE] == 0)
        return PF_OK; /* no value: a missing fact, never 0 */
    long before = r->c->rep.nerrors;
    if ((rc = entity(r, row)) != PF_OK || r->c->rep.nerrors != before)
        return rc;
    return add_fact(r, row);
}

static enum pf_err read_indicator(struct wdi_read *r,
                                  const struct wdi_indicator *w)
{
    static const struct load_table t = {data_cols, D_NCOLS};
    r->w = w;
    refmap_free(&r->years);
    return load_table_read(&r->c->rep, w->path, &t, data_row, r);
}

/* Every file of the directory is the manifest's, or named by it. */
static void inventory(struct wdi_read *r)
{
    DIR *d = opendir(r->m->dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        const char *n = e->d_name;
        if (n[0] == '.' || strcmp(n, WDI_MANIFEST) == 0 ||
            strcmp(n, WDI_AGGREGATES) == 0 || strcmp(n, WDI_README) == 0 ||
            refmap_get(&r->m->files, n) >= 0)
            continue;
        load_report_at(&r->c->rep, r->m->dir, 0, n,
                       "file not named by " WDI_MANIFEST
                       " (each indicator file and its datapackage need a "
                       "manifest row)");
    }
    if (d)
        closedir(d);
}

static enum pf_err read_files(struct load_ctx *c, char *const *paths, size_t n)
{
    struct wdi_manifest m;
    struct wdi_read r = {.c = c, .m = &m};
    enum pf_err rc = PF_OK;

    refmap_init(&r.codes);
    refmap_init(&r.years);
    for (size_t i = 0; i < n && rc == PF_OK; i++) {
        rc = wdi_manifest_read(c, paths[i], &m);
        if (rc == PF_OK &&
            sqlite3_prepare_v2(c->db, "SELECT type FROM entities WHERE id=?1",
                               -1, &r.type_of, NULL) != SQLITE_OK) {
            load_report_sqlite(&c->rep, c->db);
            rc = PF_EDB;
        }
        for (size_t k = 0; k < m.n && rc == PF_OK; k++)
            rc = read_indicator(&r, &m.v[k]);
        if (rc == PF_OK)
            inventory(&r);
        sqlite3_finalize(r.type_of);
        r.type_of = NULL;
        wdi_manifest_free(&m);
    }
    refmap_free(&r.codes);
    refmap_free(&r.years);
    return rc;
}

const struct load_adapter load_adapter_wdi = {
    .name = "World Bank WDI files",
    .pattern = "wdi/" WDI_MANIFEST,
    .read = read_files,
};
