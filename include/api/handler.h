/* The contract between the HTTP front end and the resource handlers.
 *
 * A handler reads a request view (already routed, query already validated
 * against the route's parameter table) and fills a reply: a status and a
 * JSON document, or a body. A reply states what the answer is; the http
 * layer alone decides its headers (caching, content type, CORS). Handlers
 * never see libmicrohttpd or SQL, so they run in unit tests without
 * sockets. The helpers that fill replies and read requests are declared
 * in api/reply.h and api/req.h, included here. */
#ifndef PF_HANDLER_H
#define PF_HANDLER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "api/query.h"
#include "api/reply.h"
#include "api/req.h"

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
    /* A body instead of doc: static files, metrics, the fast path. */
    char *body;
    size_t body_len;
    bool body_owned;
    /* The body's media type, for a body that is not req->format's
     * representation (a file, metrics). */
    const char *content_type;
    /* The body is req->format's representation, already rendered (the
     * /v1/facts fast path): its type follows from the format. */
    bool rendered;
    /* CSV header (NULL-terminated; render/csv_columns.h). NULL: the rows'
     * keys. */
    const char *const *csv_columns;
};

typedef void (*pf_handler)(const struct pf_req *req, struct pf_reply *rep);

#endif
