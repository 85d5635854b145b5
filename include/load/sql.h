/* The loader's two SQLite helpers: run a script with its failure
 * reported, and bind a CSV field (an empty field is NULL). */
#ifndef PF_LOAD_SQL_H
#define PF_LOAD_SQL_H

#include <sqlite3.h>

#include "base/pf.h"
#include "load/report.h"

/* Runs sql (one or more statements). Returns PF_OK, or PF_EDB with
 * SQLite's message reported as a failure. */
enum pf_err load_sql_exec(sqlite3 *db, struct load_report *r, const char *sql);

/* Binds s as text (copied), or NULL when s is NULL or empty. */
void load_sql_bind_text(sqlite3_stmt *st, int idx, const char *s);

#endif
