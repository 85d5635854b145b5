/* The hedge rule's reading of a quote (see hedge.h): the hedge words, the
 * numbers of a quote in digits and in words, and what counts as "right
 * before". It must not know facts: the rule that calls it
 * (rules_provenance.c) decides when it applies. */
#include "load/hedge.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words that make a number approximate or a bound, matched whole-word and
 * case-insensitively (data/README.md copies this list). */
static const char *const hedges[] = {
    "around",    "about",     "roughly",  "approximately", "nearly", "almost",
    "more than", "less than", "at least", "up to",         "over",   "above",
    "under",     "below",     "within",   "some",          NULL};

/* Number words, by value: units and teens, then tens from twenty. */
static const char *const units[] = {
    "zero",    "one",     "two",       "three",    "four",
    "five",    "six",     "seven",     "eight",    "nine",
    "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens[] = {"twenty", "thirty",  "forty",  "fifty",
                                   "sixty",  "seventy", "eighty", "ninety"};

static bool word_char(char c)
{
    return isalnum((unsigned char)c);
}

/* p less the spaces and currency signs ($, US$, UTF-8 pound, yen, euro)
 * that end the text before it. */
static const char *skip_back(const char *start, const char *p)
{
    static const char *const signs[] = {
        " ", "US$", "$", "\xc2\xa3", "\xc2\xa5", "\xe2\x82\xac", NULL};
    for (bool more = true; more;) {
        more = false;
        for (int i = 0; signs[i] && !more; i++) {
            size_t n = strlen(signs[i]);
            if ((size_t)(p - start) >= n && !memcmp(p - n, signs[i], n)) {
                p -= n;
                more = true;
            }
        }
    }
    return p;
}

/* The hedge word that ends the text before p (or a tilde right before
 * the number), after spaces and currency signs; NULL when none. */
static const char *hedge_before(const char *start, const char *p)
{
    if (p > start && p[-1] == '~')
        return "~";
    p = skip_back(start, p);
    for (int i = 0; hedges[i]; i++) {
        size_t n = strlen(hedges[i]);
        if ((size_t)(p - start) < n || strncasecmp(p - n, hedges[i], n) != 0)
            continue;
        if (p - n == start || !word_char(p[-(long)n - 1]))
            return hedges[i];
    }
    return NULL;
}

/* The word of words[0..n) that starts at p and ends at a word boundary:
 * its index, and its length in *len; -1 when none. */
static int word_at(const char *p, const char *const *words, int n, size_t *len)
{
    for (int i = n - 1; i >= 0; i--) { /* longest first: "seventeen" */
        size_t k = strlen(words[i]);
        if (strncasecmp(p, words[i], k) == 0 && !isalpha((unsigned char)p[k])) {
            *len = k;
            return i;
        }
    }
    return -1;
}

/* A number in words starting at p ("nine", "twenty-five", "forty two"):
 * its value, or -1. */
static int number_word(const char *p)
{
    size_t len;
    int t = word_at(p, tens, (int)(sizeof tens / sizeof *tens), &len);
    if (t >= 0) {
        const char *q = p + len;
        int u = -1;
        if (*q == '-' || *q == ' ')
            u = word_at(q + 1, units, 10, &len);
        return (t + 2) * 10 + (u > 0 ? u : 0);
    }
    return word_at(p, units, (int)(sizeof units / sizeof *units), &len);
}

/* A number in digits starting at p ("1,000", "7.5"), as a double. */
static double number_digits(const char *p)
{
    char num[64];
    size_t n = 0;
    for (; n < sizeof num - 1; p++) {
        if (isdigit((unsigned char)*p) ||
            (*p == '.' && isdigit((unsigned char)p[1])))
            num[n++] = *p;
        else if (!(*p == ',' && isdigit((unsigned char)p[1])))
            break;
    }
    num[n] = '\0';
    return strtod(num, NULL);
}

/* The value of the number that starts at p, or NAN when none does (a
 * digit inside another number, as 20 in 9903.01.20, starts none). */
static double number_at(const char *quote, const char *p)
{
    char prev = p > quote ? p[-1] : ' ';
    if (isdigit((unsigned char)*p)) {
        if (isdigit((unsigned char)prev) || prev == '.' || prev == ',')
            return NAN;
        return number_digits(p);
    }
    if (!isalpha((unsigned char)*p) || word_char(prev))
        return NAN;
    int w = number_word(p);
    return w < 0 ? NAN : (double)w;
}

static bool same(double x, double v)
{
    return fabs(x - v) <= 1e-9 * fmax(1, fabs(v));
}

/* A hedge word anywhere in the quote, as a whole word. */
static const char *hedge_anywhere(const char *quote)
{
    for (const char *p = quote; *p; p++)
        if (p == quote || !word_char(p[-1]))
            for (int i = 0; hedges[i]; i++) {
                size_t n = strlen(hedges[i]);
                if (strncasecmp(p, hedges[i], n) == 0 && !word_char(p[n]))
                    return hedges[i];
            }
    return NULL;
}

const char *load_hedge_find(const char *quote, double v, bool *before)
{
    const char *hedge = NULL;
    bool found = false;
    for (const char *p = quote; *p; p++) {
        double x = number_at(quote, p);
        if (isnan(x))
            continue;
        if (v < 0 && p > quote && p[-1] == '-')
            x = -x; /* a minus sign, not a hyphen, when the value is < 0 */
        if (!same(x, v))
            continue;
        found = true;
        const char *h = hedge_before(quote, p);
        if (!h)
            return NULL; /* stated plainly once: not hedged */
        hedge = h;
    }
    *before = found;
    return found ? hedge : hedge_anywhere(quote);
}
