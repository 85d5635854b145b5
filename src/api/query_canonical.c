/* The canonical form of a validated query (the response cache's and the
 * ETag's key) and comma-list splitting. Must not validate: it is given a
 * query that passed query_validate. */
#include "api/query.h"

#include <stdlib.h>
#include <string.h>

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
