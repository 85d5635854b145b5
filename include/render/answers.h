/* The documents of the answers that are not plain collections, built
 * from typed data a handler has already grouped and picked: what was in
 * effect on a day (/v1/tariffs/{imposer}/{target}), a comparison
 * (/v1/compare) and annual series (/v1/gdp-shares, /v1/indicators). Each gives
 * the JSON document and, when asked, the flat CSV/NDJSON rows. NULL results
 * mean out of memory. */
#ifndef PF_ANSWERS_H
#define PF_ANSWERS_H

#include <jansson.h>
#include <stdbool.h>

#include "base/buf.h"
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
 * margin, match, note, subject, status_rule: {code, text}, proxies: [...]}
 * (each proxy {measure, subject, match, note, value, period, fact_id,
 * source, known_from, bound, margin}): members with nothing to say are
 * null. NULL when out of memory. */
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

/* ---- annual series (GDP shares, indicators) ---------------------------- */

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

/* /v1/gdp-shares: each series names its component; /v1/indicators: the
 * country's type (an economy or an aggregate) instead. */
enum render_series_style { RENDER_SERIES_GDP, RENDER_SERIES_INDICATOR };

/* The array of series; in *rows, one CSV record per point. */
json_t *render_series_list(const struct render_series *s,
                           size_t n,
                           enum render_series_style style,
                           json_t **rows);
/* The same array as JSON text (series_json.c), the sources from fr, the
 * fragments of the points' snapshot. Out of memory shows as
 * buf_failed(b). */
struct render_frags;
void render_series_json(struct buf *b,
                        const struct render_series *s,
                        size_t n,
                        enum render_series_style style,
                        const struct render_frags *fr);

#endif
