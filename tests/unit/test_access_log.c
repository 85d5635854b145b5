/* The access log's batching: with stderr on a pipe (as under a container
 * runtime), lines from several threads arrive whole, complete and in each
 * thread's order; an idle server's lines arrive without a stop; stop
 * leaves nothing behind. */
#include <jansson.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/access_log.h"
#include "check.h"

#define THREADS 4
#define LINES   5000

/* What the reader thread has taken from the pipe so far. */
static struct {
    pthread_mutex_t mu;
    char *data;
    size_t len, cap;
} got = {.mu = PTHREAD_MUTEX_INITIALIZER};

static int pipe_rd;

static void *reader(void *arg)
{
    char chunk[8192];
    ssize_t n;
    (void)arg;
    while ((n = read(pipe_rd, chunk, sizeof chunk)) > 0) {
        pthread_mutex_lock(&got.mu);
        if (got.len + (size_t)n + 1 > got.cap) {
            got.cap = (got.len + (size_t)n + 1) * 2;
            got.data = realloc(got.data, got.cap);
            if (!got.data)
                abort();
        }
        memcpy(got.data + got.len, chunk, (size_t)n);
        got.len += (size_t)n;
        got.data[got.len] = '\0';
        pthread_mutex_unlock(&got.mu);
    }
    return NULL;
}

/* Waits up to ms for needle to arrive. */
static bool arrives(const char *needle, int ms)
{
    for (int waited = 0; waited <= ms; waited += 5) {
        pthread_mutex_lock(&got.mu);
        bool found = got.data && strstr(got.data, needle);
        pthread_mutex_unlock(&got.mu);
        if (found)
            return true;
        poll(NULL, 0, 5);
    }
    return false;
}

static void log_one(const char *id, const char *target)
{
    struct pf_access a = {.request_id = id,
                          .method = "GET",
                          .target = target,
                          .client = "127.0.0.1",
                          .route = "fact",
                          .status = 200,
                          .bytes = 1113,
                          .duration_ms = 0.25};
    log_access(&a);
}

static void *writer(void *arg)
{
    int t = (int)(intptr_t)arg;
    char id[32], target[420];
    /* long lines, so that blocks fill up and are written by their thread */
    memset(target, 'x', sizeof target - 1);
    target[0] = '/';
    target[sizeof target - 1] = '\0';
    for (int i = 0; i < LINES; i++) {
        snprintf(id, sizeof id, "t%d-%d", t, i);
        log_one(id, target);
    }
    return NULL;
}

/* Every line is a JSON object; per writer thread, ids 0..LINES-1 once each
 * and in order. Returns the number of request lines. */
static int check_lines(const char *text, int next[THREADS])
{
    int lines = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        CHECK(nl != NULL); /* a cut line */
        if (!nl)
            break;
        json_t *o = json_loadb(p, (size_t)(nl - p), 0, NULL);
        CHECK(o != NULL);
        const char *id = json_string_value(json_object_get(o, "request_id"));
        int t, i;
        if (id && sscanf(id, "t%d-%d", &t, &i) == 2 && t >= 0 && t < THREADS) {
            CHECK_EQ_INT(i, next[t]);
            next[t] = i + 1;
            lines++;
        }
        json_decref(o);
        p = nl + 1;
    }
    return lines;
}

int main(void)
{
    int fds[2], saved = dup(STDERR_FILENO);
    pthread_t rd, w[THREADS];
    bool unbatched, idle_flushed, after_stop;

    if (saved < 0 || pipe(fds) != 0)
        return 1;
    pipe_rd = fds[0];
    dup2(fds[1], STDERR_FILENO);
    close(fds[1]);
    pthread_create(&rd, NULL, reader, NULL);

    log_one("before-start", "/a");
    unbatched = arrives("\"before-start\"", 1000);

    CHECK_EQ_INT(access_log_start(), 0);
    log_one("idle", "/b"); /* no more requests: the flusher writes it */
    idle_flushed = arrives("\"idle\"", 1000);

    for (int t = 0; t < THREADS; t++)
        pthread_create(&w[t], NULL, writer, (void *)(intptr_t)t);
    for (int t = 0; t < THREADS; t++)
        pthread_join(w[t], NULL);
    log_one("pending-at-stop", "/c");
    access_log_stop();
    log_one("after-stop", "/d");
    after_stop = arrives("\"after-stop\"", 1000);

    dup2(saved, STDERR_FILENO); /* the pipe's last writer: EOF */
    close(saved);
    pthread_join(rd, NULL);

    CHECK(unbatched);
    CHECK(idle_flushed);
    CHECK(after_stop);
    CHECK(got.data && strstr(got.data, "\"pending-at-stop\""));
    int next[THREADS] = {0};
    CHECK_EQ_INT(check_lines(got.data ? got.data : "", next), THREADS * LINES);
    for (int t = 0; t < THREADS; t++)
        CHECK_EQ_INT(next[t], LINES);
    /* the order around stop: pending lines before later ones */
    const char *p = got.data ? strstr(got.data, "\"pending-at-stop\"") : NULL;
    const char *q = got.data ? strstr(got.data, "\"after-stop\"") : NULL;
    CHECK(p && q && p < q);
    free(got.data);
    return check_done("test_access_log");
}
