/* String arena: chunks of at least 16 kB, each string copied once and
 * never moved (pointers into it stay valid until the arena is freed).
 * Knows nothing of what the strings are. */
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK 16384

struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
};

struct pf_arena {
    struct chunk *head;
};

struct pf_arena *arena_new(void)
{
    return calloc(1, sizeof(struct pf_arena));
}

char *arena_strndup(struct pf_arena *a, const char *s, size_t n)
{
    struct chunk *c = a->head;
    if (!c || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;
        c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    char *p = c->data + c->used;
    memcpy(p, s, n);
    p[n] = '\0';
    c->used += n + 1;
    return p;
}

void arena_free(struct pf_arena *a)
{
    if (!a)
        return;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}
