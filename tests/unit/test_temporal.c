/* The temporal rules (store/temporal.h, store/tariff_day.h) and targets
 * against outcomes (store/outcome.h), table-driven, on facts written from
 * the data's own situations: the Geneva step, the fentanyl cut of
 * 2025-11-10, the 2019 averages, an unknown start with a known end, a
 * deprecated misdated row, as_of before and after a successor is known,
 * the growth target of 2014 against its outcome. No SQLite: the facts are
 * built here as the store would hand them out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "store/outcome.h"
#include "store/tariff_day.h"

/* ---- the facts --------------------------------------------------------- */

static const struct pf_source src = {.id = "test-source"};
static const struct pf_measure m_layer = {.id = "additional_tariff_rate",
                                          .category = "additional",
                                          .nature = "in_force"};
static const struct pf_measure m_total = {.id = "headline_total_tariff_rate",
                                          .category = "total",
                                          .nature = "in_force"};
static const struct pf_measure m_avg = {
    .id = "average_tariff_rate", .category = "average", .nature = "estimate"};

static const struct pf_series s_recip = {.id = "recip",
                                         .target = "CHN",
                                         .scope = "all_goods",
                                         .combines = "replaces",
                                         .replaces = "base"};
static const struct pf_series s_fent = {
    .id = "fent", .target = "CHN", .scope = "all_goods", .combines = "stacks"};
static const struct pf_series s_base = {
    .id = "base", .target = "WLD", .scope = "all_goods", .combines = "stacks"};
static const struct pf_series s_steel = {
    .id = "steel", .target = "WLD", .scope = "products", .combines = "stacks"};
static const struct pf_series s_l3 = {
    .id = "l3", .target = "CHN", .scope = "products", .combines = "stacks"};
static const struct pf_series s_total = {
    .id = "total", .target = "CHN", .scope = "all_goods", .combines = "none"};
static const struct pf_series s_avg = {
    .id = "avg", .target = "CHN", .scope = "all_goods", .combines = "none"};

/* One row: id, series, value, rank, valid_from, valid_to (as the loader
 * derives it), stated_to, the id of the value that ended it, known_by. */
struct row {
    const char *id;
    const struct pf_series *series;
    double value;
    const char *rank, *vf, *vt, *stated, *ender, *known;
};

/* clang-format off */
static const struct row rows[] = {
    {"F1", &s_fent, 10, "preferred", "2025-02-04", "2025-03-03", "2025-03-03", NULL, "2025-02-01"},
    {"F2", &s_fent, 20, "preferred", "2025-03-04", "2025-11-09", NULL, "F3", "2025-03-03"},
    {"F3", &s_fent, 10, "preferred", "2025-11-10", "2026-02-19", "2026-02-19", NULL, "2025-11-04"},
    {"R1", &s_recip, 10, "preferred", "2025-04-05", "2025-04-08", NULL, "R2", "2025-04-02"},
    {"R2", &s_recip, 84, "preferred", "2025-04-09", "2025-04-09", NULL, "R3", "2025-04-08"},
    {"R3", &s_recip, 125, "preferred", "2025-04-10", "2025-05-13", NULL, "R4", "2025-04-09"},
    {"R4", &s_recip, 10, "preferred", "2025-05-14", "2026-02-19", "2026-02-19", NULL, "2025-05-12"},
    /* the tracker's misdated April rows */
    {"RD1", &s_recip, 84, "deprecated", "2025-04-03", "2025-04-04", "2025-04-04", NULL, "2025-04-03"},
    {"RD2", &s_recip, 10, "deprecated", "2025-04-14", "2026-02-19", "2026-02-19", NULL, "2025-04-12"},
    {"B1", &s_base, 10, "preferred", "2025-04-05", "2026-02-19", "2026-02-19", NULL, "2025-04-02"},
    /* Section 232 steel: unknown start, known end */
    {"S1", &s_steel, 25, "preferred", NULL, "2025-06-03", "2025-06-03", NULL, "2025-01-01"},
    {"S2", &s_steel, 50, "preferred", "2025-06-04", "2026-04-05", "2026-04-05", NULL, "2025-06-03"},
    /* Section 301 list 3, and the tracker's undated 25% of it */
    {"L3a", &s_l3, 10, "preferred", "2018-09-24", "2019-05-09", NULL, "L3b", "2018-09-17"},
    {"L3b", &s_l3, 25, "preferred", "2019-05-10", NULL, NULL, NULL, "2019-05-09"},
    {"L3u", &s_l3, 25, "preferred", NULL, NULL, NULL, NULL, "2019-05-09"},
    {"H1", &s_total, 145, "preferred", "2025-04-10", "2025-05-13", NULL, "H2", "2025-04-10"},
    {"H2", &s_total, 30, "preferred", "2025-05-14", "2025-11-09", "2025-11-09", NULL, "2025-05-12"},
    /* averages: the day each describes (stated_to = that day) */
    {"A0", &s_avg, 12.0, "preferred", "2018-09-25", "2019-12-18", "2018-09-25", "A1", "2019-09-20"},
    {"A1", &s_avg, 20.8, "preferred", "2025-01-20", "2025-04-10", "2025-01-20", "A2", "2025-04-30"},
    {"A2", &s_avg, 124.1, "preferred", "2025-04-11", "2025-05-13", "2025-04-11", "A3", "2025-04-30"},
    {"A3", &s_avg, 51.1, "preferred", "2025-05-14", NULL, "2025-05-14", NULL, "2025-05-23"},
    {"A4", &s_avg, 40, "normal", "2025-05-14", NULL, "2025-05-14", NULL, "2025-05-27"},
};
/* clang-format on */
#define NROWS (sizeof rows / sizeof *rows)

static long row_index(const char *id)
{
    for (size_t i = 0; id && i < NROWS; i++)
        if (strcmp(rows[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* The facts as the store hands them out (fresh: prepare mutates them). */
static void build(struct pf_tfact *v)
{
    memset(v, 0, NROWS * sizeof *v);
    for (size_t i = 0; i < NROWS; i++) {
        const struct row *r = &rows[i];
        struct pf_tfact *t = &v[i];
        const struct pf_measure *m = r->series == &s_total ? &m_total
                                     : r->series == &s_avg ? &m_avg
                                                           : &m_layer;
        t->f.id = r->id;
        t->f.kind = "tariff_rate";
        t->f.subject = "USA";
        t->f.object = r->series->target;
        t->f.measure = m->id;
        t->f.series = r->series->id;
        t->f.value = r->value;
        t->f.has_value = true;
        t->f.rank = r->rank;
        t->f.valid_from = r->vf;
        t->f.valid_to = r->vt;
        t->f.measure_ref = m;
        t->f.source_ref = &src;
        t->rowid = (long long)i + 1;
        t->known_by = r->known;
        t->stated_to = r->stated;
        long e = row_index(r->ender);
        t->ended_by = e >= 0 ? e + 1 : 0;
        t->ender_known_by = e >= 0 ? rows[e].known : NULL;
        t->series = r->series;
    }
}

/* ---- the day ----------------------------------------------------------- */

static const struct pf_day_group *group(const struct pf_day *d,
                                        const char *series)
{
    for (size_t i = 0; i < d->ngroups; i++)
        if (strcmp(d->groups[i].series_id, series) == 0)
            return &d->groups[i];
    return NULL;
}

/* The answer's id of a series ("-" none; "dep" only deprecated facts). */
static const char *answer(const struct pf_day *d, const char *series)
{
    const struct pf_day_group *g = group(d, series);
    if (!g)
        return "-";
    return g->role == DAY_DEPRECATED ? "dep" : g->facts[0]->f.id;
}

static bool beside(const struct pf_day *d, const char *series, const char *id)
{
    const struct pf_day_group *g = group(d, series);
    for (size_t i = 1; g && i < g->n; i++)
        if (strcmp(g->facts[i]->f.id, id) == 0)
            return true;
    return false;
}

static bool stale_because(const struct pf_day_group *g, const char *id)
{
    for (size_t i = 0; g && i < g->nstale; i++)
        if (strcmp(g->stale_because[i]->f.id, id) == 0)
            return true;
    return false;
}

/* One case: a day, a reader, what each series answers, the headline (NAN:
 * null) and the average with its staleness. */
struct day_case {
    const char *what, *on, *as_of;
    const char *recip, *fent, *base_role, *steel, *l3, *total, *avg;
    double headline;
    int matches;          /* -1 null */
    int avg_stale;        /* -1: no average */
    const char *stale_id; /* one id stale_because must list, or NULL */
};

/* clang-format off */
static const struct day_case day_cases[] = {
    {"after Geneva the computed headline is 30, not 40", "2025-05-20", NULL,
     "R4", "F2", "not_applicable", "S1", "L3b", "H2", "A3", 30, 1, 0, NULL},
    {"the fentanyl cut of 2025-11-10: 51.1 is stale", "2025-11-15", NULL,
     "R4", "F3", "not_applicable", "S2", "L3b", "-", "A3", 20, -1, 1, "F3"},
    {"the day before the cut", "2025-11-09", NULL,
     "R4", "F2", "not_applicable", "S2", "L3b", "H2", "A3", 30, 1, 1, "S2"},
    {"20.8 on 2025-04-10 is stale", "2025-04-10", NULL,
     "R3", "F2", "not_applicable", "S1", "L3b", "H1", "A1", 145, 1, 1, "R3"},
    {"2019 answers from the 2019 average, stale after list 3 rose",
     "2019-06-01", NULL, "-", "-", "-", "S1", "L3b", "-", "A0", NAN, -1, 1,
     "L3b"},
    {"2018: the estimate of its own day is current", "2018-09-25", NULL,
     "-", "-", "-", "S1", "L3a", "-", "A0", NAN, -1, 0, NULL},
    {"an unknown start is not before its series' first start", "2018-01-01",
     NULL, "-", "-", "-", "S1", "-", "-", "-", NAN, -1, -1, NULL},
    {"the steel 25% up to its end", "2025-06-03", NULL,
     "R4", "F2", "not_applicable", "S1", "L3b", "H2", "A3", 30, 1, 0, NULL},
    {"the steel 50% from the next day", "2025-06-04", NULL,
     "R4", "F2", "not_applicable", "S2", "L3b", "H2", "A3", 30, 1, 1, "S2"},
    {"only deprecated reciprocal facts in force", "2025-04-03", NULL,
     "dep", "F2", "-", "S1", "L3b", "-", "A1", 20, -1, 1, "F2"},
    {"the misdated 10% is beside 125%, never the answer", "2025-04-20",
     "2025-04-12", "R3", "F2", "not_applicable", "S1", "L3b", "H1", "A0",
     145, 1, 1, "R3"},
    {"as_of before the 125% is known: 84% holds on", "2025-04-20",
     "2025-04-08", "R2", "F2", "not_applicable", "S1", "L3b", "-", "A0", 104,
     -1, 1, "R2"},
    {"as_of the day the 125% is known", "2025-04-20", "2025-04-09",
     "R3", "F2", "not_applicable", "S1", "L3b", "-", "A0", 145, -1, 1, "R3"},
    {"as_of before anything of April: the 10% step", "2025-04-20",
     "2025-04-05", "R1", "F2", "not_applicable", "S1", "L3b", "-", "A0", 30,
     -1, 1, "R1"},
    {"as_of 2025-05-24: PIIE's 51.1 alone", "2025-05-20", "2025-05-24",
     "R4", "F2", "not_applicable", "S1", "L3b", "H2", "A3", 30, 1, 0, NULL},
    {"as_of 2025-05-22: 124.1, stale after Geneva", "2025-05-20",
     "2025-05-22", "R4", "F2", "not_applicable", "S1", "L3b", "H2", "A2", 30,
     1, 1, "R4"},
    {"as_of before the fentanyl cut is known: 20% runs on", "2025-11-15",
     "2025-11-01", "R4", "F2", "not_applicable", "S2", "L3b", "-", "A3", 30,
     -1, 1, "S2"},
    {"after IEEPA: nothing all-goods, headline null", "2026-03-01", NULL,
     "-", "-", "-", "S2", "L3b", "-", "A3", NAN, -1, 1, "R4"},
};
/* clang-format on */

static const char *base_role(const struct pf_day *d)
{
    const struct pf_day_group *g = group(d, "base");
    if (!g)
        return "-";
    return g->role == DAY_NOT_APPLICABLE    ? "not_applicable"
           : g->role == DAY_ALSO_APPLICABLE ? "also_applicable"
                                            : "other";
}

static void check_day(const struct day_case *c)
{
    struct pf_tfact v[NROWS];
    struct pf_day d;
    build(v);
    CHECK_EQ_INT(tariff_day_compute(v, NROWS, "CHN", c->on, c->as_of, &d),
                 PF_OK);
    fprintf(stderr, "  case: %s\n", c->what);
    CHECK_EQ_STR(answer(&d, "recip"), c->recip);
    CHECK_EQ_STR(answer(&d, "fent"), c->fent);
    CHECK_EQ_STR(base_role(&d), c->base_role);
    CHECK_EQ_STR(answer(&d, "steel"), c->steel);
    CHECK_EQ_STR(answer(&d, "l3"), c->l3);
    CHECK_EQ_STR(answer(&d, "total"), c->total);
    CHECK_EQ_STR(answer(&d, "avg"), c->avg);
    CHECK_EQ_INT(d.has_total, !isnan(c->headline));
    if (d.has_total && !isnan(c->headline))
        CHECK(fabs(d.total - c->headline) < 1e-9);
    CHECK_EQ_INT(d.matches_stated, c->matches);
    const struct pf_day_group *a = group(&d, "avg");
    CHECK_EQ_INT(a ? a->stale : -1, c->avg_stale);
    if (c->stale_id)
        CHECK(stale_because(a, c->stale_id));
    /* never: a deprecated answer, a fact unknown to the reader */
    for (size_t i = 0; i < d.ngroups; i++) {
        const struct pf_day_group *g = &d.groups[i];
        if (g->role != DAY_DEPRECATED)
            CHECK(!g->facts[0]->deprecated);
        for (size_t k = 0; k < g->n; k++)
            CHECK(!c->as_of || strcmp(g->facts[k]->known_by, c->as_of) <= 0);
    }
    tariff_day_free(&d);
}

/* The misdated deprecated row is never the answer, whatever as_of; it is
 * listed beside the answer once it is known. */
static void test_deprecated_never_answers(void)
{
    static const char *const readers[] = {
        NULL,         "2025-04-01", "2025-04-05", "2025-04-08", "2025-04-09",
        "2025-04-11", "2025-04-12", "2025-04-13", "2025-05-12", "2026-01-01"};
    for (size_t i = 0; i < sizeof readers / sizeof *readers; i++) {
        struct pf_tfact v[NROWS];
        struct pf_day d;
        build(v);
        CHECK_EQ_INT(
            tariff_day_compute(v, NROWS, "CHN", "2025-04-20", readers[i], &d),
            PF_OK);
        const char *a = answer(&d, "recip");
        CHECK(strcmp(a, "RD2") != 0 && strcmp(a, "dep") != 0);
        if (!readers[i] || strcmp(readers[i], "2025-04-12") >= 0)
            CHECK(beside(&d, "recip", "RD2"));
        tariff_day_free(&d);
    }
}

/* ---- the rules one by one ---------------------------------------------- */

static void test_rules(void)
{
    struct pf_tfact v[NROWS];
    build(v);
    temporal_prepare(v, NROWS, NULL);
    struct pf_tfact *f2 = &v[row_index("F2")], *s1 = &v[row_index("S1")],
                    *a3 = &v[row_index("A3")], *l3u = &v[row_index("L3u")];
    /* a rate in force to its derived end */
    CHECK(temporal_in_force(f2, "2025-11-09"));
    CHECK(!temporal_in_force(f2, "2025-11-10"));
    /* an unknown start with a known end: every day up to it */
    CHECK(s1->start_unknown && !s1->start);
    CHECK(temporal_in_force(s1, "2001-01-01"));
    CHECK(!temporal_in_force(s1, "2025-06-04"));
    /* an unknown start bounded by its series' first start */
    CHECK_EQ_STR(l3u->start, "2018-09-24");
    /* an estimate describes its own day, never carried forward */
    CHECK(a3->estimate);
    CHECK(temporal_in_force(a3, "2025-05-14"));
    CHECK(!temporal_in_force(a3, "2025-05-15"));
    /* a known start before an unknown one; then the later start */
    CHECK(temporal_answer_cmp(&v[row_index("L3b")], l3u) < 0);
    CHECK(temporal_answer_cmp(&v[row_index("F3")], f2) < 0);
    /* a better rank first, whatever the dates */
    CHECK(temporal_answer_cmp(a3, &v[row_index("A4")]) < 0);
    CHECK(temporal_answer_cmp(&v[row_index("R4")], &v[row_index("RD2")]) < 0);

    /* knowledge time: the derived end counts once its successor is known */
    build(v);
    temporal_prepare(v, NROWS, "2025-11-03");
    CHECK(v[row_index("F2")].end == NULL);
    CHECK(!v[row_index("F3")].known);
    CHECK(!temporal_in_force(&v[row_index("F3")], "2025-11-15"));
    build(v);
    temporal_prepare(v, NROWS, "2025-11-04");
    CHECK_EQ_STR(v[row_index("F2")].end, "2025-11-09");
    CHECK_EQ_STR(v[row_index("F2")].f.valid_to, "2025-11-09");

    /* changes between an observation and a day */
    char day[11];
    CHECK(temporal_changed_in(&v[row_index("F2")], "2025-05-14", "2025-11-15",
                              day));
    CHECK_EQ_STR(day, "2025-11-10");
    CHECK(!temporal_changed_in(&v[row_index("F2")], "2025-05-14", "2025-11-09",
                               day));
    CHECK_EQ_INT(temporal_days("2025-05-14", "2025-11-15"), 185);
    CHECK_EQ_INT(temporal_days("2024-02-28", "2024-03-01"), 2);
}

/* ---- targets against outcomes ------------------------------------------ */

struct outcome_case {
    const char *what, *rule;
    bool has_value, has_low, has_high, has_year, has_figure, linked;
    double value, low, high, figure;
    enum pf_outcome_status want;
    double margin;
};

/* clang-format off */
static const struct outcome_case outcome_cases[] = {
    {"2014: 7.4 against around 7.5 is missed", "at_least_low",
     true, false, false, true, true, true, 7.5, 0, 0, 7.4, OUTCOME_MISSED, -0.1},
    {"2016: 6.7 in the range 6.5-7 is met", "at_least_low",
     false, true, true, true, true, true, 0, 6.5, 7, 6.7, OUTCOME_MET, 0.2},
    {"exactly the bound is met", "at_least_low",
     true, false, false, true, true, true, 6, 0, 0, 6, OUTCOME_MET, 0},
    {"at_most: below the ceiling is met", "at_most",
     true, false, false, true, true, true, 3, 0, 0, 2.8, OUTCOME_MET, -0.2},
    {"at_most: above the ceiling is missed", "at_most",
     true, false, false, true, true, true, 3, 0, 0, 3.2, OUTCOME_MISSED, 0.2},
    {"no figure known yet: pending", "at_least_low",
     true, false, false, true, false, true, 5, 0, 0, 0, OUTCOME_PENDING, 0},
    {"no outcome series linked: no_data", "at_least_low",
     true, false, false, true, true, false, 5, 0, 0, 5, OUTCOME_NO_DATA, 0},
    {"a target in words: no_data", "at_least_low",
     false, false, false, true, true, true, 0, 0, 0, 5, OUTCOME_NO_DATA, 0},
};
/* clang-format on */

/* A proxy never decides the status: the deciding link is the first
 * 'same' one, a proxy handed to the judge counts as none, and a proxy's
 * figure gets a bound and margin by its own rule but no status. */
static void test_outcome_proxies(void)
{
    const struct pf_outcome_link links[] = {
        {"unemployment_target", "unemployment_ilo", "CHN", "proxy",
         "a different population", "at_most"},
        {"unemployment_target", "unemployment_surveyed", "CHN", "same", NULL,
         "at_most"},
    };
    struct pf_fact t = {.value = 5.5,
                        .has_value = true,
                        .target_year = 2025,
                        .has_target_year = true};
    struct pf_fact fig = {.value = 4.615, .has_value = true};
    struct pf_outcome o;
    struct pf_outcome_proxy p;

    CHECK(outcome_deciding_link(links, 2) == &links[1]);
    CHECK(outcome_deciding_link(links, 1) == NULL);
    CHECK(outcome_deciding_link(NULL, 0) == NULL);
    outcome_judge(&t, &links[0], &fig, &o);
    CHECK_EQ_INT(o.status, OUTCOME_NO_DATA);
    CHECK(!o.link && !o.fact && !o.has_margin);
    outcome_judge(&t, &links[1], &fig, &o);
    CHECK_EQ_INT(o.status, OUTCOME_MET);
    CHECK(o.nproxies == 0 && !o.proxies);

    outcome_proxy(&t, &links[0], &fig, &p);
    CHECK(p.link == &links[0] && p.fact == &fig);
    CHECK(p.has_bound && p.bound == 5.5);
    CHECK(p.has_margin && fabs(p.margin - -0.885) < 1e-9);
    outcome_proxy(&t, &links[0], NULL, &p); /* no figure for the year */
    CHECK(p.has_bound && !p.has_margin && !p.fact);
    struct pf_fact range = {.value_low = 60,
                            .has_value_low = true,
                            .value_high = 65,
                            .has_value_high = true};
    struct pf_outcome_link low = links[0];
    low.status_rule = "at_least_low";
    outcome_proxy(&range, &low, &fig, &p); /* the rule picks the bound */
    CHECK(p.has_bound && p.bound == 60);
    CHECK(p.has_margin && fabs(p.margin - (4.615 - 60)) < 1e-9);
    outcome_proxy(&range, &links[0], &fig, &p);
    CHECK(p.has_bound && p.bound == 65);
}

static void test_outcomes(void)
{
    for (size_t i = 0; i < sizeof outcome_cases / sizeof *outcome_cases; i++) {
        const struct outcome_case *c = &outcome_cases[i];
        struct pf_outcome_link link = {.target_measure = "gdp_growth_target",
                                       .outcome_measure = "gdp_growth",
                                       .subject = "CHN",
                                       .match = "same",
                                       .status_rule = c->rule};
        struct pf_fact t = {.value = c->value,
                            .has_value = c->has_value,
                            .value_low = c->low,
                            .has_value_low = c->has_low,
                            .value_high = c->high,
                            .has_value_high = c->has_high,
                            .target_year = 2014,
                            .has_target_year = c->has_year};
        struct pf_fact fig = {.value = c->figure, .has_value = true};
        struct pf_outcome o;
        fprintf(stderr, "  case: %s\n", c->what);
        outcome_judge(&t, c->linked ? &link : NULL, c->has_figure ? &fig : NULL,
                      &o);
        CHECK_EQ_STR(outcome_status_name(o.status),
                     outcome_status_name(c->want));
        if (c->want == OUTCOME_MET || c->want == OUTCOME_MISSED)
            CHECK(o.has_margin && fabs(o.margin - c->margin) < 1e-9);
    }
    test_outcome_proxies();
    CHECK(outcome_rule_text("at_least_low") && outcome_rule_text("at_most"));
    CHECK(!outcome_rule_text("nope"));
    CHECK_EQ_INT(outcome_status_find("pending"), OUTCOME_PENDING);
    CHECK_EQ_INT(outcome_status_find("late"), -1);
}

int main(void)
{
    test_rules();
    for (size_t i = 0; i < sizeof day_cases / sizeof *day_cases; i++)
        check_day(&day_cases[i]);
    test_deprecated_never_answers();
    test_outcomes();
    return check_done("temporal");
}
