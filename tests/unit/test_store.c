/* The store's typed rows: a fixture database built with the real loader,
 * opened with store_open, read through store_fact_each, store_fact_list and
 * store_fact_get; every field checked against tests/fixtures/good, the
 * reference tables and the per-snapshot slot; and the two JSON writers of
 * render/fact_json.c agreeing byte for byte on every row. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "load/load.h"
#include "render/fact_json.h"
#include "store/store.h"

static struct pf_store *store;

static const struct pf_fact *find(const struct pf_fact_list *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].id, id) == 0)
            return &l->v[i];
    return NULL;
}

static struct pf_fact_query all(void)
{
    struct pf_fact_query q;
    memset(&q, 0, sizeof q);
    q.ranks = PF_RANK_ALL;
    q.limit = 1000;
    return q;
}

static void typed_fields(void)
{
    struct pf_fact_query q = all();
    struct pf_fact_list l;
    char why[256];
    CHECK_EQ_INT(store_fact_list(store, &q, &l, why, sizeof why), PF_OK);
    CHECK_EQ_INT(l.n, 9); /* facts_a.csv and facts_b.csv */
    CHECK(!l.pos.more);
    const struct pf_fact *f = find(&l, "avg.2020.a");
    CHECK(f != NULL);
    if (f) {
        CHECK_EQ_STR(f->kind, "tariff_rate");
        CHECK_EQ_STR(f->subject, "USA");
        CHECK_EQ_STR(f->object, "CHN");
        CHECK_EQ_STR(f->series, "usa-chn-avg");
        CHECK(f->label == NULL && f->label_len == 0);
        CHECK(f->has_value && fabs(f->value - 19.3) < 1e-12);
        CHECK(!f->has_value_low && !f->has_value_high);
        CHECK_EQ_STR(f->qualifier, "exact");
        CHECK_EQ_STR(f->valid_from, "2020-02-14");
        CHECK(!f->has_target_year);
        CHECK_EQ_STR(f->rank, "preferred");
        CHECK_EQ_STR(f->quote, "average tariff, 19.3 percent");
        CHECK_EQ_INT(f->quote_len, strlen("average tariff, 19.3 percent"));
        CHECK_EQ_STR(f->measure_ref->id, "avg");
        CHECK_EQ_STR(f->measure_ref->unit, "percent");
        CHECK_EQ_STR(f->measure_ref->category, "average");
        CHECK_EQ_STR(f->source_ref->id, "src-a");
    }
    f = find(&l, "target.prg.2030");
    CHECK(f != NULL);
    if (f) {
        CHECK_EQ_STR(f->value_text, "a \"quoted\", multi-line\nvalue");
        CHECK(f->has_target_year && f->target_year == 2030);
        CHECK(!f->has_value && f->object == NULL);
    }
    f = find(&l, "range.wld");
    CHECK(f && f->has_value_low && f->value_low == 50 && f->value_high == 70);
    store_fact_list_free(&l);
    CHECK(l.v == NULL && l.n == 0);
}

struct counter {
    int n, stop_at;
};

static enum pf_err count(const struct pf_fact *f, void *arg)
{
    struct counter *c = arg;
    CHECK(f->id && f->measure_ref && f->source_ref);
    return ++c->n == c->stop_at ? PF_ENOMEM : PF_OK;
}

static void each_and_paging(void)
{
    struct pf_fact_query q = all();
    struct pf_fact_pos pos;
    struct counter c = {0, 0};
    char why[256];
    q.limit = 4;
    CHECK_EQ_INT(store_fact_each(store, &q, count, &c, &pos, why, sizeof why),
                 PF_OK);
    CHECK_EQ_INT(c.n, 4);
    CHECK_EQ_INT(pos.count, 4);
    CHECK(pos.more && pos.last_id && pos.last_key);
    /* the next page starts after the last id */
    q.after_id = pos.last_id;
    q.after_key = pos.last_key;
    struct pf_fact_list l;
    CHECK_EQ_INT(store_fact_list(store, &q, &l, why, sizeof why), PF_OK);
    CHECK(l.n > 0 && strcmp(l.v[0].id, pos.last_id) > 0);
    store_fact_list_free(&l);
    store_fact_pos_free(&pos);

    /* a callback's error stops the query and is the result */
    struct counter stop = {0, 2};
    q = all();
    CHECK_EQ_INT(
        store_fact_each(store, &q, count, &stop, &pos, why, sizeof why),
        PF_ENOMEM);
    CHECK_EQ_INT(stop.n, 2);
    CHECK(pos.last_id == NULL);

    /* the client's FTS5 syntax is PF_EQUERY with SQLite's reason */
    q.q = "\"unbalanced";
    CHECK_EQ_INT(store_fact_each(store, &q, count, &c, &pos, why, sizeof why),
                 PF_EQUERY);
    CHECK(why[0] != '\0');
}

static void get_one(void)
{
    struct pf_fact_list l;
    CHECK_EQ_INT(store_fact_get(store, "nope", &l), PF_ENOTFOUND);
    CHECK(l.v == NULL);
    CHECK_EQ_INT(store_fact_get(store, "gdp.chn.2020", &l), PF_OK);
    CHECK_EQ_INT(l.n, 1);
    if (l.n == 1) {
        CHECK_EQ_STR(l.v[0].period, "2020");
        CHECK(l.v[0].has_value && l.v[0].value == 39.25);
        CHECK_EQ_STR(l.v[0].measure_ref->code, "NE.CON.PRVT.ZS");
    }
    store_fact_list_free(&l);
}

static int destroyed;
static void destroy(void *p)
{
    destroyed++;
    free(p);
}

static void refs_and_slot(void)
{
    const struct pf_entity *e = store_entity_get(store, "PRG");
    CHECK(e && strcmp(e->type, "programme") == 0);
    CHECK(store_entity_get(store, "XXX") == NULL);
    const struct pf_measure *m = store_measure_find(store, "NE.CON.PRVT.ZS");
    CHECK(m && strcmp(m->id, "share") == 0 && m->has_max && m->max == 100);
    CHECK(store_measure_find(store, "household_consumption") == m);
    CHECK(store_measure_find(store, "average") == NULL); /* no code */
    size_t n;
    const struct pf_source *s = store_source_list(store, &n);
    for (size_t i = 0; i < n; i++)
        CHECK_EQ_INT(s[i].index, i);
    CHECK(store_source_get(store, "src-b") == &s[1]);

    CHECK(store_slot_get(store) == NULL);
    void *a = malloc(1), *b = malloc(1);
    CHECK(store_slot_set(store, a, destroy) == a);
    CHECK(store_slot_set(store, b, destroy) == a); /* b lost: freed */
    CHECK_EQ_INT(destroyed, 1);
    CHECK(store_slot_get(store) == a);

    CHECK_EQ_INT(vocab_rank_ord("preferred"), 0);
    CHECK_EQ_INT(vocab_rank_ord("deprecated"), 2);
    CHECK_EQ_INT(vocab_rank_ord("bogus"), PF_NRANKS - 1);
    CHECK(vocab_has(vocab_kinds, "gdp_share") && !vocab_has(vocab_kinds, "x"));
}

/* The text writer and the tree give the same bytes for every row. */
static void writers_agree(void)
{
    struct pf_fact_query q = all();
    struct pf_fact_list l;
    char why[256];
    size_t ns, nm;
    const struct pf_source *src = store_source_list(store, &ns);
    const struct pf_measure *ms = store_measure_list(store, &nm);
    struct render_frags *fr = render_frags_new(src, ns, ms, nm);
    CHECK(fr != NULL);
    CHECK_EQ_INT(store_fact_list(store, &q, &l, why, sizeof why), PF_OK);
    for (size_t i = 0; fr && i < l.n; i++) {
        struct buf b;
        buf_init(&b);
        render_fact_json(&b, &l.v[i], fr, "http://t/p");
        json_t *tree = render_fact_tree(&l.v[i], "http://t/p");
        char *dumped = json_dumps(tree, JSON_COMPACT | JSON_REAL_PRECISION(15));
        CHECK_EQ_STR(buf_cstr(&b), dumped);
        free(dumped);
        json_decref(tree);
        buf_free(&b);
    }
    store_fact_list_free(&l);
    render_frags_free(fr);
}

int main(void)
{
    char dir[] = "/tmp/pf-test-store-XXXXXX", db[128], why[256];
    char *msg = NULL;
    size_t len;
    if (!mkdtemp(dir))
        return 2;
    snprintf(db, sizeof db, "%s/fx.db", dir);
    FILE *m = open_memstream(&msg, &len);
    struct load_opts o = {
        .dir = "tests/fixtures/good", .out = db, .max_errors = 10, .msg = m};
    int rc = load_run(&o);
    fclose(m);
    free(msg);
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_INT(store_open(db, &store, why, sizeof why), PF_OK);
    if (store) {
        typed_fields();
        each_and_paging();
        get_one();
        refs_and_slot();
        writers_agree();
        store_release(store); /* frees the slot: destroyed once more */
        CHECK_EQ_INT(destroyed, 2);
    }
    unlink(db);
    rmdir(dir);
    return check_done("test_store");
}
