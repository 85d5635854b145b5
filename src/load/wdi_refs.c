/* One WDI indicator's reference rows (see wdi.h): its datapackage.json read
 * and checked against the manifest row (the indicator code, the license,
 * the four columns), its source row (the file at the pinned commit) and
 * its measure (checked against measures.csv when defined there, else made
 * from the manifest and the datapackage's title and readme). It must not
 * read the indicator's data rows. */
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "load/ctx.h"
#include "load/sql.h"
#include "load/wdi.h"

/* The columns every WDI data file has, in order. */
static const char *const wdi_fields[] = {"Country Name", "Country Code", "Year",
                                         "Value"};

struct dp_check {
    struct load_ctx *c;
    const struct load_row *row;
    const char *dp_path;
    bool ok;
};

/* A problem at the manifest row: "COL: 'what': why". */
static void
bad(struct dp_check *d, const char *col, const char *what, const char *why)
{
    load_report_at(&d->c->rep, d->row->file, d->row->line, col, "'%s': %s",
                   what, why);
    d->ok = false;
}

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void check_license(struct dp_check *d, json_t *dp)
{
    json_t *lic = json_object_get(dp, "licenses"), *l;
    size_t i;
    json_array_foreach(lic, i, l)
    {
        const char *name = str(l, "name");
        if (name && strcmp(name, d->row->f[W_LICENSE]) == 0)
            return;
    }
    bad(d, "license", d->row->f[W_LICENSE],
        "not a license its datapackage names");
}

static void check_fields(struct dp_check *d, json_t *dp)
{
    json_t *res = json_array_get(json_object_get(dp, "resources"), 0);
    json_t *fields = json_object_get(json_object_get(res, "schema"), "fields");
    bool ok = json_array_size(fields) == PF_ARRAY_LEN(wdi_fields);
    for (size_t i = 0; ok && i < PF_ARRAY_LEN(wdi_fields); i++) {
        const char *name = str(json_array_get(fields, i), "name");
        ok = name && strcmp(name, wdi_fields[i]) == 0;
    }
    if (!ok)
        bad(d, "datapackage", d->dp_path,
            "its data resource must have the fields Country Name, Country "
            "Code, Year, Value");
}

/* The datapackage's checks; its title in *title (owned), its readme with
 * runs of white space made one space in readme. */
static void
read_dp(struct dp_check *d, json_t *dp, char **title, struct buf *readme)
{
    const char *code = d->row->f[W_CODE];
    const char *ind = str(json_object_get(dp, "worldbank"), "indicator");
    const char *t = str(dp, "title"), *rd = str(dp, "readme");
    if (!ind || strcasecmp(ind, code) != 0)
        bad(d, "code", code, "not the indicator its datapackage names");
    if (!t || !*t)
        bad(d, "datapackage", d->dp_path, "no title");
    check_license(d, dp);
    check_fields(d, dp);
    for (const char *p = rd ? rd : ""; *p;) {
        size_t sp = strspn(p, " \t\r\n");
        if (sp) {
            p += sp;
            if (*p && readme->len)
                buf_putc(readme, ' ');
            continue;
        }
        size_t word = strcspn(p, " \t\r\n");
        buf_append(readme, p, word);
        p += word;
    }
    if (d->ok && !(*title = strdup(t)))
        d->ok = false;
}

static enum pf_err add(struct load_ctx *c,
                       enum load_refs_table t,
                       const struct load_row *row,
                       const char *const *names,
                       const char *const *values,
                       size_t n,
                       bool *ok)
{
    long before = c->rep.nerrors;
    struct load_refs_row r = {t, row->file, row->line, names, values, n};
    enum pf_err rc = load_refs_add(&c->refs, &c->rep, c->db, &r);
    if (c->rep.nerrors != before)
        *ok = false;
    return rc;
}

static enum pf_err source(struct load_ctx *c,
                          const struct load_row *row,
                          const char *title,
                          bool *ok)
{
    static const char *const names[] = {
        "id",      "title",          "publisher", "url",           "published",
        "license", "retrieved_from", "notes",     "published_kind"};
    const char *const *f = row->f;
    struct buf t, url, from;
    buf_init(&t);
    buf_init(&url);
    buf_init(&from);
    buf_printf(&t, "World Development Indicators %s: %s, %s at commit %.12s",
               f[W_CODE], title, f[W_REPOSITORY], f[W_COMMIT]);
    buf_printf(&url, "https://github.com/%s/blob/%s/%s", f[W_REPOSITORY],
               f[W_COMMIT], f[W_PATH]);
    buf_printf(&from, "data/wdi/%s (a byte-for-byte copy)", f[W_FILE]);
    const char *values[] = {
        f[W_SOURCE_ID], buf_cstr(&t), "World Bank", buf_cstr(&url),
        f[W_PUBLISHED], f[W_LICENSE], buf_cstr(&from),
        "Attribution: World Bank, World Development Indicators. One vintage: "
        "published is the date of the commit; each fact cites its line of "
        "the file.",
        /* a statistics release: its facts are known from its date */
        "vintage"};
    enum pf_err rc = buf_failed(&t) || buf_failed(&url) || buf_failed(&from)
                         ? PF_ENOMEM
                         : add(c, LOAD_REFS_SOURCES, row, names, values,
                               PF_ARRAY_LEN(names), ok);
    buf_free(&t);
    buf_free(&url);
    buf_free(&from);
    return rc;
}

static const char *col0(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* A measure of measures.csv: its code, unit and category must be the
 * manifest's, and its range is set there. */
static enum pf_err
check_measure(struct load_ctx *c, const struct load_row *row, bool *ok)
{
    sqlite3_stmt *st = NULL;
    const char *const *f = row->f;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT code, unit, category, nature FROM "
                           "measures WHERE id=?1",
                           -1, &st, NULL) != SQLITE_OK) {
        load_report_sqlite(&c->rep, c->db);
        return PF_EDB;
    }
    sqlite3_bind_text(st, 1, f[W_MEASURE], -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        static const char *const cols[] = {"code", "unit", "category",
                                           "nature"};
        const char *given[] = {f[W_CODE], f[W_UNIT], f[W_CATEGORY], "estimate"};
        for (int i = 0; i < 4; i++)
            if (strcmp(col0(st, i), given[i]) != 0) {
                load_report_at(&c->rep, row->file, row->line, cols[i],
                               "'%s', but measures.csv gives measure '%s' "
                               "'%s'",
                               given[i], f[W_MEASURE], col0(st, i));
                *ok = false;
            }
        if (row->len[W_MIN] || row->len[W_MAX]) {
            load_report_at(&c->rep, row->file, row->line, "min",
                           "measure '%s' is defined in measures.csv: its "
                           "range is set there",
                           f[W_MEASURE]);
            *ok = false;
        }
    }
    sqlite3_finalize(st);
    return PF_OK;
}

static enum pf_err measure(struct load_ctx *c,
                           const struct load_row *row,
                           const char *title,
                           const char *readme,
                           bool *ok)
{
    static const char *const names[] = {"id",       "name",        "unit",
                                        "category", "code",        "min",
                                        "max",      "description", "nature"};
    const char *const *f = row->f;
    if (load_refs_measure(&c->refs, f[W_MEASURE]))
        return check_measure(c, row, ok);
    /* a statistic describes its year: an estimate, never carried on */
    const char *values[] = {f[W_MEASURE],  title,     f[W_UNIT],
                            f[W_CATEGORY], f[W_CODE], f[W_MIN],
                            f[W_MAX],      readme,    "estimate"};
    return add(c, LOAD_REFS_MEASURES, row, names, values, PF_ARRAY_LEN(names),
               ok);
}

enum pf_err wdi_refs_add(struct load_ctx *c,
                         const struct load_row *row,
                         const char *dir,
                         char **title,
                         bool *ok)
{
    struct buf path, readme;
    json_error_t jerr;
    json_t *dp = NULL;
    enum pf_err rc = PF_ENOMEM;

    *title = NULL;
    buf_init(&path);
    buf_init(&readme);
    buf_printf(&path, "%s/%s", dir, row->f[W_DATAPACKAGE]);
    if (buf_failed(&path))
        goto done;
    struct dp_check d = {c, row, path.data, true};
    dp = json_load_file(path.data, 0, &jerr);
    rc = PF_OK;
    if (!dp) {
        load_report_at(&c->rep, path.data, jerr.line, "-",
                       "not a datapackage.json: %s", jerr.text);
        *ok = false;
        goto done;
    }
    read_dp(&d, dp, title, &readme);
    *ok = d.ok;
    if (!*ok)
        goto done;
    if (buf_failed(&readme)) {
        rc = PF_ENOMEM;
        goto done;
    }
    rc = source(c, row, *title, ok);
    if (rc == PF_OK)
        rc = measure(c, row, *title, buf_cstr(&readme), ok);
done:
    json_decref(dp);
    buf_free(&path);
    buf_free(&readme);
    return rc;
}
