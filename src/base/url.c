/* URL percent-encoding of one component (see url.h). Must not decode:
 * parsing client input is api/query_parse.c's. */
#include "base/url.h"

#include <stdbool.h>

/* Bytes written as they are: unreserved characters and ','. */
static bool url_plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~' || c == ',';
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
