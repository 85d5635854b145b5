/* The route table and its matcher. To add an endpoint: one line here, one
 * handler in src/api/h_<resource>.c, one path in api-spec/openapi.json.
 * Must not know what a handler does: a route is a pattern, a handler, a
 * parameter table and flags. */
#include "api/router.h"

#include <string.h>

#include "api/handlers.h"

#define DATA (RF_DATA | RF_CACHE | RF_FORMATS)

static const struct pf_route routes[] = {
    {"/", "dashboard", h_dashboard, no_params, RF_STATIC | RF_CACHE},
    {"/assets/{file}", "asset", h_asset, no_params, RF_STATIC | RF_CACHE},
    {"/vendor/chart.js", "chartjs", h_chartjs, no_params, RF_STATIC | RF_CACHE},
    {"/v1", "index", h_index, no_params, RF_DATA | RF_CACHE},
    {"/v1/dataset", "dataset", h_dataset, no_params, RF_DATA | RF_CACHE},
    {"/v1/facts", "facts", h_facts_list, facts_params, DATA},
    {"/v1/facts/{id}", "fact", h_facts_get, format_params, DATA},
    {"/v1/targets", "targets", h_targets_list, targets_params, DATA},
    {"/v1/targets/{id}", "target", h_targets_get, target_item_params, DATA},
    {"/v1/tariffs", "tariffs", h_tariffs_list, tariffs_params, DATA},
    {"/v1/tariffs/{imposer}/{target}", "tariffs_on", h_tariffs_on,
     tariff_pair_params, DATA},
    {"/v1/gdp-shares", "gdp_shares", h_gdp_shares, gdp_params, DATA},
    {"/v1/indicators/{measure}", "indicator", h_indicators, indicator_params,
     DATA},
    {"/v1/compare", "compare", h_compare, compare_params, DATA},
    {"/v1/datapackage.json", "datapackage", h_datapackage, no_params,
     RF_DATA | RF_CACHE},
    {"/v1/sources", "sources", h_sources_list, refs_params, DATA},
    {"/v1/sources/{id}", "source", h_sources_get, format_params, DATA},
    {"/v1/entities", "entities", h_entities_list, entities_params, DATA},
    {"/v1/entities/{id}", "entity", h_entities_get, format_params, DATA},
    {"/v1/measures", "measures", h_measures_list, refs_params, DATA},
    {"/v1/measures/{id}", "measure", h_measures_get, format_params, DATA},
    {"/v1/vocabulary", "vocabulary", h_vocabulary, no_params, RF_CACHE},
    {"/openapi.json", "openapi", h_openapi, no_params, RF_CACHE},
    {"/healthz", "healthz", h_healthz, no_params, 0},
    {"/readyz", "readyz", h_readyz, no_params, 0},
    /* Prometheus text whatever Accept says (scrapers send their own lists) */
    {"/metrics", "metrics", h_metrics, no_params, RF_STATIC},
};

const struct pf_route *router_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}

/* Matches one pattern; a {capture} takes one non-empty path segment. */
static bool match(const char *pat,
                  const char *path,
                  size_t len,
                  const char **caps,
                  size_t *ncaps,
                  char *capbuf,
                  size_t capbuflen)
{
    size_t i = 0, used = 0;
    *ncaps = 0;
    while (*pat) {
        if (*pat == '{') {
            const char *close = strchr(pat, '}');
            size_t start = i;
            while (i < len && path[i] != '/')
                i++;
            size_t n = i - start;
            if (n == 0 || *ncaps == PF_MAX_CAPTURES || used + n + 1 > capbuflen)
                return false;
            memcpy(capbuf + used, path + start, n);
            capbuf[used + n] = '\0';
            caps[(*ncaps)++] = capbuf + used;
            used += n + 1;
            pat = close + 1;
            continue;
        }
        if (i >= len || path[i] != *pat)
            return false;
        i++;
        pat++;
    }
    return i == len;
}

const struct pf_route *router_match(const char *path,
                                    size_t len,
                                    const char **caps,
                                    size_t *ncaps,
                                    char *capbuf,
                                    size_t capbuflen)
{
    for (size_t r = 0; r < sizeof routes / sizeof routes[0]; r++)
        if (match(routes[r].pattern, path, len, caps, ncaps, capbuf, capbuflen))
            return &routes[r];
    *ncaps = 0;
    return NULL;
}
