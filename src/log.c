/* JSON line logging to stderr. The level is a process-wide atomic so it
 * can be read on every request without a lock. */
#include "log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "jsonw.h"
#include "utf8.h"

static atomic_int level = PF_LOG_INFO;
static const char *const names[] = {"debug", "info", "warn", "error"};

void log_set_level(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0)
            atomic_store(&level, i);
}

bool log_enabled(enum pf_level lvl)
{
    return (int)lvl >= atomic_load(&level);
}

/* "2026-11-30T04:26:25.534Z". The date and time up to the second are
 * formatted once per second and thread; only the milliseconds change. */
static void now_iso(char out[32])
{
    static __thread time_t last;
    static __thread char head[24];
    struct timeval tv;
    gettimeofday(&tv, NULL);
    if (tv.tv_sec != last || !head[0]) {
        struct tm tm;
        gmtime_r(&tv.tv_sec, &tm);
        strftime(head, sizeof head, "%Y-%m-%dT%H:%M:%S", &tm);
        last = tv.tv_sec;
    }
    int ms = (int)(tv.tv_usec / 1000);
    size_t n = strlen(head);
    memcpy(out, head, n);
    out[n] = '.';
    out[n + 1] = (char)('0' + ms / 100);
    out[n + 2] = (char)('0' + ms / 10 % 10);
    out[n + 3] = (char)('0' + ms % 10);
    out[n + 4] = 'Z';
    out[n + 5] = '\0';
}

void log_fields(enum pf_level lvl, const char *event, json_t *fields)
{
    char ts[32];
    if (!log_enabled(lvl) || !fields) {
        json_decref(fields);
        return;
    }
    now_iso(ts);
    json_t *line = json_pack("{s:s, s:s, s:s}", "time", ts, "level", names[lvl],
                             "event", event);
    if (line) {
        json_object_update(line, fields);
        char *s = json_dumps(line, JSON_COMPACT | JSON_REAL_PRECISION(6));
        if (s) {
            size_t n = strlen(s);
            s[n] = '\n'; /* json_dumps leaves room: overwrite the NUL */
            ssize_t w = write(STDERR_FILENO, s, n + 1);
            (void)w;
            free(s);
        }
    }
    json_decref(line);
    json_decref(fields);
}

void log_msg(enum pf_level lvl, const char *event, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    if (!log_enabled(lvl))
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* jansson rejects invalid UTF-8 (a file name, a cut at the buffer
     * end): show such bytes as '?' rather than lose the line */
    if (!utf8_valid(msg, strlen(msg)))
        for (char *p = msg; *p; p++)
            if ((unsigned char)*p >= 0x80)
                *p = '?';
    log_fields(lvl, event, json_pack("{s:s}", "msg", msg));
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

/* One buffer per thread, reused: no allocation per line. Freed when the
 * thread ends (a plain __thread buffer leaked at every worker thread's
 * exit: LeakSanitizer failed `make test SAN=asan` on it). */
static pthread_key_t access_key;
static pthread_once_t access_once = PTHREAD_ONCE_INIT;

static void access_buf_free(void *p)
{
    buf_free(p);
    free(p);
}

static void access_key_init(void)
{
    pthread_key_create(&access_key, access_buf_free);
}

static struct buf *access_buf(void)
{
    pthread_once(&access_once, access_key_init);
    struct buf *b = pthread_getspecific(access_key);
    if (!b) {
        b = malloc(sizeof *b);
        if (!b)
            return NULL;
        buf_init(b);
        if (pthread_setspecific(access_key, b) != 0) {
            free(b);
            return NULL;
        }
    }
    return b;
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

void log_access(const struct pf_access *a)
{
    struct buf *bp = access_buf();
    char ts[32];
    if (!log_enabled(PF_LOG_INFO) || !bp)
        return;
    struct buf b = *bp; /* worked on locally, stored back below */
    now_iso(ts);
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
    if (!buf_failed(&b)) {
        ssize_t w = write(STDERR_FILENO, b.data, b.len);
        (void)w;
    }
    *bp = b;
}
