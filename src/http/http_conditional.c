/* Conditional requests: the one function that makes an ETag and the one
 * that decides a 304.
 *
 * A data route's tag is the dataset version and a hash of the cache key
 * (the canonical request) seeded with this build's version, so equivalent
 * URLs share it, a reload changes it, and so does a new build (which may
 * answer the same data in another shape: a client must not keep a 304 for
 * the old one); any other cached route (files, the API description) is tagged
 * by a hash of its body. A gzip-coded body is another representation with its
 * own tag ("-gzip" before the closing quote, RFC 9110 8.8.3). Must not
 * send anything: the pipeline sends the 304 or the 200. */
#include <string.h>
#include <xxhash.h>

#include "http/headers.h"
#include "http/http_int.h"

/* Leaves room for the quotes, 40 bytes of version, '-', 16 hex digits and
 * "-gzip". */
_Static_assert(HTTP_ETAG_MAX >= 2 + 40 + 1 + 16 + 5 + 1, "ETag room");

void http_etag(char out[HTTP_ETAG_MAX],
               const char *version,
               const char *key,
               size_t key_len,
               const char *body,
               size_t len,
               bool gzip)
{
    size_t n = 0;
    out[n++] = '"';
    if (version) {
        size_t vlen = strnlen(version, 40);
        memcpy(out + n, version, vlen);
        n += vlen;
        out[n++] = '-';
        uint64_t build = XXH3_64bits(PF_VERSION, sizeof PF_VERSION - 1);
        http_hex16(XXH3_64bits_withSeed(key, key_len, build), out + n);
    } else {
        memcpy(out + n, "b-", 2);
        n += 2;
        http_hex16(XXH3_64bits(body, len), out + n);
    }
    n += 16;
    if (gzip) {
        memcpy(out + n, "-gzip", 5);
        n += 5;
    }
    out[n++] = '"';
    out[n] = '\0';
}

/* If-None-Match, when present, decides alone (RFC 9110 13.2.2); else
 * If-Modified-Since against the dataset's date. */
bool http_not_modified(struct MHD_Connection *con,
                       const char *etag,
                       time_t last_modified)
{
    const char *inm = http_header(con, "If-None-Match");
    if (inm)
        return http_etag_match(inm, etag);
    time_t t;
    const char *ims = http_header(con, "If-Modified-Since");
    return last_modified && ims && http_parse_date(ims, &t) == PF_OK &&
           last_modified <= t;
}
