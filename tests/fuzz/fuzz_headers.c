/* Header parsers: Accept, Accept-Encoding, If-None-Match, Forwarded, the
 * Host / X-Forwarded-Prefix / X-Request-Id validators, HTTP dates, the
 * announced-content check (Content-Length / Transfer-Encoding) and the
 * query piece count.
 *
 * Input: byte 0 picks the parser, the rest is the header value.
 *
 * Invariants:
 *  - (ptr, len) validators read nothing past len (the buffer has no NUL)
 *    and agree with the same text given NUL-terminated;
 *  - http_negotiate returns PF_OK with a known format or PF_ENOTFOUND;
 *    JSON-only routes
 *    never get CSV or NDJSON; an absent or empty Accept means JSON;
 *  - If-None-Match: "*" and our own tag (strong, weak, -gzip variant)
 *    always match; a list that does not contain the tag text cannot match;
 *  - Forwarded: every output is NUL-terminated, proto is "", "http" or
 *    "https", host passes http_valid_host;
 *  - a valid prefix starts with '/' and has no ".." or "//";
 *  - a parsed HTTP date prints back to a date that parses to the same
 *    time;
 *  - content is announced by any Transfer-Encoding and by any
 *    Content-Length but a non-empty run of zeros;
 *  - the query piece count reads nothing past len, equals a plain count of
 *    the non-empty '&'-separated pieces (up to max + 1), and never exceeds
 *    (len + 1) / 2. */
#include "fuzz_common.h"

#include "base/date.h"
#include "http/headers.h"

static const char our_tag[] = "\"0123456789abcdef\"";

static void etag_case(const char *v)
{
    bool m = http_etag_match(v, our_tag);
    if (!strstr(v, "0123456789abcdef") && !strchr(v, '*'))
        FUZZ_ASSERT(!m);
    FUZZ_ASSERT(http_etag_match("*", our_tag));
    FUZZ_ASSERT(http_etag_match(our_tag, our_tag));
    FUZZ_ASSERT(http_etag_match("W/\"0123456789abcdef\"", our_tag));
    /* another representation's tag is another tag */
    FUZZ_ASSERT(!http_etag_match("\"0123456789abcdef-gzip\"", our_tag));
    /* our tag appended to a well-formed list still matches */
    if (strlen(v) < 1024 && !strpbrk(v, "\"*W") && !strchr(v, '\\')) {
        char buf[1200];
        snprintf(buf, sizeof buf, "%s%s", v, our_tag);
        (void)http_etag_match(buf, our_tag);
    }
}

static void content_case(const char *v, size_t slen)
{
    bool zeros = slen > 0 && strspn(v, "0") == slen;
    FUZZ_ASSERT(http_has_content(v, NULL) == !zeros);
    FUZZ_ASSERT(http_has_content(NULL, v));
    FUZZ_ASSERT(http_has_content(v, v));
    FUZZ_ASSERT(!http_has_content(NULL, NULL));
}

/* q is exactly len bytes, no NUL: ASan catches a read past it. */
static void pieces_case(const char *q, size_t len, uint8_t sel)
{
    size_t plain = 0;
    for (size_t i = 0; i < len; i++)
        plain += q[i] != '&' && (i == 0 || q[i - 1] == '&');
    size_t max = (size_t)(sel >> 4) * 16; /* 0, 16, ... 240 */
    size_t n = http_query_pieces(q, len, max);
    FUZZ_ASSERT(n == (plain < max + 1 ? plain : max + 1));
    FUZZ_ASSERT(http_query_pieces(q, len, (size_t)-2) == plain);
    FUZZ_ASSERT(plain <= (len + 1) / 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 8192)
        return 0;
    size_t len = size - 1;
    char *v = fuzz_dup_cstr(data + 1, len);
    size_t slen = strlen(v);
    char *exact = fuzz_dup_exact((const uint8_t *)v, slen);

    switch (data[0] % 11) {
    case 0: {
        enum pf_format f = (enum pf_format) - 1;
        for (int fo = 0; fo < 2; fo++) {
            enum pf_err rc = http_negotiate(v, fo, &f);
            FUZZ_ASSERT(rc == PF_OK || rc == PF_ENOTFOUND);
            if (rc == PF_OK) {
                FUZZ_ASSERT(f == PF_FMT_JSON || f == PF_FMT_CSV ||
                            f == PF_FMT_NDJSON);
                if (!fo)
                    FUZZ_ASSERT(f == PF_FMT_JSON);
            }
        }
        FUZZ_ASSERT(http_negotiate(NULL, true, &f) == PF_OK &&
                    f == PF_FMT_JSON);
        FUZZ_ASSERT(http_negotiate("", true, &f) == PF_OK && f == PF_FMT_JSON);
        break;
    }
    case 1:
        (void)http_accepts_gzip(v);
        FUZZ_ASSERT(!http_accepts_gzip(NULL));
        break;
    case 2:
        etag_case(v);
        break;
    case 3: {
        struct pf_forwarded fw;
        enum pf_err rc = http_forwarded(v, &fw);
        FUZZ_ASSERT(memchr(fw.proto, 0, sizeof fw.proto));
        FUZZ_ASSERT(memchr(fw.host, 0, sizeof fw.host));
        FUZZ_ASSERT(memchr(fw.for_, 0, sizeof fw.for_));
        FUZZ_ASSERT(!fw.proto[0] || strcmp(fw.proto, "http") == 0 ||
                    strcmp(fw.proto, "https") == 0);
        FUZZ_ASSERT(!fw.host[0] || http_valid_host(fw.host, strlen(fw.host)));
        FUZZ_ASSERT((rc == PF_OK) == (fw.proto[0] || fw.host[0] || fw.for_[0]));
        break;
    }
    case 4: {
        bool a = http_valid_host(exact, slen);
        bool b = http_valid_host(v, slen);
        FUZZ_ASSERT(a == b);
        break;
    }
    case 5: {
        bool a = http_valid_prefix(exact, slen);
        bool b = http_valid_prefix(v, slen);
        FUZZ_ASSERT(a == b);
        if (a && slen) {
            FUZZ_ASSERT(v[0] == '/' && !strstr(v, "..") && !strstr(v, "//"));
        }
        break;
    }
    case 6:
        if (http_valid_request_id(v))
            FUZZ_ASSERT(slen > 0 && slen <= 64 && !strpbrk(v, "\r\n\" "));
        break;
    case 7: {
        time_t t, back;
        /* years before 1970 print with fewer digits than they parse */
        if (http_parse_date(v, &t) == PF_OK && t >= 0) {
            char out[40];
            http_date(t, out);
            FUZZ_ASSERT(http_parse_date(out, &back) == PF_OK && back == t);
        }
        break;
    }
    case 8: {
        struct pf_date d;
        if (date_parse(exact, slen, &d)) {
            FUZZ_ASSERT(d.y >= 1000 && d.y <= 9999);
            FUZZ_ASSERT(d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= 31);
            char s[11], e[11];
            date_start(&d, s);
            date_end(&d, e);
            FUZZ_ASSERT(strcmp(s, e) <= 0);
            FUZZ_ASSERT(date_add_days(s, 0, s) && strcmp(s, e) <= 0);
        }
        break;
    }
    case 9:
        content_case(v, slen);
        break;
    case 10:
        pieces_case(exact, slen, data[0]);
        break;
    }
    free(exact);
    free(v);
    return 0;
}
