/* JSON text writer; see jsonw.h for why it exists. */
#include "jsonw.h"

#include <stdio.h>
#include <string.h>

void jw_str(struct buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t start = 0;
    buf_putc(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
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
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            buf_append(b, u, 6);
        }
        }
    }
    buf_append(b, s + start, len - start);
    buf_putc(b, '"');
}

void jw_real(struct buf *b, double v)
{
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
    if (!first)
        buf_putc(b, ',');
    jw_str(b, key, strlen(key));
    buf_putc(b, ':');
}
