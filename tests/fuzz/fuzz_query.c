/* Query strings: query_parse + query_validate against every route's real
 * parameter table + query_canonical, and percent_decode on its own.
 *
 * Input: byte 0 picks the route (its parameter table), byte 1 the
 * max_params limit, the rest is the raw query string (no '?').
 *
 * Invariants:
 *  - parse never yields more than max_params pairs; each name is non-empty,
 *    each name and value is NUL-free valid UTF-8 (strlen is the whole
 *    string) and no longer than the input;
 *  - errors are capped at PF_MAX_ERRORS, each names a parameter;
 *  - percent_decode output is never longer than its input, has no NUL and
 *    is valid UTF-8;
 *  - for a valid query the canonical form does not depend on the order of
 *    the parameters nor on the order of the items of a set parameter, and
 *    is stable when computed twice. */
#include "fuzz_common.h"

#include "api/query.h"
#include "api/router.h"
#include "base/buf.h"
#include "base/utf8.h"

static void check_errs(const struct pf_verrs *e)
{
    FUZZ_ASSERT(e->n <= PF_MAX_ERRORS);
    for (size_t i = 0; i < e->n; i++) {
        FUZZ_ASSERT(e->e[i].param != NULL);
        FUZZ_ASSERT(memchr(e->e[i].reason, '\0', sizeof e->e[i].reason));
        FUZZ_ASSERT(e->e[i].reason[0] != '\0');
    }
}

static const struct pf_pspec *spec_of(const struct pf_pspec *s,
                                      const char *name)
{
    for (; s->name; s++)
        if (strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

/* Reverses the items of a comma list in place into out. */
static void reverse_items(const char *v, struct buf *out)
{
    size_t len = strlen(v);
    size_t end = len;
    for (size_t i = len; i-- > 0;) {
        if (v[i] == ',') {
            buf_append(out, v + i + 1, end - i - 1);
            buf_putc(out, ',');
            end = i;
        }
    }
    buf_append(out, v, end);
}

static void check_canonical(struct pf_query *q, const struct pf_pspec *specs)
{
    struct buf c1, c2, c3;
    buf_init(&c1);
    buf_init(&c2);
    buf_init(&c3);
    query_canonical(q, specs, &c1);
    query_canonical(q, specs, &c2);
    FUZZ_ASSERT(!buf_failed(&c1) && !buf_failed(&c2));
    FUZZ_ASSERT(c1.len == c2.len &&
                memcmp(buf_cstr(&c1), buf_cstr(&c2), c1.len) == 0);

    /* Same pairs, reversed order, set items reversed. */
    struct pf_query r = {.n = q->n, .mem = NULL};
    struct buf store[PF_QUERY_MAX];
    for (size_t i = 0; i < q->n; i++) {
        const struct pf_kv *kv = &q->kv[q->n - 1 - i];
        const struct pf_pspec *s = spec_of(specs, kv->name);
        buf_init(&store[i]);
        if (s && s->type == P_SET)
            reverse_items(kv->value, &store[i]);
        else
            buf_puts(&store[i], kv->value);
        r.kv[i].name = kv->name;
        r.kv[i].value = (char *)buf_cstr(&store[i]);
    }
    struct pf_verrs e = {.n = 0};
    FUZZ_ASSERT(query_validate(&r, specs, &e) == 0);
    query_canonical(&r, specs, &c3);
    FUZZ_ASSERT(c1.len == c3.len &&
                memcmp(buf_cstr(&c1), buf_cstr(&c3), c1.len) == 0);
    for (size_t i = 0; i < q->n; i++)
        buf_free(&store[i]);
    buf_free(&c1);
    buf_free(&c2);
    buf_free(&c3);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 8192)
        return 0;
    size_t nroutes;
    const struct pf_route *routes = router_routes(&nroutes);
    const struct pf_route *rt = &routes[data[0] % nroutes];
    size_t max_params = (size_t)(data[1] % 80) + 1; /* also above the cap */
    size_t len = size - 2;
    char *qs = fuzz_dup_exact(data + 2, len);

    /* percent_decode alone, both '+' modes */
    char *out = malloc(len + 1);
    FUZZ_ASSERT(out);
    for (int plus = 0; plus < 2; plus++) {
        long n = percent_decode(qs, len, out, plus);
        if (n >= 0) {
            FUZZ_ASSERT((size_t)n <= len);
            FUZZ_ASSERT(out[n] == '\0');
            FUZZ_ASSERT(memchr(out, '\0', (size_t)n) == NULL);
            FUZZ_ASSERT(utf8_valid(out, (size_t)n));
        }
    }
    free(out);

    struct pf_query q = {.n = 0};
    struct pf_verrs e = {.n = 0};
    int prc = query_parse(qs, len, max_params, &q, &e);
    check_errs(&e);
    FUZZ_ASSERT(q.n <= max_params && q.n <= PF_QUERY_MAX);
    FUZZ_ASSERT((prc == 0) == (e.n == 0 && e.more == 0));
    for (size_t i = 0; i < q.n; i++) {
        size_t nl = strlen(q.kv[i].name), vl = strlen(q.kv[i].value);
        FUZZ_ASSERT(nl > 0 && nl <= len && vl <= len);
        FUZZ_ASSERT(utf8_valid(q.kv[i].name, nl));
        FUZZ_ASSERT(utf8_valid(q.kv[i].value, vl));
    }
    /* validation runs on whatever was parsed, as the server reports all
     * errors at once */
    struct pf_verrs ve = {.n = 0};
    int vrc = query_validate(&q, rt->params, &ve);
    check_errs(&ve);
    FUZZ_ASSERT((vrc == 0) == (ve.n == 0 && ve.more == 0));
    if (vrc == 0) {
        for (size_t i = 0; i < q.n; i++) {
            const struct pf_pspec *s = spec_of(rt->params, q.kv[i].name);
            FUZZ_ASSERT(s != NULL);
            FUZZ_ASSERT(query_get(&q, s->name) == q.kv[i].value);
            if (s->type == P_SET || s->type == P_LIST) {
                char scratch[4096];
                const char *items[PF_MAX_LIST];
                size_t k = query_split(q.kv[i].value, scratch, sizeof scratch,
                                       items, PF_MAX_LIST);
                FUZZ_ASSERT(k >= 1 && k <= PF_MAX_LIST);
                for (size_t j = 0; j < k; j++)
                    FUZZ_ASSERT(items[j][0] != '\0');
            }
        }
        check_canonical(&q, rt->params);
    }
    query_free(&q);
    free(qs);
    return 0;
}
