/* JSON text writer; see jsonw.h for why it exists. */
#include "jsonw.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 for the bytes a JSON string must escape: controls, '"' and '\\'. */
static const unsigned char needs_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,         1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ['"'] = 1, ['\\'] = 1};

/* True when one of the 8 bytes in v is a control, '"' or '\\' (the
 * classic "has zero byte" bit trick, applied three times). */
static inline int word_needs_escape(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t quote = v ^ (ones * '"'), bslash = v ^ (ones * '\\');
    uint64_t ctl = (v - ones * 0x20) & ~v;
    uint64_t q = (quote - ones) & ~quote;
    uint64_t bs = (bslash - ones) & ~bslash;
    return ((ctl | q | bs) & highs) != 0;
}

void jw_str(struct buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF"; /* as jansson */
    const unsigned char *u = (const unsigned char *)s;
    size_t start = 0;
    buf_putc(b, '"');
    for (size_t i = 0; i < len; i++) {
        /* Most text needs no escaping: skip it eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t v;
            memcpy(&v, u + i, 8);
            if (word_needs_escape(v))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = u[i];
        if (!needs_escape[c])
            continue;
        buf_append(b, s + start, i - start);
        start = i + 1;
        switch (c) {
        case '"':
            buf_puts(b, "\\\"");
            break;
        case '\\':
            buf_puts(b, "\\\\");
            break;
        case '\b':
            buf_puts(b, "\\b");
            break;
        case '\f':
            buf_puts(b, "\\f");
            break;
        case '\n':
            buf_puts(b, "\\n");
            break;
        case '\r':
            buf_puts(b, "\\r");
            break;
        case '\t':
            buf_puts(b, "\\t");
            break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            buf_append(b, esc, 6);
        }
        }
    }
    buf_append(b, s + start, len - start);
    buf_putc(b, '"');
}

/* Decimals with at most 9 fractional digits and 15 significant ones (all
 * the dataset's values but a few) are written from integers: the same
 * digits %.15g gives, without its cost. Returns false to fall back. */
static bool short_decimal(struct buf *b, double v)
{
    /* %g switches to exponents below 1e-4; leave those to printf */
    if (!(v > -1e6 && v < 1e6) || fabs(v) < 1e-4)
        return false;
    double scaled = v * 1e9;
    long long r = llround(scaled);
    if ((double)r / 1e9 != v || llabs(r) >= 1000000000000000LL)
        return false; /* not exactly a short decimal */
    char digits[32];
    int n = 0, frac = 9;
    unsigned long long u = (unsigned long long)llabs(r);
    while (frac > 0 && u % 10 == 0) { /* drop trailing zeros */
        u /= 10;
        frac--;
    }
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u || n <= frac);
    if (r < 0)
        buf_putc(b, '-');
    for (int i = n - 1; i >= 0; i--) {
        buf_putc(b, digits[i]);
        if (i == frac && frac > 0)
            buf_putc(b, '.');
    }
    if (frac == 0)
        buf_puts(b, ".0");
    return true;
}

void jw_real(struct buf *b, double v)
{
    if (short_decimal(b, v))
        return;
    char tmp[64], out[64];
    snprintf(tmp, sizeof tmp, "%.15g", v);
    /* jansson: no '+' and no leading zeros in exponents */
    size_t o = 0;
    for (size_t i = 0; tmp[i] && o + 1 < sizeof out; i++) {
        out[o++] = tmp[i];
        if (tmp[i] == 'e') {
            i++;
            if (tmp[i] == '-')
                out[o++] = tmp[i++];
            else if (tmp[i] == '+')
                i++;
            while (tmp[i] == '0' && tmp[i + 1])
                i++;
            i--;
        }
    }
    out[o] = '\0';
    buf_puts(b, out);
    /* a real must not read back as an integer */
    if (!strpbrk(out, ".e"))
        buf_puts(b, ".0");
}

void jw_int(struct buf *b, long long v)
{
    buf_printf(b, "%lld", v);
}

void jw_key(struct buf *b, const char *key, int first)
{
    /* keys are the program's own ASCII names: nothing to escape */
    if (!first)
        buf_putc(b, ',');
    buf_putc(b, '"');
    buf_puts(b, key);
    buf_append(b, "\":", 2);
}
