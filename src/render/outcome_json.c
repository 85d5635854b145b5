/* A target's outcome as JSON (see answers.h): the figure, its source and
 * knowledge time, the status by the link's rule, the margin and the
 * link's match. Must not judge (store/outcome.c does) or query. */
#include "render/answers.h"

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *source_ref(const struct pf_source *s)
{
    return json_pack("{s:s, s:o, s:o, s:o}", "id", s->id, "title",
                     jstr(s->title), "url", jstr(s->url), "published",
                     jstr(s->published));
}

static json_t *rule_tree(const struct pf_outcome *o)
{
    if (!o->link)
        return json_null();
    return json_pack("{s:s, s:o}", "code", o->link->status_rule, "text",
                     jstr(o->rule_text));
}

json_t *render_outcome(const struct pf_outcome *o)
{
    const struct pf_fact *f = o->fact;
    const struct pf_outcome_link *l = o->link;
    return json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
        "value", f && f->has_value ? json_real(f->value) : json_null(),
        "period", jstr(f ? f->period : NULL), "fact_id", jstr(f ? f->id : NULL),
        "source", f ? source_ref(f->source_ref) : json_null(), "known_from",
        jstr(f ? f->known_from : NULL), "measure",
        jstr(l ? l->outcome_measure : NULL), "status", o->status_name, "bound",
        o->has_bound ? json_real(o->bound) : json_null(), "margin",
        o->has_margin ? json_real(o->margin) : json_null(), "match",
        jstr(l ? l->match : NULL), "note", jstr(l ? l->note : NULL), "subject",
        jstr(l ? l->subject : NULL), "status_rule", rule_tree(o));
}
