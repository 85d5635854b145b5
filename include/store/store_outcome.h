/* A target's outcome gathered from the store (design C4): its links
 * (store_outcome_links), the figure of each for the target's deadline as
 * known by a day (store_outcome_fact), judged by store/outcome.c: the
 * 'same' link decides the status, the proxies' figures are beside it.
 * Thread-safe like store.h. */
#ifndef PF_STORE_OUTCOME_H
#define PF_STORE_OUTCOME_H

#include <stdbool.h>

#include "store/outcome.h"
#include "store/store_temporal.h"

/* The outcome and the figures it points into; free with
 * store_target_outcome_free. */
struct pf_target_outcome {
    struct pf_outcome o;      /* o.proxies points into proxies */
    struct pf_tfact_list fig; /* the deciding figure (n 0 or 1) */
    struct pf_outcome_proxy *proxies;
    struct pf_tfact_list *proxy_figs;
};

/* target's outcome as known by as_of (NULL: now), with the proxy links'
 * figures when with_proxies (the status alone needs none of them).
 * PF_OK, PF_ENOMEM or PF_EDB; out is empty (and safe to free) on error. */
enum pf_err store_target_outcome(struct pf_store *s,
                                 const struct pf_fact *target,
                                 const char *as_of,
                                 bool with_proxies,
                                 struct pf_target_outcome *out);
void store_target_outcome_free(struct pf_target_outcome *t);

#endif
