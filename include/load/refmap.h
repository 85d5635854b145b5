/* A small string -> long map (open addressing) for reference-table lookups
 * during a load. Keys are copied. Not thread-safe. */
#ifndef PF_REFMAP_H
#define PF_REFMAP_H

#include <stddef.h>

#include "base/pf.h"

struct refmap {
    char **keys;
    long *vals;
    size_t cap, len;
};

void refmap_init(struct refmap *m);
void refmap_free(struct refmap *m);
/* Returns PF_OK, or PF_ENOMEM. Overwrites an existing key. */
enum pf_err refmap_put(struct refmap *m, const char *key, long val);
/* Returns the value, or -1 when the key is absent. */
long refmap_get(const struct refmap *m, const char *key);

#endif
