/* The daemon: start (libmicrohttpd's options and limits, the response
 * cache, the route labels for metrics), the store handed to requests and
 * swapped by a reload, and the stop that drains requests in flight.
 *
 * The only file that starts or stops libmicrohttpd. Must not answer
 * requests: http_request.c's callbacks do. */
#include "http/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/access_log.h"
#include "base/log.h"
#include "base/metrics.h"
#include "base/rwlock.h"
#include "http/http_int.h"

void http_store_acquire(struct pf_server *s,
                        struct pf_store **st,
                        unsigned *gen)
{
    pthread_rwlock_rdlock(&s->lock);
    *st = s->store;
    *gen = s->gen;
    if (*st)
        store_retain(*st); /* atomic */
    pthread_rwlock_unlock(&s->lock);
}

void http_server_swap_store(struct pf_server *s, struct pf_store *store)
{
    pthread_rwlock_wrlock(&s->lock);
    struct pf_store *old = s->store;
    s->store = store;
    s->gen++;
    pthread_rwlock_unlock(&s->lock);
    /* cached bodies of the old generation can no longer be hit */
    if (s->cache)
        cache_clear(s->cache);
    store_release(old);
}

int http_server_port(const struct pf_server *s)
{
    return s->port;
}

/* ---- start -------------------------------------------------------------- */

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    log_msg(PF_LOG_WARN, "httpd", "%s", msg);
}

static enum pf_err
bind_addr(const struct pf_config *cfg, struct sockaddr_storage *ss, bool *v6)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, cfg->bind, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)cfg->port);
        *v6 = false;
        return PF_OK;
    }
    if (inet_pton(AF_INET6, cfg->bind, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)cfg->port);
        *v6 = true;
        return PF_OK;
    }
    return PF_EINVAL;
}

/* Hands the route labels to the metrics registry (it knows no routes). */
static void label_routes(void)
{
    size_t n;
    const struct pf_route *routes = router_routes(&n);
    const char *names[PF_METRICS_MAX_ROUTES];
    if (n > PF_METRICS_MAX_ROUTES)
        n = PF_METRICS_MAX_ROUTES;
    for (size_t i = 0; i < n; i++)
        names[i] = routes[i].name;
    metrics_set_routes(names, n);
}

/* The server's state before the daemon starts. */
static enum pf_err server_init(struct pf_server *s,
                               const struct pf_config *cfg,
                               struct pf_store *store)
{
    s->cfg = cfg;
    s->store = store;
    s->gen = 1;
    if (rwlock_init_writer_first(&s->lock) != 0) {
        log_msg(PF_LOG_ERROR, "start", "cannot create the store lock");
        return PF_ENOMEM;
    }
    if (http_conns_init(&s->conns) != PF_OK) {
        pthread_rwlock_destroy(&s->lock);
        return PF_ENOMEM;
    }
    s->cache = cfg->cache_bytes ? cache_new(cfg->cache_bytes, http_respond_drop)
                                : NULL;
    s->oom = http_respond_oom_response();
    snprintf(s->cache_control, sizeof s->cache_control, "public, max-age=%d",
             cfg->max_age);
    s->cors_any = strcmp(cfg->cors_origins, "*") == 0;
    if (getrandom(&s->id_seed, sizeof s->id_seed, 0) != sizeof s->id_seed)
        s->id_seed = (uint64_t)time(NULL) ^ (uint64_t)getpid();
    label_routes();
    return PF_OK;
}

/* Frees what server_init made (the daemon is stopped or never started). */
static void server_destroy(struct pf_server *s)
{
    store_release(s->store);
    cache_free(s->cache);
    if (s->oom)
        MHD_destroy_response(s->oom);
    http_conns_destroy(&s->conns);
    pthread_rwlock_destroy(&s->lock);
    free(s);
}

static enum pf_err start_daemon(struct pf_server *s)
{
    const struct pf_config *cfg = s->cfg;
    struct sockaddr_storage ss;
    bool v6;
    if (bind_addr(cfg, &ss, &v6) != PF_OK) {
        log_msg(PF_LOG_ERROR, "start",
                "--bind %s is not an IPv4 or IPv6 address", cfg->bind);
        return PF_EINVAL;
    }
    unsigned threads = (unsigned)cfg->threads;
    if (threads == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (unsigned)n : 2;
    }
    unsigned max = (unsigned)cfg->max_connections;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, http_request_access, s,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, max + http_conn_reserve(max),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout,
        /* Per-connection pool: room for a request at our own limits (so
         * we, not MHD, answer 414/431) plus the response headers. It is
         * what 1,000 busy connections cost, so no more than that. */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(cfg->max_headers + cfg->max_url) + 6144,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_URI_LOG_CALLBACK,
        http_request_begin, s, MHD_OPTION_NOTIFY_COMPLETED, http_request_end, s,
        MHD_OPTION_NOTIFY_CONNECTION, http_conn_notify, s, MHD_OPTION_END);
    if (!s->daemon) {
        log_msg(PF_LOG_ERROR, "start", "cannot listen on %s:%d", cfg->bind,
                cfg->port);
        return PF_EIO;
    }
    const union MHD_DaemonInfo *di =
        MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : cfg->port;
    return PF_OK;
}

struct pf_server *http_server_start(const struct pf_config *cfg,
                                    struct pf_store *store)
{
    struct pf_server *s = calloc(1, sizeof *s);
    if (!s || server_init(s, cfg, store) != PF_OK) {
        free(s);
        store_release(store);
        return NULL;
    }
    if (start_daemon(s) != PF_OK) {
        server_destroy(s);
        return NULL;
    }
    /* without the flusher every access-log line is written at once */
    if (access_log_start() != 0)
        log_msg(PF_LOG_WARN, "start", "access log lines are not batched");
    http_conns_start(s);
    if (!s->conns.reaper_running)
        log_msg(PF_LOG_WARN, "start",
                "no request deadline thread: slow clients are only "
                "timed out when idle");
    return s;
}

/* ---- stop --------------------------------------------------------------- */

/* Stops listening. Connections the kernel completed before the signal wait
 * in the listen backlog; closing the socket would reset them, so they are
 * handed to the daemon to be served and drained too. Returns the listening
 * socket, closed only after MHD_stop_daemon has joined the worker threads,
 * which may still be taking it out of their epoll sets (ThreadSanitizer
 * caught the close racing with that; a descriptor number reused in between
 * would have been taken out instead). shutdown() stops it listening now, so
 * a new connection is refused at once rather than queued and reset. */
static MHD_socket stop_listening(struct pf_server *s)
{
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    if (fd == MHD_INVALID_SOCKET)
        return fd;
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    for (int i = 0; i < 4096; i++) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        int c = accept4(fd, (struct sockaddr *)&ss, &sl,
                        SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (c < 0)
            break;
        /* on failure MHD closes the socket itself */
        (void)MHD_add_connection(s->daemon, c, (struct sockaddr *)&ss, sl);
    }
    shutdown(fd, SHUT_RDWR);
    return fd;
}

static double since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A request the client sent before the signal may not have been read yet,
 * so it is not in flight: waits until nothing is in flight, no open
 * connection has unread bytes, and that has held for 300 ms (at most
 * drain_seconds in all). */
static void drain(struct pf_server *s, int drain_seconds)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double quiet_since = -1;
    while (since(&t0) < drain_seconds) {
        bool busy = metrics_inflight_now() > 0 || http_conns_pending(s);
        double now = since(&t0);
        if (busy)
            quiet_since = -1;
        else if (quiet_since < 0)
            quiet_since = now;
        else if (now - quiet_since >= 0.3)
            break;
        struct timespec d = {0, 20 * 1000 * 1000};
        nanosleep(&d, NULL);
    }
}

long http_server_stop(struct pf_server *s, int drain_seconds)
{
    MHD_socket fd = stop_listening(s);
    drain(s, drain_seconds);
    long left = metrics_inflight_now();
    http_conns_stop(s);
    MHD_stop_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    access_log_stop(); /* every answered request logged before "stopped" */
    server_destroy(s);
    return left;
}
