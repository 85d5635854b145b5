/* Opaque keyset cursors: base64url("v1\n" sort "\n" key "\n" id). The
 * decoder is strict (a fuzz target): anything not produced by the encoder
 * for the same sort order is rejected. */
#ifndef PF_CURSOR_H
#define PF_CURSOR_H

#include <stddef.h>

#include "base/pf.h"

/* Returns a new string (caller frees) or NULL when out of memory. */
char *cursor_encode(const char *sort, const char *key, const char *id);

/* Decodes s; on success returns PF_OK and sets *key and *id to new
 * strings (caller frees both). Otherwise PF_EINVAL (not a cursor of this
 * sort order) or PF_ENOMEM, with a reason in why. */
enum pf_err cursor_decode(const char *s,
                          size_t len,
                          const char *sort,
                          char **key,
                          char **id,
                          char *why,
                          size_t whylen);

#endif
