/* Reference rows (sources, entities, measures), the dataset description
 * and the vocabularies as jansson trees. Links are built from the base URL
 * given. */
#ifndef PF_REFS_JSON_H
#define PF_REFS_JSON_H

#include <jansson.h>

#include "base/buf.h"

#include "store/fact.h"
#include "store/snapshot_check.h"

/* Where an item's links point: its own URL (base + path + "/" + id) and
 * the facts that name it (base + "/v1/facts?" + facts_param + "=" + id). */
struct render_ref_links {
    const char *base;
    const char *path;
    const char *facts_param;
};

/* Each returns a new object with links, or NULL when out of memory. */
json_t *render_source_tree(const struct pf_source *s,
                           const struct render_ref_links *l);
json_t *render_entity_tree(const struct pf_entity *e,
                           const struct render_ref_links *l);
json_t *render_measure_tree(const struct pf_measure *m,
                            const struct render_ref_links *l);

/* The same items appended to b as JSON text (a page of a hundred costs a
 * tenth of building the trees); out of memory shows as buf_failed(b). */
void render_source_json(struct buf *b,
                        const struct pf_source *s,
                        const struct render_ref_links *l);
void render_entity_json(struct buf *b,
                        const struct pf_entity *e,
                        const struct render_ref_links *l);
void render_measure_json(struct buf *b,
                         const struct pf_measure *m,
                         const struct render_ref_links *l);

/* {version, content_hash, build_time, schema_version, counts, licenses}
 * (licenses: the recorded JSON array text); NULL when out of memory. */
json_t *render_dataset_tree(const struct pf_dsinfo *i, const char *licenses);

/* The vocabularies of fact_schema.h: {kinds, qualifiers, ranks: [{word,
 * order}], entity_types, tariff_categories}; NULL when out of memory. */
json_t *render_vocabulary_tree(void);

#endif
