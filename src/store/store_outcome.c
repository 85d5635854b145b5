/* A target's outcome gathered from the store (see store_outcome.h): finds
 * the links and reads each one's figure, then hands them to outcome.c.
 * Must not judge (outcome.c does) or write JSON. */
#include "store/store_outcome.h"

#include <stdlib.h>
#include <string.h>

void store_target_outcome_free(struct pf_target_outcome *t)
{
    store_tfact_list_free(&t->fig);
    for (size_t i = 0; t->proxy_figs && i < t->o.nproxies; i++)
        store_tfact_list_free(&t->proxy_figs[i]);
    free(t->proxy_figs);
    free(t->proxies);
    memset(t, 0, sizeof *t);
}

/* The figure of link for target's deadline as known by as_of into fig
 * (empty when the target has no deadline). */
static enum pf_err figure(struct pf_store *s,
                          const struct pf_fact *target,
                          const struct pf_outcome_link *link,
                          const char *as_of,
                          struct pf_tfact_list *fig)
{
    memset(fig, 0, sizeof *fig);
    if (!link || !target->has_target_year)
        return PF_OK;
    return store_outcome_fact(s, link, target->target_year, as_of, fig);
}

/* The proxy links among links[0..n) with their figures, into out. */
static enum pf_err proxies(struct pf_store *s,
                           const struct pf_fact *target,
                           const struct pf_outcome_link *links,
                           size_t n,
                           const char *as_of,
                           struct pf_target_outcome *out)
{
    size_t k = 0;
    out->proxies = calloc(n, sizeof *out->proxies);
    out->proxy_figs = calloc(n, sizeof *out->proxy_figs);
    if (!out->proxies || !out->proxy_figs)
        return PF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (!links[i].match || strcmp(links[i].match, "proxy") != 0)
            continue;
        struct pf_tfact_list *fig = &out->proxy_figs[k];
        enum pf_err err = figure(s, target, &links[i], as_of, fig);
        if (err != PF_OK)
            return err;
        outcome_proxy(target, &links[i], fig->n ? &fig->v[0].f : NULL,
                      &out->proxies[k]);
        out->o.nproxies = ++k;
    }
    out->o.proxies = out->proxies;
    return PF_OK;
}

enum pf_err store_target_outcome(struct pf_store *s,
                                 const struct pf_fact *target,
                                 const char *as_of,
                                 bool with_proxies,
                                 struct pf_target_outcome *out)
{
    size_t n;
    const struct pf_outcome_link *links =
        store_outcome_links(s, target->measure, &n);
    const struct pf_outcome_link *same = outcome_deciding_link(links, n);
    memset(out, 0, sizeof *out);
    enum pf_err err = figure(s, target, same, as_of, &out->fig);
    if (err != PF_OK)
        goto done;
    outcome_judge(target, same, out->fig.n ? &out->fig.v[0].f : NULL, &out->o);
    if (with_proxies && n)
        err = proxies(s, target, links, n, as_of, out);
done:
    if (err != PF_OK)
        store_target_outcome_free(out);
    return err;
}
