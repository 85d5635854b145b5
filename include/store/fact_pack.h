/* Facts packed for reading: every PF_FACT_FIELDS value of a fact in one
 * blob, in the table facts_packed(rid, packed), written once by the loader
 * after the last derivation and read back as a struct pf_fact with one
 * column read instead of one per field (the per-column cost is most of a
 * page's SQLite time). Strings point into the blob, NUL-terminated, and
 * each text value says whether it is plain (no control character, '"' or
 * '\\': writers may copy it as it is).
 *
 * Layout: a header of one 16-bit word per field (PF_FACT_FIELDS order,
 * host order): 0xFFFF for NULL; for text its length (at most 32766
 * bytes), with the top bit set when plain; 8 for a real or an integer.
 * Then the values in the same order: text as its bytes and a NUL, reals
 * and integers as 8 bytes. The file is read by the build that wrote it
 * (PF_SCHEMA_VERSION). */
#ifndef PF_FACT_PACK_H
#define PF_FACT_PACK_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/pf.h"
#include "store/fact.h"

/* The packed column of the facts a store query reads (fact_sql.c): the
 * query joins FACT_PACK_JOIN to its "facts f" (a join, not a subquery per
 * row: half the cost). */
#define FACT_PACK_COLUMN "p.packed"
#define FACT_PACK_JOIN   " JOIN facts_packed p ON p.rid=f.rowid"

/* On the loader's connection, once every fact is final: creates
 * facts_packed and fills it from facts. Returns PF_OK, or PF_EDB /
 * PF_ENOMEM with SQLite's message left on db. */
enum pf_err store_fact_pack_table(sqlite3 *db);

/* On any connection (`policyfacts verify`): *bad gets the number of facts
 * whose packed copy is missing or not what their fields pack to, and of
 * packed rows beyond the facts (absolute value not meaningful: 0 is the
 * answer that matters). Returns PF_OK, or PF_EDB / PF_ENOMEM. */
enum pf_err store_fact_pack_verify(sqlite3 *db, long long *bad);

/* Unpacks n bytes at p into f's fields (strings borrowed from p); the
 * references (measure_ref, source_ref) are left alone. false when the
 * blob is not a packed fact. */
bool store_fact_unpack(const unsigned char *p, size_t n, struct pf_fact *f);

#endif
