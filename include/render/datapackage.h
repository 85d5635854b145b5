/* The Frictionless Data Package descriptor of the CSV exports
 * (/v1/datapackage.json): one tabular resource per statistical measure
 * (its /v1/indicators/{measure}?format=csv, every economy and aggregate)
 * and one per reference table, each with its Table Schema (field types,
 * units in the descriptions, keys), licenses and sources. The field names
 * are the answers' CSV columns (csv_columns.c), so the two cannot drift
 * apart. It writes what it is given: the handler picks the measures and
 * their sources. */
#ifndef PF_RENDER_DATAPACKAGE_H
#define PF_RENDER_DATAPACKAGE_H

#include <jansson.h>

#include "store/fact.h"

struct render_dp_measure {
    const struct pf_measure *measure;
    const struct pf_source *const *sources; /* cited by its facts */
    size_t nsources;
};

struct render_datapackage {
    const char *base;    /* the server's base URL: resources' paths */
    const char *version; /* dataset version */
    const char *created; /* build time, ISO 8601 */
    const struct render_dp_measure *measures;
    size_t n;
};

/* The descriptor; NULL when out of memory. */
json_t *render_datapackage_tree(const struct render_datapackage *d);

#endif
