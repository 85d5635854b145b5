/* The fact schema's vocabularies as C data: the word lists of
 * fact_schema.h (kinds, qualifiers, ranks, entity types, tariff
 * categories) as NULL-terminated arrays, the rank order, and lookups.
 * Owns no other words: every list here is expanded from fact_schema.h. */
#ifndef PF_VOCAB_H
#define PF_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "store/fact_schema.h"

/* Ranks by their order, best first: PF_RANK_preferred == 0, ... */
#define PF_VOCAB_RANK_ENUM(w) PF_RANK_##w,
enum pf_rank { PF_RANKS(PF_VOCAB_RANK_ENUM) PF_NRANKS };
#undef PF_VOCAB_RANK_ENUM
/* A set of ranks as a bit mask (pf_fact_query.ranks). */
#define PF_RANK_BIT(r) (1u << (r))
#define PF_RANK_ALL    ((1u << PF_NRANKS) - 1u)

/* Kinds by their position in PF_KINDS. */
#define PF_VOCAB_KIND_ENUM(w) PF_KIND_##w,
enum pf_kind { PF_KINDS(PF_VOCAB_KIND_ENUM) PF_NKINDS };
#undef PF_VOCAB_KIND_ENUM

extern const char *const vocab_kinds[];
extern const char *const vocab_qualifiers[];
extern const char *const vocab_ranks[];
extern const char *const vocab_entity_types[];
extern const char *const vocab_tariff_categories[];

/* Whether w is one of words (a NULL-terminated list). */
bool vocab_has(const char *const *words, const char *w);
/* The position of w in words, or -1. n bounds w (w need not end there). */
int vocab_find(const char *const *words, const char *w, size_t n);
/* The order of a rank word (0 = preferred); unknown words sort last. */
int vocab_rank_ord(const char *rank);

#endif
