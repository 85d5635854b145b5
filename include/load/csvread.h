/* RFC 4180 CSV reading on top of libcsv, with the physical line number of
 * each record (for file:line error messages), UTF-8 BOM removal and CRLF or
 * LF line ends. Fields are handed over NUL-terminated; they are valid only
 * during the callback. */
#ifndef PF_CSVREAD_H
#define PF_CSVREAD_H

#include <stddef.h>

struct csvread_row {
    char **fields;
    size_t *lens;
    size_t n;
    long line; /* 1-based line where the record starts */
};

/* Return 0 to continue, non-zero to stop reading. */
typedef int (*csvread_cb)(void *ctx, const struct csvread_row *row);

/* Reads path and calls cb per record (the header included). Returns 0 on
 * success; otherwise -1 with a message in err and *errline set (0 when the
 * problem is not tied to a line, e.g. the file cannot be opened). */
int csvread_file(const char *path,
                 csvread_cb cb,
                 void *ctx,
                 char *err,
                 size_t errlen,
                 long *errline);

#endif
