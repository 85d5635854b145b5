/* Opaque keyset cursors: base64url("v1\n" sort "\n" key "\n" id). The
 * decoder is strict (a fuzz target): anything not produced by the encoder
 * for the same sort order is rejected. */
#ifndef PF_CURSOR_H
#define PF_CURSOR_H

#include <stddef.h>

/* Returns a new string (caller frees) or NULL when out of memory. */
char *cursor_encode(const char *sort, const char *key, const char *id);

/* Decodes s; on success returns 0 and sets *key and *id to new strings
 * (caller frees both). Returns -1 with a reason in why otherwise. */
int cursor_decode(const char *s,
                  size_t len,
                  const char *sort,
                  char **key,
                  char **id,
                  char *why,
                  size_t whylen);

#endif
