/* Response cache: a chained hash table plus a recency list.
 *
 * Lookups are the hot path: every cached answer (and its 304) makes one,
 * from every worker thread, on the same few entries. So a lookup takes the
 * lock shared (readers never wait for each other), takes its reference
 * with an atomic increment, and marks the entry used with a flag instead of
 * moving it in the list; releasing is one atomic decrement, no lock. With a
 * mutex around both (until 2026-11-30), two threads serving one entry
 * collided on it in ~1 % of requests, each time a futex sleep and wake-up.
 * Inserting, evicting and clearing take the lock exclusively. Eviction is
 * second chance (CLOCK): the tail entry goes unless it was looked up since
 * it was inserted or last spared, in which case it is spared: moved to the
 * head, unmarked. */
#include "base/cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/rwlock.h"

#define NBUCKETS 4096

struct node {
    struct pf_cache_entry e;
    uint64_t hash;
    atomic_int refs;  /* the cache's own reference + holders */
    atomic_bool used; /* looked up since inserted or last spared */
    struct node *chain;
    struct node *prev, *next; /* recency: head is the newest */
    size_t cost;
};

struct pf_cache {
    pthread_rwlock_t lock; /* shared: lookups; exclusive: the rest */
    void (*drop)(void *);  /* frees an entry's resp[]/resp304[] slots */
    struct node *table[NBUCKETS];
    struct node *head, *tail;
    size_t bytes, max;
};

static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

struct pf_cache *cache_new(size_t max_bytes, void (*drop)(void *))
{
    struct pf_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (rwlock_init_writer_first(&c->lock) != 0) {
        free(c);
        return NULL;
    }
    c->max = max_bytes;
    c->drop = drop;
    return c;
}

static void node_free(struct pf_cache *c, struct node *n)
{
    for (int i = 0; i < PF_CACHE_SLOTS && c->drop; i++) {
        if (n->e.resp[i])
            c->drop(n->e.resp[i]);
        if (n->e.resp304[i])
            c->drop(n->e.resp304[i]);
    }
    free(n->e.key);
    free(n->e.body);
    free(n->e.link);
    free(n);
}

static void lru_unlink(struct pf_cache *c, struct node *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else
        c->head = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        c->tail = n->prev;
    n->prev = n->next = NULL;
}

static void lru_push(struct pf_cache *c, struct node *n)
{
    n->next = c->head;
    n->prev = NULL;
    if (c->head)
        c->head->prev = n;
    c->head = n;
    if (!c->tail)
        c->tail = n;
}

/* Drops one reference; the last one frees the node. No lock needed: a
 * node still in the table holds the cache's own reference. */
static void unref(struct pf_cache *c, struct node *n)
{
    if (atomic_fetch_sub(&n->refs, 1) == 1)
        node_free(c, n);
}

/* Removes n from the table and list; frees it unless held. Lock held
 * exclusively. */
static void evict(struct pf_cache *c, struct node *n)
{
    struct node **pp = &c->table[n->hash % NBUCKETS];
    while (*pp && *pp != n)
        pp = &(*pp)->chain;
    if (*pp)
        *pp = n->chain;
    lru_unlink(c, n);
    c->bytes -= n->cost;
    unref(c, n);
}

/* Makes room for cost more bytes. Lock held exclusively. Ends: each entry
 * moved to the head loses its mark, so the second pass evicts. */
static void make_room(struct pf_cache *c, size_t cost)
{
    while (c->tail && c->bytes + cost > c->max) {
        struct node *t = c->tail;
        if (atomic_exchange(&t->used, false)) {
            lru_unlink(c, t);
            lru_push(c, t);
        } else {
            evict(c, t);
        }
    }
}

struct pf_cache_entry *
cache_get(struct pf_cache *c, const char *key, unsigned gen)
{
    uint64_t h = hash_key(key);
    struct pf_cache_entry *out = NULL;
    pthread_rwlock_rdlock(&c->lock);
    for (struct node *n = c->table[h % NBUCKETS]; n; n = n->chain) {
        if (n->hash == h && n->e.gen == gen && strcmp(n->e.key, key) == 0) {
            atomic_fetch_add(&n->refs, 1);
            /* read first: a hot entry's line is not written on every hit */
            if (!atomic_load_explicit(&n->used, memory_order_relaxed))
                atomic_store_explicit(&n->used, true, memory_order_relaxed);
            out = &n->e;
            break;
        }
    }
    pthread_rwlock_unlock(&c->lock);
    return out;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

struct pf_cache_entry *cache_put(struct pf_cache *c,
                                 const char *key,
                                 unsigned gen,
                                 const char *body,
                                 size_t len,
                                 const char *content_type,
                                 const char *etag,
                                 const char *link,
                                 bool gzip)
{
    size_t cost =
        len + strlen(key) + sizeof(struct node) + 64 + PF_CACHE_SLOT_COST;
    if (cost > c->max / 8) /* one huge body must not flush everything */
        return NULL;
    struct node *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->e.key = strdup(key);
    n->e.body = malloc(len ? len : 1);
    n->e.link = dup_or_null(link);
    if (!n->e.key || !n->e.body || (link && !n->e.link)) {
        node_free(c, n);
        return NULL;
    }
    if (len) /* an empty body may come as NULL */
        memcpy(n->e.body, body, len);
    n->e.len = len;
    n->e.content_type = content_type;
    strncpy(n->e.etag, etag, sizeof n->e.etag - 1);
    n->e.gzip = gzip;
    n->e.gen = gen;
    n->hash = hash_key(key);
    n->cost = cost;
    atomic_init(&n->refs, 2); /* the cache's and the caller's */
    atomic_init(&n->used, false);

    pthread_rwlock_wrlock(&c->lock);
    /* a concurrent miss may have inserted the same key: replace it */
    for (struct node *o = c->table[n->hash % NBUCKETS]; o; o = o->chain)
        if (o->hash == n->hash && strcmp(o->e.key, key) == 0) {
            evict(c, o);
            break;
        }
    make_room(c, cost);
    n->chain = c->table[n->hash % NBUCKETS];
    c->table[n->hash % NBUCKETS] = n;
    lru_push(c, n);
    c->bytes += cost;
    pthread_rwlock_unlock(&c->lock);
    return &n->e;
}

void cache_release(struct pf_cache *c, struct pf_cache_entry *e)
{
    if (!e)
        return;
    unref(c, (struct node *)e); /* e is the first member */
}

void cache_clear(struct pf_cache *c)
{
    pthread_rwlock_wrlock(&c->lock);
    while (c->head)
        evict(c, c->head);
    pthread_rwlock_unlock(&c->lock);
}

size_t cache_bytes(struct pf_cache *c)
{
    pthread_rwlock_rdlock(&c->lock);
    size_t b = c->bytes;
    pthread_rwlock_unlock(&c->lock);
    return b;
}

void cache_free(struct pf_cache *c)
{
    if (!c)
        return;
    cache_clear(c);
    pthread_rwlock_destroy(&c->lock);
    free(c);
}
