/* The row rules: what a single fact must satisfy, as lists of small named
 * rules. A rule checks one thing, reports the problem at the fact's
 * file:line (load_rule_fail) and returns false; it may also derive a value
 * (valid time from the period, the default rank). The lists run in order:
 * references and vocabularies, then values, then provenance (evidence,
 * quotes, rank reasons), then times; within a list a
 * gated rule is skipped once an earlier rule of its list has failed (its
 * inputs are not trustworthy), so each problem is said once.
 *
 * To add a rule: write it beside its kin (rules_refs.c, rules_value.c,
 * rules_provenance.c, rules_time.c) and add one line to that file's list;
 * a new family of
 * rules is a new file with its list, named in rules.c. */
#ifndef PF_LOAD_RULES_H
#define PF_LOAD_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "load/fact.h"
#include "load/refs.h"
#include "load/report.h"

struct load_rule_env {
    const struct load_refs *refs;
    struct load_report *rep;
};

struct load_rule {
    const char *name; /* what it checks, e.g. "range_ordered" */
    bool gated;       /* skipped once an earlier rule of its list failed */
    bool (*check)(const struct load_rule_env *e, struct load_fact *f);
};

struct load_rule_list {
    const char *name;
    const struct load_rule *rules;
    size_t n;
};

extern const struct load_rule_list load_rules_refs;  /* rules_refs.c */
extern const struct load_rule_list load_rules_value; /* rules_value.c */
/* rules_provenance.c */
extern const struct load_rule_list load_rules_provenance;
extern const struct load_rule_list load_rules_time; /* rules_time.c */

/* Runs every list on f. Returns true when no rule failed. */
bool load_rules_check(const struct load_rule_env *e, struct load_fact *f);

/* Reports a problem of f in column col; returns false (for `return
 * load_rule_fail(...)` in a rule). */
bool load_rule_fail(const struct load_rule_env *e,
                    const struct load_fact *f,
                    const char *col,
                    const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));

#endif
