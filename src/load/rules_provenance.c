/* Row rules, third list: provenance — how the fact is known to be true
 * and whether its words agree with it. A text fact carries a verbatim
 * quote; a data fact names a file and a row of it; a quote that hedges
 * the fact's own number (around 40%, more than 7) cannot be stated as
 * exact; a deprecated fact says why. The hedge words are the table
 * below, the one list of them (data/README.md copies it). They must not
 * look at references beyond the words, or at dates. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load/rules.h"
#include "load/validate.h"

/* Words that make a number approximate or a bound, matched whole-word and
 * case-insensitively right before the number (see hedged_number). */
static const char *const hedges[] = {
    "around",    "about",     "roughly",  "approximately", "nearly", "almost",
    "more than", "less than", "at least", "up to",         "over",   "above",
    "under",     "below",     "within",   "some",          NULL};

static bool is_text(const struct load_fact *f)
{
    return strcmp(f->in[LF_evidence], "text") == 0;
}

static bool is_data(const struct load_fact *f)
{
    return strcmp(f->in[LF_evidence], "data") == 0;
}

static bool text_has_quote(const struct load_rule_env *e, struct load_fact *f)
{
    if (is_text(f) && !load_fact_given(f, LF_quote))
        return load_rule_fail(e, f, "quote",
                              "evidence 'text' needs the verbatim quote");
    return true;
}

static bool text_names_no_file(const struct load_rule_env *e,
                               struct load_fact *f)
{
    if (is_text(f) &&
        (load_fact_given(f, LF_data_file) || load_fact_given(f, LF_data_row)))
        return load_rule_fail(
            e, f, load_fact_given(f, LF_data_file) ? "data_file" : "data_row",
            "evidence 'text' names no data file or row: "
            "use evidence 'data'");
    return true;
}

static bool data_has_file_and_row(const struct load_rule_env *e,
                                  struct load_fact *f)
{
    if (!is_data(f))
        return true;
    if (!load_fact_given(f, LF_data_file))
        return load_rule_fail(e, f, "data_file",
                              "evidence 'data' needs the data file");
    if (!load_fact_given(f, LF_data_row))
        return load_rule_fail(e, f, "data_row",
                              "evidence 'data' needs the row of the file");
    return true;
}

/* owner/repo@commit:path, the commit 7 to 40 hex digits */
static bool repo_file(const char *s)
{
    size_t owner = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
                             "vwxyz0123456789_.-");
    if (owner == 0 || s[owner] != '/')
        return false;
    s += owner + 1;
    size_t repo = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
                            "wxyz0123456789_.-");
    if (repo == 0 || s[repo] != '@')
        return false;
    s += repo + 1;
    size_t commit = strspn(s, "0123456789abcdef");
    if (commit < 7 || commit > 40 || s[commit] != ':' || !s[commit + 1])
        return false;
    for (s += commit + 1; *s; s++)
        if (isspace((unsigned char)*s))
            return false;
    return true;
}

static bool data_file_form(const struct load_rule_env *e, struct load_fact *f)
{
    const char *s = f->in[LF_data_file];
    if (!load_fact_given(f, LF_data_file) || repo_file(s) ||
        ((!strncmp(s, "https://", 8) || !strncmp(s, "http://", 7)) &&
         !validate_url(s, f->len[LF_data_file])))
        return true;
    return load_rule_fail(e, f, "data_file",
                          "'%s' is not owner/repo@commit:path or an http(s) "
                          "URL",
                          s);
}

/* A line number, a range of lines N-M, or a row key k=v[,k=v...] */
static bool row_ref(const char *s)
{
    size_t n = strspn(s, "0123456789");
    if (n && s[0] != '0') {
        if (!s[n])
            return true;
        char *end;
        long a = strtol(s, NULL, 10), b = strtol(s + n + 1, &end, 10);
        return s[n] == '-' && s[n + 1] != '0' && !*end && b > a;
    }
    for (;;) {
        size_t k = strspn(s, "abcdefghijklmnopqrstuvwxyz_");
        if (k == 0 || s[k] != '=')
            return false;
        s += k + 1;
        size_t v = strcspn(s, ", \t");
        if (v == 0)
            return false;
        s += v;
        if (!*s)
            return true;
        if (*s++ != ',')
            return false;
    }
}

static bool data_row_form(const struct load_rule_env *e, struct load_fact *f)
{
    if (!load_fact_given(f, LF_data_row) || row_ref(f->in[LF_data_row]))
        return true;
    return load_rule_fail(e, f, "data_row",
                          "'%s' is not a line number (N), a range of lines "
                          "(N-M) or a row key (name=value,...)",
                          f->in[LF_data_row]);
}

/* ---- hedges ------------------------------------------------------------ */

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

/* Whether the text before p (from start) ends with a hedge word (or a
 * tilde right before the number), skipping spaces and currency signs;
 * the word must start at a word boundary. Returns the hedge, or NULL. */
static const char *hedge_before(const char *start, const char *p)
{
    if (p > start && p[-1] == '~')
        return "~";
    p = skip_back(start, p);
    for (int i = 0; hedges[i]; i++) {
        size_t n = strlen(hedges[i]);
        if ((size_t)(p - start) < n || strncasecmp(p - n, hedges[i], n) != 0)
            continue;
        if (p - n == start || !isalnum((unsigned char)p[-(long)n - 1]))
            return hedges[i];
    }
    return NULL;
}

/* Walks the numbers written in digits in quote ("1,000" and "7.5" are one
 * number each; a number inside another, as 20 in 9903.01.20, is not one).
 * For each equal to v: *found is set, and the hedge before it returned if
 * there is one. */
static const char *hedged_number(const char *quote, double v, bool *found)
{
    for (const char *p = quote; *p; p++) {
        if (!isdigit((unsigned char)*p) ||
            (p > quote &&
             (isdigit((unsigned char)p[-1]) || p[-1] == '.' || p[-1] == ',')))
            continue;
        char num[64];
        size_t n = 0;
        const char *q = p;
        for (; n < sizeof num - 1; q++) {
            if (isdigit((unsigned char)*q) ||
                (*q == '.' && isdigit((unsigned char)q[1])))
                num[n++] = *q;
            else if (!(*q == ',' && isdigit((unsigned char)q[1])))
                break;
        }
        num[n] = '\0';
        double x = strtod(num, NULL);
        if (v < 0 && p > quote && p[-1] == '-')
            x = -x; /* a minus sign, not a hyphen, when the value is < 0 */
        if (fabs(x - v) > 1e-9 * fmax(1, fabs(v)))
            continue;
        *found = true;
        const char *h = hedge_before(quote, p);
        if (h)
            return h;
    }
    return NULL;
}

/* A hedge word anywhere in the quote, as a whole word. */
static const char *hedge_anywhere(const char *quote)
{
    for (const char *p = quote; *p; p++)
        if (p == quote || !isalnum((unsigned char)p[-1]))
            for (int i = 0; hedges[i]; i++) {
                size_t n = strlen(hedges[i]);
                if (strncasecmp(p, hedges[i], n) == 0 &&
                    !isalnum((unsigned char)p[n]))
                    return hedges[i];
            }
    return NULL;
}

/* Qualifier 'exact' is wrong when the quote hedges the fact's number: a
 * hedge word right before that number (around 40%); when the number is not
 * written in digits in the quote, any hedge word in it. A hedge before
 * another number of the quote (approximately $300 billion beside a rate
 * of 15 percent) does not count. Facts without a number are not read. */
static bool hedged_not_exact(const struct load_rule_env *e, struct load_fact *f)
{
    static const enum load_field nums[] = {LF_value, LF_value_low,
                                           LF_value_high};
    if (strcmp(f->in[LF_qualifier], "exact") != 0 ||
        !load_fact_given(f, LF_quote))
        return true;
    bool any = false, found = false;
    const char *h = NULL;
    for (size_t i = 0; i < PF_ARRAY_LEN(nums) && !h; i++)
        if (f->has_num[nums[i]]) {
            any = true;
            h = hedged_number(f->in[LF_quote], f->num[nums[i]], &found);
        }
    if (any && !h && !found)
        h = hedge_anywhere(f->in[LF_quote]);
    if (h)
        return load_rule_fail(e, f, "qualifier",
                              "the quote says '%s' %s: the value is not "
                              "'exact' (approx, at_least or at_most)",
                              h,
                              found ? "before the fact's number"
                                    : "and does not write the number in "
                                      "digits");
    return true;
}

static bool deprecated_has_reason(const struct load_rule_env *e,
                                  struct load_fact *f)
{
    if (strcmp(f->out[LF_rank], "deprecated") == 0 &&
        !load_fact_given(f, LF_rank_reason))
        return load_rule_fail(e, f, "rank_reason",
                              "a deprecated fact says why (rank_reason)");
    return true;
}

static const struct load_rule rules[] = {
    {"text_has_quote", false, text_has_quote},
    {"text_names_no_file", false, text_names_no_file},
    {"data_has_file_and_row", false, data_has_file_and_row},
    {"data_file_form", false, data_file_form},
    {"data_row_form", false, data_row_form},
    {"hedged_not_exact", false, hedged_not_exact},
    {"deprecated_has_reason", false, deprecated_has_reason},
};

const struct load_rule_list load_rules_provenance = {"provenance", rules,
                                                     PF_ARRAY_LEN(rules)};
