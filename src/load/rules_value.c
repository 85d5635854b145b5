/* Row rules, second list: the fact's value — one of a number, a range
 * (value_low..value_high, qualifier 'range') or words (value_text), of the
 * form its measure takes and within the measure's plausible range. The
 * three number parses run first and say every bad number; the rest are
 * gated on all before them, so only the first problem of a value is said.
 * They must not look at references (beyond the measure found) or dates. */
#include <string.h>

#include "load/rules.h"
#include "load/validate.h"

static bool has_range(const struct load_fact *f)
{
    return load_fact_given(f, LF_value_low) ||
           load_fact_given(f, LF_value_high);
}

static bool number(const struct load_rule_env *e,
                   struct load_fact *f,
                   enum load_field k,
                   const char *col)
{
    if (!load_fact_given(f, k))
        return true;
    const char *why = validate_number(f->in[k], f->len[k], &f->num[k]);
    if (why)
        return load_rule_fail(e, f, col, "'%s' %s", f->in[k], why);
    f->has_num[k] = true;
    return true;
}

static bool value_is_number(const struct load_rule_env *e, struct load_fact *f)
{
    return number(e, f, LF_value, "value");
}

static bool low_is_number(const struct load_rule_env *e, struct load_fact *f)
{
    return number(e, f, LF_value_low, "value_low");
}

static bool high_is_number(const struct load_rule_env *e, struct load_fact *f)
{
    return number(e, f, LF_value_high, "value_high");
}

static bool range_complete(const struct load_rule_env *e, struct load_fact *f)
{
    bool low = load_fact_given(f, LF_value_low);
    if (has_range(f) && (!low || !load_fact_given(f, LF_value_high)))
        return load_rule_fail(e, f, low ? "value_high" : "value_low",
                              "a range needs both value_low and value_high");
    return true;
}

static bool range_ordered(const struct load_rule_env *e, struct load_fact *f)
{
    if (has_range(f) && f->num[LF_value_low] > f->num[LF_value_high])
        return load_rule_fail(e, f, "value_high",
                              "range low %s is above high %s",
                              f->in[LF_value_low], f->in[LF_value_high]);
    return true;
}

static bool one_form(const struct load_rule_env *e, struct load_fact *f)
{
    if (load_fact_given(f, LF_value) + has_range(f) +
            load_fact_given(f, LF_value_text) >
        1)
        return load_rule_fail(
            e, f, "value",
            "give only one of value, value_low/value_high, value_text");
    return true;
}

static bool range_qualified(const struct load_rule_env *e, struct load_fact *f)
{
    bool range = has_range(f);
    if (range != (strcmp(f->in[LF_qualifier], "range") == 0))
        return load_rule_fail(e, f, "qualifier", "%s",
                              range ? "a range must have qualifier 'range'"
                                    : "qualifier 'range' needs value_low and "
                                      "value_high");
    return true;
}

/* Every kind but a statement states a value. */
static bool value_given(const struct load_rule_env *e, struct load_fact *f)
{
    if (!load_fact_given(f, LF_value) && !has_range(f) &&
        !load_fact_given(f, LF_value_text) &&
        strcmp(f->in[LF_kind], "statement") != 0)
        return load_rule_fail(e, f, "value",
                              "no value: give value, value_low and "
                              "value_high, or value_text");
    return true;
}

static bool numeric_not_words(const struct load_rule_env *e,
                              struct load_fact *f)
{
    const struct load_measure *m = f->measure;
    if (m && m->numeric && load_fact_given(f, LF_value_text))
        return load_rule_fail(e, f, "value_text",
                              "measure '%s' is numeric (%s): use value",
                              f->in[LF_measure], m->unit);
    return true;
}

static bool words_not_numbers(const struct load_rule_env *e,
                              struct load_fact *f)
{
    const struct load_measure *m = f->measure;
    if (m && !m->numeric && (load_fact_given(f, LF_value) || has_range(f)))
        return load_rule_fail(e, f, "value",
                              "measure '%s' is not numeric (%s): use "
                              "value_text",
                              f->in[LF_measure], m->unit);
    return true;
}

/* The value, or both ends of the range, within the measure's range. */
static bool plausible(const struct load_rule_env *e, struct load_fact *f)
{
    const struct load_measure *m = f->measure;
    bool range = has_range(f), value = load_fact_given(f, LF_value);
    double probe[2] = {value ? f->num[LF_value] : f->num[LF_value_low],
                       f->num[LF_value_high]};
    if (!m)
        return true;
    for (int i = 0; i < (range ? 2 : (value ? 1 : 0)); i++) {
        if (probe[i] < m->min || probe[i] > m->max)
            return load_rule_fail(e, f, range ? "value_low" : "value",
                                  "%g is outside the plausible range %g..%g "
                                  "for measure '%s' (%s)",
                                  probe[i], m->min, m->max, f->in[LF_measure],
                                  m->unit);
    }
    return true;
}

static const struct load_rule rules[] = {
    {"value_is_number", false, value_is_number},
    {"value_low_is_number", false, low_is_number},
    {"value_high_is_number", false, high_is_number},
    {"range_complete", true, range_complete},
    {"range_ordered", true, range_ordered},
    {"one_value_form", true, one_form},
    {"range_qualified", true, range_qualified},
    {"value_given", true, value_given},
    {"numeric_measure_not_words", true, numeric_not_words},
    {"words_measure_not_numbers", true, words_not_numbers},
    {"value_plausible", true, plausible},
};

const struct load_rule_list load_rules_value = {"values", rules,
                                                PF_ARRAY_LEN(rules)};
