/* The data loader: CSV directory -> validated rows -> a new SQLite file,
 * renamed into place only when every row is valid.
 *
 * Rows are validated as they stream in (types, vocabularies, references to
 * the reference tables held in memory) and inserted into a temporary file
 * next to the target; checks that span rows (duplicates, one preferred fact
 * per question) and derived columns (valid time from series) run as SQL on
 * that file afterwards. Any error deletes the temporary file. */
#include "load/load.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/pf.h"
#include "load/csvread.h"
#include "load/loadtmp.h"
#include "load/refmap.h"
#include "load/validate.h"
#include "store/snapshot_check.h"
#include "store/schema.h"

#define MAX_COLS 32

struct colspec {
    const char *name;
    bool required;
};

enum table_kind { T_SOURCES, T_ENTITIES, T_MEASURES, T_FACTS };

static const struct colspec source_cols[] = {{"id", true},
                                             {"title", true},
                                             {"publisher", false},
                                             {"url", false},
                                             {"published", false},
                                             {"license", false},
                                             {"retrieved_from", false},
                                             {"notes", false},
                                             {NULL, false}};
static const struct colspec entity_cols[] = {{"id", true},     {"name", true},
                                             {"type", true},   {"iso3", false},
                                             {"notes", false}, {NULL, false}};
static const struct colspec measure_cols[] = {
    {"id", true},        {"name", true},         {"unit", true},
    {"category", false}, {"code", false},        {"min", false},
    {"max", false},      {"description", false}, {NULL, false}};

/* Column order of facts files; the F_ indexes below follow it. */
static const struct colspec fact_cols[] = {
    {"id", true},           {"kind", true},        {"subject", true},
    {"object", false},      {"measure", true},     {"series", false},
    {"label", false},       {"value", false},      {"value_low", false},
    {"value_high", false},  {"value_text", false}, {"qualifier", true},
    {"period", false},      {"valid_from", false}, {"valid_to", false},
    {"target_year", false}, {"known_from", false}, {"rank", false},
    {"source_id", true},    {"quote", false},      {"locator", false},
    {"statement", false},   {"notes", false},      {NULL, false}};
enum {
    F_ID,
    F_KIND,
    F_SUBJECT,
    F_OBJECT,
    F_MEASURE,
    F_SERIES,
    F_LABEL,
    F_VALUE,
    F_LOW,
    F_HIGH,
    F_TEXT,
    F_QUALIFIER,
    F_PERIOD,
    F_VFROM,
    F_VTO,
    F_TYEAR,
    F_KNOWN,
    F_RANK,
    F_SOURCE,
    F_QUOTE,
    F_LOCATOR,
    F_STATEMENT,
    F_NOTES,
    F_COUNT
};

static const char *const kinds[] = {"target",        "tariff_rate", "gdp_share",
                                    "growth_target", "statement",   NULL};
static const char *const qualifiers[] = {"exact",    "approx",  "range",
                                         "at_least", "at_most", NULL};
static const char *const ranks[] = {"preferred", "normal", "deprecated", NULL};
static const char *const entity_types[] = {"country", "aggregate", "group",
                                           "programme", NULL};

struct measure_info {
    bool numeric; /* has a plausible range: values must be numbers */
    double min, max;
    char unit[48];
};

struct loader {
    const struct load_opts *o;
    sqlite3 *db;
    sqlite3_stmt *ins_fact, *ins_origin, *find_origin;
    long nerrors;
    long nfacts;
    /* the file being read */
    const char *file;
    enum table_kind table;
    const struct colspec *spec;
    int colmap[MAX_COLS]; /* CSV column -> spec index, -1 unknown */
    size_t ncols;
    bool header_ok;
    bool saw_header;
    /* reference tables, in memory for per-row lookups */
    struct refmap entities, measures, sources;
    struct measure_info *minfo;
    size_t nminfo, capminfo;
    char **source_published;
    size_t nsrc, capsrc;
};

__attribute__((format(printf, 5, 6))) static void report(struct loader *L,
                                                         const char *file,
                                                         long line,
                                                         const char *col,
                                                         const char *fmt,
                                                         ...)
{
    L->nerrors++;
    if (L->nerrors > L->o->max_errors)
        return;
    va_list ap;
    fprintf(L->o->msg, "%s:%ld: %s: ", file, line, col ? col : "-");
    va_start(ap, fmt);
    vfprintf(L->o->msg, fmt, ap);
    va_end(ap);
    fputc('\n', L->o->msg);
}

static int exec(struct loader *L, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(L->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(L->o->msg, "policyfacts load: SQLite: %s\n",
                msg ? msg : "error");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* ---- header handling --------------------------------------------------- */

static bool check_header(struct loader *L, const struct csvread_row *row)
{
    bool seen[MAX_COLS] = {false};
    bool ok = true;

    if (row->n > MAX_COLS) {
        report(L, L->file, row->line, "-", "too many columns (%zu, max %d)",
               row->n, MAX_COLS);
        return false;
    }
    L->ncols = row->n;
    for (size_t i = 0; i < row->n; i++) {
        L->colmap[i] = -1;
        for (int k = 0; L->spec[k].name; k++) {
            if (strcmp(row->fields[i], L->spec[k].name) == 0) {
                if (seen[k]) {
                    report(L, L->file, row->line, row->fields[i],
                           "column appears twice in the header");
                    ok = false;
                }
                seen[k] = true;
                L->colmap[i] = k;
            }
        }
        if (L->colmap[i] < 0) {
            report(L, L->file, row->line, row->fields[i], "unknown column");
            ok = false;
        }
    }
    for (int k = 0; L->spec[k].name; k++) {
        if (L->spec[k].required && !seen[k]) {
            report(L, L->file, row->line, L->spec[k].name,
                   "required column missing from the header");
            ok = false;
        }
    }
    return ok;
}

/* Maps a data row onto spec order: out[k] is the field (or "" if the column
 * is absent). Returns false when the field count is wrong. */
static bool map_row(struct loader *L,
                    const struct csvread_row *row,
                    const char **out,
                    size_t *lens,
                    size_t nspec)
{
    if (row->n != L->ncols) {
        report(L, L->file, row->line, "-",
               "row has %zu fields, the header has %zu", row->n, L->ncols);
        return false;
    }
    for (size_t k = 0; k < nspec; k++) {
        out[k] = "";
        lens[k] = 0;
    }
    for (size_t i = 0; i < row->n; i++) {
        out[L->colmap[i]] = row->fields[i];
        lens[L->colmap[i]] = row->lens[i];
    }
    return true;
}

/* Every field: valid UTF-8 text; reports and returns false otherwise. */
static bool check_texts(
    struct loader *L, long line, const char **f, const size_t *lens, size_t n)
{
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        const char *why = valid_text(f[k], lens[k]);
        if (why) {
            report(L, L->file, line, L->spec[k].name, "%s", why);
            ok = false;
        }
    }
    return ok;
}

static void bind_text(sqlite3_stmt *st, int idx, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, idx);
}

/* ---- reference tables -------------------------------------------------- */

static int insert_ref(
    struct loader *L, const char *sql, const char **f, size_t n, long line)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(L->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return -1;
    for (size_t k = 0; k < n; k++)
        bind_text(st, (int)k + 1, f[k]);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT) {
        report(L, L->file, line, "id", "duplicate id '%s'", f[0]);
        return 0;
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

static int source_row(struct loader *L, long line, const char **f, size_t *lens)
{
    const char *why;
    bool ok = true;
    if ((why = valid_slug(f[0], lens[0]))) {
        report(L, L->file, line, "id", "%s", why);
        ok = false;
    }
    if (lens[1] == 0) {
        report(L, L->file, line, "title", "required");
        ok = false;
    }
    if (lens[3] && (why = valid_url(f[3], lens[3]))) {
        report(L, L->file, line, "url", "%s", why);
        ok = false;
    }
    if (lens[4] && (why = valid_date(f[4], lens[4]))) {
        report(L, L->file, line, "published", "%s", why);
        ok = false;
    }
    if (!ok)
        return 0;
    if (refmap_get(&L->sources, f[0]) >= 0) {
        report(L, L->file, line, "id", "duplicate id '%s'", f[0]);
        return 0;
    }
    if (L->nsrc == L->capsrc) {
        size_t cap = L->capsrc ? L->capsrc * 2 : 64;
        char **p = realloc(L->source_published, cap * sizeof *p);
        if (!p)
            return -1;
        L->source_published = p;
        L->capsrc = cap;
    }
    L->source_published[L->nsrc] = strdup(f[4]);
    if (!L->source_published[L->nsrc] ||
        refmap_put(&L->sources, f[0], (long)L->nsrc) != 0)
        return -1;
    L->nsrc++;
    return insert_ref(L, "INSERT INTO sources VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
                      f, 8, line);
}

static int entity_row(struct loader *L, long line, const char **f, size_t *lens)
{
    const char *why;
    bool ok = true;
    if ((why = valid_entity_id(f[0], lens[0]))) {
        report(L, L->file, line, "id", "%s", why);
        ok = false;
    }
    if (lens[1] == 0) {
        report(L, L->file, line, "name", "required");
        ok = false;
    }
    if (!in_vocab(f[2], entity_types)) {
        report(L, L->file, line, "type",
               "'%s' is not one of country, aggregate, group, programme", f[2]);
        ok = false;
    }
    if (lens[3] &&
        (lens[3] != 3 || strspn(f[3], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)) {
        report(L, L->file, line, "iso3", "must be three upper-case letters");
        ok = false;
    }
    if (ok && strcmp(f[2], "country") == 0 && strcmp(f[0], f[3]) != 0) {
        report(L, L->file, line, "iso3",
               "a country's id must be its ISO 3166 alpha-3 code");
        ok = false;
    }
    if (!ok)
        return 0;
    if (refmap_get(&L->entities, f[0]) >= 0) {
        report(L, L->file, line, "id", "duplicate id '%s'", f[0]);
        return 0;
    }
    if (refmap_put(&L->entities, f[0], 0) != 0)
        return -1;
    return insert_ref(L, "INSERT INTO entities VALUES(?1,?2,?3,?4,?5)", f, 5,
                      line);
}

static int
measure_row(struct loader *L, long line, const char **f, size_t *lens)
{
    const char *why;
    bool ok = true;
    double mn = 0, mx = 0;
    if ((why = valid_slug(f[0], lens[0]))) {
        report(L, L->file, line, "id", "%s", why);
        ok = false;
    }
    if (lens[1] == 0 || lens[2] == 0) {
        report(L, L->file, line, lens[1] ? "unit" : "name", "required");
        ok = false;
    }
    if (lens[5] && (why = valid_number(f[5], lens[5], &mn))) {
        report(L, L->file, line, "min", "%s", why);
        ok = false;
    }
    if (lens[6] && (why = valid_number(f[6], lens[6], &mx))) {
        report(L, L->file, line, "max", "%s", why);
        ok = false;
    }
    if ((lens[5] == 0) != (lens[6] == 0)) {
        report(L, L->file, line, "max", "give both min and max, or neither");
        ok = false;
    } else if (ok && lens[5] && mn > mx) {
        report(L, L->file, line, "max", "min %s is above max %s", f[5], f[6]);
        ok = false;
    }
    if (!ok)
        return 0;
    if (refmap_get(&L->measures, f[0]) >= 0) {
        report(L, L->file, line, "id", "duplicate id '%s'", f[0]);
        return 0;
    }
    if (L->nminfo == L->capminfo) {
        size_t cap = L->capminfo ? L->capminfo * 2 : 64;
        struct measure_info *p = realloc(L->minfo, cap * sizeof *p);
        if (!p)
            return -1;
        L->minfo = p;
        L->capminfo = cap;
    }
    struct measure_info *mi = &L->minfo[L->nminfo];
    mi->numeric = lens[5] > 0;
    mi->min = mn;
    mi->max = mx;
    snprintf(mi->unit, sizeof mi->unit, "%s", f[2]);
    if (refmap_put(&L->measures, f[0], (long)L->nminfo) != 0)
        return -1;
    L->nminfo++;
    return insert_ref(L, "INSERT INTO measures VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
                      f, 8, line);
}

/* ---- facts ------------------------------------------------------------- */

struct fact_vals {
    double value, low, high;
    int target_year;
    char valid_from[11], valid_to[11], known_by[11];
    const char *known_from;
    bool has_value, has_range, has_text;
};

/* A date column: normalises to the first (or last) day of its period. */
static bool fact_date(struct loader *L,
                      long line,
                      const char *col,
                      const char *s,
                      size_t len,
                      bool end,
                      char out[11])
{
    struct pf_date d;
    out[0] = '\0';
    if (len == 0)
        return true;
    if (!date_parse(s, len, &d)) {
        report(L, L->file, line, col,
               "'%s' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)", s);
        return false;
    }
    if (end)
        date_end(&d, out);
    else
        date_start(&d, out);
    return true;
}

static bool fact_refs(struct loader *L,
                      long line,
                      const char **f,
                      const size_t *lens,
                      long *measure_idx)
{
    bool ok = true;
    const char *why;
    if ((why = valid_slug(f[F_ID], lens[F_ID]))) {
        report(L, L->file, line, "id", "%s", why);
        ok = false;
    }
    if (!in_vocab(f[F_KIND], kinds)) {
        report(L, L->file, line, "kind",
               "'%s' is not one of target, tariff_rate, gdp_share, "
               "growth_target, statement",
               f[F_KIND]);
        ok = false;
    }
    if (refmap_get(&L->entities, f[F_SUBJECT]) < 0) {
        report(L, L->file, line, "subject", "unknown entity '%s'",
               f[F_SUBJECT]);
        ok = false;
    }
    if (lens[F_OBJECT] && refmap_get(&L->entities, f[F_OBJECT]) < 0) {
        report(L, L->file, line, "object", "unknown entity '%s'", f[F_OBJECT]);
        ok = false;
    }
    *measure_idx = refmap_get(&L->measures, f[F_MEASURE]);
    if (*measure_idx < 0) {
        report(L, L->file, line, "measure", "unknown measure '%s'",
               f[F_MEASURE]);
        ok = false;
    }
    if (refmap_get(&L->sources, f[F_SOURCE]) < 0) {
        report(L, L->file, line, "source_id", "unknown source '%s'",
               f[F_SOURCE]);
        ok = false;
    }
    if (lens[F_SERIES] && (why = valid_slug(f[F_SERIES], lens[F_SERIES]))) {
        report(L, L->file, line, "series", "%s", why);
        ok = false;
    }
    if (!in_vocab(f[F_QUALIFIER], qualifiers)) {
        report(L, L->file, line, "qualifier",
               "'%s' is not one of exact, approx, range, at_least, at_most",
               f[F_QUALIFIER]);
        ok = false;
    }
    if (lens[F_RANK] && !in_vocab(f[F_RANK], ranks)) {
        report(L, L->file, line, "rank",
               "'%s' is not one of preferred, normal, deprecated", f[F_RANK]);
        ok = false;
    }
    return ok;
}

static bool fact_numbers(struct loader *L,
                         long line,
                         const char **f,
                         const size_t *lens,
                         const struct measure_info *mi,
                         struct fact_vals *v)
{
    const char *why;
    bool ok = true;

    v->has_value = lens[F_VALUE] > 0;
    v->has_range = lens[F_LOW] > 0 || lens[F_HIGH] > 0;
    v->has_text = lens[F_TEXT] > 0;
    if (v->has_value &&
        (why = valid_number(f[F_VALUE], lens[F_VALUE], &v->value))) {
        report(L, L->file, line, "value", "'%s' %s", f[F_VALUE], why);
        ok = false;
    }
    if (lens[F_LOW] && (why = valid_number(f[F_LOW], lens[F_LOW], &v->low))) {
        report(L, L->file, line, "value_low", "'%s' %s", f[F_LOW], why);
        ok = false;
    }
    if (lens[F_HIGH] &&
        (why = valid_number(f[F_HIGH], lens[F_HIGH], &v->high))) {
        report(L, L->file, line, "value_high", "'%s' %s", f[F_HIGH], why);
        ok = false;
    }
    if (!ok)
        return false;
    if (v->has_range && (!lens[F_LOW] || !lens[F_HIGH])) {
        report(L, L->file, line, lens[F_LOW] ? "value_high" : "value_low",
               "a range needs both value_low and value_high");
        return false;
    }
    if (v->has_range && v->low > v->high) {
        report(L, L->file, line, "value_high", "range low %s is above high %s",
               f[F_LOW], f[F_HIGH]);
        return false;
    }
    if (v->has_value + v->has_range + v->has_text > 1) {
        report(L, L->file, line, "value",
               "give only one of value, value_low/value_high, value_text");
        return false;
    }
    if (v->has_range != (strcmp(f[F_QUALIFIER], "range") == 0)) {
        report(L, L->file, line, "qualifier",
               v->has_range ? "a range must have qualifier 'range'"
                            : "qualifier 'range' needs value_low and "
                              "value_high");
        return false;
    }
    if (!v->has_value && !v->has_range && !v->has_text &&
        strcmp(f[F_KIND], "statement") != 0) {
        report(L, L->file, line, "value",
               "no value: give value, value_low and value_high, or "
               "value_text");
        return false;
    }
    if (!mi)
        return true;
    if (mi->numeric && v->has_text) {
        report(L, L->file, line, "value_text",
               "measure '%s' is numeric (%s): use value", f[F_MEASURE],
               mi->unit);
        return false;
    }
    if (!mi->numeric && (v->has_value || v->has_range)) {
        report(L, L->file, line, "value",
               "measure '%s' is not numeric (%s): use value_text", f[F_MEASURE],
               mi->unit);
        return false;
    }
    double probe[2] = {v->has_value ? v->value : v->low, v->high};
    for (int i = 0; i < (v->has_range ? 2 : (v->has_value ? 1 : 0)); i++) {
        if (probe[i] < mi->min || probe[i] > mi->max) {
            report(L, L->file, line, v->has_range ? "value_low" : "value",
                   "%g is outside the plausible range %g..%g for measure "
                   "'%s' (%s)",
                   probe[i], mi->min, mi->max, f[F_MEASURE], mi->unit);
            return false;
        }
    }
    return true;
}

static bool fact_times(struct loader *L,
                       long line,
                       const char **f,
                       const size_t *lens,
                       struct fact_vals *v)
{
    char p_start[11], p_end[11];
    bool ok = true;
    const char *why;

    ok &= fact_date(L, line, "period", f[F_PERIOD], lens[F_PERIOD], false,
                    p_start);
    ok &=
        fact_date(L, line, "period", f[F_PERIOD], lens[F_PERIOD], true, p_end);
    ok &= fact_date(L, line, "valid_from", f[F_VFROM], lens[F_VFROM], false,
                    v->valid_from);
    ok &= fact_date(L, line, "valid_to", f[F_VTO], lens[F_VTO], true,
                    v->valid_to);
    v->target_year = 0;
    if (lens[F_TYEAR] &&
        (why = valid_year(f[F_TYEAR], lens[F_TYEAR], &v->target_year))) {
        report(L, L->file, line, "target_year", "'%s': %s", f[F_TYEAR], why);
        ok = false;
    }
    /* Knowledge time: the row's own, else the source's publication. */
    v->known_from = f[F_KNOWN];
    if (!lens[F_KNOWN]) {
        long si = refmap_get(&L->sources, f[F_SOURCE]);
        v->known_from = si >= 0 ? L->source_published[si] : "";
    }
    ok &= fact_date(L, line, "known_from", v->known_from, strlen(v->known_from),
                    true, v->known_by);
    if (!ok)
        return false;
    if (!v->valid_from[0])
        memcpy(v->valid_from, p_start, sizeof p_start);
    /* A series value ends where the next one starts (set after loading);
     * otherwise the stated period bounds it. */
    if (!v->valid_to[0] && !lens[F_SERIES])
        memcpy(v->valid_to, p_end, sizeof p_end);
    if (v->valid_from[0] && v->valid_to[0] &&
        strcmp(v->valid_from, v->valid_to) > 0) {
        report(L, L->file, line, "valid_to", "ends (%s) before it starts (%s)",
               v->valid_to, v->valid_from);
        return false;
    }
    return true;
}

static uint64_t content_hash(const char **f, const size_t *lens)
{
    XXH64_state_t *s = XXH64_createState();
    uint64_t h = 0;
    if (!s)
        return 0;
    XXH64_reset(s, 0);
    for (int k = F_KIND; k < F_COUNT; k++) {
        XXH64_update(s, f[k], lens[k]);
        XXH64_update(s, "\x1f", 1);
    }
    h = XXH64_digest(s);
    XXH64_freeState(s);
    return h;
}

static int insert_fact(struct loader *L,
                       long line,
                       const char **f,
                       const size_t *lens,
                       const struct fact_vals *v)
{
    sqlite3_stmt *st = L->ins_fact;
    struct buf q;
    int rc;

    buf_init(&q);
    buf_printf(&q, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d", f[F_MEASURE],
               f[F_SUBJECT], f[F_OBJECT], f[F_SERIES], v->valid_from,
               v->target_year);
    if (buf_failed(&q)) {
        buf_free(&q);
        return -1;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    bind_text(st, 1, f[F_ID]);
    bind_text(st, 2, f[F_KIND]);
    bind_text(st, 3, f[F_SUBJECT]);
    bind_text(st, 4, f[F_OBJECT]);
    bind_text(st, 5, f[F_MEASURE]);
    bind_text(st, 6, f[F_SERIES]);
    bind_text(st, 7, f[F_LABEL]);
    if (v->has_value)
        sqlite3_bind_double(st, 8, v->value);
    if (v->has_range) {
        sqlite3_bind_double(st, 9, v->low);
        sqlite3_bind_double(st, 10, v->high);
    }
    bind_text(st, 11, f[F_TEXT]);
    bind_text(st, 12, f[F_QUALIFIER]);
    bind_text(st, 13, f[F_PERIOD]);
    bind_text(st, 14, v->valid_from);
    bind_text(st, 15, v->valid_to);
    if (v->target_year)
        sqlite3_bind_int(st, 16, v->target_year);
    bind_text(st, 17, v->known_from);
    bind_text(st, 18, v->known_by);
    const char *rank = lens[F_RANK] ? f[F_RANK] : "normal";
    bind_text(st, 19, rank);
    sqlite3_bind_int(st, 20, rank[0] == 'p' ? 0 : (rank[0] == 'n' ? 1 : 2));
    sqlite3_bind_text(st, 21, buf_cstr(&q), (int)q.len, SQLITE_TRANSIENT);
    bind_text(st, 22, f[F_SOURCE]);
    bind_text(st, 23, f[F_QUOTE]);
    bind_text(st, 24, f[F_LOCATOR]);
    bind_text(st, 25, f[F_STATEMENT]);
    bind_text(st, 26, f[F_NOTES]);
    sqlite3_bind_text(st, 27, v->valid_from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 28, v->known_by, -1, SQLITE_TRANSIENT);
    buf_free(&q);
    rc = sqlite3_step(st);
    if (rc == SQLITE_CONSTRAINT) {
        sqlite3_stmt *fo = L->find_origin;
        sqlite3_reset(fo);
        sqlite3_bind_text(fo, 1, f[F_ID], -1, SQLITE_TRANSIENT);
        if (sqlite3_step(fo) == SQLITE_ROW)
            report(L, L->file, line, "id", "duplicate id '%s' (first at %s:%d)",
                   f[F_ID], (const char *)sqlite3_column_text(fo, 0),
                   sqlite3_column_int(fo, 1));
        else
            report(L, L->file, line, "id", "duplicate id '%s'", f[F_ID]);
        sqlite3_reset(fo);
        return 0;
    }
    if (rc != SQLITE_DONE) {
        fprintf(L->o->msg, "policyfacts load: SQLite: %s\n",
                sqlite3_errmsg(L->db));
        return -1;
    }
    st = L->ins_origin;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, sqlite3_last_insert_rowid(L->db));
    sqlite3_bind_text(st, 2, L->file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, line);
    sqlite3_bind_int(st, 4, lens[F_RANK] > 0);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)content_hash(f, lens));
    if (sqlite3_step(st) != SQLITE_DONE) {
        fprintf(L->o->msg, "policyfacts load: SQLite: %s\n",
                sqlite3_errmsg(L->db));
        return -1;
    }
    L->nfacts++;
    return 0;
}

static int fact_row(struct loader *L, long line, const char **f, size_t *lens)
{
    struct fact_vals v;
    long mi;
    bool ok = fact_refs(L, line, f, lens, &mi);
    ok &= fact_numbers(L, line, f, lens, mi >= 0 ? &L->minfo[mi] : NULL, &v);
    ok &= fact_times(L, line, f, lens, &v);
    if (!ok)
        return 0;
    return insert_fact(L, line, f, lens, &v);
}

/* ---- per-file driver --------------------------------------------------- */

static int on_row(void *ctx, const struct csvread_row *row)
{
    struct loader *L = ctx;
    const char *f[MAX_COLS];
    size_t lens[MAX_COLS];
    size_t nspec = 0;
    int rc = 0;

    if (!L->saw_header) {
        L->saw_header = true;
        L->header_ok = check_header(L, row);
        return 0;
    }
    if (!L->header_ok)
        return 1; /* the header is wrong: row errors would only be noise */
    while (L->spec[nspec].name)
        nspec++;
    if (!map_row(L, row, f, lens, nspec))
        return 0;
    if (!check_texts(L, row->line, f, lens, nspec))
        return 0;
    switch (L->table) {
    case T_SOURCES:
        rc = source_row(L, row->line, f, lens);
        break;
    case T_ENTITIES:
        rc = entity_row(L, row->line, f, lens);
        break;
    case T_MEASURES:
        rc = measure_row(L, row->line, f, lens);
        break;
    case T_FACTS:
        rc = fact_row(L, row->line, f, lens);
        break;
    }
    return rc != 0 ? 1 : 0; /* stop on internal failure */
}

static int load_file(struct loader *L, const char *path, enum table_kind t)
{
    static const struct colspec *const specs[] = {source_cols, entity_cols,
                                                  measure_cols, fact_cols};
    char err[256];
    long errline;
    long before = L->nerrors;

    L->file = path;
    L->table = t;
    L->spec = specs[t];
    L->saw_header = false;
    L->header_ok = false;
    if (csvread_file(path, on_row, L, err, sizeof err, &errline) != 0) {
        report(L, path, errline, "-", "%s", err);
        return 0;
    }
    if (!L->saw_header)
        report(L, path, 1, "-", "empty file: a header row is required");
    (void)before;
    return 0;
}

/* ---- checks across rows ------------------------------------------------ */

static int cross_checks(struct loader *L)
{
    sqlite3_stmt *st = NULL;
    int rc;

    /* A fact that alone answers its question is the preferred answer. */
    if (exec(L, "UPDATE facts SET rank='preferred', rank_ord=0 WHERE rowid IN"
                " (SELECT f.rowid FROM facts f JOIN temp.origin o"
                "  ON o.rid=f.rowid WHERE o.rank_given=0"
                "  AND f.rank_ord<2 AND (SELECT count(*) FROM facts g"
                "  WHERE g.question=f.question AND g.rank_ord<2)=1)") != 0)
        return -1;

    rc = sqlite3_prepare_v2(
        L->db,
        "SELECT o.file, o.line, f.id, n, p FROM (SELECT question,"
        " count(*) n, sum(rank_ord=0) p, min(rowid) r FROM facts"
        " WHERE rank_ord<2 GROUP BY question HAVING p<>1) q"
        " JOIN facts f ON f.rowid=q.r JOIN temp.origin o ON o.rid=q.r"
        " ORDER BY o.file, o.line",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        report(L, (const char *)sqlite3_column_text(st, 0),
               sqlite3_column_int(st, 1), "rank",
               "%d fact(s) from '%s' on answer the same question (measure, "
               "subject, object, series, valid_from, target_year) and %d "
               "are preferred; exactly one must be",
               sqlite3_column_int(st, 3),
               (const char *)sqlite3_column_text(st, 2),
               sqlite3_column_int(st, 4));
    sqlite3_finalize(st);
    st = NULL;

    if (exec(L, "CREATE INDEX temp.origin_chash ON origin(chash)") != 0)
        return -1;
    rc = sqlite3_prepare_v2(
        L->db,
        "SELECT b.file, b.line, fa.id, a.file, a.line FROM temp.origin a"
        " JOIN temp.origin b ON a.chash=b.chash AND a.rid<b.rid"
        " JOIN facts fa ON fa.rowid=a.rid ORDER BY b.file, b.line",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        report(L, (const char *)sqlite3_column_text(st, 0),
               sqlite3_column_int(st, 1), "-",
               "exact duplicate of fact '%s' (%s:%d) apart from its id",
               (const char *)sqlite3_column_text(st, 2),
               (const char *)sqlite3_column_text(st, 3),
               sqlite3_column_int(st, 4));
    sqlite3_finalize(st);
    st = NULL;

    /* A series value is in effect until the next value of the series
     * starts (deprecated values neither end nor extend anything). */
    if (exec(L, "CREATE TEMP TABLE next_start(rid INTEGER PRIMARY KEY, vt);"
                "INSERT INTO temp.next_start SELECT rid, vt FROM"
                " (SELECT f.rowid rid,"
                " (SELECT date(min(g.valid_from), '-1 day') FROM facts g"
                "  WHERE g.measure=f.measure AND g.subject=f.subject"
                "  AND g.object IS f.object AND g.series=f.series"
                "  AND g.rank_ord<2 AND g.valid_from>f.valid_from) AS vt"
                " FROM facts f WHERE f.series IS NOT NULL"
                " AND f.valid_from IS NOT NULL AND f.rank_ord<2)"
                " WHERE vt IS NOT NULL;"
                /* a join, not a correlated IN: linear in the facts */
                "UPDATE facts SET valid_to=n.vt FROM temp.next_start n"
                " WHERE n.rid=facts.rowid AND (facts.valid_to IS NULL OR"
                " facts.valid_to>n.vt);") != 0)
        return -1;

    rc = sqlite3_prepare_v2(L->db,
                            "SELECT o.file, o.line, f.valid_from, f.valid_to"
                            " FROM facts f JOIN temp.origin o ON o.rid=f.rowid"
                            " WHERE f.valid_to<f.valid_from",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        report(L, (const char *)sqlite3_column_text(st, 0),
               sqlite3_column_int(st, 1), "valid_to",
               "the next value of its series starts on or before this one "
               "(%s), so it would end (%s) before it starts",
               (const char *)sqlite3_column_text(st, 2),
               (const char *)sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
    return 0;
fail:
    fprintf(L->o->msg, "policyfacts load: SQLite: %s\n", sqlite3_errmsg(L->db));
    sqlite3_finalize(st);
    return -1;
}

/* ---- content hash and dataset table ------------------------------------ */

static int write_dataset(struct loader *L)
{
    char hex[33], built[32];
    int rc = -1;

    if (store_content_hash(L->db, hex) != 0)
        return -1;

    /* SOURCE_DATE_EPOCH makes rebuilt files identical (reproducible). */
    time_t now = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde)
        now = (time_t)strtoll(sde, NULL, 10);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(built, sizeof built, "%Y-%m-%dT%H:%M:%SZ", &tm);

    struct buf sql;
    buf_init(&sql);
    buf_printf(&sql,
               "INSERT INTO dataset VALUES('schema_version','%d'),"
               "('content_hash','%s'),('version','%.16s'),"
               "('build_time','%s');"
               "INSERT INTO dataset SELECT 'count_facts', count(*) FROM facts;"
               "INSERT INTO dataset SELECT 'count_sources', count(*) FROM "
               "sources;"
               "INSERT INTO dataset SELECT 'count_entities', count(*) FROM "
               "entities;"
               "INSERT INTO dataset SELECT 'count_measures', count(*) FROM "
               "measures;"
               "INSERT INTO dataset SELECT 'licenses', json_group_array("
               "license) FROM (SELECT DISTINCT license FROM sources WHERE "
               "license IS NOT NULL ORDER BY license);",
               PF_SCHEMA_VERSION, hex, hex, built);
    rc = buf_failed(&sql) ? -1 : exec(L, buf_cstr(&sql));
    buf_free(&sql);
    return rc;
}

/* ---- directory scan and the atomic write ------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists facts_*.csv in dir (sorted); other unknown *.csv are errors. */
static int scan_dir(struct loader *L, char ***out, size_t *n)
{
    DIR *d = opendir(L->o->dir);
    struct dirent *e;
    char **names = NULL;
    size_t cnt = 0, cap = 0;

    *out = NULL;
    *n = 0;
    if (!d) {
        fprintf(L->o->msg, "policyfacts load: %s: %s\n", L->o->dir,
                strerror(errno));
        return -1;
    }
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 4, ".csv") != 0)
            continue;
        if (strcmp(e->d_name, "sources.csv") == 0 ||
            strcmp(e->d_name, "entities.csv") == 0 ||
            strcmp(e->d_name, "measures.csv") == 0)
            continue;
        if (strncmp(e->d_name, "facts_", 6) != 0) {
            report(L, e->d_name, 1, "-",
                   "unknown table file (expected sources.csv, entities.csv, "
                   "measures.csv or facts_*.csv)");
            continue;
        }
        if (cnt == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        names[cnt] = strdup(e->d_name);
        if (!names[cnt])
            break;
        cnt++;
    }
    closedir(d);
    if (cnt)
        qsort(names, cnt, sizeof *names, cmp_str);
    *out = names;
    *n = cnt;
    return 0;
}

static int fsync_path(const char *path, int flags)
{
    int fd = open(path, flags);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

static int prepare_db(struct loader *L, const char *tmp)
{
    if (sqlite3_open_v2(tmp, &L->db, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK) {
        fprintf(L->o->msg, "policyfacts load: cannot open %s: %s\n", tmp,
                sqlite3_errmsg(L->db));
        return -1;
    }
    /* Bulk-load settings: the file is private until renamed, so crash
     * safety comes from the rename, not from the journal. */
    if (exec(L, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;"
                "PRAGMA foreign_keys=OFF; BEGIN;") != 0 ||
        exec(L, schema_sql) != 0 ||
        exec(L, "CREATE TEMP TABLE origin(rid INTEGER PRIMARY KEY,"
                " file TEXT, line INTEGER, rank_given INTEGER,"
                " chash INTEGER)") != 0)
        return -1;
    if (sqlite3_prepare_v2(
            L->db,
            "INSERT INTO facts(id, kind, subject, object, measure, series,"
            " label, value, value_low, value_high, value_text, qualifier,"
            " period, valid_from, valid_to, target_year, known_from,"
            " known_by, rank, rank_ord, question, source_id, quote, locator,"
            " statement, notes, vf_key, kb_key) VALUES(?1,?2,?3,?4,?5,?6,?7,"
            "?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,"
            "?24,?25,?26,?27,?28)",
            -1, &L->ins_fact, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(L->db,
                           "INSERT INTO temp.origin VALUES(?1,?2,?3,?4,?5)", -1,
                           &L->ins_origin, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(L->db,
                           "SELECT o.file, o.line FROM facts f JOIN "
                           "temp.origin o ON o.rid=f.rowid WHERE f.id=?1",
                           -1, &L->find_origin, NULL) != SQLITE_OK) {
        fprintf(L->o->msg, "policyfacts load: SQLite: %s\n",
                sqlite3_errmsg(L->db));
        return -1;
    }
    return 0;
}

static int finish_db(struct loader *L)
{
    /* Indexes after the bulk insert; the question and series indexes also
     * serve the cross-row checks. */
    if (exec(L, schema_index_sql) != 0 || cross_checks(L) != 0)
        return -1;
    if (L->nerrors)
        return 0;
    if (write_dataset(L) != 0 || exec(L, "COMMIT; ANALYZE;") != 0)
        return -1;
    /* Rollback journal, not WAL: read-only opens of a WAL file from
     * several threads fail with "database is locked". */
    if (exec(L, "PRAGMA journal_mode=DELETE;") != 0)
        return -1;
    return 0;
}

static void free_loader(struct loader *L)
{
    sqlite3_finalize(L->ins_fact);
    sqlite3_finalize(L->ins_origin);
    sqlite3_finalize(L->find_origin);
    if (L->db)
        sqlite3_close(L->db);
    refmap_free(&L->entities);
    refmap_free(&L->measures);
    refmap_free(&L->sources);
    free(L->minfo);
    for (size_t i = 0; i < L->nsrc; i++)
        free(L->source_published[i]);
    free(L->source_published);
}

int load_run(const struct load_opts *o)
{
    struct loader L = {.o = o};
    char **files = NULL;
    size_t nfiles = 0;
    struct buf tmp, path;
    int status = 2;
    struct timespec t0, t1;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    buf_init(&tmp);
    buf_init(&path);
    refmap_init(&L.entities);
    refmap_init(&L.measures);
    refmap_init(&L.sources);

    /* Files of earlier loads that were killed; a minute without a write
     * before one counts as abandoned. */
    loadtmp_sweep(o->out, o->msg, 60);
    if (loadtmp_create(o->out, &tmp) != 0) {
        fprintf(o->msg,
                "policyfacts load: cannot create a file beside %s: %s\n",
                o->out, strerror(errno));
        buf_reset(&tmp);
        goto done;
    }
    if (prepare_db(&L, tmp.data) != 0)
        goto done;

    static const char *const refs[] = {"sources.csv", "entities.csv",
                                       "measures.csv"};
    for (int t = 0; t < 3; t++) {
        buf_reset(&path);
        buf_printf(&path, "%s/%s", o->dir, refs[t]);
        struct stat sb;
        if (stat(path.data, &sb) != 0) {
            report(&L, path.data, 0, "-", "missing reference table");
            continue;
        }
        char *p = strdup(path.data); /* L.file must outlive origin rows */
        if (!p || load_file(&L, p, (enum table_kind)t) != 0) {
            free(p);
            goto done;
        }
        free(p);
    }
    if (scan_dir(&L, &files, &nfiles) != 0)
        goto done;
    if (nfiles == 0)
        report(&L, o->dir, 0, "-", "no facts_*.csv file");
    for (size_t i = 0; i < nfiles; i++) {
        buf_reset(&path);
        buf_printf(&path, "%s/%s", o->dir, files[i]);
        free(files[i]);
        files[i] = strdup(path.data);
        if (!files[i] || load_file(&L, files[i], T_FACTS) != 0)
            goto done;
    }
    if (finish_db(&L) != 0)
        goto done;
    if (L.nerrors) {
        if (L.nerrors > o->max_errors)
            fprintf(o->msg, "... and %ld more errors\n",
                    L.nerrors - o->max_errors);
        fprintf(o->msg, "policyfacts load: %ld error(s); %s not written\n",
                L.nerrors, o->out);
        status = 1;
        goto done;
    }
    sqlite3_finalize(L.ins_fact);
    sqlite3_finalize(L.ins_origin);
    sqlite3_finalize(L.find_origin);
    L.ins_fact = L.ins_origin = L.find_origin = NULL;
    if (sqlite3_close(L.db) != SQLITE_OK) {
        fprintf(o->msg, "policyfacts load: closing %s failed\n", tmp.data);
        goto done;
    }
    L.db = NULL;
    /* Durable before visible: fsync the file, rename, fsync the dir. */
    if (fsync_path(tmp.data, O_RDONLY) != 0 || rename(tmp.data, o->out) != 0) {
        fprintf(o->msg, "policyfacts load: cannot write %s: %s\n", o->out,
                strerror(errno));
        goto done;
    }
    buf_reset(&tmp);
    char *dirc = strdup(o->out);
    if (dirc) {
        fsync_path(dirname(dirc), O_RDONLY | O_DIRECTORY);
        free(dirc);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!o->quiet)
        fprintf(o->msg,
                "policyfacts load: %ld facts, %zu sources -> %s "
                "(%.2f s)\n",
                L.nfacts, L.nsrc, o->out,
                (double)(t1.tv_sec - t0.tv_sec) +
                    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    status = 0;
done:
    free_loader(&L);
    if (tmp.len)
        unlink(tmp.data);
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    buf_free(&tmp);
    buf_free(&path);
    return status;
}
