/* Query strings: strict splitting and percent-decoding of the raw request
 * target (query_parse.c), validation against a route's parameter table
 * (query_check.c) and the canonical form (query_canonical.c). Everything
 * works on (ptr, len) and never trusts the input; it is a fuzz target.
 * Errors are collected per parameter so a client sees all of them at once. */
#ifndef PF_QUERY_H
#define PF_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/pf.h"

#define PF_QUERY_MAX  64 /* hard cap; the configured limit is lower */
#define PF_MAX_LIST   50 /* items in one comma list */
#define PF_MAX_ERRORS 8

enum pf_ptype {
    P_TOKEN,  /* one code: [A-Za-z0-9._-]{1,100} */
    P_SET,    /* comma list of codes, order does not matter */
    P_LIST,   /* comma list of codes, order matters */
    P_DATE,   /* YYYY, YYYY-MM or YYYY-MM-DD */
    P_DAY,    /* YYYY-MM-DD only */
    P_YEAR,   /* YYYY */
    P_INT,    /* decimal integer in [min, max] */
    P_ENUM,   /* one of words */
    P_TEXT,   /* free text: UTF-8, no control characters, <= 500 bytes */
    P_CURSOR, /* opaque pagination cursor: base64url */
};

struct pf_pspec {
    const char *name;
    enum pf_ptype type;
    const char *def; /* value assumed when absent (NULL: none) */
    long min, max;
    const char *const *words; /* P_ENUM vocabulary, NULL-terminated */
};

struct pf_kv {
    char *name;
    char *value;
};

struct pf_query {
    struct pf_kv kv[PF_QUERY_MAX];
    size_t n;
    char *mem; /* one block holding every decoded name and value */
};

struct pf_verr {
    const char *param; /* static string or a name inside the query */
    char reason[200];
};

struct pf_verrs {
    struct pf_verr e[PF_MAX_ERRORS];
    size_t n;
    size_t more; /* errors beyond the cap, only counted */
};

void query_verr_add(struct pf_verrs *v, const char *param, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Shows a piece of raw input in an error message without echoing control
 * bytes or unbounded text back: at most n - 1 bytes into out. */
void query_excerpt(const char *s, size_t len, char *out, size_t n);

/* Percent-decodes in[0..len) into out (which must hold len + 1 bytes);
 * '+' becomes a space when plus_space. Rejects malformed escapes, NUL bytes
 * and invalid UTF-8. Returns the decoded length or -1. */
long percent_decode(const char *in, size_t len, char *out, bool plus_space);

/* Splits "a=1&b=2" (without the '?'). Empty pieces ("a=1&&b=2") are
 * skipped. Returns PF_OK, or PF_EINVAL / PF_ENOMEM with errors added to
 * errs. */
enum pf_err query_parse(const char *qs,
                        size_t len,
                        size_t max_params,
                        struct pf_query *out,
                        struct pf_verrs *errs);
void query_free(struct pf_query *q);

/* Checks every parameter against specs (a table ending with a NULL name):
 * unknown names, repeats and values of the wrong type. Returns PF_OK or
 * PF_EINVAL (errors added to errs). */
enum pf_err query_validate(const struct pf_query *q,
                           const struct pf_pspec *specs,
                           struct pf_verrs *errs);

/* The value of name, or NULL. */
const char *query_get(const struct pf_query *q, const char *name);

/* Appends the canonical form of the query: parameters sorted by name,
 * values of sets sorted and de-duplicated, parameters equal to their
 * default dropped. Equivalent requests get the same string. */
void query_canonical(const struct pf_query *q,
                     const struct pf_pspec *specs,
                     struct buf *out);

/* Splits a comma list into items, copying into scratch (len + 1 bytes).
 * Returns the number of items (at most max). */
size_t query_split(const char *v,
                   char *scratch,
                   size_t scratch_len,
                   const char **items,
                   size_t max);

#endif
