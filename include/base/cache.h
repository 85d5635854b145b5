/* The in-process response cache: finished bodies keyed by route,
 * canonical query, representation and base URL. Bounded in bytes, with
 * second-chance eviction (an approximation of least recently used). Entries are
 * reference-counted so a hit is sent straight from the cached bytes (no copy)
 * while the cache may evict or be cleared. Thread-safe. */
#ifndef PF_CACHE_H
#define PF_CACHE_H

#include <stdbool.h>
#include <stddef.h>

/* Worker threads beyond this many build every response afresh. */
#define PF_CACHE_SLOTS 16
/* Memory counted per entry for its slots' responses (headers only). */
#define PF_CACHE_SLOT_COST 4096

struct pf_cache;

struct pf_cache_entry {
    /* read-only after insertion */
    char *key;
    char *body;
    size_t len;
    const char *content_type; /* static string */
    char etag[80];
    char *link;   /* Link header value or NULL */
    bool gzip;    /* body is gzip-coded */
    unsigned gen; /* dataset generation it was built from */
    /* Responses built over this entry by its users, one slot per worker
     * thread; each slot is read and written only by its own thread while
     * it holds the entry, and dropped (the callback given to cache_new)
     * when the entry is freed. */
    void *resp[PF_CACHE_SLOTS];
    void *resp304[PF_CACHE_SLOTS]; /* the same for its 304 */
};

/* drop: frees one filled resp[] or resp304[] slot of an entry being freed;
 * may be NULL */
struct pf_cache *cache_new(size_t max_bytes, void (*drop)(void *));
void cache_free(struct pf_cache *c);
/* Returns a held entry (release it) or NULL. */
struct pf_cache_entry *
cache_get(struct pf_cache *c, const char *key, unsigned gen);
/* Stores a copy of the response; returns it held (release it), or NULL
 * when it does not fit or memory is short. */
struct pf_cache_entry *cache_put(struct pf_cache *c,
                                 const char *key,
                                 unsigned gen,
                                 const char *body,
                                 size_t len,
                                 const char *content_type,
                                 const char *etag,
                                 const char *link,
                                 bool gzip);
void cache_release(struct pf_cache *c, struct pf_cache_entry *e);
/* Drops every entry (held ones die when released). */
void cache_clear(struct pf_cache *c);
size_t cache_bytes(struct pf_cache *c);

#endif
