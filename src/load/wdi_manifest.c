/* The WDI manifest and the aggregates list (see wdi.h): every row of
 * data/wdi/manifest.csv and aggregates.csv checked and reported at its
 * file:line, the good indicator rows kept for the adapter. What a row's
 * datapackage, source and measure must be is wdi_refs.c's. It must not
 * read an indicator's data file nor make facts (adapter_wdi.c does). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "load/ctx.h"
#include "load/validate.h"
#include "load/wdi.h"

static const struct load_col manifest_cols[W_NCOLS] = {
    {"code", true},        {"measure", true},   {"kind", true},
    {"category", false},   {"unit", true},      {"min", false},
    {"max", false},        {"id_prefix", true}, {"file", true},
    {"datapackage", true}, {"source_id", true}, {"repository", true},
    {"commit", true},      {"path", true},      {"license", true},
    {"published", true}};

enum { A_CODE, A_NAME, A_NCOLS };
static const struct load_col aggregate_cols[A_NCOLS] = {{"code", true},
                                                        {"name", true}};

struct mread {
    struct load_ctx *c;
    struct wdi_manifest *m;
    struct refmap codes, measures; /* -> line, for repeats */
};

/* "COL: 'what': why" (or "COL: why") at the row; returns false. */
static bool fail(struct mread *r,
                 const struct load_row *row,
                 const char *col,
                 const char *why,
                 const char *what)
{
    if (*what)
        load_report_at(&r->c->rep, row->file, row->line, col, "'%s': %s", what,
                       why);
    else
        load_report_at(&r->c->rep, row->file, row->line, col, "%s", why);
    return false;
}

/* A World Bank indicator code as the World Bank writes it: upper-case
 * letters and digits in dot-separated parts ("NY.GDP.MKTP.KD.ZG"). */
static bool wdi_code(const char *s, size_t n)
{
    bool part = false;
    if (n == 0 || n > 40)
        return false;
    for (size_t i = 0; i < n; i++) {
        if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'))
            part = true;
        else if (s[i] == '.' && part)
            part = false;
        else
            return false;
    }
    return part;
}

/* A file of the manifest's own directory, present: "name.csv". */
static bool local_file(struct mread *r,
                       const struct load_row *row,
                       enum wdi_col k,
                       const char *suffix)
{
    const char *s = row->f[k];
    size_t n = row->len[k], sl = strlen(suffix);
    struct stat sb;
    struct buf p;
    bool ok;
    if (n <= sl || strchr(s, '/') || s[0] == '.' ||
        strcmp(s + n - sl, suffix) != 0)
        return fail(r, row, manifest_cols[k].name,
                    "must be a file name in this directory ending in .csv "
                    "(data) or .json (datapackage)",
                    s);
    buf_init(&p);
    buf_printf(&p, "%s/%s", r->m->dir, s);
    ok = !buf_failed(&p) && stat(p.data, &sb) == 0 && S_ISREG(sb.st_mode);
    buf_free(&p);
    if (!ok)
        return fail(r, row, manifest_cols[k].name, "no such file", s);
    return true;
}

static bool repository(const char *s)
{
    const char *slash = strchr(s, '/');
    if (!slash || slash == s || !slash[1] || strchr(slash + 1, '/'))
        return false;
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789._-/") == strlen(s);
}

static bool new_key(struct mread *r,
                    const struct load_row *row,
                    struct refmap *seen,
                    enum wdi_col k)
{
    long first = refmap_get(seen, row->f[k]);
    if (first >= 0) {
        load_report_at(&r->c->rep, row->file, row->line, manifest_cols[k].name,
                       "'%s' is already at line %ld", row->f[k], first);
        return false;
    }
    return true;
}

/* The row's own columns (not its datapackage, source or measure). */
static bool row_checks(struct mread *r, const struct load_row *row)
{
    const char *const *f = row->f;
    const size_t *len = row->len;
    const char *why;
    bool ok = true, share = strcmp(f[W_KIND], "gdp_share") == 0;
    if (!wdi_code(f[W_CODE], len[W_CODE]))
        ok = fail(r, row, "code",
                  "not a World Bank indicator code (upper-case parts "
                  "joined by '.', e.g. NE.IMP.GNFS.ZS)",
                  f[W_CODE]);
    else
        ok &= new_key(r, row, &r->codes, W_CODE);
    if ((why = validate_slug(f[W_MEASURE], len[W_MEASURE])))
        ok = fail(r, row, "measure", why, "");
    else
        ok &= new_key(r, row, &r->measures, W_MEASURE);
    if (!share && strcmp(f[W_KIND], "statistic") != 0)
        ok = fail(r, row, "kind", "is not gdp_share or statistic", f[W_KIND]);
    if (share && len[W_CATEGORY] == 0)
        ok = fail(r, row, "category", "a gdp_share needs its component name",
                  "");
    if (!share && len[W_CATEGORY])
        ok = fail(r, row, "category",
                  "only a gdp_share has a category (its component)", "");
    if ((why = validate_slug(f[W_ID_PREFIX], len[W_ID_PREFIX])))
        ok = fail(r, row, "id_prefix", why, "");
    ok &= local_file(r, row, W_FILE, ".csv");
    ok &= local_file(r, row, W_DATAPACKAGE, ".json");
    if (!repository(f[W_REPOSITORY]))
        ok = fail(r, row, "repository", "expected owner/name", "");
    if (len[W_COMMIT] != 40 || strspn(f[W_COMMIT], "0123456789abcdef") != 40)
        ok = fail(r, row, "commit", "expected 40 lower-case hex digits", "");
    if (len[W_PATH] == 0 || strpbrk(f[W_PATH], " \t"))
        ok = fail(r, row, "path",
                  "expected the file's path in the "
                  "repository, without spaces",
                  "");
    return ok;
}

static char *join3(const char *a, const char *sep, const char *b)
{
    struct buf x;
    buf_init(&x);
    buf_printf(&x, "%s%s%s", a, sep, b);
    size_t n;
    return buf_failed(&x) ? (buf_free(&x), NULL) : buf_steal(&x, &n);
}

static enum pf_err
keep(struct wdi_manifest *m, const struct load_row *row, char *title)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 32;
        struct wdi_indicator *v = realloc(m->v, cap * sizeof *v);
        if (!v) {
            free(title);
            return PF_ENOMEM;
        }
        m->v = v;
        m->cap = cap;
    }
    struct wdi_indicator *w = &m->v[m->n++];
    const char *const *f = row->f;
    char *at = join3(f[W_REPOSITORY], "@", f[W_COMMIT]);
    memset(w, 0, sizeof *w);
    w->line = row->line;
    w->title = title;
    w->code = strdup(f[W_CODE]);
    w->measure = strdup(f[W_MEASURE]);
    w->kind = strdup(f[W_KIND]);
    w->id_prefix = strdup(f[W_ID_PREFIX]);
    w->source_id = strdup(f[W_SOURCE_ID]);
    w->published = strdup(f[W_PUBLISHED]);
    w->path = join3(m->dir, "/", f[W_FILE]);
    w->data_file = at ? join3(at, ":", f[W_PATH]) : NULL;
    free(at);
    bool ok = w->title && w->code && w->measure && w->kind && w->id_prefix &&
              w->source_id && w->published && w->path && w->data_file;
    return ok ? PF_OK : PF_ENOMEM;
}

static enum pf_err manifest_row(void *arg, const struct load_row *row)
{
    struct mread *r = arg;
    char *title = NULL;
    bool ok = row_checks(r, row);
    enum pf_err rc;
    /* the files it names are the manifest's, even when the row is bad
     * (the inventory must not say they are named by nobody) */
    if (refmap_put(&r->codes, row->f[W_CODE], row->line) != PF_OK ||
        refmap_put(&r->measures, row->f[W_MEASURE], row->line) != PF_OK ||
        refmap_put(&r->m->files, row->f[W_FILE], 1) != PF_OK ||
        refmap_put(&r->m->files, row->f[W_DATAPACKAGE], 1) != PF_OK)
        return PF_ENOMEM;
    if (!ok)
        return PF_OK;
    rc = wdi_refs_add(r->c, row, r->m->dir, &title, &ok);
    if (rc != PF_OK || !ok) {
        free(title);
        return rc;
    }
    return keep(r->m, row, title);
}

static enum pf_err aggregate_row(void *arg, const struct load_row *row)
{
    struct mread *r = arg;
    const char *code = row->f[A_CODE];
    long first = refmap_get(&r->m->aggregates, code);
    if (row->len[A_CODE] != 3 ||
        strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != 3) {
        fail(r, row, "code", "expected three upper-case letters or digits",
             code);
        return PF_OK;
    }
    if (first >= 0) {
        load_report_at(&r->c->rep, row->file, row->line, "code",
                       "'%s' is already at line %ld", code, first);
        return PF_OK;
    }
    if (row->len[A_NAME] == 0) {
        fail(r, row, "name", "required", "");
        return PF_OK;
    }
    return refmap_put(&r->m->aggregates, code, row->line);
}

enum pf_err wdi_manifest_read(struct load_ctx *c,
                              const char *manifest_path,
                              struct wdi_manifest *m)
{
    static const struct load_table mt = {manifest_cols, W_NCOLS};
    static const struct load_table at = {aggregate_cols, A_NCOLS};
    struct mread r = {.c = c, .m = m};
    const char *slash = strrchr(manifest_path, '/');
    char *agg = NULL;
    struct stat sb;
    enum pf_err rc = PF_ENOMEM;

    memset(m, 0, sizeof *m);
    refmap_init(&m->aggregates);
    refmap_init(&m->files);
    refmap_init(&r.codes);
    refmap_init(&r.measures);
    m->dir = slash ? strndup(manifest_path, (size_t)(slash - manifest_path))
                   : strdup(".");
    if (!m->dir || !(agg = join3(m->dir, "/", WDI_AGGREGATES)))
        goto done;
    if (stat(agg, &sb) != 0) {
        load_report_at(&c->rep, agg, 0, "-",
                       "missing: the codes that are aggregates, not "
                       "economies");
        rc = PF_OK;
    } else if ((rc = load_table_read(&c->rep, agg, &at, aggregate_row, &r)) !=
               PF_OK) {
        goto done;
    }
    rc = load_table_read(&c->rep, manifest_path, &mt, manifest_row, &r);
done:
    free(agg);
    refmap_free(&r.codes);
    refmap_free(&r.measures);
    return rc;
}

void wdi_manifest_free(struct wdi_manifest *m)
{
    for (size_t i = 0; i < m->n; i++) {
        struct wdi_indicator *w = &m->v[i];
        free(w->code);
        free(w->measure);
        free(w->kind);
        free(w->id_prefix);
        free(w->source_id);
        free(w->title);
        free(w->path);
        free(w->data_file);
        free(w->published);
    }
    free(m->v);
    free(m->dir);
    refmap_free(&m->aggregates);
    refmap_free(&m->files);
    memset(m, 0, sizeof *m);
}
