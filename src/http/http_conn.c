/* The connection watch: every open connection, its peer address, whether
 * it is beyond --max-connections, and the reaper that enforces the request
 * deadline.
 *
 * libmicrohttpd's --timeout only counts inactivity, so a client sending one
 * byte now and then (slowloris) would hold a connection forever. A
 * connection whose request has not arrived complete within --timeout of its
 * start (accept, or the end of the previous response) is shut down by the
 * reaper thread; libmicrohttpd then sees the socket end and closes it on its
 * own thread. Must not answer requests or read headers: it only watches
 * sockets. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "base/metrics.h"
#include "http/http_int.h"

struct http_conn {
    struct http_conn *prev, *next;
    int fd;
    /* (monotonic ms waiting for a request since) << 1 | busy, where busy
     * means a complete request is being answered. One atomic word, written
     * by the connection's thread on every request without taking the
     * list's lock (which both pool threads would contend for) and read by
     * the reaper under it. */
    _Atomic uint64_t state;
    bool reaped;
    bool over; /* beyond --max-connections: answered 503, then closed */
    char peer[INET6_ADDRSTRLEN]; /* the socket's peer address, as text */
};

/* Connections beyond --max-connections that libmicrohttpd still accepts,
 * so that they get a 503 with Retry-After (or a prompt close) instead of
 * waiting unanswered in the listen backlog. */
unsigned http_conn_reserve(unsigned max_connections)
{
    return max_connections / 8 + 8;
}

static uint64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

static struct http_conn *conn_of(struct MHD_Connection *con)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void peer_text(const struct sockaddr *sa, char *out, size_t n)
{
    out[0] = '\0';
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
                  (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
                  (socklen_t)n);
}

static const struct sockaddr *peer_addr(struct MHD_Connection *con)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return ci ? ci->client_addr : NULL;
}

const void *http_conn_peer(struct MHD_Connection *con, char *out, size_t n)
{
    const struct sockaddr *sa = peer_addr(con);
    out[0] = '\0';
    if (!sa)
        return NULL;
    /* formatted once per connection, not per request */
    struct http_conn *c = conn_of(con);
    size_t plen = c ? strlen(c->peer) : 0;
    if (plen && plen < n)
        memcpy(out, c->peer, plen + 1);
    else
        peer_text(sa, out, n);
    return sa;
}

bool http_conn_over(struct MHD_Connection *con)
{
    struct http_conn *c = conn_of(con);
    return c && c->over; /* set once at accept, read-only */
}

void http_conn_mark(struct MHD_Connection *con, bool busy)
{
    struct http_conn *c = conn_of(con);
    if (!c)
        return;
    if (busy)
        atomic_fetch_or(&c->state, 1u);
    else
        atomic_store(&c->state, now_ms() << 1);
}

static void
conn_opened(struct pf_server *s, struct MHD_Connection *con, void **socket_ctx)
{
    struct http_conns *cs = &s->conns;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
    struct http_conn *c = calloc(1, sizeof *c);
    if (!c || !ci) {
        free(c);
        return; /* untracked: only the inactivity timeout applies */
    }
    c->fd = ci->connect_fd;
    atomic_init(&c->state, now_ms() << 1);
    const struct sockaddr *sa = peer_addr(con);
    if (sa)
        peer_text(sa, c->peer, sizeof c->peer);
    pthread_mutex_lock(&cs->lock);
    c->next = cs->list;
    if (cs->list)
        cs->list->prev = c;
    cs->list = c;
    c->over = ++cs->n > (unsigned)s->cfg->max_connections;
    pthread_mutex_unlock(&cs->lock);
    *socket_ctx = c;
}

/* CLOSED comes before libmicrohttpd closes the socket, so the reaper never
 * touches a descriptor that may have been reused. */
static void conn_closed(struct pf_server *s, void **socket_ctx)
{
    struct http_conns *cs = &s->conns;
    struct http_conn *c = *socket_ctx;
    if (!c)
        return;
    pthread_mutex_lock(&cs->lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        cs->list = c->next;
    if (c->next)
        c->next->prev = c->prev;
    cs->n--;
    pthread_mutex_unlock(&cs->lock);
    free(c);
    *socket_ctx = NULL;
}

void http_conn_notify(void *cls,
                      struct MHD_Connection *con,
                      void **socket_ctx,
                      enum MHD_ConnectionNotificationCode code)
{
    struct pf_server *s = cls;
    bool started = code == MHD_CONNECTION_NOTIFY_STARTED;
    metrics_connections(started ? 1 : -1);
    if (started)
        conn_opened(s, con, socket_ctx);
    else
        conn_closed(s, socket_ctx);
}

/* Shuts down every connection waiting for its request past the limit
 * (1 s for those beyond --max-connections). Under the list's lock. */
static void reap(struct pf_server *s, uint64_t now)
{
    uint64_t timeout_ms = (uint64_t)s->cfg->timeout * 1000u;
    for (struct http_conn *c = s->conns.list; c; c = c->next) {
        uint64_t st = atomic_load(&c->state);
        uint64_t since = st >> 1, limit_ms = c->over ? 1000u : timeout_ms;
        if (!(st & 1u) && !c->reaped && now > since &&
            now - since >= limit_ms) {
            shutdown(c->fd, SHUT_RDWR);
            c->reaped = true;
            atomic_fetch_add(&s->conns.reaped, 1);
        }
    }
}

static void *reaper_main(void *arg)
{
    struct pf_server *s = arg;
    struct http_conns *cs = &s->conns;
    pthread_mutex_lock(&cs->lock);
    while (!cs->stopping) {
        struct timespec until;
        reap(s, now_ms());
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&cs->wake, &cs->lock, &until);
    }
    pthread_mutex_unlock(&cs->lock);
    return NULL;
}

enum pf_err http_conns_init(struct http_conns *cs)
{
    memset(cs, 0, sizeof *cs);
    if (pthread_mutex_init(&cs->lock, NULL) != 0)
        return PF_ENOMEM;
    if (pthread_cond_init(&cs->wake, NULL) != 0) {
        pthread_mutex_destroy(&cs->lock);
        return PF_ENOMEM;
    }
    return PF_OK;
}

void http_conns_start(struct pf_server *s)
{
    s->conns.reaper_running =
        pthread_create(&s->conns.reaper, NULL, reaper_main, s) == 0;
}

void http_conns_stop(struct pf_server *s)
{
    struct http_conns *cs = &s->conns;
    if (!cs->reaper_running)
        return;
    pthread_mutex_lock(&cs->lock);
    cs->stopping = true;
    pthread_cond_signal(&cs->wake);
    pthread_mutex_unlock(&cs->lock);
    pthread_join(cs->reaper, NULL);
    cs->reaper_running = false;
}

void http_conns_destroy(struct http_conns *cs)
{
    pthread_cond_destroy(&cs->wake);
    pthread_mutex_destroy(&cs->lock);
}

bool http_conns_pending(struct pf_server *s)
{
    struct http_conns *cs = &s->conns;
    bool any = false;
    pthread_mutex_lock(&cs->lock);
    for (struct http_conn *c = cs->list; c && !any; c = c->next) {
        char b;
        any = !(atomic_load(&c->state) & 1u) && !c->reaped &&
              recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
    }
    pthread_mutex_unlock(&cs->lock);
    return any;
}
