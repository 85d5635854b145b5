/* How a load tells what went wrong. A problem in the data is one line
 * "FILE:LINE: COLUMN: reason", counted; past max_errors lines are only
 * counted. A failure of the loader itself (I/O, SQLite, memory) is one
 * line "policyfacts load: ..." and is not counted as a data error. Not
 * thread-safe (one report per load). */
#ifndef PF_LOAD_REPORT_H
#define PF_LOAD_REPORT_H

#include <stdarg.h>
#include <stdio.h>

struct sqlite3;

struct load_report {
    FILE *msg;
    int max_errors;
    long nerrors;
};

/* A data error at file:line in column col ("-" or NULL: the whole row or
 * file; line 0: the file as a whole). */
void load_report_at(struct load_report *r,
                    const char *file,
                    long line,
                    const char *col,
                    const char *fmt,
                    ...) __attribute__((format(printf, 5, 6)));

/* The same with a va_list, for reporters of their own (load_rule_fail). */
void load_report_vat(struct load_report *r,
                     const char *file,
                     long line,
                     const char *col,
                     const char *fmt,
                     va_list ap) __attribute__((format(printf, 5, 0)));

/* A line from the loader itself, not counted as a data error: a failure
 * (I/O, SQLite, memory) or the summary of a good load.
 * "policyfacts load: " fmt "\n". */
void load_report_say(struct load_report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "policyfacts load: SQLite: " and db's last error. */
void load_report_sqlite(struct load_report *r, struct sqlite3 *db);

/* The closing lines of a load with data errors: how many went unprinted,
 * and that out was not written. */
void load_report_summary(const struct load_report *r, const char *out);

#endif
