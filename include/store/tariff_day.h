/* What was in effect between an imposer and a target on a day, as a
 * reader at as_of knew it (design C1-C3), computed on typed facts: per
 * series the answer and the other sources beside it, the layers combined
 * by series.csv (worldwide layers that apply, replaced ones set apart),
 * the headline total computed from its parts beside the stated one, and
 * the estimates from their latest observation with their staleness.
 * Pure: the store fills the facts (store_pair_facts), render writes the
 * answer. */
#ifndef PF_TARIFF_DAY_H
#define PF_TARIFF_DAY_H

#include "base/pf.h"
#include "store/temporal.h"

enum pf_day_role {
    DAY_HEADLINE,        /* a stated headline total (series combines none) */
    DAY_AVERAGE,         /* an average estimate */
    DAY_MEASURE,         /* a layer of the pair */
    DAY_EFFECTIVE,       /* an effective-rate estimate */
    DAY_ALSO_APPLICABLE, /* a worldwide layer that applies to the pair */
    DAY_NOT_APPLICABLE,  /* a layer replaced by one in force for the pair */
    DAY_DEPRECATED,      /* a series whose only facts in force are deprecated */
};

/* One series on the day. facts[0] is the answer and facts[1..n) the other
 * sources (deprecated ones last), except for DAY_DEPRECATED, whose facts
 * are all deprecated and none is an answer. */
struct pf_day_group {
    enum pf_day_role role;
    const char *series_id;
    const struct pf_series *series; /* NULL: not in series.csv */
    const struct pf_tfact **facts;
    size_t n;
    const char *replaced_by; /* DAY_NOT_APPLICABLE: the replacing series */
    /* estimates: the observation answered from and its staleness */
    const char *observed_on;
    long age_days;
    bool stale;
    const struct pf_tfact **stale_because; /* the changes, in day order */
    size_t nstale;
};

struct pf_day {
    struct pf_day_group *groups; /* by object, measure, series */
    size_t ngroups;
    /* the computed headline: the applicable all-goods additional layers */
    bool has_total;
    double total;
    const struct pf_day_group **parts;
    size_t nparts;
    const struct pf_day_group *stated; /* the stated headline; NULL */
    int matches_stated;                /* 1, 0, or -1 for null */
    const struct pf_tfact **sorted;    /* what the groups point into */
};

/* Computes the day for target from the pair's facts v (all the tariff
 * facts of imposer on target and on WLD, every rank; prepared here for
 * as_of, NULL: now). The groups point into v, which must outlive out.
 * PF_OK or PF_ENOMEM; free with tariff_day_free either way. */
enum pf_err tariff_day_compute(struct pf_tfact *v,
                               size_t n,
                               const char *target,
                               const char *on,
                               const char *as_of,
                               struct pf_day *out);
void tariff_day_free(struct pf_day *d);

#endif
