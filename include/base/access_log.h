/* The access log: one JSON line per request on stderr, written in blocks.
 *
 * Between access_log_start() and access_log_stop() each thread collects its
 * lines in a block of at most PIPE_BUF bytes, written when the next line
 * would not fit and by a flusher thread, so a line reaches stderr at most
 * ACCESS_LOG_FLUSH_MS after its request (the flusher sleeps while there is
 * nothing to write). Outside
 * that window every line is written at once. Lines are only ever written
 * whole, in one write(2) of at most PIPE_BUF bytes: atomic on a pipe, so
 * two threads' lines never interleave. */
#ifndef PF_ACCESS_LOG_H
#define PF_ACCESS_LOG_H

#include <stdbool.h>
#include <stddef.h>

#define ACCESS_LOG_FLUSH_MS 50

struct pf_access {
    const char *request_id, *method, *target, *client, *route;
    int status;
    size_t bytes;
    double duration_ms;
    bool aborted;
};

/* One line, built without a JSON tree (it runs for every request). Text
 * fields are shown as printable ASCII. Nothing below log level info. */
void log_access(const struct pf_access *a);

/* Starts the flusher thread: lines are batched from now on. 0 or -1. */
int access_log_start(void);
/* Stops the flusher and writes every thread's pending lines: nothing
 * logged before the call is lost. Lines are written at once afterwards. */
void access_log_stop(void);

#endif
