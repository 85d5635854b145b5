/* Query-string parsing and validation. Decoding is strict on purpose: a
 * malformed escape, a NUL byte or invalid UTF-8 is the client's error and
 * is reported, never silently repaired. */
#include "api/query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/utf8.h"

void verrs_add(struct pf_verrs *v, const char *param, const char *fmt, ...)
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

/* Shows a piece of raw input in an error message without echoing control
 * bytes or unbounded text back. */
static void excerpt(const char *s, size_t len, char *out, size_t n)
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

int query_parse(const char *qs,
                size_t len,
                size_t max_params,
                struct pf_query *out,
                struct pf_verrs *errs)
{
    size_t before = errs->n + errs->more;

    out->n = 0;
    out->mem = malloc(len + 2 * PF_QUERY_MAX + 2);
    if (!out->mem) {
        verrs_add(errs, "query", "out of memory");
        return -1;
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
            verrs_add(errs, "query", "too many query parameters (at most %zu)",
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
            excerpt(piece, nlen, shown, sizeof shown);
            verrs_add(errs, "query",
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
            verrs_add(errs, name,
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
    return errs->n + errs->more > before ? -1 : 0;
}

const char *query_get(const struct pf_query *q, const char *name)
{
    for (size_t i = 0; i < q->n; i++)
        if (strcmp(q->kv[i].name, name) == 0)
            return q->kv[i].value;
    return NULL;
}

static bool is_code_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static bool is_code(const char *s, size_t len)
{
    if (len == 0 || len > 100)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!is_code_char(s[i]))
            return false;
    return true;
}

size_t query_split(const char *v,
                   char *scratch,
                   size_t scratch_len,
                   const char **items,
                   size_t max)
{
    size_t n = 0;
    size_t len = strlen(v);
    if (len + 1 > scratch_len)
        len = scratch_len - 1;
    memcpy(scratch, v, len);
    scratch[len] = '\0';
    char *p = scratch;
    while (n < max) {
        items[n++] = p;
        char *comma = strchr(p, ',');
        if (!comma)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    return n;
}

/* Reports that v is not what (e.g. "a year (YYYY)"), quoting an excerpt of
 * it; the excerpt is made here, only for a value that is wrong. */
static void not_a(struct pf_verrs *e,
                  const char *name,
                  const char *v,
                  size_t len,
                  const char *what)
{
    char shown[64];
    excerpt(v, len, shown, sizeof shown);
    verrs_add(e, name, "\"%s\" is not %s", shown, what);
}

static void check_list(const char *name, const char *v, struct pf_verrs *e)
{
    size_t count = 1;
    const char *p = v;
    for (;;) {
        size_t len = strcspn(p, ",");
        if (len == 0) {
            verrs_add(e, name, "empty item in the comma list");
            return;
        }
        if (!is_code(p, len)) {
            not_a(e, name, p, len, "a code (letters, digits, '.', '_', '-')");
            return;
        }
        if (p[len] != ',')
            break;
        p += len + 1;
        if (++count > PF_MAX_LIST) {
            verrs_add(e, name, "more than %d items", PF_MAX_LIST);
            return;
        }
    }
}

static void
check_int(const struct pf_pspec *s, const char *v, struct pf_verrs *e)
{
    size_t len = strlen(v);
    size_t i = v[0] == '-' ? 1 : 0;
    if (len == i || len - i > 9 || strspn(v + i, "0123456789") != len - i) {
        verrs_add(e, s->name, "must be an integer in %ld..%ld", s->min, s->max);
        return;
    }
    long n = strtol(v, NULL, 10);
    if (n < s->min || n > s->max)
        verrs_add(e, s->name, "%ld is out of range %ld..%ld", n, s->min,
                  s->max);
}

static void
check_value(const struct pf_pspec *s, const char *v, struct pf_verrs *e)
{
    size_t len = strlen(v);
    struct pf_date d;

    if (len == 0) {
        verrs_add(e, s->name, "empty value");
        return;
    }
    switch (s->type) {
    case P_TOKEN:
        if (!is_code(v, len))
            not_a(e, s->name, v, len,
                  "a code (letters, digits, '.', '_', '-')");
        break;
    case P_SET:
    case P_LIST:
        check_list(s->name, v, e);
        break;
    case P_DATE:
        if (!date_parse(v, len, &d))
            not_a(e, s->name, v, len, "a date (YYYY, YYYY-MM or YYYY-MM-DD)");
        break;
    case P_DAY:
        if (!date_parse(v, len, &d) || d.prec != PF_DATE_DAY)
            not_a(e, s->name, v, len, "a calendar date (YYYY-MM-DD)");
        break;
    case P_YEAR:
        if (!date_parse(v, len, &d) || d.prec != PF_DATE_YEAR)
            not_a(e, s->name, v, len, "a year (YYYY)");
        break;
    case P_INT:
        check_int(s, v, e);
        break;
    case P_ENUM: {
        bool ok = false;
        struct buf words;
        for (const char *const *w = s->words; *w; w++)
            ok |= strcmp(v, *w) == 0;
        if (ok)
            break;
        buf_init(&words);
        buf_puts(&words, "one of: ");
        for (const char *const *w = s->words; *w; w++)
            buf_printf(&words, "%s%s", w == s->words ? "" : ", ", *w);
        not_a(e, s->name, v, len, buf_cstr(&words));
        buf_free(&words);
        break;
    }
    case P_TEXT:
        if (len > 500)
            verrs_add(e, s->name, "longer than 500 bytes");
        else if (!text_printable(v, len) || strpbrk(v, "\t\r\n"))
            verrs_add(e, s->name, "contains control characters");
        break;
    case P_CURSOR:
        if (len > 1024 ||
            strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                      "0123456789-_") != len)
            verrs_add(e, s->name,
                      "not a cursor from this API (use links.next as given)");
        break;
    }
}

int query_validate(const struct pf_query *q,
                   const struct pf_pspec *specs,
                   struct pf_verrs *errs)
{
    size_t before = errs->n + errs->more;
    for (size_t i = 0; i < q->n; i++) {
        const char *name = q->kv[i].name;
        const struct pf_pspec *s = specs;
        while (s->name && strcmp(s->name, name) != 0)
            s++;
        if (!s->name) {
            struct buf known;
            buf_init(&known);
            for (const struct pf_pspec *k = specs; k->name; k++)
                buf_printf(&known, "%s%s", k == specs ? "" : ", ", k->name);
            verrs_add(errs, name, "unknown parameter; this endpoint takes: %s",
                      specs->name ? buf_cstr(&known) : "no parameters");
            buf_free(&known);
            continue;
        }
        bool repeated = false;
        for (size_t j = 0; j < i; j++)
            repeated |= strcmp(q->kv[j].name, name) == 0;
        if (repeated) {
            verrs_add(errs, s->name,
                      "given more than once; use one comma list instead");
            continue;
        }
        check_value(s, q->kv[i].value, errs);
    }
    return errs->n + errs->more > before ? -1 : 0;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void query_canonical(const struct pf_query *q,
                     const struct pf_pspec *specs,
                     struct buf *out)
{
    /* Walking the spec table gives a fixed parameter order for free. */
    for (const struct pf_pspec *s = specs; s->name; s++) {
        const char *v = query_get(q, s->name);
        if (!v || (s->def && strcmp(v, s->def) == 0))
            continue;
        buf_putc(out, '&'); /* no printf: this runs on every request */
        buf_puts(out, s->name);
        buf_putc(out, '=');
        if (s->type != P_SET) {
            buf_puts(out, v);
            continue;
        }
        size_t len = strlen(v);
        char *scratch = malloc(len + 1);
        const char *items[PF_MAX_LIST];
        if (!scratch) {
            out->failed = true;
            return;
        }
        size_t n = query_split(v, scratch, len + 1, items, PF_MAX_LIST);
        qsort(items, n, sizeof *items, cmp_cstr);
        for (size_t i = 0; i < n; i++) {
            if (i > 0 && strcmp(items[i], items[i - 1]) == 0)
                continue;
            if (i)
                buf_putc(out, ',');
            buf_puts(out, items[i]);
        }
        free(scratch);
    }
}

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
