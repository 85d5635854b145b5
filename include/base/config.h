/* Server configuration: defaults, then PF_* environment variables, then
 * command-line flags. Every value is validated at start with a message that
 * names the flag and the accepted range. */
#ifndef PF_CONFIG_H
#define PF_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/pf.h"

#define PF_MAX_PROXIES 16

struct pf_cidr {
    int family; /* AF_INET or AF_INET6 */
    unsigned char addr[16];
    int prefix;
};

struct pf_config {
    const char *db;
    const char *bind;
    int port;
    int threads;
    int max_connections;
    int max_per_ip;
    int timeout;           /* idle connection timeout, seconds */
    int drain_timeout;     /* seconds to finish in-flight requests on stop */
    const char *base_path; /* "" or "/prefix" without trailing slash */
    struct pf_cidr proxies[PF_MAX_PROXIES];
    int nproxies;
    const char *cors_origins; /* "*" or comma list of origins */
    int max_age;              /* Cache-Control max-age, seconds */
    int cors_max_age;         /* Access-Control-Max-Age, seconds */
    const char *log_level;    /* debug, info, warn, error */
    const char *web_dir;      /* dashboard files */
    const char *chartjs;      /* path of Chart.js (Debian libjs-chart.js) */
    const char *spec;         /* OpenAPI document served at /openapi.json */
    size_t cache_bytes;       /* response cache bound */
    size_t max_url;           /* request-target bytes before 414 */
    size_t max_headers;       /* header bytes before 431 */
    int max_params;           /* query parameters per request */
    int max_limit;            /* rows per response */
    size_t gzip_min;          /* compress bodies at least this large */
    bool watch;               /* reload when the db file changes */
    bool help;                /* --help was given (and printed) */
};

/* Fills c from defaults, the environment and argv (argv[0] is the
 * subcommand). Returns PF_OK (with c->help set when --help was printed to
 * out, and nothing else to do), or PF_EINVAL with a message in err. The
 * strings in c point into argv/environ/static data. */
enum pf_err config_load(struct pf_config *c,
                        int argc,
                        char **argv,
                        FILE *out,
                        char *err,
                        size_t errlen);

/* Parses "a.b.c.d/n" or "v6addr/n" (a bare address is a full-length
 * prefix). Returns PF_OK or PF_EINVAL. */
enum pf_err config_parse_cidr(const char *s, size_t len, struct pf_cidr *out);
/* True when addr (struct sockaddr *) lies in one of the trusted ranges. */
bool config_trusted(const struct pf_config *c, const void *sockaddr);

#endif
