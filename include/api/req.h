/* Reading the request view: parameters with the route's defaults applied,
 * and absolute URLs built on the base URL the http layer worked out.
 * Pure functions of struct pf_req; they never see libmicrohttpd. */
#ifndef PF_REQ_H
#define PF_REQ_H

struct pf_req;

/* The parameter's value, or the route's default for it, or NULL. */
const char *req_param(const struct pf_req *req, const char *name);
/* Integer parameter (already range-checked by validation); def if absent. */
long req_int(const struct pf_req *req, const char *name, long def);

/* An absolute URL for path (which starts with '/'). Caller frees; NULL
 * when out of memory. */
char *req_url(const struct pf_req *req, const char *path);
/* Same, with a query string appended (raw, already encoded). */
char *
req_url_query(const struct pf_req *req, const char *path, const char *query);

#endif
