/* Field validators for the loader. Reasons are phrased for the person who
 * edits the CSV: they say what is wrong and what is expected. Pure
 * functions of their input: no reporting, no state, no vocabulary of
 * their own (the lists come from store/fact_schema.h). */
#include "load/validate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/utf8.h"

static bool is_lower_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

const char *validate_slug(const char *s, size_t len)
{
    if (len == 0 || len > 100)
        return "must be 1 to 100 characters";
    if (!is_lower_alnum(s[0]))
        return "must start with a lower-case letter or digit";
    for (size_t i = 1; i < len; i++) {
        char c = s[i];
        if (!is_lower_alnum(c) && c != '.' && c != '_' && c != '-')
            return "may contain only a-z, 0-9, '.', '_' and '-'";
    }
    return NULL;
}

const char *validate_entity_id(const char *s, size_t len)
{
    if (len < 2 || len > 40)
        return "must be 2 to 40 characters";
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '_'))
            return "may contain only A-Z, a-z, 0-9 and '_'";
    }
    return NULL;
}

const char *validate_number(const char *s, size_t len, double *out)
{
    size_t i = 0;
    if (i < len && s[i] == '-')
        i++;
    size_t int_start = i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == int_start)
        return "not a number (expected digits, e.g. 12.5)";
    if (i - int_start > 1 && s[int_start] == '0')
        return "not a number (leading zero)";
    if (i < len && s[i] == '.') {
        size_t frac = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == frac)
            return "not a number (digits must follow '.')";
    }
    /* an exponent, as JSON writes one (World Bank files have 9.2E-07) */
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp = i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == exp)
            return "not a number (digits must follow the exponent's 'e')";
    }
    if (i != len)
        return "not a number (only digits, one '.', a leading '-' and an "
               "exponent)";
    if (len > 40)
        return "number too long";
    *out = strtod(s, NULL);
    if (!isfinite(*out))
        return "number out of range";
    return NULL;
}

const char *validate_date(const char *s, size_t len)
{
    struct pf_date d;
    if (!date_parse(s, len, &d))
        return "not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)";
    return NULL;
}

const char *validate_year(const char *s, size_t len, int *out)
{
    int y = 0;
    if (len != 4)
        return "not a year (expected YYYY)";
    for (size_t i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return "not a year (expected YYYY)";
        y = y * 10 + (s[i] - '0');
    }
    if (y < 1900 || y > 2100)
        return "year outside 1900..2100";
    *out = y;
    return NULL;
}

const char *validate_text(const char *s, size_t len)
{
    if (!utf8_valid(s, len))
        return "invalid UTF-8";
    if (!text_printable(s, len))
        return "contains control characters";
    return NULL;
}

const char *validate_url(const char *s, size_t len)
{
    if (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0)
        return "must be an http:// or https:// URL";
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] <= ' ' || s[i] == 0x7F)
            return "URL contains spaces or control characters";
    return validate_text(s, len);
}

int validate_word(const char *s, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(s, words[i]) == 0)
            return i;
    return -1;
}
