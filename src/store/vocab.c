/* The vocabularies of fact_schema.h as word lists, and their lookups.
 * Must not spell out a word itself: every list is an X-macro expansion. */
#include "store/vocab.h"

#include <string.h>

#define WORD(w) #w,
const char *const vocab_kinds[] = {PF_KINDS(WORD) NULL};
const char *const vocab_qualifiers[] = {PF_QUALIFIERS(WORD) NULL};
const char *const vocab_ranks[] = {PF_RANKS(WORD) NULL};
const char *const vocab_entity_types[] = {PF_ENTITY_TYPES(WORD) NULL};
const char *const vocab_tariff_categories[] = {PF_TARIFF_CATEGORIES(WORD) NULL};
#undef WORD

bool vocab_has(const char *const *words, const char *w)
{
    return vocab_find(words, w, strlen(w)) >= 0;
}

int vocab_find(const char *const *words, const char *w, size_t n)
{
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return i;
    return -1;
}

int vocab_rank_ord(const char *rank)
{
    int i = rank ? vocab_find(vocab_ranks, rank, strlen(rank)) : -1;
    return i < 0 ? PF_NRANKS - 1 : i;
}
