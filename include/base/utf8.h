/* UTF-8 validation (RFC 3629: no overlongs, no surrogates, max U+10FFFF). */
#ifndef PF_UTF8_H
#define PF_UTF8_H

#include <stdbool.h>
#include <stddef.h>

bool utf8_valid(const char *s, size_t len);
/* True when s has no control characters other than tab, LF and CR. */
bool text_printable(const char *s, size_t len);

#endif
