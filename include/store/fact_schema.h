/* The fact record and its vocabularies, defined once.
 *
 * Every layer that names a fact's fields or a vocabulary word expands the
 * lists below instead of writing them out: the loader's CSV columns, the
 * SQLite table, the store's typed row, the JSON and CSV writers, the
 * content hash and the query-parameter checks. Adding a field or a word is
 * one line here (and a PF_SCHEMA_VERSION bump when the table changes).
 * This header holds no code and includes nothing: any layer may use it. */
#ifndef PF_FACT_SCHEMA_H
#define PF_FACT_SCHEMA_H

/* Field flags. */
#define PF_FF_REQUIRED 1u /* a facts_*.csv header must have the column */
/* Served right after this field: the measure's unit and category. */
#define PF_FF_MEASURE_REF 2u
/* Not served as itself: the embedded "source" object, after the rest. */
#define PF_FF_SOURCE_REF 4u

/* The fields of a fact as a facts_*.csv file gives them, in column order.
 * X(name, type, flags); type is TEXT, REAL or INT (SQLite affinity; all
 * may be NULL but the required ones). Served JSON and CSV keep this order,
 * with the measure's unit and category after `measure` and the source
 * object (source.*) and links.self at the end. */
#define PF_FACT_FIELDS(X)                                                      \
    X(id, TEXT, PF_FF_REQUIRED)                                                \
    X(kind, TEXT, PF_FF_REQUIRED)                                              \
    X(subject, TEXT, PF_FF_REQUIRED)                                           \
    X(object, TEXT, 0)                                                         \
    X(measure, TEXT, PF_FF_REQUIRED | PF_FF_MEASURE_REF)                       \
    X(series, TEXT, 0)                                                         \
    X(label, TEXT, 0)                                                          \
    X(value, REAL, 0)                                                          \
    X(value_low, REAL, 0)                                                      \
    X(value_high, REAL, 0)                                                     \
    X(value_text, TEXT, 0)                                                     \
    X(qualifier, TEXT, PF_FF_REQUIRED)                                         \
    X(period, TEXT, 0)                                                         \
    X(valid_from, TEXT, 0)                                                     \
    X(valid_to, TEXT, 0)                                                       \
    X(target_year, INT, 0)                                                     \
    X(known_from, TEXT, 0)                                                     \
    X(known_from_rule, TEXT, 0)                                                \
    X(rank, TEXT, 0)                                                           \
    X(rank_reason, TEXT, 0)                                                    \
    X(source_id, TEXT, PF_FF_REQUIRED | PF_FF_SOURCE_REF)                      \
    X(evidence, TEXT, PF_FF_REQUIRED)                                          \
    X(quote, TEXT, 0)                                                          \
    X(data_file, TEXT, 0)                                                      \
    X(data_row, TEXT, 0)                                                       \
    X(locator, TEXT, 0)                                                        \
    X(statement, TEXT, 0)                                                      \
    X(notes, TEXT, 0)

/* Columns the loader derives for each fact, stored after the fields and
 * never served: X(name, type, sql, what), sql being the column's SQL
 * constraint.
 *
 * valid_to is the end the fact states (stated_to), or, for a value of a
 * series, the day before the next non-deprecated value of its series
 * starts, when that is earlier; then ended_by is that next value's rowid.
 * A reader with as_of=K knows the derived end only when the fact ended_by
 * names is known by K (its known_by <= K); otherwise a rate in force ends
 * at stated_to (NULL: open). An estimate is never carried forward: its
 * own end is stated_to (its period, or its day); its valid_to is still
 * derived from its series for the answers that read valid_to, so an
 * engine of design C2 reads stated_to for estimates. */
#define PF_FACT_DERIVED(X)                                                     \
    X(known_by, TEXT, "NOT NULL",                                              \
      "day by which the fact was surely known (as_of)")                        \
    X(rank_ord, INT, "NOT NULL", "the rank's position in PF_RANKS")            \
    X(question, TEXT, "NOT NULL",                                              \
      "key shared by facts answering one question")                            \
    X(vf_key, TEXT, "NOT NULL", "non-null sort key of valid_from")             \
    X(kb_key, TEXT, "NOT NULL", "non-null sort key of known_from")             \
    X(nature, TEXT, "NOT NULL", "its measure's nature (PF_NATURES)")           \
    X(stated_to, TEXT, "",                                                     \
      "the end the fact states: valid_to given, else its period's end")        \
    X(ended_by, INT, "",                                                       \
      "rowid of the series value whose start derived valid_to, or NULL")

/* The measure's fields served inside each fact, after `measure`. */
#define PF_FACT_MEASURE_FIELDS(X)                                              \
    X(unit, TEXT, 0)                                                           \
    X(category, TEXT, 0)                                                       \
    X(nature, TEXT, 0)

/* The source's fields embedded in each fact as "source". */
#define PF_FACT_SOURCE_FIELDS(X)                                               \
    X(id, TEXT, 0)                                                             \
    X(title, TEXT, 0)                                                          \
    X(publisher, TEXT, 0)                                                      \
    X(url, TEXT, 0)                                                            \
    X(published, TEXT, 0)                                                      \
    X(license, TEXT, 0)

/* Vocabularies: X(word). The order is the order every message and list
 * names them in. */
#define PF_KINDS(X)                                                            \
    X(target)                                                                  \
    X(tariff_rate)                                                             \
    X(gdp_share)                                                               \
    X(growth_target)                                                           \
    X(statement)                                                               \
    X(statistic)

#define PF_QUALIFIERS(X)                                                       \
    X(exact)                                                                   \
    X(approx)                                                                  \
    X(range)                                                                   \
    X(at_least)                                                                \
    X(at_most)

/* Ranks, best first: the position is the rank's order (rank_ord), by
 * which answers are picked and sorted everywhere. */
#define PF_RANKS(X)                                                            \
    X(preferred)                                                               \
    X(normal)                                                                  \
    X(deprecated)

#define PF_ENTITY_TYPES(X)                                                     \
    X(country)                                                                 \
    X(aggregate)                                                               \
    X(group)                                                                   \
    X(programme)

/* Measure categories of tariff facts (/v1/tariffs?kind=). */
#define PF_TARIFF_CATEGORIES(X)                                                \
    X(additional)                                                              \
    X(average)                                                                 \
    X(total)                                                                   \
    X(effective)

/* How a fact is known to be true: text (a verbatim quote from the cited
 * source) or data (a file and a row of it: data_file, data_row). */
#define PF_EVIDENCE(X)                                                         \
    X(text)                                                                    \
    X(data)

/* How known_from was obtained (known_from_rule). The first three may be
 * given in a row with its known_from; the loader derives the others. */
#define PF_KNOWN_FROM_RULES(X)                                                 \
    X(row)                                                                     \
    X(announced)                                                               \
    X(bound)                                                                   \
    X(effective)                                                               \
    X(source_published)                                                        \
    X(vintage)

/* What kind of value a measure holds (measures.nature): a rate or target
 * in force from valid_from to valid_to, or an estimate that describes
 * the date or period it was computed for. */
#define PF_NATURES(X)                                                          \
    X(in_force)                                                                \
    X(estimate)

/* What a source's published date is (sources.published_kind): the date
 * the publication shows, or the release date of a statistics vintage. */
#define PF_PUBLISHED_KINDS(X)                                                  \
    X(published)                                                               \
    X(vintage)

/* Series (series.csv): what a tariff layer covers, and how it combines
 * with the other layers on its pair. */
#define PF_SCOPES(X)                                                           \
    X(all_goods)                                                               \
    X(products)

#define PF_COMBINES(X)                                                         \
    X(stacks)                                                                  \
    X(replaces)                                                                \
    X(none)

/* Outcome links (outcome_links.csv): whether the outcome series measures
 * the target's own measure, and the rule a target is met by. */
#define PF_MATCHES(X)                                                          \
    X(same)                                                                    \
    X(proxy)

#define PF_STATUS_RULES(X)                                                     \
    X(at_least_low)                                                            \
    X(at_most)

#endif
