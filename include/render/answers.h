/* The documents of the answers that are not plain collections, built
 * from typed data a handler has already grouped and picked: what was in
 * effect on a day (/v1/tariffs/{imposer}/{target}), a comparison
 * (/v1/compare) and GDP series (/v1/gdp-shares). Each gives the JSON
 * document and, when asked, the flat CSV/NDJSON rows. NULL results mean
 * out of memory. */
#ifndef PF_ANSWERS_H
#define PF_ANSWERS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/fact.h"
#include "store/outcome.h"
#include "store/tariff_day.h"

/* ---- tariffs on a day -------------------------------------------------- */

struct render_tariff_day {
    const struct pf_entity *imposer, *target;
    const char *on;
    const char *as_of; /* as given; NULL: none */
    const struct pf_day *day;
    const char *base, *version, *self;
};

/* The document, and in *rows (when rows is not NULL) one record per fact
 * labelled with its role and answer (true for a series' answer, false for
 * the facts beside it). */
json_t *render_tariff_day(const struct render_tariff_day *d, json_t **rows);

/* ---- targets against outcomes ----------------------------------------- */

/* {value, period, fact_id, source, known_from, measure, status, bound,
 * margin, match, note, subject, status_rule: {code, text}}: members with
 * nothing to say are null. NULL when out of memory. */
json_t *render_outcome(const struct pf_outcome *o);

/* ---- compare ----------------------------------------------------------- */

struct render_compare_row {
    const struct pf_entity *entity;
    const struct pf_fact *fact; /* NULL: no value */
    bool has_ratio;
    double ratio;
    int rank; /* 0: none */
};

struct render_compare {
    const struct pf_measure *measure;
    const char *period; /* NULL: left out */
    const char *base_entity;
    const struct render_compare_row *rows;
    size_t n;
    const char *base, *version, *self;
};

json_t *render_compare(const struct render_compare *c);

/* ---- GDP series -------------------------------------------------------- */

/* One (country, measure) series: its points in year order. The sources
 * of all points are listed (each once); the points from first on are
 * shown (latest=N keeps the last N). */
struct render_series {
    const char *country_id;
    const struct pf_entity *country; /* NULL: unknown */
    const struct pf_measure *measure;
    const struct pf_fact *const *points;
    size_t npoints;
    size_t first;
};

/* The array of series; in *rows, one CSV record per point. */
json_t *
render_gdp_series(const struct render_series *s, size_t n, json_t **rows);

#endif
