/* A target's outcome as JSON (see answers.h): the figure, its source and
 * knowledge time, the status by the 'same' link's rule, the margin, the
 * link's match, and the proxy links' figures beside it. Must not judge
 * (store/outcome.c does) or query. */
#include "render/answers.h"

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jnum(bool has, double v)
{
    return has ? json_real(v) : json_null();
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

/* {measure, subject, match, note, value, period, fact_id, source,
 * known_from, bound, margin}: no status, it never decides one. */
static json_t *proxy_tree(const struct pf_outcome_proxy *p)
{
    const struct pf_fact *f = p->fact;
    const struct pf_outcome_link *l = p->link;
    return json_pack(
        "{s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "measure",
        l->outcome_measure, "subject", jstr(l->subject), "match", "proxy",
        "note", jstr(l->note), "value",
        jnum(f && f->has_value, f ? f->value : 0), "period",
        jstr(f ? f->period : NULL), "fact_id", jstr(f ? f->id : NULL), "source",
        f ? source_ref(f->source_ref) : json_null(), "known_from",
        jstr(f ? f->known_from : NULL), "bound", jnum(p->has_bound, p->bound),
        "margin", jnum(p->has_margin, p->margin));
}

static json_t *proxies_tree(const struct pf_outcome *o)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < o->nproxies; i++)
        if (json_array_append_new(a, proxy_tree(&o->proxies[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

json_t *render_outcome(const struct pf_outcome *o)
{
    const struct pf_fact *f = o->fact;
    const struct pf_outcome_link *l = o->link;
    return json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, "
        "s:o}",
        "value", jnum(f && f->has_value, f ? f->value : 0), "period",
        jstr(f ? f->period : NULL), "fact_id", jstr(f ? f->id : NULL), "source",
        f ? source_ref(f->source_ref) : json_null(), "known_from",
        jstr(f ? f->known_from : NULL), "measure",
        jstr(l ? l->outcome_measure : NULL), "status", o->status_name, "bound",
        jnum(o->has_bound, o->bound), "margin", jnum(o->has_margin, o->margin),
        "match", jstr(l ? l->match : NULL), "note", jstr(l ? l->note : NULL),
        "subject", jstr(l ? l->subject : NULL), "status_rule", rule_tree(o),
        "proxies", proxies_tree(o));
}
