/* Header logic: negotiation, gzip, ETags, Forwarded, hosts, dates. */
#include "check.h"
#include "http/http.h"

static int neg(const char *accept, bool formats)
{
    enum pf_format f;
    return http_negotiate(accept, formats, &f) == 0 ? (int)f : -1;
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
        http_forwarded("for=192.0.2.60;proto=https;host=example.org", &f), 0);
    CHECK_EQ_STR(f.proto, "https");
    CHECK_EQ_STR(f.host, "example.org");
    CHECK_EQ_STR(f.for_, "192.0.2.60");
    CHECK_EQ_INT(
        http_forwarded("proto=HTTPS;host=\"api.example.org:8443\"", &f), 0);
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
    CHECK_EQ_INT(http_parse_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
    CHECK_EQ_INT(http_parse_date("Sunday, 06-Nov-94 08:49:37 GMT"), -1);
    CHECK_EQ_INT(http_parse_date("garbage"), -1);
    return check_done("test_http");
}
