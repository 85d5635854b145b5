/* JSON line logging to stderr. The level is a process-wide atomic so it
 * can be read on every request without a lock. */
#include "base/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "base/utf8.h"

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
void log_time_iso(char out[32])
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
    log_time_iso(ts);
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
