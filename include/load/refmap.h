/* A small string -> long map (open addressing) for reference-table lookups
 * during a load. Keys are copied. Not thread-safe. */
#ifndef PF_REFMAP_H
#define PF_REFMAP_H

#include <stddef.h>

struct refmap {
    char **keys;
    long *vals;
    size_t cap, len;
};

void refmap_init(struct refmap *m);
void refmap_free(struct refmap *m);
/* Returns 0, or -1 when out of memory. Overwrites an existing key. */
int refmap_put(struct refmap *m, const char *key, long val);
/* Returns the value, or -1 when the key is absent. */
long refmap_get(const struct refmap *m, const char *key);

#endif
