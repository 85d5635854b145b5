/* The data directory: which *.csv file is read by whom. The reference
 * tables are read first (refs.c); every other file must match one source
 * adapter's pattern, or it is reported as unknown. */
#ifndef PF_LOAD_SCAN_H
#define PF_LOAD_SCAN_H

#include "base/pf.h"

struct load_ctx;

/* Lists c->o->dir, reports unknown files (and a directory without any
 * adapter's file), and runs each adapter on its files in name order.
 * Returns PF_OK when every file was read or its problems reported;
 * otherwise the failure (reported). */
enum pf_err load_scan_run(struct load_ctx *c);

#endif
