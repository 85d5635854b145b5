/* The CSV columns of each answer, fixed so that every page of a
 * collection — an empty one included — has the same header row, whatever
 * values (null or nested objects) its items happen to hold. Dotted names
 * reach into nested objects (source.id); api-spec/openapi.json lists the
 * same columns as x-csv-columns. The fact's own columns come from
 * fact_schema.h. */
#ifndef PF_CSV_COLUMNS_H
#define PF_CSV_COLUMNS_H

enum render_csv {
    RENDER_CSV_FACTS,
    RENDER_CSV_TARGETS,
    RENDER_CSV_TARIFF_DAY,
    RENDER_CSV_GDP,
    RENDER_CSV_COMPARE,
    RENDER_CSV_SOURCES,
    RENDER_CSV_ENTITIES,
    RENDER_CSV_MEASURES,
    RENDER_CSV_INDICATORS,
    RENDER_CSV_WORLD,
};

/* The NULL-terminated column names of one answer's CSV (for
 * pf_reply.csv_columns). Never fails; thread-safe. */
const char *const *render_csv_columns(enum render_csv which);

#endif
