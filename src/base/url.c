/* URL percent-encoding of one component (see url.h). Must not decode:
 * parsing client input is api/query_parse.c's. */
#include "base/url.h"

#include <stdbool.h>

/* Bytes written as they are: unreserved characters and ','. A table: a
 * page of facts encodes a hundred ids. */
#define R4(c)  [c] = 1, [c + 1] = 1, [c + 2] = 1, [c + 3] = 1
#define R8(c)  R4(c), R4(c + 4)
#define R26(c) R8(c), R8(c + 8), R8(c + 16), [c + 24] = 1, [c + 25] = 1
static const bool plain[256] = {
    R26('a'),  R26('A'),  R8('0'),   ['8'] = 1, ['9'] = 1,
    ['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1, [','] = 1,
};

static bool url_plain(unsigned char c)
{
    return plain[c];
}

void url_encode_component(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        /* ids are mostly plain: append each plain run in one piece */
        const unsigned char *run = p;
        while (*p && url_plain(*p))
            p++;
        buf_append(b, run, (size_t)(p - run));
        if (*p) {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(b, e, 3);
            p++;
        }
    }
}

char *url_encode_to(char *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (url_plain(*p)) {
            *out++ = (char)*p;
        } else {
            *out++ = '%';
            *out++ = hex[*p >> 4];
            *out++ = hex[*p & 15];
        }
    }
    return out;
}
