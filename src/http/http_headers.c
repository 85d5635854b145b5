/* Header parsing. Every function tolerates arbitrary bytes and answers
 * conservatively: what cannot be parsed is treated as absent (or, for
 * announced content, as present). Owns the syntax of the headers we read;
 * must not decide what an answer is (http_request.c and http_respond.c
 * do) or touch libmicrohttpd. */
#include "http/headers.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Reads one comma-separated element's media type and q value. Returns the
 * position after the element. */
static const char *
next_element(const char *p, char *type, size_t tlen, double *q)
{
    size_t n = 0;
    *q = 1.0;
    while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
    while (*p && *p != ';' && *p != ',' && *p != ' ' && *p != '\t') {
        if (n + 1 < tlen)
            type[n++] = (char)tolower((unsigned char)*p);
        p++;
    }
    type[n] = '\0';
    while (*p && *p != ',') {
        if (*p == ';') {
            p++;
            while (*p == ' ' || *p == '\t')
                p++;
            if ((p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
                char *end;
                double v = strtod(p + 2, &end);
                *q = (end == p + 2 || v != v || v < 0 || v > 1) ? 0 : v;
                p = end;
                continue;
            }
        }
        if (*p)
            p++;
    }
    return p;
}

enum pf_err
http_negotiate(const char *accept, bool formats_ok, enum pf_format *out)
{
    static const struct {
        const char *type;
        enum pf_format fmt;
        bool needs_formats;
    } offers[] = {
        {"application/json", PF_FMT_JSON, false},
        {"text/csv", PF_FMT_CSV, true},
        {"application/x-ndjson", PF_FMT_NDJSON, true},
        {"application/ndjson", PF_FMT_NDJSON, true},
    };
    double best_q = 0;
    int best = -1;

    if (!accept || !*accept) {
        *out = PF_FMT_JSON;
        return PF_OK;
    }
    for (size_t o = 0; o < sizeof offers / sizeof offers[0]; o++) {
        if (offers[o].needs_formats && !formats_ok)
            continue;
        /* the most specific matching range decides this offer's q */
        double q = -1;
        int spec = -1;
        const char *p = accept;
        char type[128];
        double eq;
        size_t guard = 0;
        while (*p && guard++ < 64) {
            p = next_element(p, type, sizeof type, &eq);
            int s = -1;
            const char *slash = strchr(offers[o].type, '/');
            size_t major = (size_t)(slash - offers[o].type);
            if (strcmp(type, offers[o].type) == 0)
                s = 2;
            else if (strncmp(type, offers[o].type, major) == 0 &&
                     strcmp(type + major, "/*") == 0)
                s = 1;
            else if (strcmp(type, "*/*") == 0)
                s = 0;
            if (s > spec) {
                spec = s;
                q = eq;
            }
        }
        /* server preference breaks ties: JSON first, then the others */
        if (spec >= 0 && q > best_q) {
            best_q = q;
            best = (int)o;
        }
    }
    if (best < 0)
        return PF_ENOTFOUND;
    *out = offers[best].fmt;
    return PF_OK;
}

bool http_accepts_gzip(const char *ae)
{
    char coding[64];
    double q, gzip_q = -1, star_q = -1;
    size_t guard = 0;
    if (!ae)
        return false;
    while (*ae && guard++ < 64) {
        ae = next_element(ae, coding, sizeof coding, &q);
        if (strcmp(coding, "gzip") == 0 || strcmp(coding, "x-gzip") == 0)
            gzip_q = q;
        else if (strcmp(coding, "*") == 0)
            star_q = q;
    }
    return gzip_q >= 0 ? gzip_q > 0 : star_q > 0;
}

/* Compares one entity-tag token from the header with ours, weakly (RFC 9110
 * 8.8.3.2: a W/ prefix is ignored for If-None-Match). Each representation has
 * its own tag: "abc-gzip" (the compressed one) does not match "abc". */
static bool tag_equal(const char *p, size_t n, const char *etag)
{
    if (n >= 2 && p[0] == 'W' && p[1] == '/') {
        p += 2;
        n -= 2;
    }
    return n == strlen(etag) && memcmp(p, etag, n) == 0;
}

bool http_etag_match(const char *inm, const char *etag)
{
    if (!inm)
        return false;
    const char *p = inm;
    size_t guard = 0;
    while (*p && guard++ < 256) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        if (*p == '*')
            return true;
        const char *start = p;
        if (p[0] == 'W' && p[1] == '/')
            p += 2;
        if (*p != '"')
            return false; /* malformed: treat as no match */
        const char *close = strchr(p + 1, '"');
        if (!close)
            return false;
        p = close + 1;
        if (tag_equal(start, (size_t)(p - start), etag))
            return true;
    }
    return false;
}

bool http_valid_host(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0 || len > 255)
        return false;
    if (s[0] == '[') {
        while (i < len && s[i] != ']')
            i++;
        if (i == len || i < 3)
            return false;
        for (size_t k = 1; k < i; k++)
            if (!isxdigit((unsigned char)s[k]) && s[k] != ':' && s[k] != '.')
                return false;
        i++;
    } else {
        while (i < len && s[i] != ':') {
            char c = s[i];
            if (!isalnum((unsigned char)c) && c != '-' && c != '.')
                return false;
            i++;
        }
        if (i == 0)
            return false;
    }
    if (i == len)
        return true;
    if (s[i] != ':' || len - i < 2 || len - i > 6)
        return false;
    long port = 0;
    for (size_t k = i + 1; k < len; k++) {
        if (!isdigit((unsigned char)s[k]))
            return false;
        port = port * 10 + (s[k] - '0'); /* at most 5 digits: no overflow */
    }
    return port <= 65535;
}

bool http_valid_prefix(const char *s, size_t len)
{
    if (len == 0)
        return true;
    if (s[0] != '/' || len > 200)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        /* c != 0: strchr would match the terminating NUL */
        if (!isalnum((unsigned char)c) && (!c || !strchr("/-._~", c)))
            return false;
        if (i > 0 && (c == '.' || c == '/') && s[i - 1] == c)
            return false; /* ".." or "//" */
    }
    return true;
}

bool http_valid_request_id(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("-_.:", s[i]))
            return false;
    return true;
}

/* Copies a Forwarded parameter value (token or quoted-string). */
static const char *fwd_value(const char *p, char *out, size_t n)
{
    size_t o = 0;
    if (*p == '"') {
        p++;
        while (*p && *p != '"') {
            if (*p == '\\' && p[1])
                p++;
            if (o + 1 < n)
                out[o++] = *p;
            p++;
        }
        if (*p == '"')
            p++;
    } else {
        while (*p && *p != ';' && *p != ',' && *p != ' ') {
            if (o + 1 < n)
                out[o++] = *p;
            p++;
        }
    }
    out[o] = '\0';
    return p;
}

enum pf_err http_forwarded(const char *v, struct pf_forwarded *out)
{
    memset(out, 0, sizeof *out);
    if (!v)
        return PF_ENOTFOUND;
    const char *p = v;
    size_t guard = 0;
    while (*p && *p != ',' && guard++ < 32) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *eq = strchr(p, '=');
        if (!eq)
            break;
        size_t klen = (size_t)(eq - p);
        char val[256];
        const char *next = fwd_value(eq + 1, val, sizeof val);
        if (klen == 5 && strncasecmp(p, "proto", 5) == 0) {
            if (strcasecmp(val, "http") == 0 || strcasecmp(val, "https") == 0)
                snprintf(out->proto, sizeof out->proto, "%s",
                         strcasecmp(val, "https") == 0 ? "https" : "http");
        } else if (klen == 4 && strncasecmp(p, "host", 4) == 0) {
            if (http_valid_host(val, strlen(val)))
                snprintf(out->host, sizeof out->host, "%s", val);
        } else if (klen == 3 && strncasecmp(p, "for", 3) == 0) {
            snprintf(out->for_, sizeof out->for_, "%.63s", val);
        }
        if (next == eq + 1) /* no progress: malformed */
            break;
        p = next;
    }
    return out->proto[0] || out->host[0] || out->for_[0] ? PF_OK : PF_ENOTFOUND;
}

void http_date(time_t t, char out[40])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

enum pf_err http_parse_date(const char *s, time_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!s || strlen(s) != 29)
        return PF_EINVAL;
    const char *end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!end || *end)
        return PF_EINVAL;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return PF_EINVAL;
    *out = t;
    return PF_OK;
}

bool http_has_content(const char *content_length, const char *transfer_encoding)
{
    if (transfer_encoding)
        return true;
    if (!content_length)
        return false;
    size_t zeros = strspn(content_length, "0");
    return zeros == 0 || content_length[zeros] != '\0';
}

size_t http_query_pieces(const char *q, size_t len, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && n <= max) {
        const char *amp = memchr(q + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - q) : len;
        n += end > i;
        i = end + 1;
    }
    return n;
}
