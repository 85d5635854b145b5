/* A target against its outcome (design C4): which status the outcome
 * series' figure gives the target by the link's rule. Pure: the store
 * finds the link (store_outcome_links) and the figure
 * (store_outcome_fact); render writes the result. */
#ifndef PF_OUTCOME_H
#define PF_OUTCOME_H

#include <stdbool.h>

#include "store/fact.h"

enum pf_outcome_status {
    OUTCOME_MET,
    OUTCOME_MISSED,
    OUTCOME_PENDING, /* linked, but no figure is known (yet) */
    OUTCOME_NO_DATA, /* no outcome series linked, or nothing to compare */
};

struct pf_outcome {
    enum pf_outcome_status status;
    const struct pf_outcome_link *link; /* NULL: none */
    const struct pf_fact *fact;         /* the figure; NULL: none */
    bool has_bound, has_margin;
    double bound;            /* the target's number the rule compares with */
    double margin;           /* figure - bound, in the measure's unit */
    const char *status_name; /* outcome_status_name(status) */
    const char *rule_text;   /* the link's rule in a sentence; NULL */
};

/* Judges target (a target fact) by link (NULL: none) and the outcome
 * figure fact (NULL: none known). Never fails. */
void outcome_judge(const struct pf_fact *target,
                   const struct pf_outcome_link *link,
                   const struct pf_fact *fact,
                   struct pf_outcome *out);

/* "met", "missed", "pending", "no_data". */
const char *outcome_status_name(enum pf_outcome_status s);
/* The status name's enum; -1 for another word. */
int outcome_status_find(const char *word);
/* The rule's sentence (data/README.md and api-spec say the same); NULL
 * for an unknown rule. */
const char *outcome_rule_text(const char *rule);

#endif
