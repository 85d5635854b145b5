/* Field-level validators shared by the loader's rules: each checks one
 * field and returns NULL when it is valid or a short reason, phrased for
 * the person who edits the CSV, when it is not. They work on NUL-terminated
 * strings of known length and report nothing themselves. */
#ifndef PF_VALIDATE_H
#define PF_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* Lower-case slug: [a-z0-9][a-z0-9._-]*, at most 100 bytes. */
const char *validate_slug(const char *s, size_t len);
/* Entity id: [A-Za-z0-9_]{2,40}. */
const char *validate_entity_id(const char *s, size_t len);
/* A number as JSON writes it: -?digits(.digits)?([eE][+-]?digits)?,
 * finite; *out set. */
const char *validate_number(const char *s, size_t len, double *out);
/* YYYY, YYYY-MM or YYYY-MM-DD that exists in the calendar. */
const char *validate_date(const char *s, size_t len);
/* Integer year 1900..2100. */
const char *validate_year(const char *s, size_t len, int *out);
/* Well-formed UTF-8 without control characters other than tab/CR/LF. */
const char *validate_text(const char *s, size_t len);
/* http(s) URL without spaces or control characters. */
const char *validate_url(const char *s, size_t len);

/* Vocabularies come from store/fact_schema.h's X-macro lists:
 *   static const char *const kinds[] = {PF_KINDS(VALIDATE_WORD) NULL};
 *   VALIDATE_WORDS_TEXT(PF_KINDS) is "target, tariff_rate, ..." */
#define VALIDATE_WORD(w)          #w,
#define VALIDATE_WORD_LISTED(w)   ", " #w
#define VALIDATE_WORDS_TEXT(LIST) (&(LIST(VALIDATE_WORD_LISTED))[2])

/* The position of s among the NULL-terminated words, or -1. */
int validate_word(const char *s, const char *const *words);

#endif
