/* The hedge rule's reading of a quote (data/README.md, "Qualifiers: the
 * hedge rule"): whether a quote hedges a fact's number — "around 40%",
 * "more than 7", "about eight percent" — so that the fact cannot be
 * stated as exact. It owns the hedge words (one table) and how numbers
 * are found in text; it knows nothing of facts or reports. */
#ifndef PF_LOAD_HEDGE_H
#define PF_LOAD_HEDGE_H

#include <stdbool.h>
#include <stddef.h>

/* The hedge that makes 'exact' wrong for a value v stated by quote, or
 * NULL. The number is looked for in digits ("7.5", "1,000") and in words
 * ("nine", "twenty-five"); it is hedged when every place the quote states
 * it has a hedge word right before it. When the quote states the number
 * nowhere, any hedge word in the quote counts. *before tells which:
 * true when the hedge was found before the number. Never fails. */
const char *load_hedge_find(const char *quote, double v, bool *before);

#endif
