/* `policyfacts load DIR -o FILE`: validates every CSV row in DIR and builds a
 * new fact store at FILE atomically. On any error nothing is written to FILE
 * (an existing file stays byte-for-byte the same). */
#ifndef PF_LOAD_H
#define PF_LOAD_H

#include <stdio.h>

struct load_opts {
    const char *dir;
    const char *out;
    int max_errors; /* errors printed before the rest are only counted */
    FILE *msg;      /* where errors and the summary go (stderr) */
    int quiet;      /* no summary line on success */
};

/* Returns 0 on success, 1 when the data has errors, 2 on an I/O or SQLite
 * failure. */
int load_run(const struct load_opts *o);

#endif
