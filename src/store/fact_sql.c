/* The fact query's SQL. The text is assembled from fixed fragments chosen
 * by which filters are present — client text only ever reaches SQLite as
 * a bound parameter — so each distinct statement is prepared once per
 * connection and cached. Pagination is keyset-based on (sort key, id).
 * Must not run the statement or read rows (store_facts.c does). */
#include <stdio.h>
#include <string.h>

#include "store/fact_pack.h"
#include "store/store_int.h"

/* the fact's fields, packed (fact_pack.h): its valid_to as a reader
 * without as_of knows it */
#define FACT_COLUMNS " " FACT_PACK_COLUMN ","

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
    /* as the partial index of deprecated facts says it (schema.c) */
    if (ranks == PF_RANK_BIT(PF_RANK_deprecated)) {
        buf_printf(&q->sql, " AND f.rank_ord=%d", PF_RANK_deprecated);
        return;
    }
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
    if (f->start_lo) {
        buf_puts(&q->sql, " AND f.vf_key>=?");
        bind(q, f->start_lo);
    }
    if (f->start_hi) {
        buf_puts(&q->sql, " AND f.vf_key<=?");
        bind(q, f->start_hi);
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
 * Question-level filters narrow the window first. The facts known by
 * then are read first, from the kb_key index (kb_key is known_by, never
 * NULL), and only they are partitioned: numbering every fact by question
 * first cost a scan of them all. */
static void as_of_window(struct fact_sql *q, const struct pf_fact_query *f)
{
    buf_puts(&q->sql, "WITH c AS MATERIALIZED (SELECT f.rowid AS rid, "
                      "f.question AS qn, f.rank_ord AS ro, f.known_by AS kb, "
                      "f.id AS fid FROM facts f WHERE f.kb_key<=?");
    bind(q, f->as_of);
    question_filters(q, f);
    buf_puts(&q->sql, "), k AS (SELECT rid, row_number() OVER (PARTITION BY "
                      "qn ORDER BY ro, kb DESC, fid) AS rn FROM c) ");
}

static void keyset(struct fact_sql *q, const struct pf_fact_query *f, bool rare)
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
    /* Rare kinds: "+f.id" is no index's order, so the kinds' index is
     * read and its few rows sorted; else the id index in order would be
     * scanned through every fact for a few of them. */
    if (by_id)
        buf_printf(&q->sql, " ORDER BY %sf.id%s", rare ? "+" : "",
                   desc ? " DESC" : "");
    else
        buf_printf(&q->sql, " ORDER BY %s%s, f.id%s", key, desc ? " DESC" : "",
                   desc ? " DESC" : "");
}

/* Whether the kinds asked for hold few facts (under 1 in 100): their
 * index then beats reading every fact in id order. */
static bool rare_kinds(const struct pf_fact_query *f,
                       const struct fact_counts *n)
{
    long sum = 0;
    if (f->kinds.n == 0 || !n || n->facts <= 0)
        return false;
    for (size_t i = 0; i < f->kinds.n; i++) {
        int k = vocab_find(vocab_kinds, f->kinds.v[i], strlen(f->kinds.v[i]));
        sum += k >= 0 && k < PF_NKINDS ? n->kind[k] : n->facts;
    }
    return sum * 100 < n->facts;
}

enum pf_err fact_sql_build(struct fact_sql *q,
                           const struct pf_fact_query *f,
                           const struct fact_counts *counts)
{
    unsigned ranks = f->ranks;
    memset(q, 0, sizeof *q);
    buf_init(&q->sql);
    if (f->as_of)
        as_of_window(q, f);
    if (f->latest > 0) /* the rows below, numbered within their series */
        buf_puts(&q->sql, "SELECT * FROM (");
    /* FACT_COLUMNS ends with a comma; with as_of, valid_to as that reader
     * knows it follows (FACT_SQL_END_COL), then the sort key (none when
     * unordered: a column of the facts row would cost a seek of it) */
    buf_puts(&q->sql, "SELECT" FACT_COLUMNS);
    q->key_col = FACT_SQL_END_COL;
    if (f->as_of) {
        buf_putc(&q->sql, ' ');
        end_expr(q, f);
        buf_putc(&q->sql, ',');
        q->key_col++;
    }
    buf_printf(&q->sql, " %s", f->unordered ? "NULL" : sort_key(f->sort));
    if (f->latest > 0)
        buf_puts(&q->sql, ", row_number() OVER (PARTITION BY f.subject, "
                          "f.measure ORDER BY f.period DESC) AS lrn");
    buf_puts(&q->sql, " FROM facts f" FACT_PACK_JOIN);
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
    if (f->latest > 0)
        /* by position: the outer query has no alias f */
        buf_printf(&q->sql, ") WHERE lrn<=%d ORDER BY %d", f->latest,
                   q->key_col + 1);
    else if (!f->unordered) /* unordered: no sort, the index range wins */
        keyset(q, f, rare_kinds(f, counts));
    buf_puts(&q->sql, " LIMIT ?");
    q->int_bind_at = q->nbinds + 1;
    q->limit = f->limit + 1; /* one extra row tells whether more exist */
    return buf_failed(&q->sql) ? PF_ENOMEM : PF_OK;
}

void fact_sql_free(struct fact_sql *q)
{
    buf_free(&q->sql);
}

const char *fact_sql_by_id(void)
{
    /* the column list ends with a comma: f.id again closes it */
    static const char sql[] =
        "SELECT" FACT_COLUMNS " f.id FROM facts f" FACT_PACK_JOIN
        " WHERE f.id=?";
    return sql;
}
