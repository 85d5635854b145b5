/* The SQLite URI by which the store opens a snapshot read-only, including
 * a file pinned as /proc/self/fd/N (see snapshot_uri.c). Opens nothing. */
#ifndef PF_SNAPSHOT_URI_H
#define PF_SNAPSHOT_URI_H

#include <stddef.h>

/* Writes a read-only, immutable SQLite URI for path into out (truncated
 * to n bytes, always NUL-terminated). Never fails. Thread-safe. */
void store_snapshot_uri(const char *path, char *out, size_t n);

#endif
