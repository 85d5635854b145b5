/* Structured logs: one JSON object per line on stderr, with time, level and
 * event. Lines are written with a single write(2) so threads never
 * interleave them. */
#ifndef PF_LOG_H
#define PF_LOG_H

#include <jansson.h>
#include <stdbool.h>

enum pf_level { PF_LOG_DEBUG, PF_LOG_INFO, PF_LOG_WARN, PF_LOG_ERROR };

/* "debug", "info", "warn" or "error"; unknown names leave it unchanged. */
void log_set_level(const char *name);
bool log_enabled(enum pf_level lvl);
/* {"time", "level", "event", "msg"} */
void log_msg(enum pf_level lvl, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds time, level and event to fields (stolen) and writes it. */
void log_fields(enum pf_level lvl, const char *event, json_t *fields);

/* "2026-11-30T04:26:25.534Z" (UTC, milliseconds): the time of every line. */
void log_time_iso(char out[32]);

#endif
