/* gzip compression of response bodies with zlib. */
#ifndef PF_COMPRESS_H
#define PF_COMPRESS_H

#include <stddef.h>

#include "base/buf.h"

/* Appends the gzip encoding of data to out. Returns 0 or -1. */
int gzip_compress(const void *data, size_t len, struct buf *out);

#endif
