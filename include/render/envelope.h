/* The collection envelope, {"data": [...], "meta": {count, limit,
 * next_cursor, dataset_version}, "links": {self, next}}, as a jansson tree
 * or as text around items already written; and the one-item document
 * {"data": item, "meta": {dataset_version}}. One place decides the
 * members and their order. */
#ifndef PF_ENVELOPE_H
#define PF_ENVELOPE_H

#include <jansson.h>

#include "base/buf.h"

struct render_envelope {
    int count;
    int limit; /* < 0: an unpaged answer: no limit, next_cursor, next */
    const char *next_cursor; /* NULL: null */
    const char *version;     /* dataset version */
    const char *self, *next; /* URLs; NULL: null */
};

/* The envelope around data (taken over, even on failure); NULL when out
 * of memory. */
json_t *render_envelope_tree(json_t *data, const struct render_envelope *e);
/* Text: the opening before the items' array, and the rest after it. */
void render_envelope_open(struct buf *b);
void render_envelope_close(struct buf *b, const struct render_envelope *e);

/* {"data": item, "meta": {"dataset_version": version}}; item is taken
 * over (even on failure). NULL when out of memory. */
json_t *render_item_doc(json_t *item, const char *version);

#endif
