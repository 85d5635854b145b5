/* A fact on its way into the store: the typed row every source adapter
 * produces, and the one way in for it (load_fact_add: the row rules, then
 * the insert). Its fields are PF_FACT_FIELDS (store/fact_schema.h), in
 * that order; LF_<name> indexes them. */
#ifndef PF_LOAD_FACT_H
#define PF_LOAD_FACT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pf.h"
#include "load/refs.h"
#include "store/fact_schema.h"

struct load_ctx;

enum load_field {
#define LOAD_FIELD_ENUM(name, type, flags) LF_##name,
    PF_FACT_FIELDS(LOAD_FIELD_ENUM)
#undef LOAD_FIELD_ENUM
        LF_COUNT
};

/* Dates as "YYYY-MM-DD" plus NUL, or "" when there is none. */
#define LOAD_DATE_LEN 11

struct load_fact {
    /* Set by the adapter: load_fact_init, then load_fact_set for each
     * field it has. The texts must stay valid until load_fact_add
     * returns. */
    const char *file; /* where the fact came from, for messages */
    long line;
    const char *in[LF_COUNT]; /* as given; "" when absent, never NULL */
    size_t len[LF_COUNT];

    /* Set by the row rules (rules.h) and read by the insert. */
    const char *out[LF_COUNT]; /* stored text: as given, or derived */
    double num[LF_COUNT];      /* REAL and INT fields, parsed */
    bool has_num[LF_COUNT];
    const struct load_measure *measure; /* NULL: unknown */
    const struct load_source *source;   /* NULL: unknown */
    char period_start[LOAD_DATE_LEN], period_end[LOAD_DATE_LEN];
    char valid_from[LOAD_DATE_LEN], valid_to[LOAD_DATE_LEN];
    char stated_to[LOAD_DATE_LEN]; /* the end the fact states itself */
    char known_by[LOAD_DATE_LEN];  /* the day by which it was surely known */
    int rank_ord;                  /* position in PF_RANKS */
    enum load_nature nature;       /* its measure's */
};

/* Every field absent, nothing derived; origin file:line. */
void load_fact_init(struct load_fact *f, const char *file, long line);

/* Sets field k to the n bytes at s (NUL-terminated at s[n]), as given and
 * as stored (until a rule derives another value). */
void load_fact_set(struct load_fact *f,
                   enum load_field k,
                   const char *s,
                   size_t n);

static inline bool load_fact_given(const struct load_fact *f, enum load_field k)
{
    return f->len[k] > 0;
}

/* Checks f with every row rule and inserts it when all pass. Problems in
 * the fact are reported at its file:line and the result is PF_OK; any
 * other result (PF_EDB, PF_ENOMEM: reported) is a failure of the load. */
enum pf_err load_fact_add(struct load_ctx *c, struct load_fact *f);

#endif
