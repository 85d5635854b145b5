/* The temporal rules (see temporal.h): knowledge time, the end a reader
 * knows, unknown starts, in force on a day, the answer order and changes
 * between two days. Pure functions on typed facts; must not touch SQLite
 * or JSON. */
#include "store/temporal.h"

#include <stdlib.h>
#include <string.h>

#include "base/date.h"

static bool is(const char *s, const char *want)
{
    return s && strcmp(s, want) == 0;
}

/* strcmp with NULL as "" */
static int cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static bool same_series(const struct pf_tfact *a, const struct pf_tfact *b)
{
    return cmp(a->f.series, b->f.series) == 0 &&
           cmp(a->f.measure, b->f.measure) == 0 &&
           cmp(a->f.subject, b->f.subject) == 0 &&
           cmp(a->f.object, b->f.object) == 0;
}

/* The end the reader knows: an estimate's own; a derived end only when
 * the value that ended it is known by as_of, else the stated end. */
static const char *known_end(const struct pf_tfact *t, const char *as_of)
{
    if (t->estimate)
        return t->stated_to;
    if (t->ended_by && as_of &&
        (!t->ender_known_by || strcmp(t->ender_known_by, as_of) > 0))
        return t->stated_to;
    return t->f.valid_to;
}

/* An unknown start: the first known start of a non-deprecated value of
 * its series that is not after its end; NULL when none (every day). */
static const char *
unknown_start(const struct pf_tfact *t, const struct pf_tfact *v, size_t n)
{
    const char *first = NULL;
    for (size_t i = 0; i < n; i++) {
        const struct pf_tfact *g = &v[i];
        if (g == t || !g->known || g->deprecated || !g->f.valid_from ||
            !same_series(t, g))
            continue;
        if (t->end && strcmp(g->f.valid_from, t->end) > 0)
            continue;
        if (!first || strcmp(g->f.valid_from, first) < 0)
            first = g->f.valid_from;
    }
    return first;
}

void temporal_prepare(struct pf_tfact *v, size_t n, const char *as_of)
{
    for (size_t i = 0; i < n; i++) {
        struct pf_tfact *t = &v[i];
        t->known = !as_of || (t->known_by && strcmp(t->known_by, as_of) <= 0);
        t->estimate = is(t->f.measure_ref->nature, "estimate");
        t->deprecated = is(t->f.rank, "deprecated");
        t->start_unknown = !t->f.valid_from && !t->estimate && t->f.series &&
                           is(t->f.kind, "tariff_rate");
        t->end = known_end(t, as_of);
        t->f.valid_to = t->end;
        t->f.valid_to_len = t->end ? strlen(t->end) : 0;
        t->start = t->f.valid_from;
    }
    /* after every end is set: the bound reads the others' starts */
    for (size_t i = 0; i < n; i++)
        if (v[i].start_unknown)
            v[i].start = unknown_start(&v[i], v, n);
}

bool temporal_in_force(const struct pf_tfact *t, const char *day)
{
    if (!t->known)
        return false;
    /* an estimate with no date describes no day */
    if (!t->start && !t->start_unknown)
        return false;
    if (t->start && strcmp(t->start, day) > 0)
        return false;
    return !t->end || strcmp(t->end, day) >= 0;
}

int temporal_answer_cmp(const struct pf_tfact *a, const struct pf_tfact *b)
{
    int r = (a->deprecated ? 2 : !is(a->f.rank, "preferred")) -
            (b->deprecated ? 2 : !is(b->f.rank, "preferred"));
    if (r)
        return r;
    if (!a->f.valid_from != !b->f.valid_from)
        return a->f.valid_from ? -1 : 1;
    int c = cmp(b->f.valid_from, a->f.valid_from);
    if (!c)
        c = cmp(b->known_by, a->known_by);
    return c ? c : cmp(a->f.id, b->f.id);
}

static bool in_window(const char *day, const char *after, const char *upto)
{
    return strcmp(day, after) > 0 && strcmp(day, upto) <= 0;
}

bool temporal_changed_in(const struct pf_tfact *t,
                         const char *after,
                         const char *upto,
                         char day[11])
{
    if (t->f.valid_from && in_window(t->f.valid_from, after, upto)) {
        memcpy(day, t->f.valid_from, 10);
        day[10] = '\0';
        return true;
    }
    char next[11];
    if (!t->end || !date_add_days(t->end, 1, next) ||
        !in_window(next, after, upto))
        return false;
    memcpy(day, next, sizeof next);
    return true;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long temporal_days(const char *a, const char *b)
{
    struct pf_date x, y;
    if (!a || !b || !date_parse(a, strlen(a), &x) ||
        !date_parse(b, strlen(b), &y))
        return 0;
    return days_from_civil(y.y, y.m, y.d) - days_from_civil(x.y, x.m, x.d);
}
