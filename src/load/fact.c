/* The one way in for facts from every source adapter (see fact.h): the
 * row rules, then the insert. It must not check anything itself (that is
 * the rules' job) nor know where a fact came from beyond its file:line. */
#include "load/fact.h"

#include <string.h>

#include "load/ctx.h"
#include "load/insert.h"
#include "load/rules.h"

void load_fact_init(struct load_fact *f, const char *file, long line)
{
    memset(f, 0, sizeof *f);
    f->file = file;
    f->line = line;
    for (size_t k = 0; k < LF_COUNT; k++)
        f->in[k] = f->out[k] = "";
}

void load_fact_set(struct load_fact *f,
                   enum load_field k,
                   const char *s,
                   size_t n)
{
    f->in[k] = f->out[k] = s;
    f->len[k] = n;
}

enum pf_err load_fact_add(struct load_ctx *c, struct load_fact *f)
{
    const struct load_rule_env env = {.refs = &c->refs, .rep = &c->rep};
    if (!load_rules_check(&env, f))
        return PF_OK; /* reported by the rules */
    return load_insert_fact(&c->ins, &c->rep, f);
}
