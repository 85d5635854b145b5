/* Field-level validators shared by the loader: each checks one CSV field
 * and returns NULL when it is valid or a short reason when it is not. They
 * work on NUL-terminated strings of known length. */
#ifndef PF_VALIDATE_H
#define PF_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* Lower-case slug: [a-z0-9][a-z0-9._-]*, at most 100 bytes. */
const char *valid_slug(const char *s, size_t len);
/* Entity id: [A-Za-z0-9_]{2,40}. */
const char *valid_entity_id(const char *s, size_t len);
/* A decimal number as JSON writes it: -?digits(.digits)?; *out set. */
const char *valid_number(const char *s, size_t len, double *out);
/* YYYY, YYYY-MM or YYYY-MM-DD that exists in the calendar. */
const char *valid_date(const char *s, size_t len);
/* Integer year 1900..2100. */
const char *valid_year(const char *s, size_t len, int *out);
/* Well-formed UTF-8 without control characters other than tab/CR/LF. */
const char *valid_text(const char *s, size_t len);
/* http(s) URL without spaces or control characters. */
const char *valid_url(const char *s, size_t len);
/* True when s equals one of the NULL-terminated words. */
bool in_vocab(const char *s, const char *const *words);

#endif
