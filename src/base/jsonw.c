/* JSON text writer; see jsonw.h for why it exists. */
#include "base/jsonw.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* Length of the run at the start of u[0..len) that needs no escaping.
 * Most text is one such run: it is scanned 16 bytes at a time (SSE2, part
 * of every x86-64), else 8, and copied in one piece. */
static size_t clean_run(const unsigned char *u, size_t len)
{
    size_t i = 0;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i ctl_max = _mm_set1_epi8(0x1f);
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
            _mm_cmpeq_epi8(_mm_min_epu8(v, ctl_max), v)); /* v <= 0x1f */
        int mask = _mm_movemask_epi8(hit);
        if (mask)
            return i + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, u + i, 8);
        if (word_needs_escape(v))
            break;
    }
    while (i < len && !needs_escape[u[i]])
        i++;
    return i;
}

/* The two-character escapes JSON has; other controls are \u00XX. */
static const char *const short_escape[256] = {
    ['"'] = "\\\"", ['\\'] = "\\\\", ['\b'] = "\\b", ['\f'] = "\\f",
    ['\n'] = "\\n", ['\r'] = "\\r",  ['\t'] = "\\t"};

/* c's escape at out; returns the end. */
static char *escape_to(char *out, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF"; /* as jansson */
    if (short_escape[c]) {
        memcpy(out, short_escape[c], 2);
        return out + 2;
    }
    char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    memcpy(out, esc, 6);
    return out + 6;
}

char *jw_str_to(char *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    *out++ = '"';
    for (;;) {
        size_t run = clean_run(u + i, len - i);
        memcpy(out, s + i, run);
        out += run;
        i += run;
        if (i >= len)
            break;
        out = escape_to(out, u[i++]);
    }
    *out++ = '"';
    return out;
}

static void escape_byte(struct buf *b, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF"; /* as jansson */
    if (short_escape[c]) {
        buf_append(b, short_escape[c], 2);
        return;
    }
    char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    buf_append(b, esc, 6);
}

bool jw_plain(const char *s, size_t len)
{
    return clean_run((const unsigned char *)s, len) == len;
}

void jw_str(struct buf *b, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    buf_putc(b, '"');
    for (;;) {
        size_t run = clean_run(u + i, len - i);
        buf_append(b, s + i, run);
        i += run;
        if (i >= len)
            break;
        escape_byte(b, u[i++]);
    }
    buf_putc(b, '"');
}

/* Powers of ten that doubles hold exactly (up to 1e22). */
static const double pow10_exact[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Digits after the point that 15 significant digits of a reach, for
 * 1e-4 <= a < 1e15: 15 minus the integer digits, or 15 plus the zeros
 * right after the point. Off by one near a power of ten at worst, which
 * only sends the value to printf. */
static int frac_digits(double a)
{
    int e = 0;
    if (a >= 1) {
        while (e < 15 && a >= pow10_exact[e + 1])
            e++;
        return 14 - e;
    }
    while (e < 4 && a * pow10_exact[e + 1] < 1)
        e++;
    return 15 + e;
}

/* A value that is the nearest double to a decimal D of at most 15
 * significant digits is written by %.15g as D's digits (DBL_DIG is 15):
 * so when v is such a value, write D from integers, without printf's
 * cost. Most of the dataset's values are (46.75131, 33.6326827140045).
 * Returns false to fall back to printf. */
/* The digits of v at out (JW_NUM_MAX bytes); NULL: printf's job. */
static char *short_decimal_to(char *out, double v)
{
    double a = fabs(v);
    /* %.15g writes no exponent for 1e-4 <= |v| < 1e15 */
    if (!(a >= 1e-4 && a < 1e15))
        return NULL;
    int frac = frac_digits(a);
    double scaled = v * pow10_exact[frac];
    if (!(fabs(scaled) < 1e15))
        return NULL;
    long long r = llround(scaled);
    /* exact: r and 10^frac are exact doubles, the division is rounded
     * once, so equality means v is the double nearest to r / 10^frac */
    if ((double)r / pow10_exact[frac] != v)
        return NULL;
    char digits[40];
    int n = 0;
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
        *out++ = '-';
    for (int i = n - 1; i >= 0; i--) {
        *out++ = digits[i];
        if (i == frac && frac > 0)
            *out++ = '.';
    }
    if (frac == 0) {
        memcpy(out, ".0", 2);
        out += 2;
    }
    return out;
}

/* %.15g, as jansson writes it; at out (JW_NUM_MAX bytes). */
static char *printf_real_to(char *dst, double v)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.15g", v);
    size_t o = 0;
    for (size_t i = 0; tmp[i] && o + 3 < JW_NUM_MAX; i++) {
        dst[o++] = tmp[i];
        if (tmp[i] == 'e') {
            i++;
            if (tmp[i] == '-')
                dst[o++] = tmp[i++];
            else if (tmp[i] == '+')
                i++;
            while (tmp[i] == '0' && tmp[i + 1])
                i++;
            i--;
        }
    }
    /* a real must not read back as an integer */
    if (!memchr(dst, '.', o) && !memchr(dst, 'e', o)) {
        memcpy(dst + o, ".0", 2);
        o += 2;
    }
    return dst + o;
}

char *jw_real_to(char *out, double v)
{
    char *end = short_decimal_to(out, v);
    return end ? end : printf_real_to(out, v);
}

char *jw_int_to(char *out, long long v)
{
    char d[24];
    int n = 0;
    unsigned long long u =
        v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    if (v < 0)
        *out++ = '-';
    do {
        d[sizeof d - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    memcpy(out, d + sizeof d - n, (size_t)n);
    return out + n;
}

void jw_real(struct buf *b, double v)
{
    char tmp[JW_NUM_MAX];
    char *end = jw_real_to(tmp, v);
    buf_append(b, tmp, (size_t)(end - tmp));
}

void jw_uint(struct buf *b, unsigned long long v)
{
    /* digits from the right; printf's machinery costs more than the rest
     * of a short value */
    char d[24];
    int n = 0;
    do {
        d[sizeof d - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_append(b, d + sizeof d - n, (size_t)n);
}

void jw_int(struct buf *b, long long v)
{
    if (v < 0)
        buf_putc(b, '-');
    /* the magnitude as unsigned: -LLONG_MIN does not fit a long long */
    jw_uint(b, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
}
