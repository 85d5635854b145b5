/* ISO 8601 calendar dates with partial precision: YYYY, YYYY-MM and
 * YYYY-MM-DD. Parsing is strict (exact lengths, real calendar days) and works
 * on (ptr, len) so it can be fuzzed on raw input. */
#ifndef PF_DATE_H
#define PF_DATE_H

#include <stdbool.h>
#include <stddef.h>

enum pf_date_prec { PF_DATE_YEAR = 1, PF_DATE_MONTH = 2, PF_DATE_DAY = 3 };

struct pf_date {
    int y, m, d; /* m and d are 1 when not given */
    enum pf_date_prec prec;
};

/* Returns true and fills out for a valid date in years 1000..9999. */
bool date_parse(const char *s, size_t len, struct pf_date *out);
/* First and last calendar day of the period as "YYYY-MM-DD" (11 bytes). */
void date_start(const struct pf_date *d, char out[11]);
void date_end(const struct pf_date *d, char out[11]);
/* Adds days (may be negative) to a full "YYYY-MM-DD" date; returns false on
 * a malformed input. out may alias in. */
bool date_add_days(const char *in, long days, char out[11]);
/* Today's date in UTC. */
void date_today(char out[11]);

#endif
