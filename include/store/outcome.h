/* A target against its outcome (design C4): which status the outcome
 * series' figure gives the target by its 'same' link's rule, and the
 * figures of its 'proxy' links beside it (never deciding the status).
 * Pure: the store finds the links (store_outcome_links) and the figures
 * (store_outcome_fact, gathered by store_target_outcome); render writes
 * the result. */
#ifndef PF_OUTCOME_H
#define PF_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "store/fact.h"

enum pf_outcome_status {
    OUTCOME_MET,
    OUTCOME_MISSED,
    OUTCOME_PENDING, /* linked, but no figure is known (yet) */
    OUTCOME_NO_DATA, /* no outcome series linked, or nothing to compare */
};

/* A proxy link's figure beside the status: a close but different
 * measure (the link's note says how), compared with the target's bound
 * by the link's rule, without a status of its own. */
struct pf_outcome_proxy {
    const struct pf_outcome_link *link;
    const struct pf_fact *fact; /* the figure; NULL: none */
    bool has_bound, has_margin;
    double bound;  /* the target's number, as the link's rule reads it */
    double margin; /* figure - bound, in the measure's unit */
};

struct pf_outcome {
    enum pf_outcome_status status;
    const struct pf_outcome_link *link; /* the 'same' link; NULL: none */
    const struct pf_fact *fact;         /* the figure; NULL: none */
    bool has_bound, has_margin;
    double bound;            /* the target's number the rule compares with */
    double margin;           /* figure - bound, in the measure's unit */
    const char *status_name; /* outcome_status_name(status) */
    const char *rule_text;   /* the link's rule in a sentence; NULL */
    /* the proxy links' figures (borrowed; outcome_judge sets none) */
    const struct pf_outcome_proxy *proxies;
    size_t nproxies;
};

/* The link that decides the status among a target measure's links: the
 * first whose match is 'same'; NULL when none (a target whose links are
 * all proxies has no status: no_data). */
const struct pf_outcome_link *
outcome_deciding_link(const struct pf_outcome_link *links, size_t n);

/* Judges target (a target fact) by link (NULL: none) and the outcome
 * figure fact (NULL: none known). Only a 'same' link decides: a proxy
 * link is judged as no link (no_data). Never fails. */
void outcome_judge(const struct pf_fact *target,
                   const struct pf_outcome_link *link,
                   const struct pf_fact *fact,
                   struct pf_outcome *out);

/* Sets out to a proxy link's figure fact (NULL: none known) beside
 * target: the bound the link's rule reads and the margin, no status.
 * Never fails. */
void outcome_proxy(const struct pf_fact *target,
                   const struct pf_outcome_link *link,
                   const struct pf_fact *fact,
                   struct pf_outcome_proxy *out);

/* "met", "missed", "pending", "no_data". */
const char *outcome_status_name(enum pf_outcome_status s);
/* The status name's enum; -1 for another word. */
int outcome_status_find(const char *word);
/* The rule's sentence (data/README.md and api-spec say the same); NULL
 * for an unknown rule. */
const char *outcome_rule_text(const char *rule);

#endif
