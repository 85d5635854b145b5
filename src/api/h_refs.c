/* The reference tables: /v1/sources, /v1/entities, /v1/measures and one
 * item of each, with links to the facts that use them. */
#include <stdlib.h>
#include <string.h>

#include "api/collection.h"
#include "api/cursor.h"
#include "api/handlers.h"
#include "api/params.h"
#include "base/buf.h"
#include "base/config.h"
#include "render/problem.h"
#include "store/csvcols.h"

const struct pf_pspec refs_params[] = {
    {"limit", P_INT, "100", 1, 1000, NULL},
    {"cursor", P_CURSOR, NULL, 0, 0, NULL},
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

const struct pf_pspec format_params[] = {
    {"format", P_ENUM, NULL, 0, 0, format_words},
    {NULL, P_TOKEN, NULL, 0, 0, NULL},
};

struct ref_kind {
    enum pf_ref which;
    const char *path;        /* collection path */
    const char *facts_param; /* filter on /v1/facts naming this item */
    const char *const *csv_columns;
};

static const struct ref_kind kinds[] = {
    [REF_SOURCES] = {REF_SOURCES, "/v1/sources", "source", csv_source_columns},
    [REF_ENTITIES] = {REF_ENTITIES, "/v1/entities", "subject",
                      csv_entity_columns},
    [REF_MEASURES] = {REF_MEASURES, "/v1/measures", "measure",
                      csv_measure_columns},
};

static void
add_links(const struct pf_req *req, const struct ref_kind *k, json_t *item)
{
    link_self(req, item, k->path);
    const char *id = json_string_value(json_object_get(item, "id"));
    json_t *links = json_object_get(item, "links");
    if (!id || !links)
        return;
    struct buf q;
    buf_init(&q);
    buf_printf(&q, "%s=%s", k->facts_param, id);
    char *url = req_url_query(req, "/v1/facts", buf_cstr(&q));
    if (url)
        json_object_set_new(links, "facts", json_string(url));
    free(url);
    buf_free(&q);
}

static void
list(const struct pf_req *req, struct pf_reply *rep, const struct ref_kind *k)
{
    int limit = (int)req_int(req, "limit", 100);
    char *after = NULL, *key = NULL;
    const char *cursor = req_param(req, "cursor");
    json_t *items;
    bool more;
    char why[160];

    if (limit > req->cfg->max_limit) {
        problem_param(rep, "limit", "at most %d", req->cfg->max_limit);
        return;
    }
    if (cursor && cursor_decode(cursor, strlen(cursor), "id", &key, &after, why,
                                sizeof why) != 0) {
        problem_param(rep, "cursor", "%s", why);
        return;
    }
    if (store_refs(req->store, k->which, after, limit, &items, &more) !=
        PF_OK) {
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        goto done;
    }
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item) add_links(req, k, item);
    char *next = NULL;
    if (more) {
        const char *last = json_string_value(json_object_get(
            json_array_get(items, json_array_size(items) - 1), "id"));
        next = cursor_encode("id", last, last);
    }
    envelope_reply(req, rep, items, limit, next);
    rep->csv_columns = k->csv_columns;
    free(next);
done:
    free(after);
    free(key);
}

static void
get(const struct pf_req *req, struct pf_reply *rep, const struct ref_kind *k)
{
    json_t *item;
    if (store_ref(req->store, k->which, req->captures[0], &item) != PF_OK) {
        problem_reply(rep, PROB_NO_SUCH, "no such id in %s", k->path);
        return;
    }
    add_links(req, k, item);
    json_t *doc = json_pack("{s:O, s:{s:s}}", "data", item, "meta",
                            "dataset_version", store_info(req->store)->version);
    reply_json(rep, 200, doc);
    rep->rows = item;
    rep->csv_columns = k->csv_columns;
}

void h_sources_list(const struct pf_req *req, struct pf_reply *rep)
{
    list(req, rep, &kinds[REF_SOURCES]);
}

void h_sources_get(const struct pf_req *req, struct pf_reply *rep)
{
    get(req, rep, &kinds[REF_SOURCES]);
}

void h_entities_list(const struct pf_req *req, struct pf_reply *rep)
{
    list(req, rep, &kinds[REF_ENTITIES]);
}

void h_entities_get(const struct pf_req *req, struct pf_reply *rep)
{
    get(req, rep, &kinds[REF_ENTITIES]);
}

void h_measures_list(const struct pf_req *req, struct pf_reply *rep)
{
    list(req, rep, &kinds[REF_MEASURES]);
}

void h_measures_get(const struct pf_req *req, struct pf_reply *rep)
{
    get(req, rep, &kinds[REF_MEASURES]);
}
