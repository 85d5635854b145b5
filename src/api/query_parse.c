/* Query strings: strict splitting and percent-decoding of the raw request
 * target into names and values, and the collected validation errors.
 * Decoding is strict on purpose: a malformed escape, a NUL byte or invalid
 * UTF-8 is the client's error and is reported, never silently repaired.
 * Must not know any parameter's meaning (query_check.c checks values). */
#include "api/query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

void query_verr_add(struct pf_verrs *v, const char *param, const char *fmt, ...)
{
    if (v->n == PF_MAX_ERRORS) {
        v->more++;
        return;
    }
    struct pf_verr *e = &v->e[v->n++];
    va_list ap;
    e->param = param;
    va_start(ap, fmt);
    vsnprintf(e->reason, sizeof e->reason, fmt, ap);
    va_end(ap);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long percent_decode(const char *in, size_t len, char *out, bool plus_space)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = in[i];
        if (c == '%') {
            if (len - i < 3)
                return -1;
            int hi = hexval(in[i + 1]), lo = hexval(in[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_space) {
            c = ' ';
        }
        if (c == '\0')
            return -1;
        out[o++] = c;
    }
    out[o] = '\0';
    if (!utf8_valid(out, o))
        return -1;
    return (long)o;
}

void query_free(struct pf_query *q)
{
    free(q->mem);
    q->mem = NULL;
    q->n = 0;
}

void query_excerpt(const char *s, size_t len, char *out, size_t n)
{
    size_t o = 0, i;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[8];
        size_t k = 1;
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            tmp[0] = (char)c;
        else
            k = (size_t)snprintf(tmp, sizeof tmp, "\\x%02X", c);
        if (o + k + 4 > n)
            break;
        memcpy(out + o, tmp, k);
        o += k;
    }
    if (i < len) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* ---- splitting --------------------------------------------------------- */

enum pf_err query_parse(const char *qs,
                        size_t len,
                        size_t max_params,
                        struct pf_query *out,
                        struct pf_verrs *errs)
{
    size_t before = errs->n + errs->more;

    out->n = 0;
    out->mem = malloc(len + 2 * PF_QUERY_MAX + 2);
    if (!out->mem) {
        query_verr_add(errs, "query", "out of memory");
        return PF_ENOMEM;
    }
    if (max_params > PF_QUERY_MAX)
        max_params = PF_QUERY_MAX;
    char *w = out->mem;
    size_t pos = 0;
    while (pos < len) {
        const char *piece = qs + pos;
        const char *amp = memchr(piece, '&', len - pos);
        size_t plen = amp ? (size_t)(amp - piece) : len - pos;
        pos += plen + (amp ? 1 : 0);
        if (plen == 0)
            continue;
        if (out->n == max_params) {
            query_verr_add(errs, "query",
                           "too many query parameters (at most %zu)",
                           max_params);
            break;
        }
        const char *eq = memchr(piece, '=', plen);
        size_t nlen = eq ? (size_t)(eq - piece) : plen;
        const char *val = eq ? eq + 1 : piece + plen;
        size_t vlen = eq ? plen - nlen - 1 : 0;
        char shown[64];
        long dn = percent_decode(piece, nlen, w, true);
        if (dn <= 0) {
            query_excerpt(piece, nlen, shown, sizeof shown);
            query_verr_add(errs, "query",
                           dn == 0 ? "a parameter has no name"
                                   : "parameter name \"%s\" is not valid "
                                     "percent-encoded UTF-8",
                           shown);
            continue;
        }
        char *name = w;
        w += dn + 1;
        long dv = percent_decode(val, vlen, w, true);
        if (dv < 0) {
            query_verr_add(errs, name,
                           "value is not valid percent-encoded UTF-8 (check %% "
                           "escapes)");
            w = name;
            continue;
        }
        out->kv[out->n].name = name;
        out->kv[out->n].value = w;
        out->n++;
        w += dv + 1;
    }
    return errs->n + errs->more > before ? PF_EINVAL : PF_OK;
}

const char *query_get(const struct pf_query *q, const char *name)
{
    for (size_t i = 0; i < q->n; i++)
        if (strcmp(q->kv[i].name, name) == 0)
            return q->kv[i].value;
    return NULL;
}
