/* A direct JSON writer for the hot path: values appended to a buffer with
 * exactly jansson's output conventions (compact, UTF-8 passed through,
 * reals with 15 significant digits and a ".0" when integral), so text
 * written here and text dumped by jansson are interchangeable. Building a
 * jansson tree and dumping it costs several times more for large pages. */
#ifndef PF_JSONW_H
#define PF_JSONW_H

#include <stddef.h>

#include "base/buf.h"

/* A JSON string literal with escaping. s must be valid UTF-8. */
void jw_str(struct buf *b, const char *s, size_t len);
/* A real as jansson writes it with JSON_REAL_PRECISION(15). */
void jw_real(struct buf *b, double v);
void jw_int(struct buf *b, long long v);
void jw_uint(struct buf *b, unsigned long long v);

#endif
