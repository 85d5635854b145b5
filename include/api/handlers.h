/* Every resource handler and its parameter table, one pair per endpoint.
 * Implementations live in src/api/h_<resource>.c; router.c wires them to
 * paths. */
#ifndef PF_HANDLERS_H
#define PF_HANDLERS_H

#include "api/handler.h"
#include "api/query.h"

/* h_meta.c: index, dataset, health, readiness, OpenAPI */
extern const struct pf_pspec no_params[];
extern const struct pf_pspec format_params[];
void h_index(const struct pf_req *req, struct pf_reply *rep);
void h_dataset(const struct pf_req *req, struct pf_reply *rep);
void h_healthz(const struct pf_req *req, struct pf_reply *rep);
void h_readyz(const struct pf_req *req, struct pf_reply *rep);
void h_openapi(const struct pf_req *req, struct pf_reply *rep);

/* h_facts.c */
extern const struct pf_pspec facts_params[];
void h_facts_list(const struct pf_req *req, struct pf_reply *rep);
void h_facts_get(const struct pf_req *req, struct pf_reply *rep);

/* h_targets.c */
extern const struct pf_pspec targets_params[];
extern const struct pf_pspec target_item_params[];
void h_targets_list(const struct pf_req *req, struct pf_reply *rep);
void h_targets_get(const struct pf_req *req, struct pf_reply *rep);

/* h_tariffs.c */
extern const struct pf_pspec tariffs_params[];
extern const struct pf_pspec tariff_pair_params[];
void h_tariffs_list(const struct pf_req *req, struct pf_reply *rep);
void h_tariffs_on(const struct pf_req *req, struct pf_reply *rep);

/* h_gdp.c */
extern const struct pf_pspec gdp_params[];
void h_gdp_shares(const struct pf_req *req, struct pf_reply *rep);

/* h_indicators.c */
extern const struct pf_pspec indicator_params[];
void h_indicators(const struct pf_req *req, struct pf_reply *rep);

/* h_datapackage.c: the Frictionless descriptor of the CSV exports */
void h_datapackage(const struct pf_req *req, struct pf_reply *rep);

/* h_compare.c */
extern const struct pf_pspec compare_params[];
void h_compare(const struct pf_req *req, struct pf_reply *rep);

/* h_refs.c: sources, entities, measures */
extern const struct pf_pspec refs_params[];
extern const struct pf_pspec entities_params[];
void h_sources_list(const struct pf_req *req, struct pf_reply *rep);
void h_sources_get(const struct pf_req *req, struct pf_reply *rep);
void h_entities_list(const struct pf_req *req, struct pf_reply *rep);
void h_entities_get(const struct pf_req *req, struct pf_reply *rep);
void h_measures_list(const struct pf_req *req, struct pf_reply *rep);
void h_measures_get(const struct pf_req *req, struct pf_reply *rep);

/* h_vocabulary.c: the fact schema's vocabularies */
void h_vocabulary(const struct pf_req *req, struct pf_reply *rep);

/* h_static.c: the dashboard and Chart.js */
void h_dashboard(const struct pf_req *req, struct pf_reply *rep);
void h_asset(const struct pf_req *req, struct pf_reply *rep);
void h_chartjs(const struct pf_req *req, struct pf_reply *rep);

/* h_metrics.c */
void h_metrics(const struct pf_req *req, struct pf_reply *rep);

#endif
