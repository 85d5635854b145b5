/* Checks that a file is a fact store this build can serve: SQLite, not
 * damaged, of our schema version, referentially intact. Used by the
 * `verify` command and before the server opens or reloads a file. */
#ifndef PF_VERIFY_H
#define PF_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

struct pf_dsinfo {
    char version[17];    /* first 16 hex digits of the content hash */
    char hash[33];       /* XXH3-128 of the content, hex */
    char build_time[32]; /* ISO 8601 UTC */
    long long built_at;  /* the same, as a Unix time (0 if unreadable) */
    long facts, sources, entities, measures;
};

struct sqlite3;

/* The XXH3-128 content hash of a store (schema version, then every row of
 * sources, entities, measures and facts in id order), as 32 hex digits.
 * `load` records it; a full verify recomputes it. Returns 0 or -1. */
int store_content_hash(struct sqlite3 *db, char out[33]);

/* Writes a read-only, immutable SQLite URI for path into out. */
void db_uri(const char *path, char *out, size_t n);

/* Returns 0 and fills info when the file is good; otherwise -1 with a
 * one-line reason in why. full reads every page (integrity_check, foreign
 * keys, content hash); otherwise only the header, declared size, schema
 * version, dataset table and row count are checked (cheap at any size). */
int verify_db(const char *path,
              bool full,
              struct pf_dsinfo *info,
              char *why,
              size_t whylen);

#endif
