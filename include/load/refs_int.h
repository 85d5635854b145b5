/* What the readers of the reference tables share (refs.c reads sources,
 * entities and measures; refs_series.c reads series and outcome links;
 * refs_util.c holds the helpers below): the state of one read and the
 * checks every reference row makes. Only the refs*.c files include it. */
#ifndef PF_LOAD_REFS_INT_H
#define PF_LOAD_REFS_INT_H

#include <stdbool.h>

#include "load/refs.h"
#include "load/table.h"

struct refs_read {
    struct load_refs *refs;
    struct load_report *rep;
    sqlite3 *db;
};

/* Writes a checked row to the table sql names: row->f[k] binds parameter
 * k + 1 for k < n (an empty field is NULL). PF_OK or PF_EDB (reported). */
enum pf_err refs_insert_row(struct refs_read *rr,
                            const char *sql,
                            const struct load_row *row,
                            size_t n);
/* Column k must not be empty; reports it as col otherwise. */
bool refs_required(struct refs_read *rr,
                   const struct load_row *row,
                   size_t k,
                   const char *col);
/* Column k, when given, must pass check; reports it otherwise. */
bool refs_field_ok(struct refs_read *rr,
                   const struct load_row *row,
                   size_t k,
                   const char *col,
                   const char *(*check)(const char *, size_t));
/* Column k (given or not, as required says) must be one of words (a
 * NULL-terminated list, listed in the message as text). */
bool refs_word(struct refs_read *rr,
               const struct load_row *row,
               size_t k,
               const char *col,
               bool required,
               const char *const *words,
               const char *text);
/* Column k must name an entity (empty: fine unless required). */
bool refs_entity(struct refs_read *rr,
                 const struct load_row *row,
                 size_t k,
                 const char *col,
                 bool required);
/* The id (column 0) must be new in ids; reports a repeat. */
bool refs_new_id(struct refs_read *rr,
                 const struct load_row *row,
                 const struct refmap *ids);

/* The row readers of refs_series.c. */
enum pf_err refs_series_row(void *arg, const struct load_row *row);
enum pf_err refs_link_row(void *arg, const struct load_row *row);
/* After series.csv: every `replaces` names a series of the file. */
void refs_series_check(struct refs_read *rr, const char *path);
extern const struct load_table refs_series_table, refs_link_table;

#endif
