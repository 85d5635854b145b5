/* Configuration loading. One table lists every option once — flag, env
 * variable, kind, range and help text — so --help, the environment and
 * validation cannot drift apart. Owns the options and their checks; must
 * not act on them (main.c and src/http do). */
#include "base/config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "base/pf.h"

enum opt_kind { O_STR, O_INT, O_SIZE, O_BOOL, O_PROXIES, O_PATH_PREFIX };

struct opt {
    const char *flag; /* long option without dashes */
    const char *env;
    enum opt_kind kind;
    size_t offset;
    long min, max;
    const char *help;
};

#define OFF(f) offsetof(struct pf_config, f)

static const struct opt opts[] = {
    {"db", "PF_DB", O_STR, OFF(db), 0, 0,
     "fact store file built by `policyfacts load`"},
    {"bind", "PF_BIND", O_STR, OFF(bind), 0, 0, "address to listen on"},
    {"port", "PF_PORT", O_INT, OFF(port), 0, 65535,
     "TCP port (0: any free port, logged at start)"},
    {"threads", "PF_THREADS", O_INT, OFF(threads), 1, 256,
     "worker threads (default: CPUs)"},
    {"max-connections", "PF_MAX_CONNECTIONS", O_INT, OFF(max_connections), 1,
     1000000, "open connections in total"},
    {"max-per-ip", "PF_MAX_PER_IP", O_INT, OFF(max_per_ip), 0, 1000000,
     "open connections per client address (0: no limit)"},
    {"timeout", "PF_TIMEOUT", O_INT, OFF(timeout), 1, 3600,
     "seconds before an idle or slow connection is closed"},
    {"drain-timeout", "PF_DRAIN_TIMEOUT", O_INT, OFF(drain_timeout), 0, 3600,
     "seconds to let in-flight requests finish on SIGTERM"},
    {"base-path", "PF_BASE_PATH", O_PATH_PREFIX, OFF(base_path), 0, 0,
     "path prefix the service is mounted under, e.g. /policyfacts"},
    {"trusted-proxies", "PF_TRUSTED_PROXIES", O_PROXIES, 0, 0, 0,
     "CIDR list whose X-Forwarded-*/Forwarded headers are honoured"},
    {"cors-origins", "PF_CORS_ORIGINS", O_STR, OFF(cors_origins), 0, 0,
     "'*' or a comma list of allowed browser origins"},
    {"max-age", "PF_MAX_AGE", O_INT, OFF(max_age), 0, 31536000,
     "Cache-Control max-age of data responses, seconds"},
    {"cors-max-age", "PF_CORS_MAX_AGE", O_INT, OFF(cors_max_age), 0, 86400,
     "Access-Control-Max-Age of preflight answers, seconds"},
    {"log-level", "PF_LOG_LEVEL", O_STR, OFF(log_level), 0, 0,
     "debug, info, warn or error"},
    {"web-dir", "PF_WEB_DIR", O_STR, OFF(web_dir), 0, 0,
     "directory of the dashboard files"},
    {"chartjs", "PF_CHARTJS", O_STR, OFF(chartjs), 0, 0,
     "Chart.js file served at /vendor/chart.js"},
    {"spec", "PF_SPEC", O_STR, OFF(spec), 0, 0,
     "OpenAPI document served at /openapi.json"},
    {"cache-bytes", "PF_CACHE_BYTES", O_SIZE, OFF(cache_bytes), 0, 1L << 34,
     "response cache size in bytes (0: off)"},
    {"max-url", "PF_MAX_URL", O_SIZE, OFF(max_url), 64, 65536,
     "longest request target, bytes (414 beyond)"},
    {"max-headers", "PF_MAX_HEADERS", O_SIZE, OFF(max_headers), 256, 65536,
     "largest request header block, bytes (431 beyond)"},
    {"max-params", "PF_MAX_PARAMS", O_INT, OFF(max_params), 1, 256,
     "query parameters per request"},
    {"max-limit", "PF_MAX_LIMIT", O_INT, OFF(max_limit), 1, 1000,
     "largest page size a client may ask for (at most 1000)"},
    {"gzip-min", "PF_GZIP_MIN", O_SIZE, OFF(gzip_min), 0, 1L << 30,
     "compress bodies of at least this many bytes"},
    {"watch", "PF_WATCH", O_BOOL, OFF(watch), 0, 1,
     "reload when the database file is replaced"},
};

static void defaults(struct pf_config *c)
{
    memset(c, 0, sizeof *c);
    c->db = "build/policyfacts.db";
    c->bind = "127.0.0.1";
    c->port = 8080;
    c->threads = 0; /* resolved from the CPU count by the server */
    c->max_connections = 4096;
    c->max_per_ip = 0;
    c->timeout = 30;
    c->drain_timeout = 10;
    c->base_path = "";
    c->cors_origins = "*";
    c->max_age = 300;
    c->cors_max_age = 86400;
    c->log_level = "info";
    c->web_dir = "web";
    c->chartjs = "/usr/share/javascript/chart.js/chart.min.js";
    c->spec = "api-spec/openapi.json";
    c->cache_bytes = 64u << 20;
    c->max_url = 4096;
    c->max_headers = 8192;
    c->max_params = 32;
    c->max_limit = 1000;
    c->gzip_min = 1024;
}

enum pf_err config_parse_cidr(const char *s, size_t len, struct pf_cidr *out)
{
    char tmp[64];
    if (len == 0 || len >= sizeof tmp)
        return PF_EINVAL;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    char *slash = strchr(tmp, '/');
    long prefix = -1;
    if (slash) {
        char *end;
        *slash = '\0';
        errno = 0;
        prefix = strtol(slash + 1, &end, 10);
        if (errno || end == slash + 1 || *end)
            return PF_EINVAL;
    }
    memset(out, 0, sizeof *out);
    if (inet_pton(AF_INET, tmp, out->addr) == 1) {
        out->family = AF_INET;
        if (prefix < 0)
            prefix = 32;
        if (prefix > 32)
            return PF_EINVAL;
    } else if (inet_pton(AF_INET6, tmp, out->addr) == 1) {
        out->family = AF_INET6;
        if (prefix < 0)
            prefix = 128;
        if (prefix > 128)
            return PF_EINVAL;
    } else {
        return PF_EINVAL;
    }
    out->prefix = (int)prefix;
    return PF_OK;
}

static bool
prefix_match(const unsigned char *a, const unsigned char *b, int bits)
{
    int full = bits / 8, rest = bits % 8;
    if (memcmp(a, b, (size_t)full) != 0)
        return false;
    if (rest == 0)
        return true;
    unsigned char mask = (unsigned char)(0xFF << (8 - rest));
    return (a[full] & mask) == (b[full] & mask);
}

bool config_trusted(const struct pf_config *c, const void *sa_)
{
    const struct sockaddr *sa = sa_;
    unsigned char v4[4], v6[16];
    if (!sa)
        return false;
    for (int i = 0; i < c->nproxies; i++) {
        const struct pf_cidr *p = &c->proxies[i];
        if (sa->sa_family == AF_INET) {
            memcpy(v4, &((const struct sockaddr_in *)sa)->sin_addr, 4);
            if (p->family == AF_INET && prefix_match(v4, p->addr, p->prefix))
                return true;
        } else if (sa->sa_family == AF_INET6) {
            memcpy(v6, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
            if (p->family == AF_INET6 && prefix_match(v6, p->addr, p->prefix))
                return true;
            /* an IPv4-mapped client against an IPv4 range */
            static const unsigned char mapped[12] = {0, 0, 0, 0, 0,    0,
                                                     0, 0, 0, 0, 0xFF, 0xFF};
            if (p->family == AF_INET && memcmp(v6, mapped, 12) == 0 &&
                prefix_match(v6 + 12, p->addr, p->prefix))
                return true;
        }
    }
    return false;
}

static enum pf_err
set_proxies(struct pf_config *c, const char *v, char *err, size_t n)
{
    c->nproxies = 0;
    while (*v) {
        size_t len = strcspn(v, ",");
        while (len && (*v == ' ')) {
            v++;
            len--;
        }
        if (len) {
            if (c->nproxies == PF_MAX_PROXIES) {
                snprintf(err, n, "--trusted-proxies: at most %d ranges",
                         PF_MAX_PROXIES);
                return PF_EINVAL;
            }
            if (config_parse_cidr(v, len, &c->proxies[c->nproxies]) != PF_OK) {
                snprintf(err, n,
                         "--trusted-proxies: '%.*s' is not an address or "
                         "CIDR range",
                         (int)len, v);
                return PF_EINVAL;
            }
            c->nproxies++;
        }
        v += len;
        if (*v == ',')
            v++;
    }
    return PF_OK;
}

static enum pf_err set_opt(struct pf_config *c,
                           const struct opt *o,
                           const char *v,
                           const char *origin,
                           char *err,
                           size_t n)
{
    char *base = (char *)c;
    char *end;
    long long num;

    switch (o->kind) {
    case O_STR:
        if (!*v) {
            snprintf(err, n, "%s: --%s must not be empty", origin, o->flag);
            return PF_EINVAL;
        }
        *(const char **)(base + o->offset) = v;
        return PF_OK;
    case O_PATH_PREFIX: {
        size_t len = strlen(v);
        if (len && (v[0] != '/' || v[len - 1] == '/' ||
                    strspn(v, "/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                              "QRSTUVWXYZ0123456789-._~") != len)) {
            snprintf(err, n,
                     "%s: --%s must look like /prefix (no trailing slash)",
                     origin, o->flag);
            return PF_EINVAL;
        }
        *(const char **)(base + o->offset) = v;
        return PF_OK;
    }
    case O_PROXIES:
        return set_proxies(c, v, err, n);
    case O_BOOL:
        if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
            strcmp(v, "yes") == 0)
            *(bool *)(base + o->offset) = true;
        else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
                 strcmp(v, "no") == 0)
            *(bool *)(base + o->offset) = false;
        else {
            snprintf(err, n, "%s: --%s takes true or false", origin, o->flag);
            return PF_EINVAL;
        }
        return PF_OK;
    case O_INT:
    case O_SIZE:
        errno = 0;
        num = strtoll(v, &end, 10);
        if (errno || end == v || *end || num < o->min || num > o->max) {
            snprintf(err, n,
                     "%s: --%s must be an integer in %ld..%ld, not "
                     "'%s'",
                     origin, o->flag, o->min, o->max, v);
            return PF_EINVAL;
        }
        if (o->kind == O_INT)
            *(int *)(base + o->offset) = (int)num;
        else
            *(size_t *)(base + o->offset) = (size_t)num;
        return PF_OK;
    }
    return PF_EINVAL;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: policyfacts serve [options]\n\noptions (each also "
                 "an environment variable):\n");
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        fprintf(out, "  --%-18s %-22s %s\n", opts[i].flag, opts[i].env,
                opts[i].help);
    fprintf(out, "  --help                                    this text\n");
}

static const char *log_levels[] = {"debug", "info", "warn", "error", NULL};

enum pf_err config_load(struct pf_config *c,
                        int argc,
                        char **argv,
                        FILE *out,
                        char *err,
                        size_t errlen)
{
    enum { N = sizeof opts / sizeof opts[0] };
    struct option lo[N + 2];

    defaults(c);
    for (size_t i = 0; i < N; i++) {
        const char *v = getenv(opts[i].env);
        if (v && set_opt(c, &opts[i], v, opts[i].env, err, errlen) != PF_OK)
            return PF_EINVAL;
    }
    for (size_t i = 0; i < N; i++) {
        lo[i].name = opts[i].flag;
        lo[i].has_arg =
            opts[i].kind == O_BOOL ? optional_argument : required_argument;
        lo[i].flag = NULL;
        lo[i].val = 1000 + (int)i;
    }
    lo[N] = (struct option){"help", no_argument, NULL, 'h'};
    lo[N + 1] = (struct option){NULL, 0, NULL, 0};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        if (ch == 'h') {
            usage(out);
            c->help = true;
            return PF_OK;
        }
        if (ch < 1000 || ch >= 1000 + (int)N) {
            snprintf(err, errlen,
                     "unknown or incomplete option '%s' (see "
                     "--help)",
                     argv[optind - 1]);
            return PF_EINVAL;
        }
        const struct opt *o = &opts[ch - 1000];
        const char *v = optarg ? optarg : "true";
        if (set_opt(c, o, v, "flag", err, errlen) != PF_OK)
            return PF_EINVAL;
    }
    if (optind < argc) {
        snprintf(err, errlen, "unexpected argument '%s' (see --help)",
                 argv[optind]);
        return PF_EINVAL;
    }
    bool level_ok = false;
    for (int i = 0; log_levels[i]; i++)
        level_ok |= strcmp(c->log_level, log_levels[i]) == 0;
    if (!level_ok) {
        snprintf(err, errlen,
                 "--log-level must be debug, info, warn or "
                 "error");
        return PF_EINVAL;
    }
    return PF_OK;
}
