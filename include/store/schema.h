/* The fact store's SQLite schema, shared by the loader (which creates it)
 * and the store and verifier (which check its version). */
#ifndef PF_SCHEMA_H
#define PF_SCHEMA_H

/* CREATE statements for every table and index, run once on a new file. */
extern const char schema_sql[];
/* Indexes and the full-text index, created after the bulk insert (faster
 * than maintaining them row by row). */
extern const char schema_index_sql[];

#endif
