/* The store's queries for the temporal answers: a pair's tariff facts
 * with the derived columns the rules read (temporal.h), and a target's
 * outcome as known by a day. Thread-safe like store.h; errors are logged
 * here, once. */
#ifndef PF_STORE_TEMPORAL_H
#define PF_STORE_TEMPORAL_H

#include "store/store.h"
#include "store/temporal.h"

/* Facts owned by the caller (strings copied into mem). */
struct pf_tfact_list {
    struct pf_tfact *v;
    size_t n;
    struct pf_arena *mem;
};
void store_tfact_list_free(struct pf_tfact_list *l);

/* Every tariff fact (any rank, any knowledge time) of imposer on target
 * and, when target is not WLD, on WLD, in id order, each with its
 * series.csv row. PF_OK, PF_ENOMEM or PF_EDB. */
enum pf_err store_pair_facts(struct pf_store *s,
                             const char *imposer,
                             const char *target,
                             struct pf_tfact_list *out);

/* The outcome of a target under link for year: the best-ranked
 * non-deprecated fact of the link's outcome measure and subject whose
 * period is the year, known by as_of (NULL: any), then the latest known.
 * PF_OK with out->n 0 or 1, PF_ENOMEM or PF_EDB. */
enum pf_err store_outcome_fact(struct pf_store *s,
                               const struct pf_outcome_link *link,
                               long long year,
                               const char *as_of,
                               struct pf_tfact_list *out);

#endif
