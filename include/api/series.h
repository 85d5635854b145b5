/* Annual series answers (/v1/gdp-shares, /v1/indicators/{measure}): the
 * facts a handler fetched, cut into one series per (country, measure) in
 * year order, latest=N applied, and the reply. Handlers choose the facts;
 * this file groups them. Must not write JSON (render/answers.c does). */
#ifndef PF_API_SERIES_H
#define PF_API_SERIES_H

#include "api/handler.h"
#include "render/answers.h"
#include "store/store.h"

/* Points one answer may hold; more is a 400 asking to narrow it. */
#define SERIES_MAX_POINTS 20000

/* Replies with l's facts as series in the given style. The store query
 * must have asked for at most SERIES_MAX_POINTS + 1 rows: when l holds
 * more (l->pos.more), the reply is the 400. */
void series_reply(const struct pf_req *req,
                  const struct pf_fact_list *l,
                  enum render_series_style style,
                  struct pf_reply *rep);

/* Sets what every annual series query asks besides its filters: annual
 * facts only, one point per year (the preferred answer, or the as_of
 * answer), id order, latest=N, and room for SERIES_MAX_POINTS + 1. */
void series_query_annual(const struct pf_req *req, struct pf_fact_query *q);

/* Runs q and replies with its facts as series (series_reply), or with the
 * store's problem. */
void series_answer(const struct pf_req *req,
                   const struct pf_fact_query *q,
                   enum render_series_style style,
                   struct pf_reply *rep);

#endif
