/* Row rules, first list: the fact's id and what it refers to — its kind,
 * entities, measure, source, series (a tariff fact's must be in
 * series.csv, of its pair), qualifier, rank, evidence and knowledge-time
 * rule (vocabularies from store/fact_schema.h). None is gated: each says
 * its own problem. These rules also note the measure (and the nature it
 * gives the fact) and source found, for the later lists, and the default
 * rank. They must not look at values or dates. */

#include <string.h>

#include "load/rules.h"
#include "load/validate.h"

static const char *const kinds[] = {PF_KINDS(VALIDATE_WORD) NULL};
static const char *const qualifiers[] = {PF_QUALIFIERS(VALIDATE_WORD) NULL};
static const char *const ranks[] = {PF_RANKS(VALIDATE_WORD) NULL};
static const char *const evidence[] = {PF_EVIDENCE(VALIDATE_WORD) NULL};
static const char *const known_rules[] = {PF_KNOWN_FROM_RULES(VALIDATE_WORD)
                                              NULL};

/* A fact that names no rank is of this one. */
static const char default_rank[] = "normal";

static bool slug(const struct load_rule_env *e,
                 struct load_fact *f,
                 enum load_field k,
                 const char *col)
{
    const char *why = validate_slug(f->in[k], f->len[k]);
    if (why)
        return load_rule_fail(e, f, col, "%s", why);
    return true;
}

static bool entity(const struct load_rule_env *e,
                   struct load_fact *f,
                   enum load_field k,
                   const char *col)
{
    if (!load_refs_entity(e->refs, f->in[k]))
        return load_rule_fail(e, f, col, "unknown entity '%s'", f->in[k]);
    return true;
}

static bool id_is_slug(const struct load_rule_env *e, struct load_fact *f)
{
    return slug(e, f, LF_id, "id");
}

static bool kind_known(const struct load_rule_env *e, struct load_fact *f)
{
    if (validate_word(f->in[LF_kind], kinds) < 0)
        return load_rule_fail(e, f, "kind", "'%s' is not one of %s",
                              f->in[LF_kind], VALIDATE_WORDS_TEXT(PF_KINDS));
    return true;
}

static bool subject_known(const struct load_rule_env *e, struct load_fact *f)
{
    return entity(e, f, LF_subject, "subject");
}

static bool object_known(const struct load_rule_env *e, struct load_fact *f)
{
    return !load_fact_given(f, LF_object) || entity(e, f, LF_object, "object");
}

/* The measure, and the nature of the fact it gives (in force or an
 * estimate). */
static bool measure_known(const struct load_rule_env *e, struct load_fact *f)
{
    f->measure = load_refs_measure(e->refs, f->in[LF_measure]);
    if (!f->measure)
        return load_rule_fail(e, f, "measure", "unknown measure '%s'",
                              f->in[LF_measure]);
    f->nature = f->measure->nature;
    return true;
}

static bool source_known(const struct load_rule_env *e, struct load_fact *f)
{
    f->source = load_refs_source(e->refs, f->in[LF_source_id]);
    if (!f->source)
        return load_rule_fail(e, f, "source_id", "unknown source '%s'",
                              f->in[LF_source_id]);
    return true;
}

static bool series_is_slug(const struct load_rule_env *e, struct load_fact *f)
{
    return !load_fact_given(f, LF_series) || slug(e, f, LF_series, "series");
}

/* A tariff fact belongs to a series of series.csv, of its own pair: the
 * on-date answers of a pair are built from the series of that pair. */
static bool tariff_series_known(const struct load_rule_env *e,
                                struct load_fact *f)
{
    if (strcmp(f->in[LF_kind], "tariff_rate") != 0)
        return true;
    if (!load_fact_given(f, LF_series))
        return load_rule_fail(e, f, "series",
                              "a tariff fact names its series (series.csv)");
    const struct load_series *s = load_refs_series(e->refs, f->in[LF_series]);
    if (!s)
        return load_rule_fail(e, f, "series",
                              "unknown series '%s' (not in series.csv)",
                              f->in[LF_series]);
    if (strcmp(s->imposer, f->in[LF_subject]) != 0 ||
        strcmp(s->target, f->in[LF_object]) != 0)
        return load_rule_fail(e, f, "series",
                              "series '%s' is %s->%s, the fact %s->%s",
                              f->in[LF_series], s->imposer, s->target,
                              f->in[LF_subject], f->in[LF_object]);
    return true;
}

static bool qualifier_known(const struct load_rule_env *e, struct load_fact *f)
{
    if (validate_word(f->in[LF_qualifier], qualifiers) < 0)
        return load_rule_fail(e, f, "qualifier", "'%s' is not one of %s",
                              f->in[LF_qualifier],
                              VALIDATE_WORDS_TEXT(PF_QUALIFIERS));
    return true;
}

/* The rank as given, else the default; its ordinal is its position in
 * PF_RANKS (best first), by which answers are picked and sorted. */
static bool rank_known(const struct load_rule_env *e, struct load_fact *f)
{
    const char *rank =
        load_fact_given(f, LF_rank) ? f->in[LF_rank] : default_rank;
    int ord = validate_word(rank, ranks);
    if (ord < 0)
        return load_rule_fail(e, f, "rank", "'%s' is not one of %s", rank,
                              VALIDATE_WORDS_TEXT(PF_RANKS));
    f->out[LF_rank] = rank;
    f->rank_ord = ord;
    return true;
}

static bool evidence_known(const struct load_rule_env *e, struct load_fact *f)
{
    if (validate_word(f->in[LF_evidence], evidence) < 0)
        return load_rule_fail(e, f, "evidence", "'%s' is not one of %s",
                              f->in[LF_evidence],
                              VALIDATE_WORDS_TEXT(PF_EVIDENCE));
    return true;
}

static bool known_from_rule_known(const struct load_rule_env *e,
                                  struct load_fact *f)
{
    if (load_fact_given(f, LF_known_from_rule) &&
        validate_word(f->in[LF_known_from_rule], known_rules) < 0)
        return load_rule_fail(e, f, "known_from_rule", "'%s' is not one of %s",
                              f->in[LF_known_from_rule],
                              VALIDATE_WORDS_TEXT(PF_KNOWN_FROM_RULES));
    return true;
}

static const struct load_rule rules[] = {
    {"id_is_slug", false, id_is_slug},
    {"kind_known", false, kind_known},
    {"subject_known", false, subject_known},
    {"object_known", false, object_known},
    {"measure_known", false, measure_known},
    {"source_known", false, source_known},
    {"series_is_slug", false, series_is_slug},
    {"tariff_series_known", false, tariff_series_known},
    {"qualifier_known", false, qualifier_known},
    {"rank_known", false, rank_known},
    {"evidence_known", false, evidence_known},
    {"known_from_rule_known", false, known_from_rule_known},
};

const struct load_rule_list load_rules_refs = {"references", rules,
                                               PF_ARRAY_LEN(rules)};
