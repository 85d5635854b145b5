/* Targets against outcomes (see outcome.h): the status rules, one
 * sentence each, the judgement by the 'same' link and the proxies'
 * margins beside it. Pure; must not query or write JSON. */
#include "store/outcome.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static const char *const status_names[] = {
    [OUTCOME_MET] = "met",
    [OUTCOME_MISSED] = "missed",
    [OUTCOME_PENDING] = "pending",
    [OUTCOME_NO_DATA] = "no_data",
};

/* The rules of PF_STATUS_RULES, with the bound each reads. */
static const struct {
    const char *code, *text;
    bool at_least;
} rules[] = {
    {"at_least_low",
     "met when the outcome is at least the target's lower bound (value_low, "
     "else value): 7.4 against \"around 7.5\" is missed",
     true},
    {"at_most",
     "met when the outcome is at most the target's value (value, else "
     "value_high)",
     false},
};

const char *outcome_status_name(enum pf_outcome_status s)
{
    return status_names[s];
}

int outcome_status_find(const char *word)
{
    for (int i = 0; i <= OUTCOME_NO_DATA; i++)
        if (strcmp(word, status_names[i]) == 0)
            return i;
    return -1;
}

const char *outcome_rule_text(const char *rule)
{
    for (size_t i = 0; rule && i < sizeof rules / sizeof *rules; i++)
        if (strcmp(rule, rules[i].code) == 0)
            return rules[i].text;
    return NULL;
}

/* The target's number the rule compares with; false when none. */
static bool bound(const struct pf_fact *t, bool at_least, double *out)
{
    if (at_least && t->has_value_low)
        *out = t->value_low;
    else if (!at_least && !t->has_value && t->has_value_high)
        *out = t->value_high;
    else if (t->has_value)
        *out = t->value;
    else
        return false;
    return true;
}

const struct pf_outcome_link *
outcome_deciding_link(const struct pf_outcome_link *links, size_t n)
{
    for (size_t i = 0; links && i < n; i++)
        if (links[i].match && strcmp(links[i].match, "same") == 0)
            return &links[i];
    return NULL;
}

/* figure - bound in the unit's own precision: 7.4 - 7.5 is -0.1, not
 * -0.0999... */
static double margin_of(double figure, double bound)
{
    return round((figure - bound) * 1e6) / 1e6;
}

void outcome_judge(const struct pf_fact *target,
                   const struct pf_outcome_link *link,
                   const struct pf_fact *fact,
                   struct pf_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->status = OUTCOME_NO_DATA;
    out->status_name = status_names[out->status];
    if (link && (!link->match || strcmp(link->match, "same") != 0)) {
        link = NULL; /* a proxy never decides the status */
        fact = NULL;
    }
    out->link = link;
    out->fact = fact;
    out->rule_text = link ? outcome_rule_text(link->status_rule) : NULL;
    if (!out->rule_text)
        return;
    bool at_least = strcmp(link->status_rule, "at_least_low") == 0;
    out->has_bound = bound(target, at_least, &out->bound);
    if (!out->has_bound || !target->has_target_year)
        return; /* nothing to compare: a target in words, no deadline */
    out->status = OUTCOME_PENDING;
    out->status_name = status_names[out->status];
    if (!fact || !fact->has_value)
        return;
    out->margin = margin_of(fact->value, out->bound);
    out->has_margin = true;
    bool met = at_least ? out->margin >= 0 : out->margin <= 0;
    out->status = met ? OUTCOME_MET : OUTCOME_MISSED;
    out->status_name = status_names[out->status];
}

void outcome_proxy(const struct pf_fact *target,
                   const struct pf_outcome_link *link,
                   const struct pf_fact *fact,
                   struct pf_outcome_proxy *out)
{
    memset(out, 0, sizeof *out);
    out->link = link;
    out->fact = fact;
    if (!outcome_rule_text(link->status_rule))
        return;
    bool at_least = strcmp(link->status_rule, "at_least_low") == 0;
    out->has_bound = bound(target, at_least, &out->bound);
    if (out->has_bound && fact && fact->has_value) {
        out->margin = margin_of(fact->value, out->bound);
        out->has_margin = true;
    }
}
