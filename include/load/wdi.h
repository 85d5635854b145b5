/* The World Bank WDI source adapter's pieces (adapter_wdi.c is the
 * adapter): data/wdi/manifest.csv read into one checked row per indicator
 * (its datapackage.json read too, its source and, when new, its measure
 * added to the reference tables), and aggregates.csv, the codes that are
 * aggregates rather than economies. Only the adapter uses this header. */
#ifndef PF_LOAD_WDI_H
#define PF_LOAD_WDI_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pf.h"
#include "load/refmap.h"
#include "load/table.h"

struct load_ctx;

/* One manifest row whose checks all passed. Strings are owned. */
struct wdi_indicator {
    long line;       /* in manifest.csv */
    char *code;      /* "NE.IMP.GNFS.ZS", as the World Bank writes it */
    char *measure;   /* measure id */
    char *kind;      /* fact kind: gdp_share or indicator */
    char *id_prefix; /* fact ids: <id_prefix>.<code lower>.<year> */
    char *source_id; /* the source row made for this file */
    char *title;     /* the datapackage's title: labels start with it */
    char *path;      /* the data file, under the data directory */
    char *data_file; /* owner/repo@commit:path, where a row's line is */
    char *published; /* the vintage's date (knowledge time) */
};

struct wdi_manifest {
    char *dir; /* the directory of manifest.csv */
    struct wdi_indicator *v;
    size_t n, cap;
    struct refmap aggregates; /* aggregate code -> its line */
    struct refmap files;      /* file names the manifest names -> 1 */
};

/* The files of the directory that are not indicator files. */
#define WDI_MANIFEST   "manifest.csv"
#define WDI_AGGREGATES "aggregates.csv"
#define WDI_README     "README.md"

/* Reads aggregates.csv and manifest.csv from the directory of
 * manifest_path into m (zeroed before). A row with a problem is reported
 * at its file:line and left out of m->v. Returns PF_OK when both were read
 * or their problems reported; PF_ENOMEM / PF_EDB (reported) otherwise. */
enum pf_err wdi_manifest_read(struct load_ctx *c,
                              const char *manifest_path,
                              struct wdi_manifest *m);
void wdi_manifest_free(struct wdi_manifest *m);

static inline bool wdi_is_aggregate(const struct wdi_manifest *m,
                                    const char *code)
{
    return refmap_get(&m->aggregates, code) >= 0;
}

/* The manifest's columns, in this order in a struct load_row. */
enum wdi_col {
    W_CODE,
    W_MEASURE,
    W_KIND,
    W_CATEGORY,
    W_UNIT,
    W_MIN,
    W_MAX,
    W_ID_PREFIX,
    W_FILE,
    W_DATAPACKAGE,
    W_SOURCE_ID,
    W_REPOSITORY,
    W_COMMIT,
    W_PATH,
    W_LICENSE,
    W_PUBLISHED,
    W_NCOLS
};

/* wdi_refs.c: one manifest row's datapackage.json (in dir) read and
 * checked against the row (indicator code, license, columns), the row's
 * source written and its measure checked against measures.csv or written.
 * *title gets the datapackage's title (owned). Problems are reported at
 * the manifest line and *ok set false. Returns PF_OK, or PF_ENOMEM /
 * PF_EDB (reported). */
enum pf_err wdi_refs_add(struct load_ctx *c,
                         const struct load_row *row,
                         const char *dir,
                         char **title,
                         bool *ok);

#endif
