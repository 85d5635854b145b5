/* Row rules, last list: the fact's times. Valid time (valid_from,
 * valid_to, else the stated period; a series value's end is set later,
 * across rows), the end the fact states itself, the target year, and
 * knowledge time: known_from as the row gives it with its rule, else
 * derived by a named rule (known_from_derived), never empty. The date
 * parses run first and say every bad date; the derivations and the order
 * check are gated on them. They must not look at values or at references
 * beyond the source and nature found. */
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

/* The rules a row may give with its own known_from; the loader derives
 * the others. */
static bool rule_a_row_gives(const char *rule)
{
    return !strcmp(rule, "row") || !strcmp(rule, "announced") ||
           !strcmp(rule, "bound");
}

/* A row gives known_from and known_from_rule together, or neither. */
static bool known_from_given(const struct load_rule_env *e, struct load_fact *f)
{
    bool date = load_fact_given(f, LF_known_from);
    bool rule = load_fact_given(f, LF_known_from_rule);
    if (date && !rule)
        return load_rule_fail(e, f, "known_from_rule",
                              "a known_from given in the row says how it was "
                              "obtained: row, announced or bound");
    if (rule && !date)
        return load_rule_fail(e, f, "known_from",
                              "known_from_rule '%s' without known_from: "
                              "give the date, or neither (derived)",
                              f->in[LF_known_from_rule]);
    if (rule && !rule_a_row_gives(f->in[LF_known_from_rule]))
        return load_rule_fail(e, f, "known_from_rule",
                              "'%s' is derived by the loader: leave "
                              "known_from empty, or give row, announced or "
                              "bound",
                              f->in[LF_known_from_rule]);
    return true;
}

static bool known_from_date(const struct load_rule_env *e, struct load_fact *f)
{
    return date(e, f, "known_from", f->in[LF_known_from], f->len[LF_known_from],
                true, f->known_by);
}

/* Knowledge time where the row gives none (data/README.md, "Knowledge
 * time"): a tariff layer in force is public by its effective date, or its
 * source's publication date when that is earlier; any other fact is known
 * from its source's publication date (a statistics source's vintage).
 * known_by is the last day the date may mean (2025-05 -> 2025-05-31). */
static bool known_from_derived(const struct load_rule_env *e,
                               struct load_fact *f)
{
    if (load_fact_given(f, LF_known_from))
        return true; /* as given, known_by set by known_from_date */
    const char *pub = f->source ? f->source->published : "";
    char pub_by[LOAD_DATE_LEN] = "";
    if (*pub && !date(e, f, "known_from", pub, strlen(pub), true, pub_by))
        return false;
    bool law = f->nature == LOAD_IN_FORCE &&
               !strcmp(f->in[LF_kind], "tariff_rate") &&
               load_fact_given(f, LF_valid_from);
    if (law && (!*pub || strcmp(f->valid_from, pub_by) < 0)) {
        f->out[LF_known_from] = f->valid_from;
        f->out[LF_known_from_rule] = "effective";
        memcpy(f->known_by, f->valid_from, LOAD_DATE_LEN);
        return true;
    }
    if (!*pub)
        return load_rule_fail(e, f, "known_from",
                              "no knowledge time: give known_from with its "
                              "rule, or a published date for source '%s'",
                              f->in[LF_source_id]);
    f->out[LF_known_from] = pub;
    f->out[LF_known_from_rule] =
        f->source->vintage ? "vintage" : "source_published";
    memcpy(f->known_by, pub_by, LOAD_DATE_LEN);
    return true;
}

/* The end the fact states itself: its valid_to so far (as given, or its
 * period's end for a fact outside a series); an estimate of a series that
 * states no end describes its period, or the day it gives (data/README,
 * "Valid time"). Never fails. */
static bool stated_end(const struct load_rule_env *e, struct load_fact *f)
{
    (void)e;
    const char *end = f->valid_to;
    if (!*end && f->nature == LOAD_ESTIMATE)
        end = f->period_end[0] ? f->period_end : f->valid_from;
    memcpy(f->stated_to, end, LOAD_DATE_LEN);
    return true;
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
    {"known_from_with_rule", false, known_from_given},
    {"known_from_date", false, known_from_date},
    {"valid_time_from_period", true, valid_time_from_period},
    {"valid_time_ordered", true, valid_time_ordered},
    {"stated_end", true, stated_end},
    {"known_from_derived", true, known_from_derived},
};

const struct load_rule_list load_rules_time = {"times", rules,
                                               PF_ARRAY_LEN(rules)};
