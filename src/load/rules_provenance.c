/* Row rules, third list: provenance — how the fact is known to be true
 * and whether its words agree with it. A text fact carries a verbatim
 * quote; a data fact names a file and a row of it; a quote that hedges
 * the fact's own number (around 40%, more than 7) cannot be stated as
 * exact (the reading of the quote is hedge.c's); a deprecated fact says
 * why. They must not look at references beyond the words, or at dates. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "load/hedge.h"
#include "load/rules.h"
#include "load/validate.h"

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

/* Qualifier 'exact' is wrong when the quote hedges the fact's number
 * (hedge.h: a hedge word right before every place the quote states it;
 * when the quote states it nowhere, any hedge word). A hedge before
 * another number of the quote (approximately $300 billion beside a rate
 * of 15 percent) does not count. Facts without a number are not read. */
static bool hedged_not_exact(const struct load_rule_env *e, struct load_fact *f)
{
    if (strcmp(f->in[LF_qualifier], "exact") != 0 ||
        !load_fact_given(f, LF_quote) || !f->has_num[LF_value])
        return true;
    bool before = false;
    const char *h = load_hedge_find(f->in[LF_quote], f->num[LF_value], &before);
    if (h)
        return load_rule_fail(e, f, "qualifier",
                              "the quote says '%s' %s: the value is not "
                              "'exact' (approx, at_least or at_most)",
                              h,
                              before ? "before the fact's number"
                                     : "and does not state the number");
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
