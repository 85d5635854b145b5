/* The reference tables (sources, entities, measures, series, outcome
 * links) and the licenses,
 * read once per snapshot into typed arrays sorted by id, and their
 * lookups. Must not build JSON: render writes these rows. */
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* Column i as a copy in the arena (NULL for SQL NULL); sets *bad when
 * out of memory. */
static const char *text(sqlite3_stmt *st, int i, struct pf_arena *a, bool *bad)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    if (!t)
        return NULL;
    char *c = arena_strndup(a, t, (size_t)sqlite3_column_bytes(st, i));
    *bad |= c == NULL;
    return c;
}

static double real(sqlite3_stmt *st, int i, bool *has)
{
    *has = sqlite3_column_type(st, i) != SQLITE_NULL;
    return *has ? sqlite3_column_double(st, i) : 0;
}

/* Runs sql and calls row for each result into a growing array of size
 * elements; PF_OK, PF_ENOMEM or PF_EDB. */
static enum pf_err
read_rows(sqlite3 *db,
          const char *sql,
          size_t size,
          void **out,
          size_t *n,
          struct pf_arena *a,
          bool (*row)(sqlite3_stmt *, void *, struct pf_arena *))
{
    sqlite3_stmt *st;
    size_t cap = 0;
    enum pf_err err = PF_ENOMEM;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return PF_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            void *p = realloc(*out, cap * size);
            if (!p)
                goto done;
            *out = p;
        }
        void *item = (char *)*out + *n * size;
        memset(item, 0, size);
        if (!row(st, item, a))
            goto done;
        (*n)++;
    }
    err = rc == SQLITE_DONE ? PF_OK : PF_EDB;
done:
    sqlite3_finalize(st);
    return err;
}

static bool source_row(sqlite3_stmt *st, void *item, struct pf_arena *a)
{
    struct pf_source *s = item;
    bool bad = false;
    s->id = text(st, 0, a, &bad);
    s->title = text(st, 1, a, &bad);
    s->publisher = text(st, 2, a, &bad);
    s->url = text(st, 3, a, &bad);
    s->published = text(st, 4, a, &bad);
    s->license = text(st, 5, a, &bad);
    s->retrieved_from = text(st, 6, a, &bad);
    s->notes = text(st, 7, a, &bad);
    return !bad && s->id;
}

static bool entity_row(sqlite3_stmt *st, void *item, struct pf_arena *a)
{
    struct pf_entity *e = item;
    bool bad = false;
    e->id = text(st, 0, a, &bad);
    e->name = text(st, 1, a, &bad);
    e->type = text(st, 2, a, &bad);
    e->iso3 = text(st, 3, a, &bad);
    e->notes = text(st, 4, a, &bad);
    return !bad && e->id;
}

static bool measure_row(sqlite3_stmt *st, void *item, struct pf_arena *a)
{
    struct pf_measure *m = item;
    bool bad = false;
    m->id = text(st, 0, a, &bad);
    m->name = text(st, 1, a, &bad);
    m->unit = text(st, 2, a, &bad);
    m->category = text(st, 3, a, &bad);
    m->code = text(st, 4, a, &bad);
    m->min = real(st, 5, &m->has_min);
    m->max = real(st, 6, &m->has_max);
    m->description = text(st, 7, a, &bad);
    m->nature = text(st, 8, a, &bad);
    return !bad && m->id && m->nature;
}

static bool series_row(sqlite3_stmt *st, void *item, struct pf_arena *a)
{
    struct pf_series *r = item;
    bool bad = false;
    const char **cols[] = {&r->id,        &r->name,      &r->imposer,
                           &r->target,    &r->authority, &r->scope,
                           &r->combines,  &r->replaces,  &r->basis,
                           &r->source_id, &r->notes};
    for (int i = 0; i < (int)PF_ARRAY_LEN(cols); i++)
        *cols[i] = text(st, i, a, &bad);
    return !bad && r->id && r->combines && r->scope;
}

static bool link_row(sqlite3_stmt *st, void *item, struct pf_arena *a)
{
    struct pf_outcome_link *l = item;
    bool bad = false;
    const char **cols[] = {&l->target_measure, &l->outcome_measure,
                           &l->subject,        &l->match,
                           &l->note,           &l->status_rule};
    for (int i = 0; i < (int)PF_ARRAY_LEN(cols); i++)
        *cols[i] = text(st, i, a, &bad);
    return !bad && l->target_measure && l->outcome_measure && l->status_rule;
}

/* series.csv and outcome_links.csv, read like the other tables. */
static enum pf_err read_temporal_refs(struct pf_store *s, sqlite3 *db)
{
    void *v;
    enum pf_err err = read_rows(
        db,
        "SELECT id, name, imposer, target, authority, scope, combines, "
        "replaces, basis, source_id, notes FROM series ORDER BY id",
        sizeof *s->series, &v, &s->nseries, s->refmem, series_row);
    s->series = v;
    if (err != PF_OK)
        return err;
    err = read_rows(db,
                    "SELECT target_measure, outcome_measure, subject, match, "
                    "note, status_rule FROM outcome_links ORDER BY "
                    "target_measure, match<>'same', outcome_measure, subject",
                    sizeof *s->links, &v, &s->nlinks, s->refmem, link_row);
    s->links = v;
    return err;
}

/* A dataset value the loader recorded as JSON text; none when absent
 * (a file of an older loader). */
static char *read_json(sqlite3 *db, const char *key, const char *none)
{
    sqlite3_stmt *st;
    char *out = NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM dataset WHERE key=?1", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        const unsigned char *t =
            sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
        out = strdup(t ? (const char *)t : none);
        sqlite3_finalize(st);
    }
    return out ? out : strdup(none);
}

/* The loader's counts of facts, all and per kind (dataset keys
 * count_facts and count_kind_<kind>). */
static void read_counts(sqlite3 *db, struct fact_counts *n)
{
    sqlite3_stmt *st;
    _Static_assert(PF_NKINDS <= PF_NKINDS_MAX, "room for every kind");
    memset(n, 0, sizeof *n);
    if (sqlite3_prepare_v2(db,
                           "SELECT key, value FROM dataset WHERE key="
                           "'count_facts' OR key LIKE 'count_kind_%'",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        long v = (long)sqlite3_column_int64(st, 1);
        int i = k && strncmp(k, "count_kind_", 11) == 0
                    ? vocab_find(vocab_kinds, k + 11, strlen(k + 11))
                    : -1;
        if (k && strcmp(k, "count_facts") == 0)
            n->facts = v;
        else if (i >= 0)
            n->kind[i] = v;
    }
    sqlite3_finalize(st);
}

enum pf_err store_refs_load(struct pf_store *s, sqlite3 *db)
{
    void *v;
    enum pf_err err;
    s->refmem = arena_new();
    read_counts(db, &s->counts);
    s->licenses = read_json(db, "licenses", "[]");
    s->measure_sources = read_json(db, "measure_sources", "{}");
    if (!s->refmem || !s->licenses || !s->measure_sources)
        return PF_ENOMEM;
    err =
        read_rows(db,
                  "SELECT id, title, publisher, url, published, license, "
                  "retrieved_from, notes FROM sources ORDER BY id",
                  sizeof *s->sources, &v, &s->nsources, s->refmem, source_row);
    s->sources = v;
    if (err != PF_OK)
        return err;
    err = read_rows(
        db, "SELECT id, name, type, iso3, notes FROM entities ORDER BY id",
        sizeof *s->entities, &v, &s->nentities, s->refmem, entity_row);
    s->entities = v;
    if (err != PF_OK)
        return err;
    err = read_rows(db,
                    "SELECT id, name, unit, category, code, min, max, "
                    "description, nature FROM measures ORDER BY id",
                    sizeof *s->measures, &v, &s->nmeasures, s->refmem,
                    measure_row);
    s->measures = v;
    if (err == PF_OK)
        err = read_temporal_refs(s, db);
    for (size_t i = 0; i < s->nsources; i++)
        s->sources[i].index = i;
    for (size_t i = 0; i < s->nmeasures; i++)
        s->measures[i].index = i;
    return err;
}

void store_refs_free(struct pf_store *s)
{
    free(s->sources);
    free(s->entities);
    free(s->measures);
    free(s->series);
    free(s->links);
    free(s->licenses);
    free(s->measure_sources);
    arena_free(s->refmem);
}

/* Binary search in a sorted array of records whose first member is the
 * id string. */
static const void *
find_sorted(const void *base, size_t n, size_t size, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *k = *(const char *const *)((const char *)base + mid * size);
        int c = strcmp(id, k);
        if (c == 0)
            return (const char *)base + mid * size;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const struct pf_entity *store_entity_get(const struct pf_store *s,
                                         const char *id)
{
    return find_sorted(s->entities, s->nentities, sizeof *s->entities, id);
}

const struct pf_measure *store_measure_get(const struct pf_store *s,
                                           const char *id)
{
    return find_sorted(s->measures, s->nmeasures, sizeof *s->measures, id);
}

const struct pf_source *store_source_get(const struct pf_store *s,
                                         const char *id)
{
    return find_sorted(s->sources, s->nsources, sizeof *s->sources, id);
}

const struct pf_series *store_series_get(const struct pf_store *s,
                                         const char *id)
{
    return find_sorted(s->series, s->nseries, sizeof *s->series, id);
}

const struct pf_outcome_link *store_outcome_links(const struct pf_store *s,
                                                  const char *target_measure,
                                                  size_t *n)
{
    size_t i = 0;
    *n = 0;
    while (i < s->nlinks && strcmp(s->links[i].target_measure, target_measure))
        i++;
    while (i + *n < s->nlinks &&
           strcmp(s->links[i + *n].target_measure, target_measure) == 0)
        (*n)++;
    return *n ? &s->links[i] : NULL;
}

const struct pf_measure *store_measure_find(const struct pf_store *s,
                                            const char *key)
{
    for (size_t i = 0; i < s->nmeasures; i++) {
        const struct pf_measure *m = &s->measures[i];
        if ((m->code && strcmp(m->code, key) == 0) ||
            (m->code && m->category && strcmp(m->category, key) == 0))
            return m;
    }
    return NULL;
}

const struct pf_measure *store_measure_lookup(const struct pf_store *s,
                                              const char *key)
{
    const struct pf_measure *m = store_measure_get(s, key);
    for (size_t i = 0; !m && i < s->nmeasures; i++)
        if (s->measures[i].code && strcmp(s->measures[i].code, key) == 0)
            m = &s->measures[i];
    return m;
}

const struct pf_source *store_source_list(const struct pf_store *s, size_t *n)
{
    *n = s->nsources;
    return s->sources;
}

const struct pf_entity *store_entity_list(const struct pf_store *s, size_t *n)
{
    *n = s->nentities;
    return s->entities;
}

const struct pf_measure *store_measure_list(const struct pf_store *s, size_t *n)
{
    *n = s->nmeasures;
    return s->measures;
}

const char *store_licenses(const struct pf_store *s)
{
    return s->licenses;
}

const char *store_measure_sources(const struct pf_store *s)
{
    return s->measure_sources;
}
