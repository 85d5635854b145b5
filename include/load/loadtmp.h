/* The loader's temporary file beside its target, and the clean-up of those
 * left by loads that were killed before they could remove their own. */
#ifndef PF_LOADTMP_H
#define PF_LOADTMP_H

#include <stdio.h>

#include "base/buf.h"

/* Creates "OUT.tmp-PID-XXXXXX" (mode 0644 less the umask) and puts its
 * name in *name. Returns 0, or -1 with errno set. */
int loadtmp_create(const char *out, struct buf *name);

/* Removes the temporary files of earlier loads of OUT whose process is gone
 * (no such PID) and that have not been written for STALE_SECONDS; says so
 * on msg. Returns how many were removed. */
int loadtmp_sweep(const char *out, FILE *msg, int stale_seconds);

#endif
