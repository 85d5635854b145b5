/* Fixed CSV columns per endpoint (see csvcols.h). */
#include "store/csvcols.h"

#include <stddef.h>

#define FACT_COLUMNS(p)                                                        \
    p "id", p "kind", p "subject", p "object", p "measure", p "unit",          \
        p "category", p "series", p "label", p "value", p "value_low",         \
        p "value_high", p "value_text", p "qualifier", p "period",             \
        p "valid_from", p "valid_to", p "target_year", p "known_from",         \
        p "rank", p "quote", p "locator", p "statement", p "notes",            \
        p "source.id", p "source.title", p "source.publisher", p "source.url", \
        p "source.published", p "source.license", p "links.self"

const char *const csv_fact_columns[] = {FACT_COLUMNS(""), NULL};

const char *const csv_target_columns[] = {FACT_COLUMNS(""), "programme.id",
                                          "programme.name", "deadline",
                                          "wording",        NULL};

const char *const csv_tariff_day_columns[] = {FACT_COLUMNS(""), "role",
                                              "answer", NULL};

const char *const csv_gdp_columns[] = {
    "country", "component", "indicator_code", "unit",      "year",
    "value",   "qualifier", "fact_id",        "source_id", NULL};

const char *const csv_compare_columns[] = {
    "entity.id", "entity.name",         "value", "ratio_to_first",
    "rank",      FACT_COLUMNS("fact."), NULL};

const char *const csv_source_columns[] = {
    "id",      "title",          "publisher", "url",        "published",
    "license", "retrieved_from", "notes",     "links.self", "links.facts",
    NULL};

const char *const csv_entity_columns[] = {
    "id", "name", "type", "iso3", "notes", "links.self", "links.facts", NULL};

const char *const csv_measure_columns[] = {
    "id",  "name",        "unit",       "category",    "code", "min",
    "max", "description", "links.self", "links.facts", NULL};
