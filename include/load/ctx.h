/* The state of one load, shared by its steps: the options, the report,
 * the new store being written, the reference tables in memory and the
 * fact insert path. Only load.c creates and frees it. */
#ifndef PF_LOAD_CTX_H
#define PF_LOAD_CTX_H

#include <sqlite3.h>

#include "load/insert.h"
#include "load/load.h"
#include "load/refs.h"
#include "load/report.h"

struct load_ctx {
    const struct load_opts *o;
    struct load_report rep;
    sqlite3 *db; /* the temporary file, in one transaction */
    struct load_refs refs;
    struct load_insert ins;
};

#endif
