/* The access log: one JSON line per request, written in blocks.
 *
 * Why blocks: a write(2) per request was the largest cost a cached answer
 * had over the floor server of bench/ (gdp at -c64, 4 alternating 5 s
 * runs: 56.3–62.3k req/s with a write per line, 62.5–70.1k with the log
 * off). Each thread fills its own block; the block is written when the next
 * line would not fit, and by a flusher thread ACCESS_LOG_FLUSH_MS after
 * lines arrive, so that an idle server's log is never behind (and an idle
 * server's flusher sleeps). */
#include "base/access_log.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/jsonw.h"
#include "base/log.h"

/* A thread's pending lines. mu is taken by its thread for each line and by
 * the flusher once per flush: uncontended but for that instant. */
struct block {
    pthread_mutex_t mu;
    struct block *next; /* in the registry */
    struct buf line;    /* the line being built, reused */
    size_t len;
    char data[PIPE_BUF];
};

static pthread_key_t block_key;
static pthread_once_t block_once = PTHREAD_ONCE_INIT;
/* Every live thread's block, so the flusher and stop can reach them. */
static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static struct block *registry;
static atomic_bool batching;
/* Some block has lines: the flusher sleeps without a deadline while it is
 * false, so an idle server does not wake up. */
static atomic_bool pending;

static struct {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t wake; /* pending set, or stop */
    bool running, stopping;
} flusher = {.mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void write_all(const char *p, size_t n)
{
    if (n) {
        ssize_t w = write(STDERR_FILENO, p, n);
        (void)w; /* a log that cannot be written is not worth failing for */
    }
}

/* Caller holds b->mu. */
static void block_flush(struct block *b)
{
    write_all(b->data, b->len);
    b->len = 0;
}

/* Thread exit: out of the registry first, so the flusher no longer sees
 * it, then its last lines out and the memory freed. */
static void block_free(void *p)
{
    struct block *b = p;
    pthread_mutex_lock(&registry_mu);
    for (struct block **pp = &registry; *pp; pp = &(*pp)->next)
        if (*pp == b) {
            *pp = b->next;
            break;
        }
    pthread_mutex_unlock(&registry_mu);
    block_flush(b);
    buf_free(&b->line);
    pthread_mutex_destroy(&b->mu);
    free(b);
}

static void block_key_init(void)
{
    pthread_key_create(&block_key, block_free);
}

static struct block *my_block(void)
{
    pthread_once(&block_once, block_key_init);
    struct block *b = pthread_getspecific(block_key);
    if (b)
        return b;
    b = malloc(sizeof *b);
    if (!b)
        return NULL;
    pthread_mutex_init(&b->mu, NULL);
    buf_init(&b->line);
    b->len = 0;
    if (pthread_setspecific(block_key, b) != 0) {
        pthread_mutex_destroy(&b->mu);
        free(b);
        return NULL;
    }
    pthread_mutex_lock(&registry_mu);
    b->next = registry;
    registry = b;
    pthread_mutex_unlock(&registry_mu);
    return b;
}

static void flush_all(void)
{
    pthread_mutex_lock(&registry_mu);
    for (struct block *b = registry; b; b = b->next) {
        pthread_mutex_lock(&b->mu);
        block_flush(b);
        pthread_mutex_unlock(&b->mu);
    }
    pthread_mutex_unlock(&registry_mu);
}

static void *flusher_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&flusher.mu);
    while (!flusher.stopping) {
        if (!atomic_load(&pending)) {
            pthread_cond_wait(&flusher.wake, &flusher.mu);
            continue;
        }
        /* let lines gather for a while; stop cuts the wait short */
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_nsec += ACCESS_LOG_FLUSH_MS * 1000000L;
        if (t.tv_nsec >= 1000000000L) {
            t.tv_sec++;
            t.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&flusher.wake, &flusher.mu, &t);
        /* cleared before the writes: a line added meanwhile sets it again */
        atomic_store(&pending, false);
        pthread_mutex_unlock(&flusher.mu);
        flush_all(); /* without flusher.mu: stop must not wait on a write */
        pthread_mutex_lock(&flusher.mu);
    }
    pthread_mutex_unlock(&flusher.mu);
    return NULL;
}

/* A line was added to a block: wake the flusher if it sleeps unbounded. */
static void note_pending(void)
{
    /* read first: a write on every line would bounce the cache line
     * between the worker threads */
    if (atomic_load_explicit(&pending, memory_order_relaxed) ||
        atomic_exchange(&pending, true))
        return; /* already known: the flusher is on its way */
    pthread_mutex_lock(&flusher.mu);
    pthread_cond_signal(&flusher.wake);
    pthread_mutex_unlock(&flusher.mu);
}

int access_log_start(void)
{
    pthread_mutex_lock(&flusher.mu);
    int rc = 0;
    if (!flusher.running) {
        flusher.stopping = false;
        rc = pthread_create(&flusher.thread, NULL, flusher_main, NULL) == 0
                 ? 0
                 : -1;
        flusher.running = rc == 0;
    }
    if (rc == 0)
        atomic_store(&batching, true);
    pthread_mutex_unlock(&flusher.mu);
    return rc;
}

void access_log_stop(void)
{
    pthread_mutex_lock(&flusher.mu);
    bool was = flusher.running;
    atomic_store(&batching, false); /* lines from now on: written at once */
    flusher.stopping = true;
    pthread_cond_signal(&flusher.wake);
    pthread_mutex_unlock(&flusher.mu);
    if (was) {
        pthread_join(flusher.thread, NULL);
        flusher.running = false;
    }
    flush_all(); /* after batching went off: no line can be left behind */
}

/* A JSON string of at most max bytes of s, bytes outside printable ASCII
 * shown as '?', so hostile input can neither break the line nor spoof
 * others. */
static void safe_str(struct buf *b, const char *s, size_t max)
{
    char tmp[520];
    size_t n = 0;
    if (max > sizeof tmp)
        max = sizeof tmp;
    for (; s && s[n] && n < max; n++) {
        unsigned char c = (unsigned char)s[n];
        tmp[n] = (c < 0x20 || c >= 0x7F) ? '?' : (char)c;
    }
    jw_str(b, tmp, n);
}

/* ms with three decimals, as %.3f writes a non-negative duration. */
static void put_ms3(struct buf *b, double ms)
{
    unsigned long long us =
        ms > 0 ? (unsigned long long)(ms * 1000.0 + 0.5) : 0;
    char frac[3] = {(char)('0' + us / 100 % 10), (char)('0' + us / 10 % 10),
                    (char)('0' + us % 10)};
    jw_uint(b, us / 1000);
    buf_putc(b, '.');
    buf_append(b, frac, 3);
}

/* The line for a, ending in a newline. */
static void build_line(struct buf *bp, const struct pf_access *a)
{
    struct buf b = *bp; /* worked on locally, stored back below */
    char ts[32];
    log_time_iso(ts);
    buf_reset(&b);
    b.failed = false;
    buf_puts(&b, "{\"time\":\"");
    buf_puts(&b, ts);
    buf_puts(&b, "\",\"level\":\"info\",\"event\":\"request\",\"request_id\":");
    safe_str(&b, a->request_id, 80);
    buf_puts(&b, ",\"method\":");
    safe_str(&b, a->method, 32);
    buf_puts(&b, ",\"path\":");
    safe_str(&b, a->target, 511);
    buf_puts(&b, ",\"status\":");
    jw_int(&b, a->status);
    buf_puts(&b, ",\"bytes\":");
    jw_uint(&b, a->bytes);
    buf_puts(&b, ",\"duration_ms\":");
    put_ms3(&b, a->duration_ms);
    buf_puts(&b, ",\"client\":");
    safe_str(&b, a->client, 64);
    buf_puts(&b, ",\"route\":");
    if (a->route)
        safe_str(&b, a->route, 64);
    else
        buf_puts(&b, "null");
    if (a->aborted)
        buf_puts(&b, ",\"aborted\":true");
    buf_puts(&b, "}\n");
    *bp = b;
}

void log_access(const struct pf_access *a)
{
    if (!log_enabled(PF_LOG_INFO))
        return;
    struct block *b = my_block();
    if (!b)
        return;
    build_line(&b->line, a); /* b->line is this thread's alone */
    const struct buf *l = &b->line;
    if (buf_failed(l))
        return;
    pthread_mutex_lock(&b->mu);
    bool batch = atomic_load(&batching) && l->len <= sizeof b->data;
    /* pending lines go first, whatever happens to this one */
    if (!batch || b->len + l->len > sizeof b->data)
        block_flush(b);
    if (batch) {
        memcpy(b->data + b->len, l->data, l->len);
        b->len += l->len;
    } else {
        write_all(l->data, l->len);
    }
    pthread_mutex_unlock(&b->mu);
    if (batch)
        note_pending();
}
