/* The snapshot check and the content hash (see snapshot_check.h). It owns
 * the rules for "a file this build can serve" and the bytes the dataset
 * version is hashed from; it must not write to a file, keep a connection
 * open after it returns, or log: every failure is one line in why, because
 * operators read it in a log or a CI run. */
#include "store/snapshot_check.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <xxhash.h>

#include "base/buf.h"
#include "store/fact_pack.h"
#include "store/fact_schema.h"
#include "store/snapshot_uri.h"

static unsigned long be(const unsigned char *p, int n)
{
    unsigned long v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* The SQLite header (first 100 bytes): the magic string, and a file at
 * least as long as the pages it declares — a cheap test for truncation
 * that does not read the whole file. */
static enum pf_err header_ok(const char *path, char *why, size_t n)
{
    unsigned char head[100];
    struct stat sb;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, n, "%s: %s", path, strerror(errno));
        return PF_EIO;
    }
    size_t got = fread(head, 1, sizeof head, f);
    int st = fstat(fileno(f), &sb);
    fclose(f);
    if (got < sizeof head || memcmp(head, "SQLite format 3", 16) != 0) {
        snprintf(why, n, "%s: not an SQLite database", path);
        return PF_EDATA;
    }
    unsigned long page = be(head + 16, 2);
    if (page == 1)
        page = 65536;
    unsigned long pages = be(head + 28, 4);
    /* the declared page count is valid when its version matches */
    if (st == 0 && be(head + 92, 4) == be(head + 24, 4) &&
        (unsigned long long)page * pages > (unsigned long long)sb.st_size) {
        snprintf(why, n,
                 "%s: damaged or truncated database (%lu pages of %lu "
                 "bytes declared, file has %lld bytes)",
                 path, pages, page, (long long)sb.st_size);
        return PF_EDATA;
    }
    return PF_OK;
}

/* The first column of the first row of sql, as text, into out ("" when
 * there is none). Returns PF_OK, or PF_EDB when there is no row. */
static enum pf_err one_text(sqlite3 *db, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st;
    enum pf_err rc = PF_EDB;
    if (n)
        out[0] = '\0'; /* callers may print out even when this fails */
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return PF_EDB;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(out, n, "%s", t ? (const char *)t : "");
        rc = PF_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static long dataset_long(sqlite3 *db, const char *key)
{
    char sql[128], out[32];
    snprintf(sql, sizeof sql, "SELECT value FROM dataset WHERE key='%s'", key);
    return one_text(db, sql, out, sizeof out) == PF_OK ? atol(out) : -1;
}

static enum pf_err hash_rows(sqlite3 *db, const char *sql, XXH3_state_t *h)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return PF_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int n = sqlite3_column_count(st);
        for (int i = 0; i < n; i++) {
            unsigned char tag = (unsigned char)sqlite3_column_type(st, i);
            const void *p = sqlite3_column_blob(st, i);
            uint64_t len = (uint64_t)sqlite3_column_bytes(st, i);
            XXH3_128bits_update(h, &tag, 1);
            XXH3_128bits_update(h, &len, sizeof len);
            if (len)
                XXH3_128bits_update(h, p, (size_t)len);
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? PF_OK : PF_EDB;
}

/* "SELECT id, kind, ... FROM facts ORDER BY id": exactly the fields a
 * facts CSV gives, in its column order. The hash covers these bytes, so
 * the dataset version of the same data stays the same from build to
 * build; derived columns (known_by, question, ...) are left out. */
static enum pf_err facts_select(struct buf *sql)
{
#define FACT_FIELD_NAME(name, type, flags) #name,
    static const char *const fields[] = {PF_FACT_FIELDS(FACT_FIELD_NAME)};
#undef FACT_FIELD_NAME
    buf_puts(sql, "SELECT ");
    for (size_t i = 0; i < PF_ARRAY_LEN(fields); i++)
        buf_printf(sql, "%s%s", i ? ", " : "", fields[i]);
    buf_puts(sql, " FROM facts ORDER BY id");
    return buf_failed(sql) ? PF_ENOMEM : PF_OK;
}

enum pf_err store_content_hash(struct sqlite3 *db, char out[33])
{
    static const char *const tables[] = {
        "SELECT * FROM sources ORDER BY id",
        "SELECT * FROM entities ORDER BY id",
        "SELECT * FROM measures ORDER BY id",
        "SELECT * FROM series ORDER BY id",
        "SELECT * FROM outcome_links ORDER BY target_measure, "
        "outcome_measure, subject"};
    XXH3_state_t *h = XXH3_createState();
    int schema = PF_SCHEMA_VERSION;
    struct buf facts;
    enum pf_err rc = PF_ENOMEM;

    buf_init(&facts);
    if (!h || facts_select(&facts) != PF_OK)
        goto done;
    XXH3_128bits_reset(h);
    XXH3_128bits_update(h, &schema, sizeof schema);
    for (size_t i = 0; i < PF_ARRAY_LEN(tables); i++)
        if ((rc = hash_rows(db, tables[i], h)) != PF_OK)
            goto done;
    if ((rc = hash_rows(db, buf_cstr(&facts), h)) != PF_OK)
        goto done;
    XXH128_hash_t d = XXH3_128bits_digest(h);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)d.high64,
             (unsigned long long)d.low64);
    rc = PF_OK;
done:
    XXH3_freeState(h);
    buf_free(&facts);
    return rc;
}

/* Not damaged (full only), of our schema version, referentially intact
 * (full only). */
static enum pf_err
check_schema(sqlite3 *db, const char *path, bool full, char *why, size_t n)
{
    char buf[64];
    if (full &&
        (one_text(db, "PRAGMA integrity_check", buf, sizeof buf) != PF_OK ||
         strcmp(buf, "ok") != 0)) {
        snprintf(why, n, "%s: damaged or truncated database (%s)", path,
                 buf[0] ? buf : sqlite3_errmsg(db));
        return PF_EDATA;
    }
    if (one_text(db, "SELECT value FROM dataset WHERE key='schema_version'",
                 buf, sizeof buf) != PF_OK) {
        snprintf(why, n, "%s: not a policyfacts database (no dataset table)",
                 path);
        return PF_EDATA;
    }
    if (atoi(buf) != PF_SCHEMA_VERSION) {
        snprintf(why, n, "%s: schema version %s, this build reads %d", path,
                 buf, PF_SCHEMA_VERSION);
        return PF_EDATA;
    }
    if (full && (one_text(db, "SELECT count(*) FROM pragma_foreign_key_check",
                          buf, sizeof buf) != PF_OK ||
                 strcmp(buf, "0") != 0)) {
        snprintf(why, n, "%s: %s rows break foreign keys", path, buf);
        return PF_EDATA;
    }
    /* the packed facts the server reads (fact_pack.h): there, and (full)
     * each the packing of its fact's fields */
    long long bad = 0;
    if (one_text(db,
                 "SELECT count(*) FROM sqlite_schema WHERE "
                 "name='facts_packed'",
                 buf, sizeof buf) != PF_OK ||
        strcmp(buf, "1") != 0 ||
        (full && (store_fact_pack_verify(db, &bad) != PF_OK || bad != 0))) {
        snprintf(why, n,
                 "%s: the packed facts are missing or differ from the facts",
                 path);
        return PF_EDATA;
    }
    return PF_OK;
}

/* The dataset table into info; it must be complete and its fact count
 * must match the table (catches a file whose facts were altered after the
 * build). */
static enum pf_err read_info(
    sqlite3 *db, const char *path, struct pf_dsinfo *info, char *why, size_t n)
{
    char buf[64];
    one_text(db, "SELECT value FROM dataset WHERE key='content_hash'",
             info->hash, sizeof info->hash);
    one_text(db, "SELECT value FROM dataset WHERE key='version'", info->version,
             sizeof info->version);
    one_text(db, "SELECT value FROM dataset WHERE key='build_time'",
             info->build_time, sizeof info->build_time);
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (strptime(info->build_time, "%Y-%m-%dT%H:%M:%SZ", &tm))
        info->built_at = (long long)timegm(&tm);
    info->facts = dataset_long(db, "count_facts");
    info->sources = dataset_long(db, "count_sources");
    info->entities = dataset_long(db, "count_entities");
    info->measures = dataset_long(db, "count_measures");
    if (strlen(info->hash) != 32 || info->facts < 0) {
        snprintf(why, n, "%s: dataset table incomplete", path);
        return PF_EDATA;
    }
    if (one_text(db, "SELECT count(*) FROM facts", buf, sizeof buf) != PF_OK ||
        atol(buf) != info->facts) {
        snprintf(why, n, "%s: facts table has %s rows, dataset says %ld", path,
                 buf, info->facts);
        return PF_EDATA;
    }
    return PF_OK;
}

/* The content must still hash to the recorded value: a store edited after
 * it was built, with the same row counts, is caught here. */
static enum pf_err check_content(sqlite3 *db,
                                 const char *path,
                                 const struct pf_dsinfo *info,
                                 char *why,
                                 size_t n)
{
    char hex[33];
    if (store_content_hash(db, hex) != PF_OK) {
        snprintf(why, n, "%s: cannot read the content: %s", path,
                 sqlite3_errmsg(db));
        return PF_EDB;
    }
    if (strcmp(hex, info->hash) != 0) {
        snprintf(why, n,
                 "%s: content does not match its recorded hash (%.16s, "
                 "recorded %.16s): the file was changed after it was built",
                 path, hex, info->hash);
        return PF_EDATA;
    }
    return PF_OK;
}

enum pf_err store_snapshot_check(const char *path,
                                 bool full,
                                 struct pf_dsinfo *info,
                                 char *why,
                                 size_t whylen)
{
    sqlite3 *db = NULL;
    char uri[4096];
    enum pf_err rc;

    memset(info, 0, sizeof *info);
    if ((rc = header_ok(path, why, whylen)) != PF_OK)
        return rc;
    store_snapshot_uri(path, uri, sizeof uri);
    if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                        NULL) != SQLITE_OK) {
        snprintf(why, whylen, "%s: cannot open: %s", path,
                 db ? sqlite3_errmsg(db) : "out of memory");
        rc = PF_EIO;
        goto done;
    }
    /* Every page is read by the full check (`policyfacts verify`); the
     * check before serving stays cheap on a large file: header, schema,
     * dataset table and row count. */
    if ((rc = check_schema(db, path, full, why, whylen)) != PF_OK ||
        (rc = read_info(db, path, info, why, whylen)) != PF_OK)
        goto done;
    if (full)
        rc = check_content(db, path, info, why, whylen);
done:
    sqlite3_close(db);
    return rc;
}
