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
    X(rank, TEXT, 0)                                                           \
    X(source_id, TEXT, PF_FF_REQUIRED | PF_FF_SOURCE_REF)                      \
    X(quote, TEXT, 0)                                                          \
    X(locator, TEXT, 0)                                                        \
    X(statement, TEXT, 0)                                                      \
    X(notes, TEXT, 0)

/* Columns the loader derives for each fact, stored after the fields and
 * never served: X(name, type, sql, what), sql being the column's SQL
 * constraint. */
#define PF_FACT_DERIVED(X)                                                     \
    X(known_by, TEXT, "", "day by which the fact was surely known (as_of)")    \
    X(rank_ord, INT, "NOT NULL", "the rank's position in PF_RANKS")            \
    X(question, TEXT, "NOT NULL",                                              \
      "key shared by facts answering one question")                            \
    X(vf_key, TEXT, "NOT NULL", "non-null sort key of valid_from")             \
    X(kb_key, TEXT, "NOT NULL", "non-null sort key of known_from")

/* The measure's fields served inside each fact, after `measure`. */
#define PF_FACT_MEASURE_FIELDS(X)                                              \
    X(unit, TEXT, 0)                                                           \
    X(category, TEXT, 0)

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
    X(indicator)

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

#endif
