/* Two reference tables of the temporal model (see refs.h): series.csv,
 * the series a tariff layer or estimate belongs to (its pair, and how it
 * combines with the other layers of that pair), and outcome_links.csv,
 * which outcome series measures a target. It owns what their rows must
 * be; whether an outcome measure exists is checked after every adapter
 * ran (cross_checks.c: an adapter may add measures). It must not look at
 * facts. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "load/refs_int.h"
#include "load/validate.h"
#include "store/fact_schema.h"

static const struct load_col series_cols[] = {
    {"id", true},         {"name", true},       {"imposer", true},
    {"target", true},     {"authority", false}, {"scope", true},
    {"combines", true},   {"replaces", false},  {"basis", true},
    {"source_id", false}, {"notes", false}};
enum {
    SR_ID,
    SR_NAME,
    SR_IMPOSER,
    SR_TARGET,
    SR_AUTHORITY,
    SR_SCOPE,
    SR_COMBINES,
    SR_REPLACES,
    SR_BASIS,
    SR_SOURCE
};
const struct load_table refs_series_table = {series_cols,
                                             PF_ARRAY_LEN(series_cols)};

static const struct load_col link_cols[] = {
    {"target_measure", true}, {"outcome_measure", true}, {"subject", true},
    {"match", true},          {"note", false},           {"status_rule", true}};
enum { L_TARGET, L_OUTCOME, L_SUBJECT, L_MATCH, L_NOTE, L_RULE };
const struct load_table refs_link_table = {link_cols, PF_ARRAY_LEN(link_cols)};

static const char *const scopes[] = {PF_SCOPES(VALIDATE_WORD) NULL};
static const char *const combines[] = {PF_COMBINES(VALIDATE_WORD) NULL};
static const char *const matches[] = {PF_MATCHES(VALIDATE_WORD) NULL};
static const char *const status_rules[] = {PF_STATUS_RULES(VALIDATE_WORD) NULL};

/* ---- series.csv -------------------------------------------------------- */

static bool slug_ok(struct refs_read *rr,
                    const struct load_row *row,
                    size_t k,
                    const char *col)
{
    const char *why =
        row->len[k] ? validate_slug(row->f[k], row->len[k]) : NULL;
    if (why)
        load_report_at(rr->rep, row->file, row->line, col, "%s", why);
    return !why;
}

/* replaces is given exactly when combines is 'replaces'. */
static bool replaces_ok(struct refs_read *rr, const struct load_row *row)
{
    bool replaces = strcmp(row->f[SR_COMBINES], "replaces") == 0;
    if (replaces == (row->len[SR_REPLACES] > 0))
        return slug_ok(rr, row, SR_REPLACES, "replaces");
    load_report_at(rr->rep, row->file, row->line, "replaces", "%s",
                   replaces ? "combines 'replaces' needs the series it "
                              "replaces"
                            : "only a series that combines by 'replaces' "
                              "names one");
    return false;
}

static bool series_checks(struct refs_read *rr, const struct load_row *row)
{
    bool ok = slug_ok(rr, row, SR_ID, "id");
    ok &= refs_required(rr, row, SR_NAME, "name");
    ok &= refs_entity(rr, row, SR_IMPOSER, "imposer", true);
    ok &= refs_entity(rr, row, SR_TARGET, "target", true);
    ok &= refs_word(rr, row, SR_SCOPE, "scope", true, scopes,
                    VALIDATE_WORDS_TEXT(PF_SCOPES));
    if (refs_word(rr, row, SR_COMBINES, "combines", true, combines,
                  VALIDATE_WORDS_TEXT(PF_COMBINES)))
        ok &= replaces_ok(rr, row);
    else
        ok = false;
    ok &= refs_required(rr, row, SR_BASIS, "basis");
    if (row->len[SR_SOURCE] && !load_refs_source(rr->refs, row->f[SR_SOURCE])) {
        load_report_at(rr->rep, row->file, row->line, "source_id",
                       "unknown source '%s'", row->f[SR_SOURCE]);
        ok = false;
    }
    return ok;
}

static enum pf_err grow_series(struct load_refs *r)
{
    if (r->nseries < r->capseries)
        return PF_OK;
    size_t cap = r->capseries ? r->capseries * 2 : 64;
    struct load_series *p = realloc(r->series, cap * sizeof *p);
    if (!p)
        return PF_ENOMEM;
    r->series = p;
    r->capseries = cap;
    return PF_OK;
}

enum pf_err refs_series_row(void *arg, const struct load_row *row)
{
    struct refs_read *rr = arg;
    struct load_refs *r = rr->refs;
    if (!series_checks(rr, row) || !refs_new_id(rr, row, &r->series_ids))
        return PF_OK;
    if (grow_series(r) != PF_OK)
        return PF_ENOMEM;
    struct load_series *s = &r->series[r->nseries];
    s->imposer = strdup(row->f[SR_IMPOSER]);
    s->target = strdup(row->f[SR_TARGET]);
    s->replaces = strdup(row->f[SR_REPLACES]);
    s->line = row->line;
    if (!s->imposer || !s->target || !s->replaces ||
        refmap_put(&r->series_ids, row->f[SR_ID], (long)r->nseries) != PF_OK) {
        free(s->imposer);
        free(s->target);
        free(s->replaces);
        return PF_ENOMEM;
    }
    r->nseries++;
    return refs_insert_row(rr,
                           "INSERT INTO series VALUES(?1,?2,?3,?4,?5,?6,?7,"
                           "?8,?9,?10,?11)",
                           row, PF_ARRAY_LEN(series_cols));
}

void refs_series_check(struct refs_read *rr, const char *path)
{
    const struct load_refs *r = rr->refs;
    for (size_t i = 0; i < r->nseries; i++) {
        const char *rep = r->series[i].replaces;
        if (*rep && !load_refs_series(r, rep))
            load_report_at(rr->rep, path, r->series[i].line, "replaces",
                           "unknown series '%s'", rep);
    }
}

/* ---- outcome_links.csv ------------------------------------------------- */

static bool link_checks(struct refs_read *rr, const struct load_row *row)
{
    bool ok = true;
    if (!load_refs_measure(rr->refs, row->f[L_TARGET])) {
        load_report_at(rr->rep, row->file, row->line, "target_measure",
                       "unknown measure '%s'", row->f[L_TARGET]);
        ok = false;
    }
    ok &= slug_ok(rr, row, L_OUTCOME, "outcome_measure") &&
          refs_required(rr, row, L_OUTCOME, "outcome_measure");
    ok &= refs_entity(rr, row, L_SUBJECT, "subject", true);
    if (!refs_word(rr, row, L_MATCH, "match", true, matches,
                   VALIDATE_WORDS_TEXT(PF_MATCHES)))
        ok = false;
    else if (strcmp(row->f[L_MATCH], "proxy") == 0 && !row->len[L_NOTE]) {
        load_report_at(rr->rep, row->file, row->line, "note",
                       "a proxy link must say how the two series differ");
        ok = false;
    }
    ok &= refs_word(rr, row, L_RULE, "status_rule", true, status_rules,
                    VALIDATE_WORDS_TEXT(PF_STATUS_RULES));
    return ok;
}

/* The link's key must be new; reports a repeat. */
static enum pf_err
new_link(struct refs_read *rr, const struct load_row *row, bool *isnew)
{
    struct buf key;
    enum pf_err rc = PF_OK;
    buf_init(&key);
    buf_printf(&key, "%s\x1f%s\x1f%s", row->f[L_TARGET], row->f[L_OUTCOME],
               row->f[L_SUBJECT]);
    *isnew = false;
    if (buf_failed(&key))
        rc = PF_ENOMEM;
    else if (refmap_get(&rr->refs->link_keys, key.data) >= 0)
        load_report_at(rr->rep, row->file, row->line, "-",
                       "the link from '%s' to '%s' for '%s' is given twice",
                       row->f[L_TARGET], row->f[L_OUTCOME], row->f[L_SUBJECT]);
    else if ((rc = refmap_put(&rr->refs->link_keys, key.data, row->line)) ==
             PF_OK)
        *isnew = true;
    buf_free(&key);
    return rc;
}

/* Where the link came from, for the check made after every adapter. */
static enum pf_err link_origin(struct refs_read *rr, const struct load_row *row)
{
    sqlite3_stmt *st = NULL;
    enum pf_err rc = PF_EDB;
    if (sqlite3_prepare_v2(rr->db,
                           "INSERT INTO temp.link_origin VALUES("
                           "last_insert_rowid(), ?1, ?2)",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, row->file, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, row->line);
        if (sqlite3_step(st) == SQLITE_DONE)
            rc = PF_OK;
    }
    sqlite3_finalize(st);
    if (rc != PF_OK)
        load_report_sqlite(rr->rep, rr->db);
    return rc;
}

enum pf_err refs_link_row(void *arg, const struct load_row *row)
{
    struct refs_read *rr = arg;
    bool isnew = false;
    enum pf_err rc;
    if (!link_checks(rr, row))
        return PF_OK;
    if ((rc = new_link(rr, row, &isnew)) != PF_OK || !isnew)
        return rc;
    if ((rc = refs_insert_row(rr,
                              "INSERT INTO outcome_links VALUES(?1,?2,?3,?4,"
                              "?5,?6)",
                              row, PF_ARRAY_LEN(link_cols))) != PF_OK)
        return rc;
    return link_origin(rr, row);
}
