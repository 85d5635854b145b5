/* The row rules' runner and the order of their lists (see rules.h). It
 * owns the gating: which rules run after another failed. It must not
 * hold a rule itself. */
#include "load/rules.h"

#include <stdarg.h>

/* In order: a value is checked against the measure found by the
 * references, a quote against the parsed value, and knowledge time falls
 * back on the source and nature they found. */
static const struct load_rule_list *const lists[] = {
    &load_rules_refs,
    &load_rules_value,
    &load_rules_provenance,
    &load_rules_time,
};

static bool run_list(const struct load_rule_env *e,
                     const struct load_rule_list *l,
                     struct load_fact *f)
{
    bool ok = true;
    for (size_t i = 0; i < l->n; i++) {
        const struct load_rule *r = &l->rules[i];
        if (r->gated && !ok)
            continue;
        if (!r->check(e, f))
            ok = false;
    }
    return ok;
}

bool load_rules_check(const struct load_rule_env *e, struct load_fact *f)
{
    bool ok = true;
    for (size_t i = 0; i < PF_ARRAY_LEN(lists); i++)
        ok &= run_list(e, lists[i], f);
    return ok;
}

bool load_rule_fail(const struct load_rule_env *e,
                    const struct load_fact *f,
                    const char *col,
                    const char *fmt,
                    ...)
{
    va_list ap;
    va_start(ap, fmt);
    load_report_vat(e->rep, f->file, f->line, col, fmt, ap);
    va_end(ap);
    return false;
}
