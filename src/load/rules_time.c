/* Row rules, third list: the fact's times. Valid time (valid_from,
 * valid_to, else the stated period; a series value's end is set later,
 * across rows), the target year, and knowledge time (known_from, derived
 * by a named rule where the row gives none). The date parses run first
 * and say every bad date; the derivation and the order check are gated on
 * them. They must not look at values or at references beyond the source
 * found. */
#include <string.h>

#include "base/date.h"
#include "load/rules.h"
#include "load/validate.h"

/* A date field's text, normalised to the first (or, with end, the last)
 * day of its period into out; "" when absent. */
static bool date(const struct load_rule_env *e,
                 struct load_fact *f,
                 const char *col,
                 const char *s,
                 size_t len,
                 bool end,
                 char out[LOAD_DATE_LEN])
{
    struct pf_date d;
    out[0] = '\0';
    if (len == 0)
        return true;
    if (!date_parse(s, len, &d))
        return load_rule_fail(
            e, f, col,
            "'%s' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)", s);
    if (end)
        date_end(&d, out);
    else
        date_start(&d, out);
    return true;
}

/* The period is read twice, for its first and its last day (so a bad
 * period is reported twice, as it always was). */
static bool period_start(const struct load_rule_env *e, struct load_fact *f)
{
    return date(e, f, "period", f->in[LF_period], f->len[LF_period], false,
                f->period_start);
}

static bool period_end(const struct load_rule_env *e, struct load_fact *f)
{
    return date(e, f, "period", f->in[LF_period], f->len[LF_period], true,
                f->period_end);
}

static bool valid_from_date(const struct load_rule_env *e, struct load_fact *f)
{
    f->out[LF_valid_from] = f->valid_from;
    return date(e, f, "valid_from", f->in[LF_valid_from], f->len[LF_valid_from],
                false, f->valid_from);
}

static bool valid_to_date(const struct load_rule_env *e, struct load_fact *f)
{
    f->out[LF_valid_to] = f->valid_to;
    return date(e, f, "valid_to", f->in[LF_valid_to], f->len[LF_valid_to], true,
                f->valid_to);
}

static bool target_year(const struct load_rule_env *e, struct load_fact *f)
{
    int y = 0;
    if (!load_fact_given(f, LF_target_year))
        return true;
    const char *why =
        validate_year(f->in[LF_target_year], f->len[LF_target_year], &y);
    if (why)
        return load_rule_fail(e, f, "target_year", "'%s': %s",
                              f->in[LF_target_year], why);
    f->num[LF_target_year] = y;
    f->has_num[LF_target_year] = true;
    return true;
}

/* Knowledge time: the row's own known_from, else its source's publication
 * date; as_of compares against the last day it may mean (known_by). */
static bool known_from(const struct load_rule_env *e, struct load_fact *f)
{
    const char *s = f->in[LF_known_from];
    if (!load_fact_given(f, LF_known_from))
        s = f->source ? f->source->published : "";
    f->out[LF_known_from] = s;
    return date(e, f, "known_from", s, strlen(s), true, f->known_by);
}

/* Valid time from the period where the row gives none; a series value
 * ends where the next one starts (set across rows, cross_checks.c), so
 * the period does not end it. Never fails. */
static bool valid_time_from_period(const struct load_rule_env *e,
                                   struct load_fact *f)
{
    (void)e;
    if (!f->valid_from[0])
        memcpy(f->valid_from, f->period_start, sizeof f->valid_from);
    if (!f->valid_to[0] && !load_fact_given(f, LF_series))
        memcpy(f->valid_to, f->period_end, sizeof f->valid_to);
    return true;
}

static bool valid_time_ordered(const struct load_rule_env *e,
                               struct load_fact *f)
{
    if (f->valid_from[0] && f->valid_to[0] &&
        strcmp(f->valid_from, f->valid_to) > 0)
        return load_rule_fail(e, f, "valid_to",
                              "ends (%s) before it starts (%s)", f->valid_to,
                              f->valid_from);
    return true;
}

static const struct load_rule rules[] = {
    {"period_start", false, period_start},
    {"period_end", false, period_end},
    {"valid_from_date", false, valid_from_date},
    {"valid_to_date", false, valid_to_date},
    {"target_year", false, target_year},
    {"known_from_row_or_source", false, known_from},
    {"valid_time_from_period", true, valid_time_from_period},
    {"valid_time_ordered", true, valid_time_ordered},
};

const struct load_rule_list load_rules_time = {"times", rules,
                                               PF_ARRAY_LEN(rules)};
