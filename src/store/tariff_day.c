/* The day's answer for one pair (see tariff_day.h): groups the pair's
 * facts by series, picks each series' answer by the temporal rules,
 * combines the layers by series.csv, computes the headline and the
 * estimates' staleness. Pure; must not touch SQLite or JSON. */
#include "store/tariff_day.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WORLD "WLD"

static bool is(const char *s, const char *want)
{
    return s && strcmp(s, want) == 0;
}

static int cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Series order (object, measure, series), then the answer order. */
static int by_series(const void *pa, const void *pb)
{
    const struct pf_tfact *a = *(const struct pf_tfact *const *)pa;
    const struct pf_tfact *b = *(const struct pf_tfact *const *)pb;
    int c = cmp(a->f.object, b->f.object);
    if (!c)
        c = cmp(a->f.measure, b->f.measure);
    if (!c)
        c = cmp(a->f.series, b->f.series);
    return c ? c : temporal_answer_cmp(a, b);
}

static bool same_group(const struct pf_tfact *a, const struct pf_tfact *b)
{
    return cmp(a->f.object, b->f.object) == 0 &&
           cmp(a->f.measure, b->f.measure) == 0 &&
           cmp(a->f.series, b->f.series) == 0;
}

static bool is_layer(const struct pf_series *s)
{
    return !s || !is(s->combines, "none");
}

static bool has_answer(const struct pf_day_group *g)
{
    return g->role != DAY_DEPRECATED && g->n > 0;
}

/* An estimate series: its latest observation on or before the day that
 * has a non-deprecated fact; its facts (sorted) kept in place in f[0..n).
 * Returns the count kept (0: no observation). */
static size_t observation(const struct pf_tfact **f,
                          size_t n,
                          const char *on,
                          const char **obs)
{
    *obs = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *vf = f[i]->f.valid_from;
        if (f[i]->known && !f[i]->deprecated && vf && strcmp(vf, on) <= 0 &&
            (!*obs || strcmp(vf, *obs) > 0))
            *obs = vf;
    }
    size_t k = 0;
    for (size_t i = 0; *obs && i < n; i++)
        if (f[i]->known && cmp(f[i]->f.valid_from, *obs) == 0)
            f[k++] = f[i];
    return k;
}

/* A rate series: its facts in force on the day kept in place (sorted, so
 * a non-deprecated answer comes first). */
static size_t in_force(const struct pf_tfact **f, size_t n, const char *on)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (temporal_in_force(f[i], on))
            f[k++] = f[i];
    return k;
}

static enum pf_day_role rate_role(const struct pf_tfact *t, const char *target)
{
    if (t->deprecated)
        return DAY_DEPRECATED;
    if (!is_layer(t->series))
        return DAY_HEADLINE;
    return is(t->f.object, target) ? DAY_MEASURE : DAY_ALSO_APPLICABLE;
}

/* Fills g from the series' facts f[0..n) (sorted); false when the series
 * says nothing on the day. */
static bool group_day(struct pf_day_group *g,
                      const struct pf_tfact **f,
                      size_t n,
                      const char *target,
                      const char *on)
{
    const struct pf_tfact *t = f[0];
    g->series_id = t->f.series;
    g->series = t->series;
    g->facts = f;
    if (t->estimate) {
        /* an estimate of all origins is not one of this pair */
        if (!is(t->f.object, target))
            return false;
        g->n = observation(f, n, on, &g->observed_on);
        g->role = is(t->f.measure_ref->category, "average") ? DAY_AVERAGE
                                                            : DAY_EFFECTIVE;
        g->age_days = temporal_days(g->observed_on, on);
        return g->n > 0;
    }
    g->n = in_force(f, n, on);
    if (g->n == 0)
        return false;
    g->role = rate_role(f[0], target);
    /* a stated headline of all origins is not the pair's */
    return g->role != DAY_HEADLINE || is(t->f.object, target);
}

static struct pf_day_group *find_group(struct pf_day *d, const char *series_id)
{
    for (size_t i = 0; i < d->ngroups; i++)
        if (is(d->groups[i].series_id, series_id))
            return &d->groups[i];
    return NULL;
}

/* A layer whose series a layer in force for the pair replaces is not
 * applicable. */
static void replace(struct pf_day *d)
{
    for (size_t i = 0; i < d->ngroups; i++) {
        const struct pf_day_group *g = &d->groups[i];
        if (!has_answer(g) || !g->series ||
            !is(g->series->combines, "replaces"))
            continue;
        struct pf_day_group *r = find_group(d, g->series->replaces);
        if (r && (r->role == DAY_MEASURE || r->role == DAY_ALSO_APPLICABLE ||
                  r->role == DAY_NOT_APPLICABLE)) {
            r->role = DAY_NOT_APPLICABLE;
            r->replaced_by = g->series_id;
        }
    }
}

static bool counts_in_total(const struct pf_day_group *g)
{
    const struct pf_tfact *a = g->facts[0];
    return (g->role == DAY_MEASURE || g->role == DAY_ALSO_APPLICABLE) &&
           g->series && is(g->series->scope, "all_goods") &&
           is(a->f.measure_ref->category, "additional") && a->f.has_value;
}

static enum pf_err headline(struct pf_day *d)
{
    d->parts = calloc(d->ngroups + 1, sizeof *d->parts);
    if (!d->parts)
        return PF_ENOMEM;
    for (size_t i = 0; i < d->ngroups; i++) {
        const struct pf_day_group *g = &d->groups[i];
        if (g->role == DAY_HEADLINE && !d->stated)
            d->stated = g;
        if (!counts_in_total(g))
            continue;
        d->parts[d->nparts++] = g;
        d->total += g->facts[0]->f.value;
        d->has_total = true;
    }
    d->matches_stated = -1;
    if (d->has_total && d->stated && d->stated->facts[0]->f.has_value)
        d->matches_stated =
            fabs(d->stated->facts[0]->f.value - d->total) < 1e-9;
    return PF_OK;
}

/* Whether a layer of the pair that replaces series is in force on day. */
static bool replaced_on(const struct pf_tfact *v,
                        size_t n,
                        const char *series,
                        const char *target,
                        const char *day)
{
    for (size_t i = 0; i < n; i++) {
        const struct pf_tfact *p = &v[i];
        if (!p->deprecated && is(p->f.object, target) && p->series &&
            is(p->series->combines, "replaces") &&
            is(p->series->replaces, series) && temporal_in_force(p, day))
            return true;
    }
    return false;
}

/* The layers of the pair (and applicable worldwide ones) that started or
 * ended after the observation and up to the day. */
static enum pf_err stale(struct pf_day_group *g,
                         const struct pf_tfact *v,
                         size_t n,
                         const char *target,
                         const char *on)
{
    g->stale_because = calloc(n + 1, sizeof *g->stale_because);
    if (!g->stale_because)
        return PF_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const struct pf_tfact *c = &v[i];
        char day[11];
        if (!c->known || c->deprecated || c->estimate || !is_layer(c->series))
            continue;
        if (!is(c->f.object, target) && !is(c->f.object, WORLD))
            continue;
        if (!temporal_changed_in(c, g->observed_on, on, day))
            continue;
        if (!is(c->f.object, target) &&
            replaced_on(v, n, c->f.series, target, day))
            continue;
        g->stale_because[g->nstale++] = c;
    }
    g->stale = g->nstale > 0;
    return PF_OK;
}

enum pf_err tariff_day_compute(struct pf_tfact *v,
                               size_t n,
                               const char *target,
                               const char *on,
                               const char *as_of,
                               struct pf_day *out)
{
    memset(out, 0, sizeof *out);
    temporal_prepare(v, n, as_of);
    const struct pf_tfact **sorted = calloc(n + 1, sizeof *sorted);
    out->sorted = sorted;
    out->groups = calloc(n + 1, sizeof *out->groups);
    if (!sorted || !out->groups)
        return PF_ENOMEM;
    /* the groups point into sorted */
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].known && v[i].f.series)
            sorted[k++] = &v[i];
    qsort(sorted, k, sizeof *sorted, by_series);
    for (size_t i = 0, j; i < k; i = j) {
        for (j = i + 1; j < k && same_group(sorted[i], sorted[j]); j++)
            ;
        struct pf_day_group *g = &out->groups[out->ngroups];
        memset(g, 0, sizeof *g);
        if (group_day(g, &sorted[i], j - i, target, on))
            out->ngroups++;
    }
    replace(out);
    enum pf_err err = headline(out);
    for (size_t i = 0; err == PF_OK && i < out->ngroups; i++)
        if (out->groups[i].role == DAY_AVERAGE ||
            out->groups[i].role == DAY_EFFECTIVE)
            err = stale(&out->groups[i], v, n, target, on);
    return err;
}

void tariff_day_free(struct pf_day *d)
{
    for (size_t i = 0; d->groups && i < d->ngroups; i++)
        free((void *)d->groups[i].stale_because);
    free((void *)d->sorted);
    free(d->groups);
    free((void *)d->parts);
    memset(d, 0, sizeof *d);
}
