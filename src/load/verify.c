/* Fact store verification. Every failure is one line that says what is
 * wrong with the file, because operators read it in a log or a CI run. */
#include "load/verify.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <xxhash.h>

#include "base/pf.h"

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
static int header_ok(const char *path, char *why, size_t n)
{
    unsigned char head[100];
    struct stat sb;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, n, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t got = fread(head, 1, sizeof head, f);
    int st = fstat(fileno(f), &sb);
    fclose(f);
    if (got < sizeof head || memcmp(head, "SQLite format 3", 16) != 0) {
        snprintf(why, n, "%s: not an SQLite database", path);
        return -1;
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
        return -1;
    }
    return 0;
}

static int one_text(sqlite3 *db, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st;
    int rc = -1;
    if (n)
        out[0] = '\0'; /* callers may print out even when this fails */
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(out, n, "%s", t ? (const char *)t : "");
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

static long dataset_long(sqlite3 *db, const char *key)
{
    char sql[128], out[32];
    snprintf(sql, sizeof sql, "SELECT value FROM dataset WHERE key='%s'", key);
    return one_text(db, sql, out, sizeof out) == 0 ? atol(out) : -1;
}

/* The server pins a store's inode with an open descriptor and lets SQLite
 * open "/proc/self/fd/N". SQLite's unix VFS canonicalises names by
 * following symbolic links, and once the file at the original path has
 * been replaced (the way a new release is shipped) the link reads
 * "/path/file.db (deleted)": every new connection to the pinned store then
 * failed with "unable to open database file" (a 500 to the client), or,
 * before the old file was unlinked, silently opened the new file. This VFS
 * is the default one except that it keeps /proc/self/fd/ names as they are,
 * and opens them without O_NOFOLLOW, so open() goes through the kernel's
 * link to the pinned inode itself. Registered once, at the first store
 * open (at start, before any other thread uses SQLite). */
static sqlite3_vfs pinned_vfs;
static sqlite3_vfs *real_vfs;
static int (*real_open)(const char *, int, int);

/* The unix VFS opens database files with O_NOFOLLOW (it has resolved links
 * itself); /proc/self/fd/N is a link by nature, so drop the flag for it. */
static int pinned_open(const char *path, int flags, int mode)
{
    if (strncmp(path, "/proc/self/fd/", 14) == 0)
        flags &= ~O_NOFOLLOW;
    return real_open(path, flags, mode);
}

static int
pinned_full_pathname(sqlite3_vfs *vfs, const char *name, int nout, char *out)
{
    (void)vfs;
    if (strncmp(name, "/proc/self/fd/", 14) == 0) {
        size_t len = strlen(name);
        if (len + 1 > (size_t)nout)
            return SQLITE_CANTOPEN;
        memcpy(out, name, len + 1);
        return SQLITE_OK;
    }
    return real_vfs->xFullPathname(real_vfs, name, nout, out);
}

static void register_pinned_vfs(void)
{
    sqlite3_vfs *v = sqlite3_vfs_find(NULL);
    if (!v || v->iVersion < 3 || !v->xGetSystemCall || !v->xSetSystemCall)
        return;
    real_open = (int (*)(const char *, int, int))v->xGetSystemCall(v, "open");
    if (!real_open ||
        v->xSetSystemCall(v, "open", (sqlite3_syscall_ptr)pinned_open) !=
            SQLITE_OK)
        return;
    real_vfs = v;
    pinned_vfs = *real_vfs; /* pAppData too: the unix VFS needs its own */
    pinned_vfs.zName = "pf-pinned";
    pinned_vfs.pNext = NULL;
    pinned_vfs.xFullPathname = pinned_full_pathname;
    sqlite3_vfs_register(&pinned_vfs, 0);
}

void db_uri(const char *path, char *out, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    size_t o = 0;
    const char *prefix = "file:";
    bool pinned = strncmp(path, "/proc/self/fd/", 14) == 0;
    const char *suffix =
        pinned && (pthread_once(&once, register_pinned_vfs), real_vfs)
            ? "?mode=ro&immutable=1&vfs=pf-pinned"
            : "?mode=ro&immutable=1";

    for (const char *p = prefix; *p && o + 1 < n; p++)
        out[o++] = *p;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        /* '?', '#' and '%' would end or escape the path part of the URI */
        if (*p == '?' || *p == '#' || *p == '%') {
            if (o + 4 >= n)
                break;
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        } else if (o + 1 < n) {
            out[o++] = (char)*p;
        }
    }
    for (const char *p = suffix; *p && o + 1 < n; p++)
        out[o++] = *p;
    out[o] = '\0';
}

static int hash_rows(sqlite3 *db, const char *sql, XXH3_state_t *h)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
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
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_content_hash(struct sqlite3 *db, char out[33])
{
    static const char *const tables[] = {
        "SELECT * FROM sources ORDER BY id",
        "SELECT * FROM entities ORDER BY id",
        "SELECT * FROM measures ORDER BY id",
        "SELECT id, kind, subject, object, measure, series, label, value,"
        " value_low, value_high, value_text, qualifier, period, valid_from,"
        " valid_to, target_year, known_from, rank, source_id, quote,"
        " locator, statement, notes FROM facts ORDER BY id",
        NULL};
    XXH3_state_t *h = XXH3_createState();
    int schema = PF_SCHEMA_VERSION;
    int rc = -1;

    if (!h)
        return -1;
    XXH3_128bits_reset(h);
    XXH3_128bits_update(h, &schema, sizeof schema);
    for (int i = 0; tables[i]; i++)
        if (hash_rows(db, tables[i], h) != 0)
            goto done;
    XXH128_hash_t d = XXH3_128bits_digest(h);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)d.high64,
             (unsigned long long)d.low64);
    rc = 0;
done:
    XXH3_freeState(h);
    return rc;
}

int verify_db(const char *path,
              bool full,
              struct pf_dsinfo *info,
              char *why,
              size_t whylen)
{
    sqlite3 *db = NULL;
    char uri[4096], buf[64];
    int rc = -1;

    memset(info, 0, sizeof *info);
    if (header_ok(path, why, whylen) != 0)
        return -1;
    db_uri(path, uri, sizeof uri);
    if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                        NULL) != SQLITE_OK) {
        snprintf(why, whylen, "%s: cannot open: %s", path,
                 db ? sqlite3_errmsg(db) : "out of memory");
        goto done;
    }
    /* Every page is read by the full check (`policyfacts verify`); the
     * check before serving stays cheap on a large file: header, schema,
     * dataset table and row count. */
    if (full && (one_text(db, "PRAGMA integrity_check", buf, sizeof buf) != 0 ||
                 strcmp(buf, "ok") != 0)) {
        snprintf(why, whylen, "%s: damaged or truncated database (%s)", path,
                 buf[0] ? buf : sqlite3_errmsg(db));
        goto done;
    }
    if (one_text(db, "SELECT value FROM dataset WHERE key='schema_version'",
                 buf, sizeof buf) != 0) {
        snprintf(why, whylen,
                 "%s: not a policyfacts database (no dataset "
                 "table)",
                 path);
        goto done;
    }
    if (atoi(buf) != PF_SCHEMA_VERSION) {
        snprintf(why, whylen, "%s: schema version %s, this build reads %d",
                 path, buf, PF_SCHEMA_VERSION);
        goto done;
    }
    if (full && (one_text(db, "SELECT count(*) FROM pragma_foreign_key_check",
                          buf, sizeof buf) != 0 ||
                 strcmp(buf, "0") != 0)) {
        snprintf(why, whylen, "%s: %s rows break foreign keys", path, buf);
        goto done;
    }
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
        snprintf(why, whylen, "%s: dataset table incomplete", path);
        goto done;
    }
    /* The recorded count must match the table: catches a file whose
     * facts were altered after the build. */
    if (one_text(db, "SELECT count(*) FROM facts", buf, sizeof buf) != 0 ||
        atol(buf) != info->facts) {
        snprintf(why, whylen, "%s: facts table has %s rows, dataset says %ld",
                 path, buf, info->facts);
        goto done;
    }
    /* Full check: the content must still hash to the recorded value (a
     * store edited after it was built, same row counts, is caught here). */
    if (full) {
        char hex[33];
        if (store_content_hash(db, hex) != 0) {
            snprintf(why, whylen, "%s: cannot read the content: %s", path,
                     sqlite3_errmsg(db));
            goto done;
        }
        if (strcmp(hex, info->hash) != 0) {
            snprintf(why, whylen,
                     "%s: content does not match its recorded hash (%.16s, "
                     "recorded %.16s): the file was changed after it was "
                     "built",
                     path, hex, info->hash);
            goto done;
        }
    }
    rc = 0;
done:
    sqlite3_close(db);
    return rc;
}
