/* Store snapshots: opening and verifying a file, reference counting, and
 * the slot a layer above may fill per snapshot. Must not hold query logic
 * (store_facts.c) or the connection pool's workings (store_conn.c). */
#include "store/store_int.h"

#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/snapshot_uri.h"

static void store_free(struct pf_store *s)
{
    struct pf_conn *c = s->idle;
    while (c) {
        struct pf_conn *next = c->next;
        store_conn_close(c);
        c = next;
    }
    void *slot = atomic_load(&s->slot);
    if (slot && s->slot_destroy)
        s->slot_destroy(slot);
    store_refs_free(s);
    if (s->fd >= 0)
        close(s->fd);
    pthread_mutex_destroy(&s->lock);
    free(s->path);
    free(s);
#ifdef __GLIBC__
    /* A replaced snapshot frees its page caches and tables in many
     * threads' arenas; hand the free space back to the system, or RSS
     * creeps up by a few hundred kB per reload under load. */
    malloc_trim(0);
#endif
}

enum pf_err
store_open(const char *path, struct pf_store **out, char *why, size_t whylen)
{
    struct pf_store *s = calloc(1, sizeof *s);
    struct pf_conn *c = NULL;
    enum pf_err err = PF_EIO;

    *out = NULL;
    if (!s) {
        snprintf(why, whylen, "out of memory");
        return PF_ENOMEM;
    }
    s->fd = -1;
    atomic_init(&s->refs, 1);
    atomic_init(&s->slot, NULL);
    pthread_mutex_init(&s->lock, NULL);
    s->path = strdup(path);
    /* Pin the inode first, then verify through it: a file renamed over
     * path later cannot slip in between the check and the use. */
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (!s->path || s->fd < 0) {
        snprintf(why, whylen, "%s: cannot open", path);
        goto fail;
    }
    char fdpath[64];
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", s->fd);
    struct stat sb;
    const char *target = stat(fdpath, &sb) == 0 ? fdpath : path;
    if (store_snapshot_check(target, false, &s->info, why, whylen) != PF_OK) {
        /* keep the operator's path in the message, not /proc/... */
        if (target != path)
            store_snapshot_check(path, false, &s->info, why, whylen);
        goto fail;
    }
    store_snapshot_uri(target, s->uri, sizeof s->uri);
    c = store_conn_open(s);
    if (!c) {
        snprintf(why, whylen, "%s: cannot open with SQLite", path);
        goto fail;
    }
    err = store_refs_load(s, c->db);
    if (err != PF_OK) {
        snprintf(why, whylen, "%s: cannot read reference tables", path);
        goto fail;
    }
    store_conn_put(s, c);
    *out = s;
    return PF_OK;
fail:
    store_conn_close(c);
    store_free(s);
    return err == PF_ENOMEM ? PF_ENOMEM : PF_EIO;
}

void store_retain(struct pf_store *s)
{
    atomic_fetch_add(&s->refs, 1);
}

void store_release(struct pf_store *s)
{
    if (s && atomic_fetch_sub(&s->refs, 1) == 1)
        store_free(s);
}

const struct pf_dsinfo *store_info(const struct pf_store *s)
{
    return &s->info;
}

void *store_slot_get(const struct pf_store *s)
{
    return atomic_load_explicit(&((struct pf_store *)s)->slot,
                                memory_order_acquire);
}

void *store_slot_set(struct pf_store *s, void *v, void (*destroy)(void *))
{
    void *expected = NULL;
    if (atomic_compare_exchange_strong_explicit(&s->slot, &expected, v,
                                                memory_order_acq_rel,
                                                memory_order_acquire)) {
        /* only the winner writes it; store_free reads it after the last
         * reference (the winner's among them) is dropped */
        s->slot_destroy = destroy;
        return v;
    }
    destroy(v);
    return expected;
}
