/* The CSV columns of each endpoint, fixed so that every page of a
 * collection — an empty one included — has the same header row, whatever
 * values (null or nested objects) its items happen to hold. Dotted names
 * reach into nested objects (source.id); api-spec/openapi.json lists the
 * same columns as x-csv-columns. */
#ifndef PF_CSVCOLS_H
#define PF_CSVCOLS_H

extern const char *const csv_fact_columns[];
extern const char *const csv_target_columns[];
extern const char *const csv_tariff_day_columns[];
extern const char *const csv_gdp_columns[];
extern const char *const csv_compare_columns[];
extern const char *const csv_source_columns[];
extern const char *const csv_entity_columns[];
extern const char *const csv_measure_columns[];

#endif
