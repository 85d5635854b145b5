/* The reference tables (sources.csv, entities.csv, measures.csv,
 * series.csv, outcome_links.csv): each row checked, written to the new
 * store, and kept in memory as far as the fact rules look it up. It owns
 * what a reference row must be; it knows nothing of facts beyond
 * answering lookups. */
#ifndef PF_LOAD_REFS_H
#define PF_LOAD_REFS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/pf.h"
#include "load/refmap.h"
#include "load/report.h"

/* The reference tables' file names, in the order they are read (a table
 * may name rows of the tables before it). */
#define LOAD_NREFS 5
extern const char *const load_refs_files[LOAD_NREFS];

/* Positions in PF_NATURES (store/fact_schema.h). */
enum load_nature { LOAD_IN_FORCE, LOAD_ESTIMATE };

struct load_measure {
    bool numeric; /* has a plausible range: values must be numbers */
    double min, max;
    char unit[48];
    enum load_nature nature;
};

struct load_source {
    char *published; /* "" when the source gives no date */
    bool vintage;    /* published_kind 'vintage': a statistics release */
};

/* A series of series.csv: the pair whose facts it groups, and the series
 * it replaces ("" when none) with the line that says so. */
struct load_series {
    char *imposer, *target, *replaces;
    long line;
};

struct load_refs {
    struct refmap entity_ids, measure_ids, source_ids, series_ids;
    struct refmap link_keys; /* outcome links read, for repeats */
    struct load_measure *measures;
    size_t nmeasures, capmeasures;
    struct load_source *sources;
    size_t nsources, capsources;
    struct load_series *series;
    size_t nseries, capseries;
};

void load_refs_init(struct load_refs *r);
void load_refs_free(struct load_refs *r);

/* Reads the tables from dir (a missing one is a data error) into r and
 * into db's tables. Returns PF_OK when they were read or their problems
 * reported; PF_EDB or PF_ENOMEM (reported) otherwise. */
enum pf_err load_refs_read(struct load_refs *r,
                           struct load_report *rep,
                           sqlite3 *db,
                           const char *dir);

/* A row a source adapter gives for a reference table (the WDI manifest's
 * sources and measures, the economies its files name), as if read from
 * that table at file:line: columns by name, any not named empty. */
enum load_refs_table {
    LOAD_REFS_SOURCES,
    LOAD_REFS_ENTITIES,
    LOAD_REFS_MEASURES
};
struct load_refs_row {
    enum load_refs_table table;
    const char *file;
    long line;
    const char *const *names, *const *values; /* n of each */
    size_t n;
};

/* Checks and writes row as its table's reader does; afterwards it is
 * looked up like any other. Problems are reported at row->file:line and
 * the result is PF_OK; PF_EDB / PF_ENOMEM (reported) otherwise, PF_EINVAL
 * when a name is not a column of the table (the caller's bug). */
enum pf_err load_refs_add(struct load_refs *r,
                          struct load_report *rep,
                          sqlite3 *db,
                          const struct load_refs_row *row);

bool load_refs_entity(const struct load_refs *r, const char *id);
/* NULL when there is no such measure, source or series. */
const struct load_measure *load_refs_measure(const struct load_refs *r,
                                             const char *id);
const struct load_source *load_refs_source(const struct load_refs *r,
                                           const char *id);
const struct load_series *load_refs_series(const struct load_refs *r,
                                           const char *id);

#endif
