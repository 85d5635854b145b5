/* Shared helpers for the libFuzzer targets. Every target aborts (and so
 * reports a finding) when one of its invariants fails. */
#ifndef PF_FUZZ_COMMON_H
#define PF_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(cond)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* An exact-size heap copy without a terminating NUL, so ASan sees any read
 * past len by a (ptr, len) parser. */
static inline char *fuzz_dup_exact(const uint8_t *d, size_t n)
{
    char *p = malloc(n ? n : 1);
    if (!p)
        abort();
    if (n)
        memcpy(p, d, n);
    return p;
}

/* A NUL-terminated copy (cut at the first NUL, as a C string API sees it). */
static inline char *fuzz_dup_cstr(const uint8_t *d, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        abort();
    if (n)
        memcpy(p, d, n);
    p[n] = '\0';
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
