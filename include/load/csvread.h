/* RFC 4180 CSV reading on top of libcsv, with the physical line number of
 * each record (for file:line error messages), UTF-8 BOM removal and CRLF or
 * LF line ends. Fields are handed over NUL-terminated; they are valid only
 * during the callback. It knows nothing of headers or of what fields mean. */
#ifndef PF_CSVREAD_H
#define PF_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pf.h"

struct csvread_row {
    char **fields;
    size_t *lens;
    size_t n;
    long line; /* 1-based line where the record starts */
};

/* Return true to read on, false to stop (the callback keeps its reason). */
typedef bool (*csvread_cb)(void *ctx, const struct csvread_row *row);

/* Reads path and calls cb per record (the header included). Returns PF_OK
 * (also when cb stopped the read); otherwise PF_EIO (cannot open or read),
 * PF_EDATA (malformed CSV) or PF_ENOMEM, with a message in err and *errline
 * set (0 when the problem is not tied to a line). */
enum pf_err csvread_file(const char *path,
                         csvread_cb cb,
                         void *ctx,
                         char *err,
                         size_t errlen,
                         long *errline);

#endif
