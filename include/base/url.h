/* Percent-encoding for URLs this server writes (links). Knows nothing of
 * requests or routes. */
#ifndef PF_URL_H
#define PF_URL_H

#include "base/buf.h"

/* Appends s percent-encoded for a query value or path segment (unreserved
 * characters and ',' kept). */
void url_encode_component(struct buf *b, const char *s);
/* The same at out, which has room for 3 * strlen(s) bytes; returns the
 * end of what it wrote. */
char *url_encode_to(char *out, const char *s);

#endif
