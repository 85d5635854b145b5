/* Source adapters: each reads one kind of input file from the data
 * directory and turns what it reads into facts (struct load_fact) handed
 * to load_fact_add, which checks and inserts them. The fact CSV tables
 * are one adapter, raw World Bank WDI files with their manifest another;
 * a new one is a file with its own struct load_adapter and one line in
 * scan.c's list. */
#ifndef PF_LOAD_ADAPTER_H
#define PF_LOAD_ADAPTER_H

#include <stddef.h>

#include "base/pf.h"

struct load_ctx;

struct load_adapter {
    const char *name;    /* for people: "fact tables" */
    const char *pattern; /* fnmatch(3): the files of the data directory it
                          * reads, e.g. "facts_*.csv"; with a '/', glob(3)
                          * in a subdirectory it owns ("wdi/manifest.csv") */
    /* Reads its files (full paths, in name order; valid until the load
     * ends). Data problems are reported at their file:line and the result
     * is PF_OK; any other result stops the load. */
    enum pf_err (*read)(struct load_ctx *c, char *const *paths, size_t n);
};

/* facts_*.csv: one fact per row, columns PF_FACT_FIELDS. */
extern const struct load_adapter load_adapter_fact_csv;
/* wdi/manifest.csv: raw World Bank WDI files (Country Name, Country Code,
 * Year, Value, with their datapackage.json) and the manifest mapping each
 * indicator code to a measure (adapter_wdi.c). */
extern const struct load_adapter load_adapter_wdi;

#endif
