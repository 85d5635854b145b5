/* The reference tables: /v1/sources, /v1/entities (type= keeps the
 * entities of those types: country, aggregate, ...), /v1/measures, and
 * one item of each (a measure also by its World Bank code), with links to
 * the facts that use them. Pages over the store's typed tables. Must not
 * write JSON: render/refs_json.c writes the items. */
#include <stdlib.h>
#include <string.h>

#include "api/api_error.h"
#include "api/cursor.h"
#include "api/envelope.h"
#include "api/handlers.h"
#include "api/params.h"
#include "base/buf.h"
#include "base/config.h"
#include "render/csv_columns.h"
#include "render/envelope.h"
#include "render/problem.h"
#include "render/refs_json.h"

const struct pf_pspec refs_params[] = {
    {"limit", P_INT, "100", 1, 1000, NULL},
    {"cursor", P_CURSOR, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

const struct pf_pspec entities_params[] = {
    {"type", P_SET, NULL, 0, 0, NULL},
    {"limit", P_INT, "100", 1, 1000, NULL},
    {"cursor", P_CURSOR, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

const struct pf_pspec format_params[] = {
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

enum ref { REF_SOURCES, REF_ENTITIES, REF_MEASURES };

struct ref_kind {
    const char *path;        /* collection path */
    const char *facts_param; /* filter on /v1/facts naming this item */
    enum render_csv csv;
};

static const struct ref_kind kinds[] = {
    [REF_SOURCES] = {"/v1/sources", "source", RENDER_CSV_SOURCES},
    [REF_ENTITIES] = {"/v1/entities", "subject", RENDER_CSV_ENTITIES},
    [REF_MEASURES] = {"/v1/measures", "measure", RENDER_CSV_MEASURES},
};

/* A typed table seen as rows of an id-first struct. */
struct table {
    const void *rows;
    size_t n, size;
};

static struct table table(const struct pf_store *s, enum ref which)
{
    struct table t = {NULL, 0, 0};
    switch (which) {
    case REF_SOURCES:
        t.rows = store_source_list(s, &t.n);
        t.size = sizeof(struct pf_source);
        break;
    case REF_ENTITIES:
        t.rows = store_entity_list(s, &t.n);
        t.size = sizeof(struct pf_entity);
        break;
    case REF_MEASURES:
        t.rows = store_measure_list(s, &t.n);
        t.size = sizeof(struct pf_measure);
        break;
    }
    return t;
}

static const char *row_id(const struct table *t, size_t i)
{
    return *(const char *const *)((const char *)t->rows + i * t->size);
}

/* The item as JSON text, for a page in JSON. */
static void item_text(struct buf *b,
                      const struct pf_req *req,
                      enum ref which,
                      const void *row)
{
    const struct ref_kind *k = &kinds[which];
    struct render_ref_links l = {req->base_url, k->path, k->facts_param};
    switch (which) {
    case REF_SOURCES:
        render_source_json(b, row, &l);
        break;
    case REF_ENTITIES:
        render_entity_json(b, row, &l);
        break;
    default:
        render_measure_json(b, row, &l);
    }
}

static json_t *item(const struct pf_req *req, enum ref which, const void *row)
{
    const struct ref_kind *k = &kinds[which];
    struct render_ref_links l = {req->base_url, k->path, k->facts_param};
    switch (which) {
    case REF_SOURCES:
        return render_source_tree(row, &l);
    case REF_ENTITIES:
        return render_entity_tree(row, &l);
    default:
        return render_measure_tree(row, &l);
    }
}

/* Whether row i is one of the types asked for (entities only; an empty
 * list asks for every row). */
static bool wanted(const struct table *t,
                   enum ref which,
                   size_t i,
                   const struct pf_list *types)
{
    if (which != REF_ENTITIES || types->n == 0)
        return true;
    const struct pf_entity *e = (const struct pf_entity *)t->rows + i;
    for (size_t k = 0; k < types->n; k++)
        if (strcmp(e->type, types->v[k]) == 0)
            return true;
    return false;
}

/* Where a page's items go: JSON text, or trees (CSV, NDJSON). */
struct sink {
    struct buf *text; /* NULL: items */
    json_t *items;
    size_t n;
    bool bad;
};

static void
emit(const struct pf_req *req, enum ref which, const void *row, struct sink *k)
{
    if (k->text) {
        if (k->n)
            buf_putc(k->text, ',');
        item_text(k->text, req, which, row);
        k->bad |= buf_failed(k->text);
    } else if (json_array_append_new(k->items, item(req, which, row)) != 0) {
        k->bad = true;
    }
    k->n++;
}

/* The wanted items with id > after (or from the start), up to limit, into
 * k; *more tells whether a wanted item follows, *last is the last one's
 * index. */
static void page(const struct pf_req *req,
                 enum ref which,
                 const struct pf_list *types,
                 const char *after,
                 int limit,
                 size_t *last,
                 bool *more,
                 struct sink *k)
{
    struct table t = table(req->store, which);
    size_t i = 0;
    if (after)
        while (i < t.n && strcmp(row_id(&t, i), after) <= 0)
            i++;
    *more = false;
    for (; !k->bad && i < t.n; i++) {
        if (!wanted(&t, which, i, types))
            continue;
        if (k->n == (size_t)limit) {
            *more = true;
            break;
        }
        *last = i;
        emit(req, which, (const char *)t.rows + i * t.size, k);
    }
}

/* The page in the request's format, its next cursor in *next (NULL on
 * the last page). */
static void page_reply(const struct pf_req *req,
                       struct pf_reply *rep,
                       enum ref which,
                       const struct pf_list *types,
                       const char *after,
                       int limit)
{
    struct table t = table(req->store, which);
    struct buf text;
    struct sink k = {NULL, NULL, 0, false};
    size_t end = 0;
    bool more;
    char *next = NULL;
    buf_init(&text);
    if (req->format == PF_FMT_JSON) {
        k.text = &text;
        render_envelope_open(&text);
        buf_putc(&text, '[');
    } else {
        k.items = json_array();
        k.bad = !k.items;
    }
    page(req, which, types, after, limit, &end, &more, &k);
    if (!k.bad && more) {
        const char *last = row_id(&t, end);
        next = cursor_encode("id", last, last);
    }
    if (k.bad || (more && !next)) {
        json_decref(k.items);
        buf_free(&text);
        api_error_store(rep, PF_ENOMEM, NULL);
    } else if (k.text) {
        buf_putc(&text, ']');
        envelope_reply_text(req, rep, &text, (int)k.n, limit, next);
    } else if (envelope_reply(req, rep, k.items, limit, next) == PF_OK) {
        rep->csv_columns = render_csv_columns(kinds[which].csv);
    }
    free(next);
}

/* type=: a comma list of entity types. */
static enum pf_err types_param(const struct pf_req *req,
                               struct pf_list *types,
                               char *scratch,
                               size_t len,
                               struct pf_reply *rep)
{
    const char *v = req_param(req, "type");
    types->n = v ? query_split(v, scratch, len, types->v, PF_MAX_LIST) : 0;
    for (size_t k = 0; k < types->n; k++) {
        if (vocab_has(vocab_entity_types, types->v[k]))
            continue;
        struct buf words;
        buf_init(&words);
        for (size_t w = 0; vocab_entity_types[w]; w++)
            buf_printf(&words, "%s%s", w ? ", " : "", vocab_entity_types[w]);
        problem_param(rep, "type", "'%s' is not one of %s", types->v[k],
                      buf_cstr(&words));
        buf_free(&words);
        return PF_EINVAL;
    }
    return PF_OK;
}

static void list(const struct pf_req *req, struct pf_reply *rep, enum ref which)
{
    int limit = (int)req_int(req, "limit", 100);
    char *after = NULL, *key = NULL;
    const char *cursor = req_param(req, "cursor");
    char why[160], scratch[512];
    struct pf_list types;

    if (limit > req->cfg->max_limit) {
        problem_param(rep, "limit", "at most %d", req->cfg->max_limit);
        return;
    }
    if (types_param(req, &types, scratch, sizeof scratch, rep) != PF_OK)
        return;
    enum pf_err err = cursor ? cursor_decode(cursor, strlen(cursor), "id", &key,
                                             &after, why, sizeof why)
                             : PF_OK;
    if (err != PF_OK) {
        if (err == PF_ENOMEM)
            api_error_store(rep, err, NULL);
        else
            problem_param(rep, "cursor", "%s", why);
        return;
    }
    page_reply(req, rep, which, &types, after, limit);
    free(after);
    free(key);
}

static const void *
row_get(const struct pf_store *s, enum ref which, const char *id)
{
    switch (which) {
    case REF_SOURCES:
        return store_source_get(s, id);
    case REF_ENTITIES:
        return store_entity_get(s, id);
    default:
        return store_measure_lookup(s, id);
    }
}

static void get(const struct pf_req *req, struct pf_reply *rep, enum ref which)
{
    const void *row = row_get(req->store, which, req->captures[0]);
    if (!row) {
        problem_reply(rep, PROB_NO_SUCH, "no such id in %s", kinds[which].path);
        return;
    }
    if (envelope_reply_item(req, rep, item(req, which, row)) == PF_OK)
        rep->csv_columns = render_csv_columns(kinds[which].csv);
}

void h_sources_list(const struct pf_req *req, struct pf_reply *rep)
{
    list(req, rep, REF_SOURCES);
}

void h_sources_get(const struct pf_req *req, struct pf_reply *rep)
{
    get(req, rep, REF_SOURCES);
}

void h_entities_list(const struct pf_req *req, struct pf_reply *rep)
{
    list(req, rep, REF_ENTITIES);
}

void h_entities_get(const struct pf_req *req, struct pf_reply *rep)
{
    get(req, rep, REF_ENTITIES);
}

void h_measures_list(const struct pf_req *req, struct pf_reply *rep)
{
    list(req, rep, REF_MEASURES);
}

void h_measures_get(const struct pf_req *req, struct pf_reply *rep)
{
    get(req, rep, REF_MEASURES);
}
