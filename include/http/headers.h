/* HTTP header and request-line parsers that need no server: content
 * negotiation, content coding, entity-tag matching, forwarded headers,
 * hosts and prefixes, dates, announced content, query pieces. Each takes
 * untrusted text, treats what it cannot parse conservatively, and is a
 * fuzz target (tests/fuzz/fuzz_headers.c). */
#ifndef PF_HTTP_HEADERS_H
#define PF_HTTP_HEADERS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "api/handler.h"
#include "base/pf.h"

/* Picks the representation for an Accept header (NULL: anything). With
 * formats_ok false only JSON is offered. Returns PF_OK, or PF_ENOTFOUND
 * when nothing offered is acceptable (406). */
enum pf_err
http_negotiate(const char *accept, bool formats_ok, enum pf_format *out);
/* True when Accept-Encoding allows gzip (q > 0). */
bool http_accepts_gzip(const char *accept_encoding);
/* If-None-Match against our strong tag (weak comparison, as RFC 9110
 * requires for If-None-Match; "*" matches). The "-gzip" suffix of a
 * compressed variant's tag is ignored. */
bool http_etag_match(const char *if_none_match, const char *etag);

struct pf_forwarded {
    char proto[8];  /* "http" or "https"; "" when absent */
    char host[256]; /* host[:port], validated; "" when absent */
    char for_[64];  /* client address as given; "" when absent */
};
/* Parses the first element of a Forwarded header (RFC 7239). Unknown or
 * malformed parameters are ignored; a malformed host or proto is left
 * empty. Returns PF_OK when anything usable was found, else PF_ENOTFOUND
 * (out is then all empty). */
enum pf_err http_forwarded(const char *value, struct pf_forwarded *out);
/* host[:port] with a DNS name, IPv4 or [IPv6] literal. */
bool http_valid_host(const char *s, size_t len);
/* Path prefix from X-Forwarded-Prefix: "/a/b" style, no "..". */
bool http_valid_prefix(const char *s, size_t len);
/* A client-supplied X-Request-Id we are willing to echo. */
bool http_valid_request_id(const char *s);
/* IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT". */
void http_date(time_t t, char out[40]);
/* Parses an IMF-fixdate into out. PF_EINVAL on anything else. */
enum pf_err http_parse_date(const char *s, time_t *out);
/* Whether a request announces content: any Transfer-Encoding, or a
 * Content-Length that is not zero (a malformed one counts: it cannot be
 * trusted to mean none). Either argument may be NULL (header absent). */
bool http_has_content(const char *content_length,
                      const char *transfer_encoding);
/* The number of non-empty '&'-separated pieces in a query (without the
 * '?'), counting no further than max + 1. */
size_t http_query_pieces(const char *q, size_t len, size_t max);

#endif
