/* The temporal rules of design C on typed facts: what a reader who knew
 * what was public by as_of (knowledge time) sees in force on a day (valid
 * time), and which fact answers.
 *
 * A rate in force (measure nature in_force) holds from valid_from to its
 * end: the end it states, or the day before the next value of its series
 * starts — the latter only for a reader who knows that next value. A value
 * of a series with an unknown start holds on every day up to its end, but
 * not before the first known start of its series (when that comes before
 * its end): the series did not exist before. An estimate describes its
 * own day or period and is never carried forward. These functions are
 * pure: no SQLite, no JSON; the store fills the structs. */
#ifndef PF_TEMPORAL_H
#define PF_TEMPORAL_H

#include <stdbool.h>
#include <stddef.h>

#include "store/fact.h"

/* A fact with the loader's derived columns the rules read. */
struct pf_tfact {
    /* f.valid_to is set by temporal_prepare to the end the reader knows */
    struct pf_fact f;
    long long rowid;
    const char *known_by;           /* day by which surely known */
    const char *stated_to;          /* the end the fact states; NULL: open */
    long long ended_by;             /* rowid of the value that ended it; 0 */
    const char *ender_known_by;     /* that value's known_by; NULL */
    const struct pf_series *series; /* its series.csv row; NULL: none */
    /* set by temporal_prepare */
    bool known;         /* known by as_of (always, without as_of) */
    bool estimate;      /* measure nature estimate */
    bool deprecated;    /* rank deprecated: never an answer */
    bool start_unknown; /* a series value with no valid_from */
    const char *start;  /* first day in force; NULL: every day before */
    const char *end;    /* last day in force; NULL: open */
};

/* Sets known, estimate, deprecated, start_unknown, start and end (and
 * f.valid_to = end) of each fact for a reader at as_of (NULL: everything
 * known). The facts of one series must all be in v for the unknown-start
 * bound. Never fails. */
void temporal_prepare(struct pf_tfact *v, size_t n, const char *as_of);

/* Known and in force (rates) or covering the day (estimates) on day. */
bool temporal_in_force(const struct pf_tfact *t, const char *day);

/* The answer order among facts of one series in force on a day: better
 * rank, then a known start over an unknown one, then the later
 * valid_from, the later known_by, then id. Negative when a comes first. */
int temporal_answer_cmp(const struct pf_tfact *a, const struct pf_tfact *b);

/* Whether the fact started (valid_from) or ended (the day after its end)
 * in (after, upto]; the day of the change in day[11] when so. */
bool temporal_changed_in(const struct pf_tfact *t,
                         const char *after,
                         const char *upto,
                         char day[11]);

/* Days from a to b ("YYYY-MM-DD"; b - a); 0 when either is malformed. */
long temporal_days(const char *a, const char *b);

#endif
