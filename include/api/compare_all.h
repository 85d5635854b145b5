/* /v1/compare with entities=all (compare_all.c): every economy with a
 * value for the measure in the period, ranked, with reference aggregates
 * beside them. h_compare.c hands the request over. */
#ifndef PF_API_COMPARE_ALL_H
#define PF_API_COMPARE_ALL_H

#include "api/handler.h"
#include "api/params.h"
#include "store/store.h"

/* The reference aggregates when references= is not given: the World, the
 * World Bank's four income groups, the European Union and the OECD. */
#define COMPARE_REFERENCES "WLD", "HIC", "UMC", "LMC", "LIC", "EUU", "OED"

/* Answers the request for measure m (period required; references=,
 * as_of, format). fp is the handler's, freed by it. */
void compare_all_reply(const struct pf_req *req,
                       const struct pf_measure *m,
                       struct fact_params *fp,
                       struct pf_reply *rep);

#endif
