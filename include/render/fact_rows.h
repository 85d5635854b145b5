/* Typed facts as CSV and NDJSON records, written straight from the rows:
 * the same bytes render.c writes from the facts' jansson trees with the
 * fact CSV columns (render_csv_columns(RENDER_CSV_FACTS)), without
 * building the trees. */
#ifndef PF_FACT_ROWS_H
#define PF_FACT_ROWS_H

#include "base/buf.h"
#include "render/fact_json.h"
#include "store/fact.h"

/* The header row of the fact CSV columns. */
void render_fact_csv_header(struct buf *b);
/* One CSV record of f, links.self under link_base. */
void render_fact_csv(struct buf *b,
                     const struct pf_fact *f,
                     const char *link_base);
/* One NDJSON record of f: its JSON object and a newline. */
void render_fact_ndjson(struct buf *b,
                        const struct pf_fact *f,
                        const struct render_frags *fr,
                        const char *link_base);

#endif
