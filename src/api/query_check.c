/* Query validation: every parameter against a route's table — unknown
 * names, repeats, and values of the wrong type (codes, lists, dates,
 * integers, words, text, cursors). Must not decode (query_parse.c) or
 * interpret values beyond their type (api/params.c does). */
#include "api/query.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/utf8.h"

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

/* Reports that v is not what (e.g. "a year (YYYY)"), quoting an excerpt of
 * it; the excerpt is made here, only for a value that is wrong. */
static void not_a(struct pf_verrs *e,
                  const char *name,
                  const char *v,
                  size_t len,
                  const char *what)
{
    char shown[64];
    query_excerpt(v, len, shown, sizeof shown);
    query_verr_add(e, name, "\"%s\" is not %s", shown, what);
}

static void check_list(const char *name, const char *v, struct pf_verrs *e)
{
    size_t count = 1;
    const char *p = v;
    for (;;) {
        size_t len = strcspn(p, ",");
        if (len == 0) {
            query_verr_add(e, name, "empty item in the comma list");
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
            query_verr_add(e, name, "more than %d items", PF_MAX_LIST);
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
        query_verr_add(e, s->name, "must be an integer in %ld..%ld", s->min,
                       s->max);
        return;
    }
    long n = strtol(v, NULL, 10);
    if (n < s->min || n > s->max)
        query_verr_add(e, s->name, "%ld is out of range %ld..%ld", n, s->min,
                       s->max);
}

static void
check_value(const struct pf_pspec *s, const char *v, struct pf_verrs *e)
{
    size_t len = strlen(v);
    struct pf_date d;

    if (len == 0) {
        query_verr_add(e, s->name, "empty value");
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
            query_verr_add(e, s->name, "longer than 500 bytes");
        else if (!text_printable(v, len) || strpbrk(v, "\t\r\n"))
            query_verr_add(e, s->name, "contains control characters");
        break;
    case P_CURSOR:
        if (len > 1024 ||
            strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                      "0123456789-_") != len)
            query_verr_add(
                e, s->name,
                "not a cursor from this API (use links.next as given)");
        break;
    }
}

enum pf_err query_validate(const struct pf_query *q,
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
            query_verr_add(errs, name,
                           "unknown parameter; this endpoint takes: %s",
                           specs->name ? buf_cstr(&known) : "no parameters");
            buf_free(&known);
            continue;
        }
        bool repeated = false;
        for (size_t j = 0; j < i; j++)
            repeated |= strcmp(q->kv[j].name, name) == 0;
        if (repeated) {
            query_verr_add(errs, s->name,
                           "given more than once; use one comma list instead");
            continue;
        }
        check_value(s, q->kv[i].value, errs);
    }
    return errs->n + errs->more > before ? PF_EINVAL : PF_OK;
}
