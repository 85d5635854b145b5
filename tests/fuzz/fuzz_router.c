/* Router: router_match on arbitrary decoded paths.
 *
 * Input: byte 0 picks how much capture buffer the caller offers (from 0
 * bytes to the documented len + PF_MAX_CAPTURES), the rest is the path.
 *
 * Invariants:
 *  - no read or write outside path[0..len) and capbuf[0..capbuflen);
 *  - on a match the number of captures equals the number of {...} in the
 *    pattern, each capture is non-empty and contains no '/', and putting
 *    the captures back into the pattern gives the path byte for byte;
 *    (paths reach the router percent-decoded, which rejects NUL, so the
 *    rebuild is checked for NUL-free paths only);
 *  - with the documented buffer size the result does not depend on the
 *    bytes after the path (a copy with a trailing NUL matches alike). */
#include "fuzz_common.h"

#include <stdbool.h>

#include "api/router.h"

static size_t count_caps(const char *pat)
{
    size_t n = 0;
    for (; *pat; pat++)
        n += *pat == '{';
    return n;
}

static void rebuild(const char *pat, const char **caps, char *out, size_t *olen)
{
    size_t o = 0, c = 0;
    while (*pat) {
        if (*pat == '{') {
            size_t cl = strlen(caps[c]);
            memcpy(out + o, caps[c++], cl);
            o += cl;
            pat = strchr(pat, '}') + 1;
            continue;
        }
        out[o++] = *pat++;
    }
    *olen = o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    size_t len = size - 1;
    size_t full = len + PF_MAX_CAPTURES;
    size_t capbuflen = data[0] == 255 ? full : (size_t)data[0] % (full + 1);
    char *path = fuzz_dup_exact(data + 1, len);
    char *capbuf = malloc(capbuflen ? capbuflen : 1);
    const char *caps[PF_MAX_CAPTURES];
    size_t ncaps = 99;
    FUZZ_ASSERT(capbuf);

    const struct pf_route *r =
        router_match(path, len, caps, &ncaps, capbuf, capbuflen);
    if (!r) {
        FUZZ_ASSERT(ncaps == 0);
    } else {
        FUZZ_ASSERT(ncaps == count_caps(r->pattern));
        FUZZ_ASSERT(ncaps <= PF_MAX_CAPTURES);
        for (size_t i = 0; i < ncaps; i++) {
            FUZZ_ASSERT(caps[i] >= capbuf && caps[i] < capbuf + capbuflen);
            FUZZ_ASSERT(!strchr(caps[i], '/'));
        }
        char *re = malloc(len + 1);
        bool has_nul = memchr(path, '\0', len) != NULL;
        size_t rlen = 0;
        FUZZ_ASSERT(re);
        rebuild(r->pattern, caps, re, &rlen);
        if (!has_nul)
            FUZZ_ASSERT(rlen == len && memcmp(re, path, len) == 0);
        free(re);
    }

    if (capbuflen == full) {
        /* a NUL-terminated copy of the same path routes the same way */
        char *p2 = fuzz_dup_cstr(data + 1, len);
        char *cb2 = malloc(full);
        const char *caps2[PF_MAX_CAPTURES];
        size_t n2 = 0;
        FUZZ_ASSERT(cb2);
        const struct pf_route *r2 =
            router_match(p2, len, caps2, &n2, cb2, full);
        FUZZ_ASSERT(r2 == r && n2 == ncaps);
        for (size_t i = 0; i < n2; i++)
            FUZZ_ASSERT(strcmp(caps2[i], caps[i]) == 0);
        free(cb2);
        free(p2);
    }
    free(capbuf);
    free(path);
    return 0;
}
