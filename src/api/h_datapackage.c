/* /v1/datapackage.json: the Frictionless Data Package descriptor of the
 * CSV exports. The statistical measures (those with a World Bank code)
 * each get a resource, with the sources their facts cite (recorded by the
 * loader). This file picks them; render/datapackage.c writes the
 * descriptor. */
#include <stdlib.h>

#include "api/api_error.h"
#include "api/handlers.h"
#include "render/datapackage.h"
#include "store/store.h"

/* Each coded measure and its sources; *n set. NULL when out of memory. */
static struct render_dp_measure *pick(const struct pf_req *req,
                                      json_t *msrc,
                                      const struct pf_source ***pool,
                                      size_t *n)
{
    size_t nm, used = 0, k = 0;
    const struct pf_measure *m = store_measure_list(req->store, &nm);
    size_t total = 0;
    const char *key;
    json_t *ids;
    json_object_foreach(msrc, key, ids) total += json_array_size(ids);
    struct render_dp_measure *out = calloc(nm + 1, sizeof *out);
    *pool = calloc(total + 1, sizeof **pool);
    if (!out || !*pool) {
        free(out);
        return NULL;
    }
    for (size_t i = 0; i < nm; i++) {
        if (!m[i].code)
            continue;
        ids = json_object_get(msrc, m[i].id);
        out[k] = (struct render_dp_measure){.measure = &m[i],
                                            .sources = *pool + used};
        for (size_t j = 0; j < json_array_size(ids); j++) {
            const struct pf_source *s = store_source_get(
                req->store, json_string_value(json_array_get(ids, j)));
            if (s)
                (*pool)[used + out[k].nsources++] = s;
        }
        used += out[k++].nsources;
    }
    *n = k;
    return out;
}

void h_datapackage(const struct pf_req *req, struct pf_reply *rep)
{
    json_t *msrc = json_loads(store_measure_sources(req->store), 0, NULL);
    const struct pf_source **pool = NULL;
    size_t n = 0;
    struct render_dp_measure *ms = msrc ? pick(req, msrc, &pool, &n) : NULL;
    const struct pf_dsinfo *info = store_info(req->store);
    struct render_datapackage d = {.base = req->base_url,
                                   .version = info->version,
                                   .created = info->build_time,
                                   .measures = ms,
                                   .n = n};
    json_t *doc = ms ? render_datapackage_tree(&d) : NULL;
    if (doc)
        reply_json(rep, 200, doc);
    else
        api_error_store(rep, PF_ENOMEM, NULL);
    free(ms);
    free(pool);
    json_decref(msrc);
}
