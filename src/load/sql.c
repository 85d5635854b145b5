/* The loader's SQLite helpers (see sql.h). No SQL text of its own. */
#include "load/sql.h"

void load_sql_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, idx);
}

enum pf_err load_sql_exec(sqlite3 *db, struct load_report *r, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        load_report_say(r, "SQLite: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return PF_EDB;
    }
    return PF_OK;
}
