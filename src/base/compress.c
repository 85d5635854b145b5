/* gzip via zlib's deflate with a gzip wrapper (windowBits 16 + 15). Level
 * 6 is zlib's default balance; responses are cached compressed, so the
 * cost is paid once per representation. */
#include "base/compress.h"

#include <zlib.h>

int gzip_compress(const void *data, size_t len, struct buf *out)
{
    z_stream z = {0};
    unsigned char chunk[16384];
    int rc;

    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        rc = deflate(&z, Z_FINISH);
        if (rc == Z_STREAM_ERROR)
            break;
        buf_append(out, chunk, sizeof chunk - z.avail_out);
    } while (rc != Z_STREAM_END);
    deflateEnd(&z);
    return rc == Z_STREAM_END && !buf_failed(out) ? 0 : -1;
}
