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
void buf_append_slow(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
/* Makes room for at least n bytes in all (a hint: growth still works). */
void buf_reserve(struct buf *b, size_t n);

/* Appends are on the hot path of every response: the common case (room
 * left) is inline, growth goes out of line. */
static inline void buf_append(struct buf *b, const void *p, size_t n)
{
    if (b->len + n + 1 <= b->cap && n) {
        __builtin_memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else {
        buf_append_slow(b, p, n);
    }
}

static inline void buf_putc(struct buf *b, char c)
{
    if (b->len + 2 <= b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
    } else {
        buf_append_slow(b, &c, 1);
    }
}
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns the NUL-terminated contents (an empty string for an empty
 * buffer); the buffer keeps ownership. */
const char *buf_cstr(struct buf *b);
/* Hands the heap block to the caller (free() it); the buffer is reset. */
char *buf_steal(struct buf *b, size_t *len);
bool buf_failed(const struct buf *b);

#endif
