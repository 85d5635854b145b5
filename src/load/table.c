/* CSV tables with a header row (see table.h): the header mapped onto a
 * column spec, each record's field count and text checked, good rows
 * handed over in spec order. It owns the messages about headers, field
 * counts, text encoding and unreadable files; it must not judge a value
 * (that is the rules' and the reference tables' job). */
#include "load/table.h"

#include <string.h>

#include "load/csvread.h"
#include "load/validate.h"

struct reader {
    struct load_report *rep;
    const char *path;
    const struct load_table *t;
    load_row_fn fn;
    void *arg;
    int colmap[LOAD_MAX_COLS]; /* CSV column -> spec index */
    size_t ncols;
    bool saw_header;
    bool header_ok;
    enum pf_err failed; /* the callback's failure, which ends the read */
};

/* Maps the header onto the spec; reports every unknown, repeated and
 * missing required column. Returns whether the header is usable. */
static bool map_header(struct reader *R, const struct csvread_row *row)
{
    bool seen[LOAD_MAX_COLS] = {false};
    bool ok = true;

    if (row->n > LOAD_MAX_COLS) {
        load_report_at(R->rep, R->path, row->line, "-",
                       "too many columns (%zu, max %d)", row->n, LOAD_MAX_COLS);
        return false;
    }
    R->ncols = row->n;
    for (size_t i = 0; i < row->n; i++) {
        R->colmap[i] = -1;
        for (size_t k = 0; k < R->t->ncols; k++) {
            if (strcmp(row->fields[i], R->t->cols[k].name) != 0)
                continue;
            if (seen[k]) {
                load_report_at(R->rep, R->path, row->line, row->fields[i],
                               "column appears twice in the header");
                ok = false;
            }
            seen[k] = true;
            R->colmap[i] = (int)k;
        }
        if (R->colmap[i] < 0) {
            load_report_at(R->rep, R->path, row->line, row->fields[i],
                           "unknown column");
            ok = false;
        }
    }
    for (size_t k = 0; k < R->t->ncols; k++) {
        if (R->t->cols[k].required && !seen[k]) {
            load_report_at(R->rep, R->path, row->line, R->t->cols[k].name,
                           "required column missing from the header");
            ok = false;
        }
    }
    return ok;
}

/* Puts a record into spec order; false (reported) when its field count
 * differs from the header's. */
static bool
map_row(struct reader *R, const struct csvread_row *row, struct load_row *out)
{
    if (row->n != R->ncols) {
        load_report_at(R->rep, R->path, row->line, "-",
                       "row has %zu fields, the header has %zu", row->n,
                       R->ncols);
        return false;
    }
    out->file = R->path;
    out->line = row->line;
    for (size_t k = 0; k < R->t->ncols; k++) {
        out->f[k] = "";
        out->len[k] = 0;
    }
    for (size_t i = 0; i < row->n; i++) {
        out->f[R->colmap[i]] = row->fields[i];
        out->len[R->colmap[i]] = row->lens[i];
    }
    return true;
}

/* Every field valid UTF-8 text; reports each one that is not. */
static bool check_texts(struct reader *R, const struct load_row *row)
{
    bool ok = true;
    for (size_t k = 0; k < R->t->ncols; k++) {
        const char *why = validate_text(row->f[k], row->len[k]);
        if (why) {
            load_report_at(R->rep, R->path, row->line, R->t->cols[k].name, "%s",
                           why);
            ok = false;
        }
    }
    return ok;
}

static bool on_record(void *ctx, const struct csvread_row *rec)
{
    struct reader *R = ctx;
    struct load_row row;

    if (!R->saw_header) {
        R->saw_header = true;
        R->header_ok = map_header(R, rec);
        return true;
    }
    if (!R->header_ok)
        return false; /* the header is wrong: row errors would be noise */
    if (!map_row(R, rec, &row) || !check_texts(R, &row))
        return true;
    R->failed = R->fn(R->arg, &row);
    return R->failed == PF_OK;
}

enum pf_err load_table_read(struct load_report *rep,
                            const char *path,
                            const struct load_table *t,
                            load_row_fn fn,
                            void *arg)
{
    struct reader R = {.rep = rep, .path = path, .t = t, .fn = fn, .arg = arg};
    char err[256];
    long errline;

    if (csvread_file(path, on_record, &R, err, sizeof err, &errline) != PF_OK) {
        /* unreadable or malformed: a problem of this file, said at its
         * line; the load goes on to report the rest */
        load_report_at(rep, path, errline, "-", "%s", err);
        return R.failed;
    }
    if (R.failed != PF_OK)
        return R.failed;
    if (!R.saw_header)
        load_report_at(rep, path, 1, "-",
                       "empty file: a header row is required");
    return PF_OK;
}
