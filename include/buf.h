/* A growing byte buffer. Appends never fail silently: on allocation failure
 * the buffer is marked failed, later appends are ignored and buf_failed()
 * reports it, so callers check once at the end. */
#ifndef PF_BUF_H
#define PF_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
    char *data; /* always NUL-terminated when len > 0 or after buf_cstr */
    size_t len;
    size_t cap;
    bool failed;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns the NUL-terminated contents (an empty string for an empty
 * buffer); the buffer keeps ownership. */
const char *buf_cstr(struct buf *b);
/* Hands the heap block to the caller (free() it); the buffer is reset. */
char *buf_steal(struct buf *b, size_t *len);
bool buf_failed(const struct buf *b);

#endif
