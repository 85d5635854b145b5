/* How a load tells what went wrong (see report.h). It owns the format of
 * every message line and the error count; it must not decide what is an
 * error (the rules and readers do) or stop a load. */
#include "load/report.h"

#include <sqlite3.h>
#include <stdarg.h>

void load_report_vat(struct load_report *r,
                     const char *file,
                     long line,
                     const char *col,
                     const char *fmt,
                     va_list ap)
{
    r->nerrors++;
    if (r->nerrors > r->max_errors)
        return;
    fprintf(r->msg, "%s:%ld: %s: ", file, line, col ? col : "-");
    vfprintf(r->msg, fmt, ap);
    fputc('\n', r->msg);
}

void load_report_at(struct load_report *r,
                    const char *file,
                    long line,
                    const char *col,
                    const char *fmt,
                    ...)
{
    va_list ap;
    va_start(ap, fmt);
    load_report_vat(r, file, line, col, fmt, ap);
    va_end(ap);
}

void load_report_say(struct load_report *r, const char *fmt, ...)
{
    va_list ap;
    fputs("policyfacts load: ", r->msg);
    va_start(ap, fmt);
    vfprintf(r->msg, fmt, ap);
    va_end(ap);
    fputc('\n', r->msg);
}

void load_report_sqlite(struct load_report *r, struct sqlite3 *db)
{
    load_report_say(r, "SQLite: %s", sqlite3_errmsg(db));
}

void load_report_summary(const struct load_report *r, const char *out)
{
    if (r->nerrors > r->max_errors)
        fprintf(r->msg, "... and %ld more errors\n",
                r->nerrors - r->max_errors);
    fprintf(r->msg, "policyfacts load: %ld error(s); %s not written\n",
            r->nerrors, out);
}
