/* The HTTP front end, seen from main: the only module that touches
 * libmicrohttpd. It owns the daemon and its limits, turns each request into
 * a request view for a handler, applies HTTP semantics (negotiation,
 * conditional requests, caching headers, compression, CORS, security
 * headers, proxy headers) and writes the access log. The files behind it
 * are listed in http/http_int.h. */
#ifndef PF_SERVER_H
#define PF_SERVER_H

#include <stdbool.h>

#include "base/config.h"
#include "store/store.h"

struct pf_server;

/* Starts listening with store as the data (the server takes the
 * reference, also on failure). Returns NULL with the reason logged. */
struct pf_server *http_server_start(const struct pf_config *cfg,
                                    struct pf_store *store);
/* The port actually bound (useful with --port 0). */
int http_server_port(const struct pf_server *s);
/* Serves store (reference taken) to new requests from now on; requests in
 * flight finish on the old one, which closes after the last of them. */
void http_server_swap_store(struct pf_server *s, struct pf_store *store);
/* Stops accepting, waits up to drain_seconds for requests in flight, then
 * closes everything. Returns the number of requests still running when
 * the wait ended (0 when all finished). */
long http_server_stop(struct pf_server *s, int drain_seconds);

#endif
