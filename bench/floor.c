/*
 * floor: the smallest libmicrohttpd server this stack allows, used by
 * `make bench` as server (b), the floor that policyfacts is measured against.
 * It answers every request, whatever its method or URL, with one fixed body
 * read from a file at start-up, from one MHD_Response built once and reused,
 * with the daemon flags the product uses (internal polling thread + epoll +
 * thread pool). It does no
 * routing, no logging and no allocation per request.
 *
 * Usage: floor BODYFILE [--bind ADDR] [--port N] [--threads N]
 *              [--content-type TYPE] [--etag TAG] [--conn-mem BYTES]
 *              [--header 'Name: value']... [--work-ns N]
 * With --etag, every 200 carries that ETag and a request whose If-None-Match
 * equals it (or is "*") gets an empty 304, so the revalidation path has a
 * floor too. --conn-mem sets MHD's per-connection memory pool (default: MHD's
 * own, 32 KiB), to see what idle connections cost. Each --header adds that
 * header to the 200 and the 304, so that the floor can send the same header
 * bytes as the product too (what the client parses costs it CPU on a
 * machine it shares with the server). --work-ns spins for N ns on every
 * request before answering: a floor that does a little work, to find how
 * much work per request the p99 latency tolerates on a machine that wrk
 * shares (bench/tail.sh). Stops on SIGINT or SIGTERM.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static struct MHD_Response *resp_ok;
static struct MHD_Response *resp_304;
static const char *etag;

#define MAX_EXTRA 32
static const char *extra[MAX_EXTRA]; /* "Name: value" from --header */
static int nextra;
static unsigned long work_ns; /* --work-ns */

/* Spins for work_ns: a stand-in for the work a real handler does. The
 * monotonic clock is read through the vDSO, so no system call is added;
 * a thread preempted mid-spin would spin less, which for spins of a few
 * µs (against time slices of milliseconds) is rare. */
static void work(void)
{
    struct timespec t0, t;
    if (work_ns == 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    do
        clock_gettime(CLOCK_MONOTONIC, &t);
    while ((unsigned long)((t.tv_sec - t0.tv_sec) * 1000000000L +
                           (t.tv_nsec - t0.tv_nsec)) < work_ns);
}

/* One marker address for "first call seen"; nothing is allocated. */
static int first_call_marker;

static enum MHD_Result handle(void *cls,
                              struct MHD_Connection *conn,
                              const char *url,
                              const char *method,
                              const char *version,
                              const char *upload_data,
                              size_t *upload_data_size,
                              void **req_cls)
{
    (void)cls;
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;
    /* MHD 0.9.75 sends "Connection: close" on every reply that is queued on
     * the first call (before it has seen the whole request), so wait for the
     * second call, as the product does. */
    if (*req_cls == NULL) {
        *req_cls = &first_call_marker;
        return MHD_YES;
    }
    if (*upload_data_size != 0) {
        *upload_data_size = 0; /* discard any body */
        return MHD_YES;
    }
    work();
    if (etag != NULL) {
        const char *inm = MHD_lookup_connection_value(
            conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
        if (inm != NULL && (strcmp(inm, etag) == 0 || strcmp(inm, "*") == 0))
            return MHD_queue_response(conn, MHD_HTTP_NOT_MODIFIED, resp_304);
    }
    return MHD_queue_response(conn, MHD_HTTP_OK, resp_ok);
}

static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, len = 0;

    if (f == NULL) {
        fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            char *nbuf = realloc(buf, ncap);
            if (nbuf == NULL) {
                fprintf(stderr, "floor: out of memory\n");
                free(buf);
                buf = NULL;
                goto done;
            }
            buf = nbuf;
            cap = ncap;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                fprintf(stderr, "floor: %s: read error\n", path);
                free(buf);
                buf = NULL;
            }
            break;
        }
    }
    *len_out = len;
done:
    fclose(f);
    return buf;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v > max)
        return -1;
    *out = v;
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: floor BODYFILE [--bind ADDR] [--port N] "
                    "[--threads N] [--content-type TYPE] [--etag TAG] "
                    "[--conn-mem BYTES] [--header 'Name: value']... "
                    "[--work-ns N]\n");
}

int main(int argc, char **argv)
{
    const char *body_path = NULL;
    const char *bind_addr = "127.0.0.1";
    const char *ctype = "application/json";
    unsigned long port = 8080, threads = 2, conn_mem = 0;
    struct MHD_Daemon *d = NULL;
    char *body = NULL;
    size_t body_len = 0;
    int rc = 1;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = (i + 1 < argc) ? argv[i + 1] : NULL;
        if (a[0] != '-') {
            body_path = a;
            continue;
        }
        if (v == NULL) {
            usage();
            return 2;
        }
        if (strcmp(a, "--bind") == 0)
            bind_addr = v;
        else if (strcmp(a, "--port") == 0) {
            if (parse_uint(v, 65535, &port) != 0) {
                usage();
                return 2;
            }
        } else if (strcmp(a, "--threads") == 0) {
            if (parse_uint(v, 256, &threads) != 0 || threads == 0) {
                usage();
                return 2;
            }
        } else if (strcmp(a, "--conn-mem") == 0) {
            if (parse_uint(v, 1UL << 30, &conn_mem) != 0) {
                usage();
                return 2;
            }
        } else if (strcmp(a, "--work-ns") == 0) {
            if (parse_uint(v, 100000000UL, &work_ns) != 0) {
                usage();
                return 2;
            }
        } else if (strcmp(a, "--content-type") == 0)
            ctype = v;
        else if (strcmp(a, "--etag") == 0)
            etag = v;
        else if (strcmp(a, "--header") == 0 && nextra < MAX_EXTRA &&
                 strchr(v, ':') != NULL)
            extra[nextra++] = v;
        else {
            usage();
            return 2;
        }
        i++;
    }
    if (body_path == NULL) {
        usage();
        return 2;
    }

    body = read_file(body_path, &body_len);
    if (body == NULL)
        return 1;

    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, bind_addr, &sa.sin_addr) != 1) {
        fprintf(stderr, "floor: --bind wants an IPv4 address: %s\n", bind_addr);
        goto done;
    }

    resp_ok =
        MHD_create_response_from_buffer(body_len, body, MHD_RESPMEM_PERSISTENT);
    resp_304 = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (resp_ok == NULL || resp_304 == NULL) {
        fprintf(stderr, "floor: cannot create responses\n");
        goto done;
    }
    if (MHD_add_response_header(resp_ok, MHD_HTTP_HEADER_CONTENT_TYPE, ctype) !=
            MHD_YES ||
        (etag != NULL &&
         (MHD_add_response_header(resp_ok, MHD_HTTP_HEADER_ETAG, etag) !=
              MHD_YES ||
          MHD_add_response_header(resp_304, MHD_HTTP_HEADER_ETAG, etag) !=
              MHD_YES))) {
        fprintf(stderr, "floor: cannot add headers\n");
        goto done;
    }
    for (int i = 0; i < nextra; i++) {
        char name[128];
        const char *colon = strchr(extra[i], ':');
        size_t n = (size_t)(colon - extra[i]);
        const char *value = colon + 1 + strspn(colon + 1, " ");
        if (n == 0 || n >= sizeof name) {
            fprintf(stderr, "floor: bad --header: %s\n", extra[i]);
            goto done;
        }
        memcpy(name, extra[i], n);
        name[n] = '\0';
        if (MHD_add_response_header(resp_ok, name, value) != MHD_YES ||
            MHD_add_response_header(resp_304, name, value) != MHD_YES) {
            fprintf(stderr, "floor: cannot add header %s\n", name);
            goto done;
        }
    }

    /* Block the stop signals before MHD starts its threads, so they inherit
     * the mask and only sigwait() below sees them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    if (pthread_sigmask(SIG_BLOCK, &stop, NULL) != 0) {
        fprintf(stderr, "floor: cannot block signals\n");
        goto done;
    }

    struct MHD_OptionItem opts[] = {
        {MHD_OPTION_SOCK_ADDR, 0, &sa},
        {MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)threads, NULL},
        {MHD_OPTION_CONNECTION_LIMIT, 4000, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, 60, NULL},
        {MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, NULL},
        /* Left as the end marker unless --conn-mem was given. */
        {MHD_OPTION_END, 0, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    if (conn_mem != 0) {
        opts[5].option = MHD_OPTION_CONNECTION_MEMORY_LIMIT;
        opts[5].value = (intptr_t)conn_mem;
    }
    /* The flags src/http/server.c uses. */
    d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
                             MHD_USE_ERROR_LOG,
                         (uint16_t)port, NULL, NULL, handle, NULL,
                         MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "floor: cannot start daemon on %s:%lu\n", bind_addr,
                port);
        goto done;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("floor: %zu-byte body on %s:%u, %lu threads\n", body_len, bind_addr,
           info != NULL ? (unsigned)info->port : (unsigned)port, threads);
    fflush(stdout);

    int sig;
    if (sigwait(&stop, &sig) != 0)
        fprintf(stderr, "floor: sigwait failed\n");
    rc = 0;

done:
    if (d != NULL)
        MHD_stop_daemon(d);
    if (resp_ok != NULL)
        MHD_destroy_response(resp_ok);
    if (resp_304 != NULL)
        MHD_destroy_response(resp_304);
    free(body);
    return rc;
}
