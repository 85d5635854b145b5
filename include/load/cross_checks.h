/* The checks across rows, as SQL on the facts once all are inserted (one
 * preferred fact per question, no exact duplicates, series that end before
 * they start, outcome links to measures no table or adapter gave, facts no
 * answer can reach), with the derivations they depend on (a fact alone on
 * its question is preferred; a series value ends where the next starts,
 * and records which value ended it). Each finding is reported at its
 * row's file:line from temp.origin (temp.link_origin for links). */
#ifndef PF_LOAD_CROSS_CHECKS_H
#define PF_LOAD_CROSS_CHECKS_H

#include <sqlite3.h>

#include "base/pf.h"
#include "load/report.h"

/* Runs every check in order. Returns PF_OK when they ran (findings are
 * reported), PF_EDB (reported) when SQLite failed. */
enum pf_err load_cross_checks(sqlite3 *db, struct load_report *r);

#endif
