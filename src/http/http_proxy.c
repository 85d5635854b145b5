/* What a reverse proxy may tell us: the client's address (X-Forwarded-For,
 * Forwarded: for=) and the scheme, host and prefix the client used
 * (X-Forwarded-Proto/Host/Prefix, Forwarded: proto=, host=), from which
 * the base URL of every link is built.
 *
 * Forwarded headers count only when the peer is in --trusted-proxies;
 * anyone else could forge links or hide behind another address. Must not
 * answer requests: it only reads headers through the validators of
 * http/headers.h. */
#include <stdio.h>
#include <string.h>

#include "http/headers.h"
#include "http/http_int.h"

/* First comma-separated element, trimmed, into out ("" when absent or too
 * long). */
static void first_element(const char *v, char *out, size_t n)
{
    out[0] = '\0';
    if (!v)
        return;
    while (*v == ' ')
        v++;
    size_t len = strcspn(v, ",");
    while (len && v[len - 1] == ' ')
        len--;
    if (len < n) {
        memcpy(out, v, len);
        out[len] = '\0';
    }
}

bool http_proxy_client(const struct pf_config *cfg,
                       struct MHD_Connection *con,
                       char *client,
                       size_t n)
{
    const void *sa = http_conn_peer(con, client, n);
    if (!config_trusted(cfg, sa))
        return false;
    char fwd_for[64];
    first_element(http_header(con, "X-Forwarded-For"), fwd_for, sizeof fwd_for);
    struct pf_forwarded f;
    if (!fwd_for[0] &&
        http_forwarded(http_header(con, "Forwarded"), &f) == PF_OK)
        snprintf(fwd_for, sizeof fwd_for, "%s", f.for_);
    if (fwd_for[0] &&
        strspn(fwd_for, "0123456789abcdefABCDEF.:[]") == strlen(fwd_for))
        snprintf(client, n, "%s", fwd_for);
    return true;
}

/* "http" or "https" from a trusted proxy's headers; X-Forwarded-Proto
 * wins over Forwarded. NULL when neither says. */
static const char *forwarded_proto(struct MHD_Connection *con,
                                   const struct pf_forwarded *fwd)
{
    const char *proto = NULL;
    char tmp[16];
    if (!strcmp(fwd->proto, "https") || !strcmp(fwd->proto, "http"))
        proto = fwd->proto[4] == 's' ? "https" : "http";
    first_element(http_header(con, "X-Forwarded-Proto"), tmp, sizeof tmp);
    if (!strcmp(tmp, "https") || !strcmp(tmp, "http"))
        proto = tmp[4] == 's' ? "https" : "http";
    return proto;
}

/* The host from a trusted proxy's headers into out; X-Forwarded-Host wins
 * over Forwarded. "" when neither gives a valid one. */
static void forwarded_host(struct MHD_Connection *con,
                           const struct pf_forwarded *fwd,
                           char out[256])
{
    char tmp[256];
    snprintf(out, 256, "%s", fwd->host);
    first_element(http_header(con, "X-Forwarded-Host"), tmp, sizeof tmp);
    if (tmp[0] && http_valid_host(tmp, strlen(tmp)))
        snprintf(out, 256, "%s", tmp);
}

/* The prefix from X-Forwarded-Prefix into out, without trailing slashes;
 * false when absent or not a valid prefix. */
static bool forwarded_prefix(struct MHD_Connection *con, char out[256])
{
    first_element(http_header(con, "X-Forwarded-Prefix"), out, 256);
    size_t len = strlen(out);
    while (len && out[len - 1] == '/')
        out[--len] = '\0';
    return len && http_valid_prefix(out, len);
}

void http_proxy_base_url(const struct pf_config *cfg,
                         struct MHD_Connection *con,
                         bool trusted,
                         int port,
                         struct buf *out)
{
    char fhost[256] = "", fprefix[256];
    const char *proto = "http", *host = NULL, *prefix = cfg->base_path;

    if (trusted) {
        struct pf_forwarded fwd;
        http_forwarded(http_header(con, "Forwarded"), &fwd);
        const char *p = forwarded_proto(con, &fwd);
        if (p)
            proto = p;
        forwarded_host(con, &fwd, fhost);
        if (fhost[0])
            host = fhost;
        if (forwarded_prefix(con, fprefix))
            prefix = fprefix;
    }
    if (!host) {
        const char *h = http_header(con, "Host");
        if (h && http_valid_host(h, strlen(h)))
            host = h;
    }
    /* plain appends, no copies: printf-style formatting costs more than
     * the rest of a cached answer */
    buf_puts(out, proto);
    buf_append(out, "://", 3);
    if (host)
        buf_puts(out, host);
    else
        buf_printf(out, "%s:%d", cfg->bind, port);
    buf_puts(out, prefix);
}
