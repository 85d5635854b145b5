/* `policyfacts load DIR -o FILE`: reads every table in DIR through its
 * reader (the reference tables, then each source adapter's files), checks
 * every row, and builds a new fact store at FILE atomically. On any error
 * nothing is written to FILE (an existing file stays byte-for-byte the
 * same). The public face of load/; the server never calls it. */
#ifndef PF_LOAD_H
#define PF_LOAD_H

#include <stdio.h>

#include "base/pf.h"

struct load_opts {
    const char *dir;
    const char *out;
    int max_errors; /* errors printed before the rest are only counted */
    FILE *msg;      /* where errors and the summary go (stderr) */
    int quiet;      /* no summary line on success */
};

/* Returns PF_OK when FILE was written; PF_EDATA when the data has errors
 * (each reported on o->msg as FILE:LINE: COLUMN: reason); otherwise the
 * failure (PF_EIO, PF_EDB, PF_ENOMEM), said on o->msg. */
enum pf_err load_run(const struct load_opts *o);

#endif
