/* Reachability: the facts of a store that no query answer can return
 * although an on-date answer claims to cover them (issue 17, B6). Shared
 * by the loader, which fails on any such fact, and `policyfacts verify`,
 * which lists them. The checks are plain SQL on a built store (read-only
 * is enough); the rules they encode are listed in reach.c and in
 * data/README.md ("Reachable facts"). */
#ifndef PF_LOAD_REACH_H
#define PF_LOAD_REACH_H

#include <sqlite3.h>
#include <stdio.h>

#include "base/pf.h"

/* Called once per unreachable fact and reason (a fact may fail several
 * checks). id and why are valid during the call only. */
typedef void (*load_reach_fn)(void *arg,
                              sqlite3_int64 rowid,
                              const char *id,
                              const char *why);

/* Runs every check on db; *n is set to the number of findings. Returns
 * PF_OK, or PF_EDB when a query failed (nothing is logged: the caller
 * says what it was doing, with sqlite3_errmsg). */
enum pf_err load_reach_each(sqlite3 *db, load_reach_fn fn, void *arg, long *n);

/* `policyfacts verify`: opens the store at path read-only and writes one
 * line per finding to out ("unreachable: ID: reason"); *n is set to their
 * number. Returns PF_OK, or PF_EDB with a one-line reason in why. */
enum pf_err load_reach_list_file(
    const char *path, FILE *out, long *n, char *why, size_t whylen);

#endif
