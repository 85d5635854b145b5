/* The one insert path of facts: a checked fact becomes a facts row (its
 * PF_FACT_FIELDS plus the derived known_by, rank_ord, question, sort
 * keys, nature and stated_to; ended_by is set across rows) and a temp.origin
 * row (rid, file, line, rank_given, chash: where it came from, for the
 * cross-row checks' messages). A repeated id is reported here, with the
 * file:line of the first. It checks nothing else. */
#ifndef PF_LOAD_INSERT_H
#define PF_LOAD_INSERT_H

#include <sqlite3.h>

#include "base/pf.h"
#include "load/fact.h"
#include "load/report.h"

struct load_insert {
    sqlite3 *db;
    sqlite3_stmt *fact, *origin, *find_origin;
    long nfacts; /* rows inserted */
};

/* Creates temp.origin in db and prepares the statements. Returns PF_OK or
 * PF_EDB (reported). */
enum pf_err
load_insert_open(struct load_insert *ins, sqlite3 *db, struct load_report *r);
/* Finalizes the statements; ins may be zeroed or half-opened. */
void load_insert_close(struct load_insert *ins);

/* Inserts f (every rule passed). Returns PF_OK (also when the id was a
 * duplicate: reported), or PF_EDB / PF_ENOMEM (reported). */
enum pf_err load_insert_fact(struct load_insert *ins,
                             struct load_report *r,
                             const struct load_fact *f);

#endif
