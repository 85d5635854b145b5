/* The loader's output file, written atomically: a temporary file beside
 * the target, the durable rename over it, and the clean-up of temporaries
 * left by loads that were killed before they could remove their own. It
 * knows nothing of what goes into the file. */
#ifndef PF_LOADTMP_H
#define PF_LOADTMP_H

#include <stdio.h>

#include "base/buf.h"
#include "base/pf.h"

/* Creates "OUT.tmp-PID-XXXXXX" (mode 0644 less the umask) and puts its
 * name in *name. Returns PF_OK, or PF_EIO / PF_ENOMEM with errno set. */
enum pf_err loadtmp_create(const char *out, struct buf *name);

/* Makes the closed file tmp the file out: durable before visible (fsync
 * the file, rename, fsync the directory). Returns PF_OK, or PF_EIO with
 * errno set (out is then untouched). */
enum pf_err loadtmp_commit(const char *tmp, const char *out);

/* Removes the temporary files of earlier loads of OUT whose process is gone
 * (no such PID) and that have not been written for STALE_SECONDS; says so
 * on msg. Returns how many were removed. */
int loadtmp_sweep(const char *out, FILE *msg, int stale_seconds);

#endif
