/* The contract between the HTTP front end and the resource handlers.
 *
 * A handler reads a request view (already routed, query already validated
 * against the route's parameter table) and fills a reply: a status and a
 * JSON document, or a raw body. Handlers never see libmicrohttpd or SQL, so
 * they run in unit tests without sockets. */
#ifndef PF_HANDLER_H
#define PF_HANDLER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "api/query.h"

struct pf_store;
struct pf_config;

enum pf_format { PF_FMT_JSON, PF_FMT_CSV, PF_FMT_NDJSON };

#define PF_MAX_CAPTURES 3

struct pf_req {
    const char *path; /* decoded, without the base path */
    const char *captures[PF_MAX_CAPTURES];
    size_t ncaptures;
    const struct pf_query *query;
    const struct pf_pspec *params; /* the route's parameter table */
    const char *base_url;   /* scheme://host[:port][/prefix], for links */
    const char *raw_query;  /* as received, for self links ("" if none) */
    struct pf_store *store; /* NULL while no database is loaded */
    const struct pf_config *cfg;
    enum pf_format format;
};

struct pf_reply {
    int status;
    json_t *doc;  /* owned; the JSON body */
    json_t *rows; /* owned reference: items for CSV/NDJSON (NULL: doc) */
    char *next;   /* owned; absolute URL of the next page (Link header) */
    /* A raw body instead of doc (static files, metrics). */
    char *body;
    size_t body_len;
    bool body_owned;
    const char *content_type; /* for raw bodies */
    /* CSV header (NULL-terminated; render/csv_columns.h). NULL: the rows' keys.
     */
    const char *const *csv_columns;
    bool no_store;     /* Cache-Control: no-store */
    bool no_cache;     /* do not keep in the response cache */
    const char *allow; /* Allow header (405) */
    int retry_after;   /* seconds, for 503 (0: none) */
};

typedef void (*pf_handler)(const struct pf_req *req, struct pf_reply *rep);

void reply_init(struct pf_reply *rep);
void reply_free(struct pf_reply *rep);
/* Takes ownership of doc. */
void reply_json(struct pf_reply *rep, int status, json_t *doc);

/* Parameter access with the route's default applied. */
const char *req_param(const struct pf_req *req, const char *name);
/* Integer parameter (already range-checked by validation). */
long req_int(const struct pf_req *req, const char *name, long def);

/* An absolute URL for path (which starts with '/'). Caller frees. */
char *req_url(const struct pf_req *req, const char *path);
/* Same, with a query string appended (raw, already encoded). */
char *
req_url_query(const struct pf_req *req, const char *path, const char *query);

#endif
