/* The API's own description: the /v1 index, /v1/dataset, liveness and
 * readiness probes, and the OpenAPI document with servers set to where the
 * client reached us (so it is right behind a prefix-rewriting proxy). Must
 * not read files (spec.c loads the document once). */
#include <stdlib.h>
#include <string.h>

#include "api/handlers.h"
#include "api/spec.h"
#include "render/problem.h"
#include "render/refs_json.h"
#include "store/store.h"

const struct pf_pspec no_params[] = {{NULL, P_TOKEN, NULL, 0, 0, NULL}};

static void add_link(json_t *links,
                     const struct pf_req *req,
                     const char *name,
                     const char *path)
{
    char *url = req_url(req, path);
    if (url)
        json_object_set_new(links, name, json_string(url));
    free(url);
}

void h_index(const struct pf_req *req, struct pf_reply *rep)
{
    static const char *const collections[][2] = {
        {"self", "/v1"},
        {"facts", "/v1/facts"},
        {"targets", "/v1/targets"},
        {"tariffs", "/v1/tariffs"},
        {"tariffs_on", "/v1/tariffs/USA/CHN?on=2025-04-20"},
        {"gdp_shares", "/v1/gdp-shares"},
        {"indicators", "/v1/indicators/gdp_growth?country=CHN"},
        {"compare", "/v1/compare?measure=gross_capital_formation_share_of_"
                    "gdp&entities=USA,CHN"},
        {"compare_all", "/v1/compare?measure=gross_capital_formation_share_"
                        "of_gdp&entities=all&period=2023"},
        {"datapackage", "/v1/datapackage.json"},
        {"sources", "/v1/sources"},
        {"entities", "/v1/entities"},
        {"measures", "/v1/measures"},
        {"dataset", "/v1/dataset"},
        {"openapi", "/openapi.json"},
        {"dashboard", "/"},
    };
    json_t *links = json_object();
    for (size_t i = 0; i < PF_ARRAY_LEN(collections); i++)
        add_link(links, req, collections[i][0], collections[i][1]);
    json_t *doc = json_pack(
        "{s:s, s:s, s:s, s:o}", "name", "policyfacts", "description",
        "Policy facts with their sources, verbatim quotes, valid time and "
        "knowledge time: industrial-policy targets, tariff rates, GDP "
        "composition.",
        "dataset_version", store_info(req->store)->version, "links", links);
    reply_json(rep, 200, doc);
}

void h_dataset(const struct pf_req *req, struct pf_reply *rep)
{
    json_t *doc =
        render_dataset_tree(store_info(req->store), store_licenses(req->store));
    json_t *links = json_object();
    add_link(links, req, "self", "/v1/dataset");
    add_link(links, req, "sources", "/v1/sources");
    if (!doc || json_object_set_new(doc, "links", links) != 0) {
        json_decref(doc);
        problem_reply(rep, PROB_INTERNAL, "out of memory");
        return;
    }
    reply_json(rep, 200, doc);
}

void h_healthz(const struct pf_req *req, struct pf_reply *rep)
{
    (void)req;
    reply_json(rep, 200, json_pack("{s:s}", "status", "ok"));
}

void h_readyz(const struct pf_req *req, struct pf_reply *rep)
{
    if (!req->store) {
        problem_reply(rep, PROB_UNAVAILABLE, "no verified database is loaded");
        return;
    }
    const struct pf_dsinfo *i = store_info(req->store);
    reply_json(rep, 200,
               json_pack("{s:s, s:s, s:I}", "status", "ready",
                         "dataset_version", i->version, "facts",
                         (json_int_t)i->facts));
}

void h_openapi(const struct pf_req *req, struct pf_reply *rep)
{
    const json_t *spec = spec_doc();
    if (!spec) {
        problem_reply(rep, PROB_NOT_FOUND, "no API description loaded");
        return;
    }
    json_t *doc = json_deep_copy(spec);
    json_object_set_new(doc, "servers",
                        json_pack("[{s:s, s:s}]", "url", req->base_url,
                                  "description", "this server"));
    reply_json(rep, 200, doc);
}
