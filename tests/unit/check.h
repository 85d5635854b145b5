/* A minimal test harness: CHECK macros count failures and report the
 * expression and location; check_done() prints a summary and returns the
 * process exit code. No framework dependency. */
#ifndef PF_CHECK_H
#define PF_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures, check_count;

#define CHECK(cond)                                                            \
    do {                                                                       \
        check_count++;                                                         \
        if (!(cond)) {                                                         \
            check_failures++;                                                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
        }                                                                      \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                     \
    do {                                                                       \
        long long va_ = (long long)(a), vb_ = (long long)(b);                  \
        check_count++;                                                         \
        if (va_ != vb_) {                                                      \
            check_failures++;                                                  \
            fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n",        \
                    __FILE__, __LINE__, #a, va_, #b, vb_);                     \
        }                                                                      \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                     \
    do {                                                                       \
        const char *sa_ = (a), *sb_ = (b);                                     \
        check_count++;                                                         \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                           \
            check_failures++;                                                  \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n",          \
                    __FILE__, __LINE__, #a, sa_ ? sa_ : "(null)",              \
                    sb_ ? sb_ : "(null)");                                     \
        }                                                                      \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                            \
    do {                                                                       \
        const char *h_ = (hay), *n_ = (needle);                                \
        check_count++;                                                         \
        if (!h_ || !strstr(h_, n_)) {                                          \
            check_failures++;                                                  \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n",         \
                    __FILE__, __LINE__, h_ ? h_ : "(null)", n_);               \
        }                                                                      \
    } while (0)

/* The whole file at path, NUL-terminated, its length in *len (free it);
 * NULL when it cannot be opened. */
static inline char *check_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    *len = 0;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    *len = fread(p, 1, (size_t)n, f);
    p[*len] = '\0';
    fclose(f);
    return p;
}

static inline int check_done(const char *name)
{
    fprintf(stderr, "%s: %d checks, %d failed\n", name, check_count,
            check_failures);
    return check_failures ? 1 : 0;
}

#endif
