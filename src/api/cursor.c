/* Cursor encoding and strict decoding (see cursor.h). The sort order is
 * inside the cursor so a cursor from one ordering cannot silently skip
 * rows in another. Must not know what the key and id mean. */
#include "api/cursor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void b64url(struct buf *out, const unsigned char *p, size_t n)
{
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        char q[4] = {alphabet[v >> 18], alphabet[(v >> 12) & 63],
                     alphabet[(v >> 6) & 63], alphabet[v & 63]};
        buf_append(out, q, 4);
    }
    if (n - i == 1) {
        unsigned v = (unsigned)p[i] << 16;
        char q[2] = {alphabet[v >> 18], alphabet[(v >> 12) & 63]};
        buf_append(out, q, 2);
    } else if (n - i == 2) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
        char q[3] = {alphabet[v >> 18], alphabet[(v >> 12) & 63],
                     alphabet[(v >> 6) & 63]};
        buf_append(out, q, 3);
    }
}

static int val(char c)
{
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

/* Returns the decoded length or -1; out holds at least len bytes. */
static long unb64url(const char *s, size_t len, unsigned char *out)
{
    size_t o = 0, i = 0;
    if (len % 4 == 1)
        return -1;
    for (; i + 4 <= len; i += 4) {
        int a = val(s[i]), b = val(s[i + 1]), c = val(s[i + 2]),
            d = val(s[i + 3]);
        if ((a | b | c | d) < 0)
            return -1;
        unsigned v = (unsigned)a << 18 | (unsigned)b << 12 | (unsigned)c << 6 |
                     (unsigned)d;
        out[o++] = (unsigned char)(v >> 16);
        out[o++] = (unsigned char)(v >> 8);
        out[o++] = (unsigned char)v;
    }
    size_t rest = len - i;
    if (rest >= 2) {
        int a = val(s[i]), b = val(s[i + 1]);
        int c = rest == 3 ? val(s[i + 2]) : 0;
        if ((a | b | c) < 0)
            return -1;
        unsigned v = (unsigned)a << 18 | (unsigned)b << 12 | (unsigned)c << 6;
        /* Non-canonical encodings (stray low bits) are rejected. */
        if ((rest == 2 && (v & 0xFFFF)) || (rest == 3 && (v & 0xFF)))
            return -1;
        out[o++] = (unsigned char)(v >> 16);
        if (rest == 3)
            out[o++] = (unsigned char)(v >> 8);
    }
    return (long)o;
}

char *cursor_encode(const char *sort, const char *key, const char *id)
{
    struct buf raw, out;
    buf_init(&raw);
    buf_init(&out);
    buf_printf(&raw, "v1\n%s\n%s\n%s", sort, key, id);
    b64url(&out, (const unsigned char *)buf_cstr(&raw), raw.len);
    buf_free(&raw);
    if (buf_failed(&out)) {
        buf_free(&out);
        return NULL;
    }
    return buf_steal(&out, NULL);
}

enum pf_err cursor_decode(const char *s,
                          size_t len,
                          const char *sort,
                          char **key,
                          char **id,
                          char *why,
                          size_t whylen)
{
    unsigned char *raw = malloc(len + 1);
    enum pf_err rc = PF_EINVAL;
    *key = *id = NULL;
    if (!raw) {
        snprintf(why, whylen, "out of memory");
        return PF_ENOMEM;
    }
    long n = unb64url(s, len, raw);
    if (n < 0 || memchr(raw, '\0', (size_t)n) ||
        !utf8_valid((const char *)raw, (size_t)n)) {
        snprintf(why, whylen, "not a cursor from this API");
        goto done;
    }
    raw[n] = '\0';
    char *f[4];
    char *p = (char *)raw;
    for (int i = 0; i < 4; i++) {
        f[i] = p;
        char *nl = i < 3 ? strchr(p, '\n') : NULL;
        if (i < 3 && !nl) {
            snprintf(why, whylen, "not a cursor from this API");
            goto done;
        }
        if (nl) {
            *nl = '\0';
            p = nl + 1;
        }
    }
    if (strcmp(f[0], "v1") != 0 || strchr(f[3], '\n') || !*f[3]) {
        snprintf(why, whylen, "not a cursor from this API");
        goto done;
    }
    if (strcmp(f[1], sort) != 0) {
        snprintf(why, whylen,
                 "this cursor was made for another sort order; "
                 "keep the parameters of the first request");
        goto done;
    }
    *key = strdup(f[2]);
    *id = strdup(f[3]);
    if (!*key || !*id) {
        free(*key);
        free(*id);
        *key = *id = NULL;
        snprintf(why, whylen, "out of memory");
        rc = PF_ENOMEM;
        goto done;
    }
    rc = PF_OK;
done:
    free(raw);
    return rc;
}
