/* Fixed CSV columns per answer (see csv_columns.h). The fact columns are
 * expanded from fact_schema.h once, at first use; the rest are the
 * answers' own members. Must not write CSV (render.c does). */
#include "render/csv_columns.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "store/fact_schema.h"

#define MAX_COLS 64

struct cols {
    const char *v[MAX_COLS + 1];
    int n;
};

static struct cols facts, targets, tariff_day, compare, world;
static char names[4096]; /* "fact."-prefixed names */
static size_t names_used;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void add(struct cols *c, const char *prefix, const char *name)
{
    if (c->n == MAX_COLS)
        return;
    if (*prefix) {
        int n = snprintf(names + names_used, sizeof names - names_used, "%s%s",
                         prefix, name);
        if (n < 0 || (size_t)n >= sizeof names - names_used)
            return;
        name = names + names_used;
        names_used += (size_t)n + 1;
    }
    c->v[c->n++] = name;
}

/* The fact object's columns, as render_fact_tree nests them. */
static void add_fact(struct cols *c, const char *p)
{
#define MEAS(n, type, flags) add(c, p, #n);
#define FIELD(n, type, flags)                                                  \
    if (!((flags)&PF_FF_SOURCE_REF))                                           \
        add(c, p, #n);                                                         \
    if ((flags)&PF_FF_MEASURE_REF) {                                           \
        PF_FACT_MEASURE_FIELDS(MEAS)                                           \
    }
#define SRC(n, type, flags) add(c, p, "source." #n);
    PF_FACT_FIELDS(FIELD)
    PF_FACT_SOURCE_FIELDS(SRC)
#undef MEAS
#undef FIELD
#undef SRC
    add(c, p, "links.self");
}

static void build(void)
{
    static const char *const target_extra[] = {
        "programme.id",    "programme.name",    "deadline",
        "wording",         "outcome.status",    "outcome.value",
        "outcome.period",  "outcome.fact_id",   "outcome.known_from",
        "outcome.bound",   "outcome.margin",    "outcome.match",
        "outcome.measure", "outcome.source.id", "outcome.status_rule.code"};
    static const char *const compare_head[] = {
        "entity.id", "entity.name", "value", "ratio_to_first", "rank"};
    static const char *const world_head[] = {"entity.id",   "entity.name",
                                             "entity.type", "value",
                                             "rank",        "percentile"};
    add_fact(&facts, "");
    add_fact(&targets, "");
    for (size_t i = 0; i < sizeof target_extra / sizeof *target_extra; i++)
        add(&targets, "", target_extra[i]);
    static const char *const day_extra[] = {
        "start_unknown", "role",     "answer", "replaced_by",
        "observed_on",   "age_days", "stale",  "stale_because"};
    add_fact(&tariff_day, "");
    for (size_t i = 0; i < sizeof day_extra / sizeof *day_extra; i++)
        add(&tariff_day, "", day_extra[i]);
    for (size_t i = 0; i < sizeof compare_head / sizeof *compare_head; i++)
        add(&compare, "", compare_head[i]);
    add_fact(&compare, "fact.");
    for (size_t i = 0; i < sizeof world_head / sizeof *world_head; i++)
        add(&world, "", world_head[i]);
    add_fact(&world, "fact.");
}

static const char *const gdp[] = {
    "country", "component", "indicator_code", "unit",      "year",
    "value",   "qualifier", "fact_id",        "source_id", NULL};

static const char *const indicators[] = {
    "country",        "country_name", "country_type", "measure",
    "indicator_code", "unit",         "year",         "value",
    "qualifier",      "fact_id",      "source_id",    NULL};

static const char *const sources[] = {
    "id",      "title",          "publisher", "url",        "published",
    "license", "retrieved_from", "notes",     "links.self", "links.facts",
    NULL};

static const char *const entities[] = {
    "id", "name", "type", "iso3", "notes", "links.self", "links.facts", NULL};

static const char *const measures[] = {
    "id",  "name",        "unit",   "category",   "code",        "min",
    "max", "description", "nature", "links.self", "links.facts", NULL};

const char *const *render_csv_columns(enum render_csv which)
{
    pthread_once(&once, build);
    switch (which) {
    case RENDER_CSV_TARGETS:
        return targets.v;
    case RENDER_CSV_TARIFF_DAY:
        return tariff_day.v;
    case RENDER_CSV_GDP:
        return gdp;
    case RENDER_CSV_INDICATORS:
        return indicators;
    case RENDER_CSV_COMPARE:
        return compare.v;
    case RENDER_CSV_WORLD:
        return world.v;
    case RENDER_CSV_SOURCES:
        return sources;
    case RENDER_CSV_ENTITIES:
        return entities;
    case RENDER_CSV_MEASURES:
        return measures;
    case RENDER_CSV_FACTS:
    default:
        return facts.v;
    }
}
