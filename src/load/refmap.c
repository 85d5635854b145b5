/* Open-addressing hash map with linear probing, kept at most half full.
 * A container only: it knows nothing of what its keys name. */
#include "load/refmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

void refmap_init(struct refmap *m)
{
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->len = 0;
}

void refmap_free(struct refmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    refmap_init(m);
}

static size_t slot(const struct refmap *m, const char *key)
{
    size_t i = (size_t)hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static enum pf_err grow(struct refmap *m)
{
    struct refmap n;
    n.cap = m->cap ? m->cap * 2 : 64;
    n.len = 0;
    n.keys = calloc(n.cap, sizeof *n.keys);
    n.vals = calloc(n.cap, sizeof *n.vals);
    if (!n.keys || !n.vals) {
        free(n.keys);
        free(n.vals);
        return PF_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t s = slot(&n, m->keys[i]);
        n.keys[s] = m->keys[i];
        n.vals[s] = m->vals[i];
        n.len++;
    }
    free(m->keys);
    free(m->vals);
    *m = n;
    return PF_OK;
}

enum pf_err refmap_put(struct refmap *m, const char *key, long val)
{
    if ((m->len + 1) * 2 > m->cap && grow(m) != PF_OK)
        return PF_ENOMEM;
    size_t s = slot(m, key);
    if (!m->keys[s]) {
        m->keys[s] = strdup(key);
        if (!m->keys[s])
            return PF_ENOMEM;
        m->len++;
    }
    m->vals[s] = val;
    return PF_OK;
}

long refmap_get(const struct refmap *m, const char *key)
{
    if (m->cap == 0)
        return -1;
    size_t s = slot(m, key);
    return m->keys[s] ? m->vals[s] : -1;
}
