/* An arena of string copies, freed all at once: rows copied out of SQLite
 * keep their strings here. Not thread-safe: one owner at a time. */
#ifndef PF_ARENA_H
#define PF_ARENA_H

#include <stddef.h>

struct pf_arena;

/* NULL when out of memory. */
struct pf_arena *arena_new(void);
/* A copy of s[0..n) followed by a NUL, valid until arena_free; NULL when
 * out of memory. */
char *arena_strndup(struct pf_arena *a, const char *s, size_t n);
/* Frees every copy; NULL is ignored. */
void arena_free(struct pf_arena *a);

#endif
