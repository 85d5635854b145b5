/* Packed facts (see fact_pack.h): the SQL function pf_pack() that packs a
 * facts row and the table the loader fills with it, and the unpacking the
 * store's reads do. Both sides expand PF_FACT_FIELDS, so they cannot
 * disagree on the order or the types. Knows of the fields only which end
 * of a fact a reader without as_of is served (valid_to). */
#include "store/fact_pack.h"

#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/jsonw.h"

/* The header: one 16-bit word per field. */
#define NONE       0xFFFFu /* NULL */
#define PLAIN      0x8000u /* text with nothing to escape */
#define MAX_TEXT   0x7FFEu
#define HEADER_LEN (2 * PF_FACT_NFIELDS)

/* ---- packing (the loader's connection) ---------------------------------- */

static uint16_t put_text(struct buf *body, sqlite3_value *v, bool *too_long)
{
    const char *s = (const char *)sqlite3_value_text(v);
    size_t n = (size_t)sqlite3_value_bytes(v);
    if (n > MAX_TEXT) {
        *too_long = true;
        return NONE;
    }
    buf_append(body, s, n);
    buf_putc(body, '\0');
    return (uint16_t)(n | (jw_plain(s, n) ? PLAIN : 0));
}

static uint16_t put_real(struct buf *body, sqlite3_value *v, bool *too_long)
{
    double d = sqlite3_value_double(v);
    (void)too_long;
    buf_append(body, &d, sizeof d);
    return 8;
}

static uint16_t put_int(struct buf *body, sqlite3_value *v, bool *too_long)
{
    int64_t i = sqlite3_value_int64(v);
    (void)too_long;
    buf_append(body, &i, sizeof i);
    return 8;
}

/* pf_pack(id, kind, ...): the fields in PF_FACT_FIELDS order. */
static void pack_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    static uint16_t (*const put[])(struct buf *, sqlite3_value *, bool *) = {
#define PUT_TEXT            put_text
#define PUT_REAL            put_real
#define PUT_INT             put_int
#define PUT(n, type, flags) PUT_##type,
        PF_FACT_FIELDS(PUT)
#undef PUT
    };
    uint16_t header[PF_FACT_NFIELDS];
    bool too_long = false;
    struct buf b;
    buf_init(&b);
    buf_append(&b, header, sizeof header); /* room, filled below */
    for (int k = 0; k < argc && k < PF_FACT_NFIELDS; k++)
        header[k] = sqlite3_value_type(argv[k]) == SQLITE_NULL
                        ? NONE
                        : put[k](&b, argv[k], &too_long);
    if (too_long) {
        sqlite3_result_error(ctx,
                             "a text of a fact is longer than 32766 "
                             "bytes",
                             -1);
    } else if (buf_failed(&b) || argc != PF_FACT_NFIELDS) {
        sqlite3_result_error_nomem(ctx);
    } else {
        memcpy(b.data, header, sizeof header);
        sqlite3_result_blob(ctx, b.data, (int)b.len, SQLITE_TRANSIENT);
    }
    buf_free(&b);
}

/* "pf_pack(f.id, f.kind, ...)" after head, then tail: the query text. */
static enum pf_err
pack_sql(sqlite3 *db, const char *head, const char *tail, struct buf *q)
{
#define NAME(n, type, flags) #n,
    static const char *const fields[] = {PF_FACT_FIELDS(NAME)};
#undef NAME
    if (sqlite3_create_function(db, "pf_pack", PF_FACT_NFIELDS,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                pack_fn, NULL, NULL) != SQLITE_OK)
        return PF_EDB;
    buf_puts(q, head);
    buf_puts(q, "pf_pack(");
    /* valid_to as a reader without as_of knows it (design C): an
     * estimate's own end, never carried forward; else the end derived
     * from the next value of its series (fact_sql.c's end_expr) */
    for (size_t i = 0; i < PF_ARRAY_LEN(fields); i++)
        if (i == PF_FACT_valid_to)
            buf_printf(q,
                       "%s(CASE WHEN f.nature='estimate' THEN f.stated_to "
                       "ELSE f.valid_to END)",
                       i ? ", " : "");
        else
            buf_printf(q, "%sf.%s", i ? ", " : "", fields[i]);
    buf_puts(q, ")");
    buf_puts(q, tail);
    return buf_failed(q) ? PF_ENOMEM : PF_OK;
}

enum pf_err store_fact_pack_table(sqlite3 *db)
{
    struct buf q;
    buf_init(&q);
    enum pf_err rc = pack_sql(
        db,
        "CREATE TABLE facts_packed(rid INTEGER PRIMARY KEY, packed BLOB NOT "
        "NULL); INSERT INTO facts_packed SELECT f.rowid, ",
        " FROM facts f ORDER BY f.rowid;", &q);
    if (rc == PF_OK && sqlite3_exec(db, q.data, NULL, NULL, NULL) != SQLITE_OK)
        rc = PF_EDB;
    buf_free(&q);
    return rc;
}

enum pf_err store_fact_pack_verify(sqlite3 *db, long long *bad)
{
    sqlite3_stmt *st = NULL;
    struct buf q;
    buf_init(&q);
    enum pf_err rc = pack_sql(
        db,
        "SELECT (SELECT count(*) FROM facts_packed) - (SELECT count(*) FROM "
        "facts) + (SELECT count(*) FROM facts f LEFT JOIN facts_packed p ON "
        "p.rid=f.rowid WHERE p.packed IS NOT ",
        ")", &q);
    if (rc == PF_OK)
        rc = sqlite3_prepare_v2(db, q.data, -1, &st, NULL) == SQLITE_OK &&
                     sqlite3_step(st) == SQLITE_ROW
                 ? PF_OK
                 : PF_EDB;
    *bad = rc == PF_OK ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    buf_free(&q);
    return rc;
}

/* ---- unpacking (every read) --------------------------------------------- */

#define GET_TEXT(n)                                                            \
    if (h[PF_FACT_##n] == NONE) {                                              \
        f->n = NULL;                                                           \
        f->n##_len = 0;                                                        \
    } else {                                                                   \
        size_t len = h[PF_FACT_##n] & ~PLAIN & 0xFFFFu;                        \
        if (len >= (size_t)(end - at) || at[len] != '\0')                      \
            return false;                                                      \
        f->n = (const char *)at;                                               \
        f->n##_len = len;                                                      \
        plain |= (unsigned long long)(h[PF_FACT_##n] >> 15) << PF_FACT_##n;    \
        at += len + 1;                                                         \
    }
#define GET_8(n, T)                                                            \
    f->has_##n = h[PF_FACT_##n] != NONE;                                       \
    f->n = 0;                                                                  \
    if (f->has_##n) {                                                          \
        T v;                                                                   \
        if (end - at < 8)                                                      \
            return false;                                                      \
        memcpy(&v, at, 8);                                                     \
        f->n = v;                                                              \
        at += 8;                                                               \
    }
#define GET_REAL(n)         GET_8(n, double)
#define GET_INT(n)          GET_8(n, int64_t)
#define GET(n, type, flags) GET_##type(n)

bool store_fact_unpack(const unsigned char *p, size_t n, struct pf_fact *f)
{
    _Static_assert(PF_FACT_NFIELDS <= 64, "one plain bit per field");
    uint16_t h[PF_FACT_NFIELDS];
    unsigned long long plain = 0;
    if (!p || n < HEADER_LEN)
        return false;
    memcpy(h, p, sizeof h);
    const unsigned char *at = p + HEADER_LEN, *end = p + n;
    PF_FACT_FIELDS(GET)
    f->plain = plain;
    return at == end;
}
