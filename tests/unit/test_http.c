/* Header logic: negotiation, gzip, ETags, Forwarded, hosts, dates,
 * announced content, query pieces. */
#include "check.h"
#include "http/headers.h"
#include "http/http_int.h"

static int neg(const char *accept, bool formats)
{
    enum pf_format f;
    return http_negotiate(accept, formats, &f) == PF_OK ? (int)f : -1;
}

static long long date(const char *s)
{
    time_t t;
    return http_parse_date(s, &t) == PF_OK ? (long long)t : -1;
}

/* The one place tags are made: a data route's from the version and the
 * key, another's from the body; the gzip representation its own. */
static void etags(void)
{
    char tag[HTTP_ETAG_MAX], tag2[HTTP_ETAG_MAX];
    http_etag(tag, "0ea1e1c6c75ec18b", "facts/v1/facts?#json@x", 22, NULL, 0,
              false);
    CHECK_EQ_INT(strlen(tag), 1 + 16 + 1 + 16 + 1);
    CHECK(strncmp(tag, "\"0ea1e1c6c75ec18b-", 18) == 0);
    http_etag(tag2, "0ea1e1c6c75ec18b", "facts/v1/facts?#json@xyz", 22, NULL, 0,
              true); /* the key's first 22 bytes: the same tag, + gzip */
    CHECK_EQ_INT(strncmp(tag, tag2, strlen(tag) - 1), 0);
    CHECK_EQ_STR(tag2 + strlen(tag) - 1, "-gzip\"");
    http_etag(tag2, "0ea1e1c6c75ec18c", "facts/v1/facts?#json@x", 22, NULL, 0,
              false);
    CHECK(strcmp(tag, tag2) != 0); /* a reload changes every tag */
    http_etag(tag, "v", "key", 3, "body", 4, false);
    http_etag(tag2, NULL, "key", 3, "body", 4, false);
    CHECK(strncmp(tag2, "\"b-", 3) == 0 && strlen(tag2) == 3 + 16 + 1);
    CHECK(strcmp(tag, tag2) != 0);
    http_etag(tag, NULL, "other key", 9, "body", 4, false);
    CHECK_EQ_STR(tag, tag2); /* a body's tag depends on the body alone */
    http_etag(tag, NULL, NULL, 0, "Body", 4, false);
    CHECK(strcmp(tag, tag2) != 0);
    char longv[100];
    memset(longv, 'a', sizeof longv - 1);
    longv[sizeof longv - 1] = '\0';
    http_etag(tag, longv, "k", 1, NULL, 0, true); /* 40 bytes of version */
    CHECK_EQ_INT(strlen(tag), 1 + 40 + 1 + 16 + 5 + 1);
    CHECK(http_etag_match(tag, tag));
}

int main(void)
{
    CHECK_EQ_INT(neg(NULL, true), PF_FMT_JSON);
    CHECK_EQ_INT(neg("*/*", true), PF_FMT_JSON);
    CHECK_EQ_INT(neg("text/csv", true), PF_FMT_CSV);
    CHECK_EQ_INT(neg("text/csv", false), -1);
    CHECK_EQ_INT(neg("application/x-ndjson", true), PF_FMT_NDJSON);
    CHECK_EQ_INT(neg("text/*", true), PF_FMT_CSV);
    CHECK_EQ_INT(neg("application/json;q=0.5, text/csv", true), PF_FMT_CSV);
    CHECK_EQ_INT(neg("text/csv;q=0.2, application/json;q=0.9", true),
                 PF_FMT_JSON);
    CHECK_EQ_INT(neg("image/png", true), -1);
    CHECK_EQ_INT(neg("application/json;q=0", true), -1);
    CHECK_EQ_INT(neg("*/*;q=0.1, application/xml", true), PF_FMT_JSON);
    CHECK_EQ_INT(neg("text/html,application/xhtml+xml,application/xml;q=0.9,"
                     "*/*;q=0.8",
                     true),
                 PF_FMT_JSON); /* a browser */
    CHECK_EQ_INT(neg("APPLICATION/JSON", true), PF_FMT_JSON);
    CHECK_EQ_INT(neg("text/csv;q=nan", true), -1);

    CHECK(http_accepts_gzip("gzip, deflate, br"));
    CHECK(http_accepts_gzip("br;q=1.0, gzip;q=0.8"));
    CHECK(!http_accepts_gzip("gzip;q=0"));
    CHECK(!http_accepts_gzip("identity"));
    CHECK(http_accepts_gzip("*"));
    CHECK(!http_accepts_gzip("*;q=0"));
    CHECK(!http_accepts_gzip(NULL));

    const char *tag = "\"abc-123\"";
    CHECK(http_etag_match("\"abc-123\"", tag));
    CHECK(http_etag_match("W/\"abc-123\"", tag));
    CHECK(http_etag_match("\"x\", \"abc-123\"", tag));
    CHECK(http_etag_match("*", tag));
    CHECK(!http_etag_match("\"abc-123-gzip\"", tag)); /* another variant */
    CHECK(!http_etag_match("\"abc-12\"", tag));
    CHECK(!http_etag_match("abc-123", tag)); /* unquoted: malformed */
    CHECK(!http_etag_match("\"abc-123", tag));
    CHECK(!http_etag_match("", tag));

    struct pf_forwarded f;
    CHECK_EQ_INT(
        http_forwarded("for=192.0.2.60;proto=https;host=example.org", &f),
        PF_OK);
    CHECK_EQ_STR(f.proto, "https");
    CHECK_EQ_STR(f.host, "example.org");
    CHECK_EQ_STR(f.for_, "192.0.2.60");
    CHECK_EQ_INT(
        http_forwarded("proto=HTTPS;host=\"api.example.org:8443\"", &f), PF_OK);
    CHECK_EQ_STR(f.proto, "https");
    CHECK_EQ_STR(f.host, "api.example.org:8443");
    http_forwarded("host=\"bad host\";proto=gopher", &f);
    CHECK_EQ_STR(f.host, "");
    CHECK_EQ_STR(f.proto, "");
    /* only the first element (the proxy nearest the client) counts */
    http_forwarded("proto=http, proto=https", &f);
    CHECK_EQ_STR(f.proto, "http");

    CHECK(http_valid_host("example.org", 11));
    CHECK(http_valid_host("127.0.0.1:8080", 14));
    CHECK(http_valid_host("[::1]:80", 8));
    CHECK(!http_valid_host("a b", 3));
    CHECK(!http_valid_host("host:99999", 10));
    CHECK(!http_valid_host("host:", 5));
    CHECK(!http_valid_host("evil.com/x", 10));
    CHECK(http_valid_prefix("/policyfacts", 12));
    CHECK(!http_valid_prefix("/a/../b", 7));
    CHECK(!http_valid_prefix("policyfacts", 11));
    CHECK(!http_valid_prefix("/a b", 4));
    CHECK(http_valid_request_id("abc-123_x.y"));
    CHECK(!http_valid_request_id("a\nb"));
    CHECK(!http_valid_request_id(""));

    char d[40];
    http_date(784111777, d);
    CHECK_EQ_STR(d, "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK_EQ_INT(date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
    CHECK_EQ_INT(date("Sunday, 06-Nov-94 08:49:37 GMT"), -1);
    CHECK_EQ_INT(date("garbage"), -1);
    CHECK_EQ_INT(http_forwarded("nothing useful", &f), PF_ENOTFOUND);
    CHECK_EQ_INT(http_forwarded(NULL, &f), PF_ENOTFOUND);

    /* announced content: any Transfer-Encoding, a non-zero length, and a
     * length that cannot be read (it cannot be trusted to mean none) */
    CHECK(!http_has_content(NULL, NULL));
    CHECK(!http_has_content("0", NULL));
    CHECK(!http_has_content("000", NULL));
    CHECK(http_has_content("1", NULL));
    CHECK(http_has_content("100000000", NULL));
    CHECK(http_has_content("-1", NULL));
    CHECK(http_has_content("", NULL));
    CHECK(http_has_content("0x10", NULL));
    CHECK(http_has_content(NULL, "chunked"));
    CHECK(http_has_content("0", "chunked"));

    /* query pieces: empty ones do not count; counting stops past max */
    CHECK_EQ_INT(http_query_pieces("", 0, 10), 0);
    CHECK_EQ_INT(http_query_pieces("a=1", 3, 10), 1);
    CHECK_EQ_INT(http_query_pieces("a=1&b=2", 7, 10), 2);
    CHECK_EQ_INT(http_query_pieces("&&a&&b&", 7, 10), 2);
    CHECK_EQ_INT(http_query_pieces("a&b&c&d&e", 9, 2), 3);
    CHECK_EQ_INT(http_query_pieces("a&b", 1, 10), 1); /* reads only len */
    etags();
    CHECK_CONTAINS(http_media_type(PF_FMT_CSV), "text/csv");
    CHECK_CONTAINS(http_media_type(PF_FMT_NDJSON), "application/x-ndjson");
    CHECK_CONTAINS(http_media_type(PF_FMT_JSON), "application/json");
    return check_done("test_http");
}
