/* The fact query's SQL. The text is assembled from fixed fragments chosen
 * by which filters are present — client text only ever reaches SQLite as
 * a bound parameter — so each distinct statement is prepared once per
 * connection and cached. Pagination is keyset-based on (sort key, id).
 * Must not run the statement or read rows (store_facts.c does). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"

#define FACT_COLUMNS FACT_SQL_COLUMNS

/* The field names, in PF_FACT_FIELDS order. */
#define NAME(n, type, flags) #n,
static const char *const field_names[] = {PF_FACT_FIELDS(NAME)};
#undef NAME

static void bind(struct fact_sql *q, const char *v)
{
    if (q->nbinds < FACT_SQL_MAX_BINDS)
        q->binds[q->nbinds++] = v;
    else
        q->sql.failed = true;
}

static void in_list_op(struct fact_sql *q,
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

static void
in_list(struct fact_sql *q, const char *expr, const struct pf_list *l)
{
    in_list_op(q, "AND", expr, l);
}

/* Filters that are the same for every fact answering one question. */
static void question_filters(struct fact_sql *q, const struct pf_fact_query *f)
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
    if (f->target_year)
        buf_printf(&q->sql, " AND f.target_year=%d", f->target_year);
}

static void rank_filter(struct fact_sql *q, unsigned ranks)
{
    if (!ranks || ranks == PF_RANK_ALL)
        return;
    buf_puts(&q->sql, " AND f.rank_ord IN (");
    const char *sep = "";
    for (int i = 0; i < PF_NRANKS; i++)
        if (ranks & PF_RANK_BIT(i)) {
            buf_printf(&q->sql, "%s%d", sep, i);
            sep = ",";
        }
    buf_putc(&q->sql, ')');
}

/* The last day a fact is in effect for a reader at as_of (design C): an
 * estimate's own end (never carried forward); a rate's end derived from
 * the next value of its series only when that value is known by as_of,
 * else the end it states. Served as valid_to. */
static void end_expr(struct fact_sql *q, const struct pf_fact_query *f)
{
    buf_puts(&q->sql, "(CASE WHEN f.nature='estimate' THEN f.stated_to");
    if (f->as_of) {
        buf_puts(&q->sql, " WHEN f.ended_by IS NOT NULL AND (SELECT "
                          "e.known_by FROM facts e WHERE e.rowid=f.ended_by)"
                          ">? THEN f.stated_to");
        bind(q, f->as_of);
    }
    buf_puts(&q->sql, " ELSE f.valid_to END)");
}

/* In effect on the day: started (a tariff layer with an unknown start:
 * not before the first known start of its series that is not after its
 * end), and not ended. */
static void on_filter(struct fact_sql *q, const struct pf_fact_query *f)
{
    buf_puts(&q->sql,
             " AND (f.valid_from<=? OR (f.valid_from IS NULL AND "
             "f.kind='tariff_rate' AND f.nature='in_force' AND ifnull((SELECT "
             "min(g.valid_from) FROM facts g WHERE g.measure=f.measure AND "
             "g.subject=f.subject AND g.object IS f.object AND "
             "g.series=f.series AND g.rank_ord<2 AND g.valid_from IS NOT NULL "
             "AND (f.stated_to IS NULL OR g.valid_from<=f.stated_to)");
    bind(q, f->on);
    if (f->as_of) {
        buf_puts(&q->sql, " AND g.known_by<=?");
        bind(q, f->as_of);
    }
    buf_puts(&q->sql, "),'')<=?)) AND (");
    bind(q, f->on);
    end_expr(q, f);
    buf_puts(&q->sql, " IS NULL OR ");
    end_expr(q, f);
    buf_puts(&q->sql, ">=?)");
    bind(q, f->on);
}

static void
fact_filters(struct fact_sql *q, const struct pf_fact_query *f, unsigned ranks)
{
    in_list(q, "f.source_id", &f->sources);
    if (f->on)
        on_filter(q, f);
    if (f->from) {
        buf_puts(&q->sql, " AND f.valid_from IS NOT NULL AND (");
        end_expr(q, f);
        buf_puts(&q->sql, " IS NULL OR ");
        end_expr(q, f);
        buf_puts(&q->sql, ">=?)");
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
    rank_filter(q, ranks);
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

/* Knowledge time: among the facts known by as_of, the answer to each
 * question is the best-ranked, then the most recently published one.
 * Question-level filters narrow the window first. */
static void as_of_window(struct fact_sql *q, const struct pf_fact_query *f)
{
    buf_puts(&q->sql, "WITH k AS (SELECT f.rowid AS rid, row_number() OVER ("
                      "PARTITION BY f.question ORDER BY f.rank_ord, f.known_by "
                      "DESC, f.id) AS rn FROM facts f WHERE f.known_by<=?");
    bind(q, f->as_of);
    question_filters(q, f);
    buf_puts(&q->sql, ") ");
}

static void keyset(struct fact_sql *q, const struct pf_fact_query *f)
{
    const char *key = sort_key(f->sort);
    bool desc = sort_desc(f->sort);
    bool by_id = strcmp(key, "f.id") == 0;
    if (f->after_id) {
        if (by_id) {
            buf_printf(&q->sql, " AND f.id %s ?", desc ? "<" : ">");
            bind(q, f->after_id);
        } else {
            buf_printf(&q->sql, " AND (%s, f.id) %s (?, ?)", key,
                       desc ? "<" : ">");
            bind(q, f->after_key ? f->after_key : "");
            bind(q, f->after_id);
        }
    }
    if (by_id)
        buf_printf(&q->sql, " ORDER BY f.id%s", desc ? " DESC" : "");
    else
        buf_printf(&q->sql, " ORDER BY %s%s, f.id%s", key, desc ? " DESC" : "",
                   desc ? " DESC" : "");
}

enum pf_err fact_sql_build(struct fact_sql *q, const struct pf_fact_query *f)
{
    unsigned ranks = f->ranks;
    memset(q, 0, sizeof *q);
    buf_init(&q->sql);
    if (f->as_of)
        as_of_window(q, f);
    /* the fact columns, valid_to as the reader knows it, the sort key */
    buf_puts(&q->sql, "SELECT");
    for (int i = 0; i < PF_FACT_NFIELDS; i++) {
        if (i == PF_FACT_valid_to)
            end_expr(q, f);
        else
            buf_printf(&q->sql, " f.%s", field_names[i]);
        buf_putc(&q->sql, ',');
    }
    buf_printf(&q->sql, " %s FROM facts f", sort_key(f->sort));
    q->key_col = PF_FACT_NFIELDS;
    if (f->as_of)
        buf_puts(&q->sql, " JOIN k ON k.rid=f.rowid AND k.rn=1");
    buf_puts(&q->sql, " WHERE 1");
    if (!f->as_of)
        question_filters(q, f);
    /* a deprecated fact is never an answer, whatever as_of (asked for by
     * rank, it is listed) */
    if (!ranks)
        ranks = PF_RANK_BIT(PF_RANK_preferred) | PF_RANK_BIT(PF_RANK_normal);
    fact_filters(q, f, ranks);
    keyset(q, f);
    buf_puts(&q->sql, " LIMIT ?");
    q->int_bind_at = q->nbinds + 1;
    q->limit = f->limit + 1; /* one extra row tells whether more exist */
    return buf_failed(&q->sql) ? PF_ENOMEM : PF_OK;
}

void fact_sql_free(struct fact_sql *q)
{
    buf_free(&q->sql);
}

static char by_id_sql[2048];
static pthread_once_t by_id_once = PTHREAD_ONCE_INIT;

/* The fact columns as fact_sql_build selects them without as_of. */
static void by_id_build(void)
{
    struct pf_fact_query none;
    struct fact_sql q;
    memset(&none, 0, sizeof none);
    memset(&q, 0, sizeof q);
    buf_init(&q.sql);
    buf_puts(&q.sql, "SELECT");
    for (int i = 0; i < PF_FACT_NFIELDS; i++) {
        if (i == PF_FACT_valid_to)
            end_expr(&q, &none);
        else
            buf_printf(&q.sql, " f.%s", field_names[i]);
        buf_putc(&q.sql, ',');
    }
    buf_puts(&q.sql, " f.id FROM facts f WHERE f.id=?");
    if (!buf_failed(&q.sql) && q.sql.len < sizeof by_id_sql)
        memcpy(by_id_sql, q.sql.data, q.sql.len + 1);
    buf_free(&q.sql);
}

const char *fact_sql_by_id(void)
{
    /* an empty text fails to prepare: logged by the caller */
    pthread_once(&by_id_once, by_id_build);
    return by_id_sql;
}
