/* CSV tables with a header row: the column spec of a table, the header
 * mapped onto it, and each data row handed over in spec order with its
 * file:line. Every reader of a CSV file in the data directory (reference
 * tables, source adapters) goes through here, so header, field-count and
 * text errors read the same everywhere. It checks no value's meaning. */
#ifndef PF_LOAD_TABLE_H
#define PF_LOAD_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pf.h"
#include "load/report.h"

#define LOAD_MAX_COLS 32

struct load_col {
    const char *name;
    bool required; /* the header must have it */
};

struct load_table {
    const struct load_col *cols;
    size_t ncols; /* at most LOAD_MAX_COLS */
};

/* A data row in spec order: f[k] is column k's text, "" when the file has
 * no such column. Valid only during the callback. */
struct load_row {
    const char *file;
    long line; /* where the record starts */
    const char *f[LOAD_MAX_COLS];
    size_t len[LOAD_MAX_COLS];
};

/* Called per data row whose field count and text are good. Data errors
 * are reported by the callee, which returns PF_OK; any other result stops
 * the read and is returned by load_table_read. */
typedef enum pf_err (*load_row_fn)(void *arg, const struct load_row *row);

/* Reads the CSV file at path as table t. A header with unknown, repeated
 * or missing required columns is reported and ends the file (row errors
 * would only be noise); so are unreadable or malformed CSV and an empty
 * file. Returns PF_OK when the file was read or its problems reported;
 * otherwise the callback's failure. path must outlive the call only. */
enum pf_err load_table_read(struct load_report *rep,
                            const char *path,
                            const struct load_table *t,
                            load_row_fn fn,
                            void *arg);

#endif
