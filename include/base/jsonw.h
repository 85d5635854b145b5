/* A direct JSON writer for the hot path: values appended to a buffer with
 * exactly jansson's output conventions (compact, UTF-8 passed through,
 * reals with 15 significant digits and a ".0" when integral), so text
 * written here and text dumped by jansson are interchangeable. Building a
 * jansson tree and dumping it costs several times more for large pages. */
#ifndef PF_JSONW_H
#define PF_JSONW_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* A JSON string literal with escaping. s must be valid UTF-8. */
void jw_str(struct buf *b, const char *s, size_t len);
/* Whether s has nothing jw_str escapes (a control character, '"', '\\'):
 * it is then written as '"', s, '"'. */
bool jw_plain(const char *s, size_t len);
/* The literal of a string known to be plain (jw_plain). */
static inline void jw_str_plain(struct buf *b, const char *s, size_t len)
{
    buf_putc(b, '"');
    buf_append(b, s, len);
    buf_putc(b, '"');
}
/* A real as jansson writes it with JSON_REAL_PRECISION(15). */
void jw_real(struct buf *b, double v);
void jw_int(struct buf *b, long long v);
void jw_uint(struct buf *b, unsigned long long v);

/* The same written at out, which the caller has made room at (a string:
 * 6 * len + 2 bytes, a number: JW_NUM_MAX); each returns the end of what
 * it wrote. For writers that reserve a whole record at once. */
#define JW_NUM_MAX 40
char *jw_str_to(char *out, const char *s, size_t len);
char *jw_real_to(char *out, double v);
char *jw_int_to(char *out, long long v);

#endif
