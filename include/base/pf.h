/* Project-wide result codes and small helpers shared by every module.
 * Functions return enum pf_err (PF_OK == 0) and hand results back through
 * out-parameters; no module encodes errors in its output documents. */
#ifndef PF_H
#define PF_H

#include <stddef.h>

enum pf_err {
    PF_OK = 0,
    PF_ENOMEM,    /* allocation failed */
    PF_EINVAL,    /* caller passed something malformed (client input) */
    PF_ENOTFOUND, /* the thing asked for does not exist */
    PF_EDB,       /* SQLite failed; logged where it happened */
    PF_EDATA,     /* input data (a CSV table, a store file) is invalid */
    PF_EIO,       /* file system error; logged where it happened */
    PF_EQUERY,    /* the full-text query text was rejected by FTS5 */
};

#define PF_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define PF_SCHEMA_VERSION 3

#endif
