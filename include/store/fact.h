/* The typed fact the store hands out: one C struct generated from
 * PF_FACT_FIELDS (fact_schema.h), with the fact's measure and source
 * resolved to the snapshot's reference rows.
 *
 * This header owns the C shape of a fact and of the reference rows a fact
 * points at. It holds no code that touches SQLite or JSON: the store fills
 * these structs, render writes them, handlers compute on them. */
#ifndef PF_FACT_H
#define PF_FACT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/fact_schema.h"

/* One member per field, by its type: TEXT is a NUL-terminated string (NULL
 * for SQL NULL) and its length; REAL and INT carry has_<name> (false for
 * NULL). */
#define PF_FACT_MEMBER_TEXT(n)                                                 \
    const char *n;                                                             \
    size_t n##_len;
#define PF_FACT_MEMBER_REAL(n)                                                 \
    double n;                                                                  \
    bool has_##n;
#define PF_FACT_MEMBER_INT(n)                                                  \
    long long n;                                                               \
    bool has_##n;
#define PF_FACT_MEMBER(n, type, flags) PF_FACT_MEMBER_##type(n)

/* Field positions, in PF_FACT_FIELDS order: PF_FACT_id == 0, ... */
#define PF_FACT_ENUM(n, type, flags) PF_FACT_##n,
enum pf_fact_field { PF_FACT_FIELDS(PF_FACT_ENUM) PF_FACT_NFIELDS };
#undef PF_FACT_ENUM

/* A source row. The fields a fact embeds come first (PF_FACT_SOURCE_FIELDS,
 * all TEXT); index is the row's position in the snapshot's sorted table,
 * for per-snapshot caches kept by the layers above. */
struct pf_source {
    const char *id, *title, *publisher, *url, *published, *license;
    const char *retrieved_from, *notes;
    size_t index;
};

struct pf_entity {
    const char *id, *name, *type, *iso3, *notes;
};

struct pf_measure {
    const char *id, *name, *unit, *category, *code, *description;
    const char *nature; /* a word of PF_NATURES */
    double min, max;
    bool has_min, has_max;
    size_t index; /* as pf_source.index */
};

/* A row of series.csv: a tariff layer or an estimate series of one pair
 * (imposer, target), its scope and how it combines with the other layers
 * of the pair (combines: a word of PF_COMBINES; replaces: the series it
 * takes the place of, or NULL). */
struct pf_series {
    const char *id, *name, *imposer, *target, *authority, *scope, *combines,
        *replaces, *basis, *source_id, *notes;
};

/* A row of outcome_links.csv: the series that measures a target's
 * outcome (match: PF_MATCHES; status_rule: PF_STATUS_RULES). */
struct pf_outcome_link {
    const char *target_measure, *outcome_measure, *subject, *match, *note,
        *status_rule;
};

struct pf_fact {
    PF_FACT_FIELDS(PF_FACT_MEMBER)
    /* Bit PF_FACT_<name>: that text has no control character, '"' or '\\'
     * (known from the packed row; 0 says nothing). */
    unsigned long long plain;
    /* The rows that measure and source_id name (never NULL in a fact the
     * store hands out). */
    const struct pf_measure *measure_ref;
    const struct pf_source *source_ref;
};

#endif
