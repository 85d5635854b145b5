/* The response cache on its own: the byte budget and which entry it
 * evicts, entries held by a request outliving eviction and clearing, the
 * dataset generation in the lookup, and many threads hitting and releasing
 * while another inserts and clears (run under TSan by `make test
 * SAN=tsan`). Every entry freed is counted through the drop callback, so
 * a reference lost or dropped twice shows as a wrong count (or, under
 * ASan, as a leak or a use after free). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/cache.h"
#include "check.h"

/* Each entry's resp[0] is set to a malloc'd marker; drop frees and counts
 * it, so drops == entries freed. */
static atomic_int drops;

static void drop(void *r)
{
    free(r);
    atomic_fetch_add(&drops, 1);
}

static void mark(struct pf_cache_entry *e)
{
    e->resp[0] = malloc(1);
}

#define BODY 1000

static struct pf_cache_entry *put(struct pf_cache *c, const char *k)
{
    static char body[BODY];
    struct pf_cache_entry *e = cache_put(
        c, k, 1, body, sizeof body, "application/json", "\"t\"", NULL, false);
    if (e)
        mark(e);
    return e;
}

static bool present(struct pf_cache *c, const char *k)
{
    struct pf_cache_entry *e = cache_get(c, k, 1);
    cache_release(c, e);
    return e != NULL;
}

/* What one entry (a two-character key, BODY bytes) costs against the
 * budget, asked of the cache itself. */
static size_t entry_cost(void)
{
    struct pf_cache *c = cache_new(1 << 20, drop);
    cache_release(c, put(c, "k0"));
    size_t one = cache_bytes(c);
    cache_free(c);
    atomic_store(&drops, 0);
    return one;
}

/* A budget with room for FIT entries but not one more. An entry may cost
 * at most an eighth of the budget, so FIT is at least 8. */
#define FIT 8
static size_t budget(void)
{
    size_t one = entry_cost();
    return one * FIT + one / 2;
}

static void key(char k[8], int i)
{
    snprintf(k, 8, "k%d", i);
}

static void test_budget_and_recency(void)
{
    struct pf_cache *c = cache_new(budget(), drop);
    CHECK(c != NULL);
    /* an entry above an eighth of the budget is refused */
    static char big[1 << 16];
    CHECK(cache_put(c, "big", 1, big, sizeof big, "text/csv", "\"b\"", NULL,
                    false) == NULL);
    char k[8];
    for (int i = 0; i < FIT; i++) {
        key(k, i);
        cache_release(c, put(c, k));
    }
    CHECK_EQ_INT(atomic_load(&drops), 0); /* all FIT fit */
    CHECK(present(c, "k0")); /* k0, the oldest, is now the one used last */
    key(k, FIT);
    cache_release(c, put(c, k)); /* one too many: k1 goes, not k0 */
    CHECK_EQ_INT(atomic_load(&drops), 1);
    CHECK(present(c, "k0"));
    CHECK(!present(c, "k1"));
    for (int i = 2; i <= FIT; i++) {
        key(k, i);
        CHECK(present(c, k));
    }
    /* the same key again replaces the entry */
    cache_release(c, put(c, "k0"));
    CHECK_EQ_INT(atomic_load(&drops), 2);
    CHECK(present(c, "k0"));
    cache_free(c);
    CHECK_EQ_INT(atomic_exchange(&drops, 0), FIT + 2);
}

static void test_generation(void)
{
    struct pf_cache *c = cache_new(1 << 20, drop);
    cache_release(c, put(c, "g"));
    struct pf_cache_entry *e = cache_get(c, "g", 2);
    CHECK(e == NULL); /* built from another dataset */
    e = cache_get(c, "g", 1);
    CHECK(e != NULL);
    cache_release(c, e);
    cache_free(c);
    CHECK_EQ_INT(atomic_exchange(&drops, 0), 1);
}

/* An entry a request still sends from survives eviction and clearing; it
 * is freed by the last release. */
static void test_held_entry(void)
{
    struct pf_cache *c = cache_new(budget(), drop);
    struct pf_cache_entry *held = put(c, "h0");
    char k[8];
    for (int i = 1; i <= FIT; i++) { /* the last one evicts h0 */
        key(k, i);
        cache_release(c, put(c, k));
    }
    CHECK(!present(c, "h0"));
    CHECK_EQ_INT(atomic_load(&drops), 0);
    CHECK_EQ_STR(held->key, "h0");
    CHECK_EQ_INT(held->len, BODY);
    struct pf_cache_entry *held2 = cache_get(c, "k1", 1);
    CHECK(held2 != NULL);
    cache_clear(c);
    CHECK(cache_bytes(c) == 0);
    CHECK_EQ_INT(atomic_load(&drops), FIT - 1); /* all but held2's */
    CHECK_EQ_STR(held2->key, "k1");
    cache_release(c, held);
    cache_release(c, held2);
    CHECK_EQ_INT(atomic_load(&drops), FIT + 1);
    cache_free(c);
    CHECK_EQ_INT(atomic_exchange(&drops, 0), FIT + 1);
}

/* Readers hit and release a few keys while a writer inserts (evicting)
 * and clears: no entry is freed while held (each reader checks its
 * entry's key), and every entry is freed exactly once in the end. */
#define READERS 4
#define ROUNDS  20000
#define KEYS    12

static struct pf_cache *shared;
static atomic_int inserted, bad_reads;

static void *reader(void *arg)
{
    unsigned id = (unsigned)(size_t)arg;
    for (int i = 0; i < ROUNDS; i++) {
        char k[8];
        snprintf(k, sizeof k, "s%u", (id + (unsigned)i) % KEYS);
        struct pf_cache_entry *e = cache_get(shared, k, 1);
        if (e) {
            if (strcmp(e->key, k) != 0 || e->len != BODY)
                atomic_fetch_add(&bad_reads, 1);
            cache_release(shared, e);
        }
    }
    return NULL;
}

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS / 20; i++) {
        char k[8];
        snprintf(k, sizeof k, "s%d", i % KEYS);
        struct pf_cache_entry *e = put(shared, k);
        if (e) {
            atomic_fetch_add(&inserted, 1);
            cache_release(shared, e);
        }
        if (i % 97 == 0)
            cache_clear(shared);
    }
    return NULL;
}

static void test_concurrent(void)
{
    shared = cache_new(budget(), drop); /* 8 of the 12 keys fit */
    pthread_t r[READERS], w;
    for (size_t i = 0; i < READERS; i++)
        pthread_create(&r[i], NULL, reader, (void *)i);
    pthread_create(&w, NULL, writer, NULL);
    for (size_t i = 0; i < READERS; i++)
        pthread_join(r[i], NULL);
    pthread_join(w, NULL);
    cache_free(shared);
    CHECK_EQ_INT(atomic_load(&bad_reads), 0);
    CHECK(atomic_load(&inserted) > 0);
    CHECK_EQ_INT(atomic_exchange(&drops, 0), atomic_load(&inserted));
}

int main(void)
{
    test_budget_and_recency();
    test_generation();
    test_held_entry();
    test_concurrent();
    return check_done("cache");
}
