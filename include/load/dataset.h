/* The dataset table of a new store: schema version, content hash and
 * version (store_content_hash), build time, row counts and licenses. */
#ifndef PF_LOAD_DATASET_H
#define PF_LOAD_DATASET_H

#include <sqlite3.h>

#include "base/pf.h"
#include "load/report.h"

/* Writes the table; the build time is now, or SOURCE_DATE_EPOCH when set
 * (reproducible builds). Returns PF_OK, or PF_EDB / PF_ENOMEM (reported). */
enum pf_err load_dataset_write(sqlite3 *db, struct load_report *r);

#endif
