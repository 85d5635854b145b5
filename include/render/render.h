/* Serialisation of replies: JSON, CSV (RFC 4180, header row, nested
 * objects flattened to dotted columns) and NDJSON. No I/O. */
#ifndef PF_RENDER_H
#define PF_RENDER_H

#include <jansson.h>

#include "api/handler.h"
#include "base/buf.h"
#include "base/pf.h"

/* JSON numbers are written with 15 significant digits: every value in the
 * dataset has at most 15, so they come out exactly as in the source CSV
 * (12.5, not 12.500000000000002). */
#define PF_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))

/* Appends the body for doc in the format; rows (array or one object) are
 * the CSV/NDJSON records. Returns PF_OK, or PF_ENOMEM when out of memory
 * (or when doc is NULL: a document that could not be built). */
enum pf_err render_body(const json_t *doc,
                        const json_t *rows,
                        enum pf_format fmt,
                        struct buf *out);
/* Same, with the CSV header fixed to columns (NULL-terminated dotted
 * names; NULL: the union of the rows' flattened keys in first-seen order),
 * so that an empty result still has its header row. */
enum pf_err render_body_columns(const json_t *doc,
                                const json_t *rows,
                                const char *const *columns,
                                enum pf_format fmt,
                                struct buf *out);

/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a
 * line break, or starts or ends with a space. */
void render_csv_field(struct buf *out, const char *s, size_t n);
/* A number as every CSV answer writes it: %.15g. */
void render_csv_real(struct buf *out, double v);

#endif
