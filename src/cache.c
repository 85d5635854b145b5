/* Response cache: a chained hash table plus an LRU list under one mutex.
 * The critical sections are a hash lookup and a few pointer moves; bodies
 * are copied outside the lock. */
#include "cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 4096

struct node {
    struct pf_cache_entry e;
    uint64_t hash;
    int refs;      /* the cache's own reference + holders */
    bool in_cache; /* still reachable from the table */
    struct node *chain;
    struct node *prev, *next; /* LRU: head is most recent */
    size_t cost;
};

struct pf_cache {
    pthread_mutex_t lock;
    void (*drop)(void *); /* frees an entry's resp[]/resp304[] slots */
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
    pthread_mutex_init(&c->lock, NULL);
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

/* Removes n from the table and list; frees it unless held. Lock held. */
static void evict(struct pf_cache *c, struct node *n)
{
    struct node **pp = &c->table[n->hash % NBUCKETS];
    while (*pp && *pp != n)
        pp = &(*pp)->chain;
    if (*pp)
        *pp = n->chain;
    lru_unlink(c, n);
    c->bytes -= n->cost;
    n->in_cache = false;
    if (--n->refs == 0)
        node_free(c, n);
}

struct pf_cache_entry *
cache_get(struct pf_cache *c, const char *key, unsigned gen)
{
    uint64_t h = hash_key(key);
    struct pf_cache_entry *out = NULL;
    pthread_mutex_lock(&c->lock);
    for (struct node *n = c->table[h % NBUCKETS]; n; n = n->chain) {
        if (n->hash == h && n->e.gen == gen && strcmp(n->e.key, key) == 0) {
            n->refs++;
            lru_unlink(c, n);
            lru_push(c, n);
            out = &n->e;
            break;
        }
    }
    pthread_mutex_unlock(&c->lock);
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
    n->refs = 2; /* the cache's and the caller's */
    n->in_cache = true;

    pthread_mutex_lock(&c->lock);
    /* a concurrent miss may have inserted the same key: replace it */
    for (struct node *o = c->table[n->hash % NBUCKETS]; o; o = o->chain)
        if (o->hash == n->hash && strcmp(o->e.key, key) == 0) {
            evict(c, o);
            break;
        }
    while (c->tail && c->bytes + cost > c->max)
        evict(c, c->tail);
    n->chain = c->table[n->hash % NBUCKETS];
    c->table[n->hash % NBUCKETS] = n;
    lru_push(c, n);
    c->bytes += cost;
    pthread_mutex_unlock(&c->lock);
    return &n->e;
}

void cache_release(struct pf_cache *c, struct pf_cache_entry *e)
{
    if (!e)
        return;
    struct node *n = (struct node *)e; /* e is the first member */
    pthread_mutex_lock(&c->lock);
    bool last = --n->refs == 0;
    pthread_mutex_unlock(&c->lock);
    if (last)
        node_free(c, n);
}

void cache_clear(struct pf_cache *c)
{
    pthread_mutex_lock(&c->lock);
    while (c->head)
        evict(c, c->head);
    pthread_mutex_unlock(&c->lock);
}

size_t cache_bytes(struct pf_cache *c)
{
    pthread_mutex_lock(&c->lock);
    size_t b = c->bytes;
    pthread_mutex_unlock(&c->lock);
    return b;
}

void cache_free(struct pf_cache *c)
{
    if (!c)
        return;
    cache_clear(c);
    pthread_mutex_destroy(&c->lock);
    free(c);
}
