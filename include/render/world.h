/* A measure across every economy in one period (/v1/compare with
 * entities=all): the economies ranked (1 = highest value), each with its
 * percentile, and reference aggregates beside them, never ranked. Written
 * as JSON text around the facts' own text (render_fact_json, written as
 * the rows were read), or as a jansson tree for CSV and NDJSON. The
 * handler picks, ranks and orders the rows; this file only writes them. */
#ifndef PF_RENDER_WORLD_H
#define PF_RENDER_WORLD_H

#include <jansson.h>
#include <stdbool.h>

#include "base/buf.h"
#include "render/fact_json.h"
#include "store/fact.h"

struct render_world_row {
    const struct pf_entity *entity;
    double value;
    int rank; /* 0: not ranked (an aggregate) */
    bool has_percentile;
    double percentile;
    /* The fact behind the value: as a typed row (render_world_rows) or
     * as its JSON text already written (render_world_json). */
    const struct pf_fact *fact;
    const char *json;
    size_t json_len;
};

struct render_world {
    const struct pf_measure *measure;
    const char *period;
    const struct render_world_row *rows; /* in the order shown */
    size_t n;
    size_t ranked; /* economies ranked */
    const char *base, *version, *self;
};

/* The whole document as JSON text, each row's fact its json; out of
 * memory shows as buf_failed(b). */
void render_world_json(struct buf *b, const struct render_world *w);

/* The rows as a jansson array (one CSV/NDJSON record each); NULL when out
 * of memory. */
json_t *render_world_rows(const struct render_world *w);

#endif
