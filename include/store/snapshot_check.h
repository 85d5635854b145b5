/* The snapshot check: whether a file is a fact store this build can serve
 * (SQLite, not damaged, of our schema version, its dataset table complete)
 * and the content hash that names its version. The store runs the cheap
 * check before it opens or reloads a file; the `verify` command runs the
 * full one; the loader records the content hash. This module reads files
 * only: it never writes one and knows nothing of HTTP or of CSV. */
#ifndef PF_SNAPSHOT_CHECK_H
#define PF_SNAPSHOT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pf.h"

struct pf_dsinfo {
    char version[17];    /* first 16 hex digits of the content hash */
    char hash[33];       /* XXH3-128 of the content, hex */
    char build_time[32]; /* ISO 8601 UTC */
    long long built_at;  /* the same, as a Unix time (0 if unreadable) */
    long facts, sources, entities, measures;
};

struct sqlite3;

/* The XXH3-128 content hash of a store (schema version, then every row of
 * sources, entities, measures, series, outcome_links, and the facts'
 * PF_FACT_FIELDS in id order),
 * as 32 hex digits. Returns PF_OK, or PF_EDB (SQLite failed; nothing is
 * logged: the caller says what it was doing) or PF_ENOMEM. */
enum pf_err store_content_hash(struct sqlite3 *db, char out[33]);

/* Returns PF_OK and fills info when the file at path is good; otherwise
 * PF_EIO (cannot be opened or read) or PF_EDATA (not a good store), with a
 * one-line reason naming path in why. full reads every page
 * (integrity_check, foreign keys, content hash); otherwise only the
 * header, declared size, schema version, dataset table and row count are
 * checked (cheap at any size). Thread-safe. */
enum pf_err store_snapshot_check(const char *path,
                                 bool full,
                                 struct pf_dsinfo *info,
                                 char *why,
                                 size_t whylen);

#endif
