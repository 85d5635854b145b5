/* Fact queries. The SQL is assembled from fixed fragments chosen by which
 * filters are present — client text only ever reaches SQLite as a bound
 * parameter — and each distinct statement is prepared once per connection
 * and cached. Pagination is keyset-based on (sort key, id), so pages stay
 * stable and cheap however deep a client goes. */
#include <stdlib.h>
#include <string.h>

#include "api/query.h"
#include "base/buf.h"
#include "base/jsonw.h"
#include "base/log.h"
#include "store/store_int.h"

#define MAX_BINDS 512

struct sqlq {
    struct buf sql;
    const char *binds[MAX_BINDS];
    int nbinds;
    int int_bind_at; /* index of the LIMIT bind (an integer) */
    long long limit;
    int key_col; /* the sort key's column, after the selected ones */
};

static void bind(struct sqlq *q, const char *v)
{
    if (q->nbinds < MAX_BINDS)
        q->binds[q->nbinds++] = v;
    else
        q->sql.failed = true;
}

static void in_list_op(struct sqlq *q,
                       const char *op,
                       const char *expr,
                       const struct pf_list *l)
{
    if (l->n == 0)
        return;
    buf_printf(&q->sql, " %s %s IN (", op, expr);
    for (size_t i = 0; i < l->n; i++) {
        buf_puts(&q->sql, i ? ",?" : "?");
        bind(q, l->v[i]);
    }
    buf_putc(&q->sql, ')');
}

static void in_list(struct sqlq *q, const char *expr, const struct pf_list *l)
{
    in_list_op(q, "AND", expr, l);
}

/* Filters that are the same for every fact answering one question. */
static void question_filters(struct sqlq *q, const struct pf_fact_query *f)
{
    in_list(q, "f.kind", &f->kinds);
    in_list(q, "f.subject", &f->subjects);
    in_list(q, "f.object", &f->objects);
    if (f->involves.n) {
        /* either role: a programme is the subject of some facts and the
         * object of others */
        buf_puts(&q->sql, " AND (0");
        in_list_op(q, "OR", "f.subject", &f->involves);
        in_list_op(q, "OR", "f.object", &f->involves);
        buf_putc(&q->sql, ')');
    }
    in_list(q, "f.measure", &f->measures);
    if (f->categories.n) {
        in_list(q, "f.measure IN (SELECT id FROM measures WHERE category",
                &f->categories);
        buf_putc(&q->sql, ')');
    }
    in_list(q, "f.series", &f->series);
    if (f->annual_only)
        buf_puts(&q->sql, " AND length(f.period)=4");
    if (f->target_year) {
        buf_printf(&q->sql, " AND f.target_year=%d", f->target_year);
    }
}

static void
fact_filters(struct sqlq *q, const struct pf_fact_query *f, unsigned ranks)
{
    in_list(q, "f.source_id", &f->sources);
    if (f->on) {
        buf_puts(&q->sql, " AND f.valid_from<=? AND (f.valid_to IS NULL OR "
                          "f.valid_to>=?)");
        bind(q, f->on);
        bind(q, f->on);
    }
    if (f->from) {
        buf_puts(&q->sql, " AND f.valid_from IS NOT NULL AND (f.valid_to IS "
                          "NULL OR f.valid_to>=?)");
        bind(q, f->from);
    }
    if (f->to) {
        buf_puts(&q->sql, " AND f.valid_from<=?");
        bind(q, f->to);
    }
    if (f->q) {
        buf_puts(&q->sql, " AND f.rowid IN (SELECT rowid FROM facts_fts "
                          "WHERE facts_fts MATCH ?)");
        bind(q, f->q);
    }
    if (ranks && ranks != (RANK_PREFERRED | RANK_NORMAL | RANK_DEPRECATED)) {
        buf_puts(&q->sql, " AND f.rank_ord IN (");
        const char *sep = "";
        for (int i = 0; i < 3; i++)
            if (ranks & (1u << i)) {
                buf_printf(&q->sql, "%s%d", sep, i);
                sep = ",";
            }
        buf_putc(&q->sql, ')');
    }
}

static const char *sort_key(enum pf_sort s)
{
    switch (s) {
    case SORT_VALID_FROM:
    case SORT_VALID_FROM_DESC:
        return "f.vf_key";
    case SORT_KNOWN_FROM:
    case SORT_KNOWN_FROM_DESC:
        return "f.kb_key";
    default:
        return "f.id";
    }
}

static bool sort_desc(enum pf_sort s)
{
    return s == SORT_ID_DESC || s == SORT_VALID_FROM_DESC ||
           s == SORT_KNOWN_FROM_DESC;
}

static const char fact_columns[] =
    "f.id, f.kind, f.subject, f.object, f.measure, m.unit, m.category,"
    " f.series, f.label, f.value, f.value_low, f.value_high, f.value_text,"
    " f.qualifier, f.period, f.valid_from, f.valid_to, f.target_year,"
    " f.known_from, f.rank, f.quote, f.locator, f.statement, f.notes,"
    " s.id, s.title, s.publisher, s.url, s.published, s.license";
enum { NFACT_COLS = 24, NSOURCE_COLS = 6 };

/* The text path selects the fact's own columns and its source id only:
 * unit, category and the source object are the snapshot's fragments
 * (facts_frags_load), so no join and no re-escaping per row. */
static const char text_columns[] =
    "f.id, f.kind, f.subject, f.object, f.measure,"
    " f.series, f.label, f.value, f.value_low, f.value_high, f.value_text,"
    " f.qualifier, f.period, f.valid_from, f.valid_to, f.target_year,"
    " f.known_from, f.rank, f.quote, f.locator, f.statement, f.notes,"
    " f.source_id";
/* text column i is fact_names[i] up to the measure, fact_names[i + 2]
 * after it (unit and category come from the measure's fragment) */
enum { NTEXT_COLS = 23, TEXT_MEASURE = 4, TEXT_SOURCE = 22 };

static void build(struct sqlq *q, const struct pf_fact_query *f)
{
    const char *key = sort_key(f->sort);
    bool desc = sort_desc(f->sort);
    unsigned ranks = f->ranks;

    if (f->as_of) {
        /* Knowledge time: among the facts known by as_of, the answer to
         * each question is the best-ranked, then the most recently
         * published one. Question-level filters narrow the window first. */
        buf_puts(&q->sql,
                 "WITH k AS (SELECT f.rowid AS rid, row_number() OVER ("
                 "PARTITION BY f.question ORDER BY f.rank_ord, f.known_by "
                 "DESC, f.id) AS rn FROM facts f WHERE f.known_by<=?");
        bind(q, f->as_of);
        question_filters(q, f);
        buf_puts(&q->sql, ") ");
    }
    bool text = f->text_links != NULL;
    buf_printf(&q->sql, "SELECT %s, %s FROM facts f",
               text ? text_columns : fact_columns, key);
    q->key_col = text ? NTEXT_COLS : NFACT_COLS + NSOURCE_COLS;
    if (f->as_of)
        buf_puts(&q->sql, " JOIN k ON k.rid=f.rowid AND k.rn=1");
    if (!text)
        buf_puts(&q->sql, " JOIN measures m ON m.id=f.measure"
                          " JOIN sources s ON s.id=f.source_id");
    buf_puts(&q->sql, " WHERE 1");
    if (!f->as_of) {
        question_filters(q, f);
        if (!ranks)
            ranks = RANK_PREFERRED | RANK_NORMAL;
    }
    fact_filters(q, f, ranks);
    if (f->after_id) {
        if (strcmp(key, "f.id") == 0) {
            buf_printf(&q->sql, " AND f.id %s ?", desc ? "<" : ">");
            bind(q, f->after_id);
        } else {
            buf_printf(&q->sql, " AND (%s, f.id) %s (?, ?)", key,
                       desc ? "<" : ">");
            bind(q, f->after_key ? f->after_key : "");
            bind(q, f->after_id);
        }
    }
    if (strcmp(key, "f.id") == 0)
        buf_printf(&q->sql, " ORDER BY f.id%s", desc ? " DESC" : "");
    else
        buf_printf(&q->sql, " ORDER BY %s%s, f.id%s", key, desc ? " DESC" : "",
                   desc ? " DESC" : "");
    buf_puts(&q->sql, " LIMIT ?");
    q->int_bind_at = q->nbinds + 1;
    q->limit = f->limit + 1; /* one extra row tells whether more exist */
}

static const char *const fact_names[NFACT_COLS] = {
    "id",         "kind",       "subject",     "object",     "measure",
    "unit",       "category",   "series",      "label",      "value",
    "value_low",  "value_high", "value_text",  "qualifier",  "period",
    "valid_from", "valid_to",   "target_year", "known_from", "rank",
    "quote",      "locator",    "statement",   "notes"};
static const char *const source_names[NSOURCE_COLS] = {
    "id", "title", "publisher", "url", "published", "license"};

static json_t *row_to_fact(sqlite3_stmt *st)
{
    json_t *o = json_object();
    json_t *src = json_object();
    if (!o || !src) {
        json_decref(o);
        json_decref(src);
        return NULL;
    }
    for (int i = 0; i < NFACT_COLS; i++)
        json_object_set_new(o, fact_names[i], column_json(st, i));
    for (int i = 0; i < NSOURCE_COLS; i++)
        json_object_set_new(src, source_names[i],
                            column_json(st, NFACT_COLS + i));
    json_object_set_new(o, "source", src);
    return o;
}

static void column_text(struct buf *b, sqlite3_stmt *st, int col)
{
    /* One column_value and the lighter sqlite3_value_* calls instead of
     * three sqlite3_column_* calls per column: the connection is this
     * thread's alone (SQLITE_OPEN_NOMUTEX), which is what makes the
     * unprotected value safe to read. */
    sqlite3_value *v = sqlite3_column_value(st, col);
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
        jw_int(b, sqlite3_value_int64(v));
        break;
    case SQLITE_FLOAT:
        jw_real(b, sqlite3_value_double(v));
        break;
    case SQLITE_TEXT: {
        const char *t = (const char *)sqlite3_value_text(v);
        jw_str(b, t, (size_t)sqlite3_value_bytes(v));
        break;
    }
    default:
        buf_append(b, "null", 4);
    }
}

/* "key": fragments, built once: a page writes thirty of them per row. */
struct keyfrag {
    char text[24];
    size_t len;
};
static struct keyfrag fact_keys[NFACT_COLS], source_keys[NSOURCE_COLS];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static void keyfrag_set(struct keyfrag *k, const char *name, bool first)
{
    int n =
        snprintf(k->text, sizeof k->text, "%s\"%s\":", first ? "" : ",", name);
    k->len = (size_t)n;
}

static void build_keys(void)
{
    for (int i = 0; i < NFACT_COLS; i++)
        keyfrag_set(&fact_keys[i], fact_names[i], i == 0);
    for (int i = 0; i < NSOURCE_COLS; i++)
        keyfrag_set(&source_keys[i], source_names[i], i == 0);
}

/* Reads id plus the columns named by keys from sql (ordered by id) into
 * fragments: prefix, then "key":value for each, then suffix. */
static int frags_read(sqlite3 *db,
                      const char *sql,
                      const struct keyfrag *keys,
                      int nkeys,
                      const char *prefix,
                      const char *suffix,
                      struct pf_frag **out,
                      size_t *n)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc = -1;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            struct pf_frag *p = realloc(*out, cap * sizeof *p);
            if (!p)
                goto done;
            *out = p;
        }
        struct buf b;
        buf_init(&b);
        buf_puts(&b, prefix);
        for (int i = 0; i < nkeys; i++) {
            buf_append(&b, keys[i].text, keys[i].len);
            column_text(&b, st, i + 1);
        }
        buf_puts(&b, suffix);
        const unsigned char *id = sqlite3_column_text(st, 0);
        char *idc = strdup(id ? (const char *)id : "");
        if (buf_failed(&b) || !idc) {
            buf_free(&b);
            free(idc);
            goto done;
        }
        struct pf_frag *fr = &(*out)[(*n)++];
        fr->id = idc;
        fr->text = buf_steal(&b, &fr->len);
    }
    rc = 0;
done:
    sqlite3_finalize(st);
    return rc;
}

int facts_frags_load(struct pf_store *s, sqlite3 *db)
{
    pthread_once(&keys_once, build_keys);
    /* the same columns, keys and writer as the joined query and
     * row_to_fact, so the two paths stay byte-identical */
    if (frags_read(db,
                   "SELECT id, id, title, publisher, url, published, license"
                   " FROM sources ORDER BY id",
                   source_keys, NSOURCE_COLS, "{", "}", &s->source_frags,
                   &s->nsource_frags) != 0)
        return -1;
    return frags_read(db, "SELECT id, unit, category FROM measures ORDER BY id",
                      &fact_keys[5], 2, "", "", &s->measure_frags,
                      &s->nmeasure_frags);
}

static void frags_free(struct pf_frag *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free((char *)v[i].id);
        free(v[i].text);
    }
    free(v);
}

void facts_frags_free(struct pf_store *s)
{
    frags_free(s->source_frags, s->nsource_frags);
    frags_free(s->measure_frags, s->nmeasure_frags);
    s->source_frags = s->measure_frags = NULL;
    s->nsource_frags = s->nmeasure_frags = 0;
}

/* The fragment for the id in column col; consecutive rows mostly share a
 * source and a measure, so the previous answer is tried first. */
static const struct pf_frag *frag_of(sqlite3_stmt *st,
                                     int col,
                                     const struct pf_frag *v,
                                     size_t n,
                                     const struct pf_frag **last)
{
    const char *id = (const char *)sqlite3_column_text(st, col);
    if (!id)
        return NULL;
    if (*last && strcmp((*last)->id, id) == 0)
        return *last;
    *last = find_sorted(v, n, sizeof *v, id);
    return *last;
}

struct text_ctx {
    const struct pf_store *s;
    const char *link_base;
    const struct pf_frag *measure, *source; /* the previous row's */
};

/* The same object as row_to_fact + links.self, written as text: the same
 * keys in the same order, so the two paths produce identical JSON.
 * -1 when the fact names a measure or source the snapshot lacks (the
 * full check at load rules that out). */
static int row_to_text(sqlite3_stmt *st, struct text_ctx *t, struct buf *b)
{
    const struct pf_frag *m = frag_of(st, TEXT_MEASURE, t->s->measure_frags,
                                      t->s->nmeasure_frags, &t->measure);
    const struct pf_frag *src = frag_of(st, TEXT_SOURCE, t->s->source_frags,
                                        t->s->nsource_frags, &t->source);
    if (!m || !src)
        return -1;
    buf_putc(b, '{');
    for (int i = 0; i < TEXT_SOURCE; i++) {
        const struct keyfrag *k = &fact_keys[i <= TEXT_MEASURE ? i : i + 2];
        buf_append(b, k->text, k->len);
        column_text(b, st, i);
        if (i == TEXT_MEASURE)
            buf_append(b, m->text, m->len);
    }
    buf_append(b, ",\"source\":", 10);
    buf_append(b, src->text, src->len);
    /* The base URL (validated host and prefix) and the percent-encoded id
     * hold no character JSON must escape: written as they are. */
    buf_append(b, ",\"links\":{\"self\":\"", 18);
    buf_puts(b, t->link_base);
    buf_append(b, "/v1/facts/", 10);
    url_encode_component(b, (const char *)sqlite3_column_text(st, 0));
    buf_append(b, "\"}}", 3);
    return 0;
}

/* Room for a whole page, judged by its first row, so the buffer does not
 * grow (and copy itself) a dozen times on the way to 100 kB. Bounded: a
 * long first row must not reserve megabytes for short ones. */
static void reserve_page(struct buf *b, int limit)
{
    size_t want = b->len * (size_t)limit + b->len / 8 + 256;
    buf_reserve(b, want < (1u << 20) ? want : (1u << 20));
}

static char *col_text_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return strdup(t ? (const char *)t : "");
}

void fact_page_free(struct pf_fact_page *p)
{
    json_decref(p->items);
    buf_free(&p->text);
    free(p->last_key);
    free(p->last_id);
    memset(p, 0, sizeof *p);
}

enum pf_err store_facts(struct pf_store *s,
                        const struct pf_fact_query *f,
                        struct pf_fact_page *out,
                        char *why,
                        size_t whylen)
{
    struct sqlq q = {.nbinds = 0};
    struct pf_conn *c = NULL;
    enum pf_err err = PF_EDB;
    int rc;

    memset(out, 0, sizeof *out);
    buf_init(&out->text);
    why[0] = '\0';
    buf_init(&q.sql);
    build(&q, f);
    if (buf_failed(&q.sql)) {
        err = PF_ENOMEM;
        goto done;
    }
    c = conn_get(s);
    if (!c)
        goto done;
    sqlite3_stmt *st = conn_stmt(c, buf_cstr(&q.sql));
    if (!st)
        goto done;
    for (int i = 0; i < q.nbinds; i++)
        sqlite3_bind_text(st, i + 1, q.binds[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, q.int_bind_at, q.limit);

    struct text_ctx tc = {.s = s, .link_base = f->text_links};
    bool bad_ref = false;
    if (!f->text_links) {
        out->items = json_array();
        if (!out->items) {
            err = PF_ENOMEM;
            goto done;
        }
    } else {
        if (f->text_open)
            buf_puts(&out->text, f->text_open);
        buf_putc(&out->text, '[');
    }
    int n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == f->limit) {
            out->more = true;
            break;
        }
        if (f->text_links) {
            if (n)
                buf_putc(&out->text, ',');
            if (row_to_text(st, &tc, &out->text) != 0) {
                bad_ref = true;
                rc = SQLITE_CORRUPT; /* reported below */
                break;
            }
            if (n == 0)
                reserve_page(&out->text, f->limit);
        } else {
            json_array_append_new(out->items, row_to_fact(st));
        }
        n++;
        if (n == f->limit) {
            /* remember the position before stepping past it */
            free(out->last_key);
            free(out->last_id);
            out->last_key = col_text_dup(st, q.key_col);
            out->last_id = col_text_dup(st, 0);
        }
    }
    out->count = n;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        snprintf(why, whylen, "%s",
                 bad_ref ? "a fact names a source or measure the snapshot "
                           "lacks"
                         : sqlite3_errmsg(c->db));
        sqlite3_reset(st);
        if (f->q && (rc == SQLITE_ERROR)) {
            /* Only the MATCH text varies at run time: a plain SQL error
             * here is the client's FTS5 syntax. */
            err = PF_EQUERY;
        } else {
            log_msg(PF_LOG_ERROR, "store", "fact query failed: %s", why);
            why[0] = '\0';
        }
        fact_page_free(out);
        goto done;
    }
    sqlite3_reset(st);
    if (f->text_links)
        buf_putc(&out->text, ']');
    err = buf_failed(&out->text) ? PF_ENOMEM : PF_OK;
done:
    conn_put(s, c);
    buf_free(&q.sql);
    return err;
}

enum pf_err store_fact(struct pf_store *s, const char *id, json_t **out)
{
    struct pf_conn *c = conn_get(s);
    enum pf_err err = PF_EDB;
    *out = NULL;
    if (!c)
        return PF_EDB;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT %s FROM facts f JOIN measures m ON m.id=f.measure"
             " JOIN sources s ON s.id=f.source_id WHERE f.id=?",
             fact_columns);
    sqlite3_stmt *st = conn_stmt(c, sql);
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = row_to_fact(st);
            err = *out ? PF_OK : PF_ENOMEM;
        } else if (rc == SQLITE_DONE) {
            err = PF_ENOTFOUND;
        } else {
            log_msg(PF_LOG_ERROR, "store", "fact lookup failed: %s",
                    sqlite3_errmsg(c->db));
        }
        sqlite3_reset(st);
    }
    conn_put(s, c);
    return err;
}
