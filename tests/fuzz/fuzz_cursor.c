/* Cursors: cursor_decode on arbitrary text, and the encode -> decode
 * round trip.
 *
 * Input: byte 0 picks the sort order the request uses and the mode; the
 * rest is either a cursor (decode mode) or "key\nid" material (round trip).
 *
 * Invariants:
 *  - decoding is strict: whatever decodes is exactly what the encoder
 *    produces for (sort, key, id), byte for byte (no second spelling of the
 *    same cursor), and key and id are valid UTF-8 without NUL or LF, id
 *    non-empty;
 *  - a failed decode leaves *key and *id NULL and gives a reason;
 *  - encode(sort, key, id) decodes to (key, id) for any NUL- and LF-free
 *    UTF-8 key and non-empty id, and is rejected for any other sort. */
#include "fuzz_common.h"

#include "api/cursor.h"
#include "base/utf8.h"

static const char *const sorts[] = {"id",          "-id",        "valid_from",
                                    "-valid_from", "known_from", "-known_from"};
#define NSORTS (sizeof sorts / sizeof sorts[0])

static void decode_mode(const char *sort, const uint8_t *d, size_t n)
{
    char *s = fuzz_dup_exact(d, n);
    char *key = (char *)1, *id = (char *)1;
    char why[128];
    why[0] = '\0';
    int rc = cursor_decode(s, n, sort, &key, &id, why, sizeof why);
    if (rc != 0) {
        FUZZ_ASSERT(key == NULL && id == NULL);
        FUZZ_ASSERT(why[0] != '\0');
    } else {
        FUZZ_ASSERT(key && id && id[0] != '\0');
        FUZZ_ASSERT(!strchr(key, '\n') && !strchr(id, '\n'));
        FUZZ_ASSERT(utf8_valid(key, strlen(key)) && utf8_valid(id, strlen(id)));
        char *again = cursor_encode(sort, key, id);
        FUZZ_ASSERT(again);
        FUZZ_ASSERT(strlen(again) == n && memcmp(again, s, n) == 0);
        free(again);
    }
    free(key == (char *)1 ? NULL : key);
    free(id == (char *)1 ? NULL : id);
    free(s);
}

static void roundtrip_mode(size_t si, const uint8_t *d, size_t n)
{
    char *m = fuzz_dup_cstr(d, n);
    if (strlen(m) != n) { /* NULs cannot travel in a C string */
        free(m);
        return;
    }
    char *nl = strchr(m, '\n');
    const char *key = m, *id = "x";
    if (nl) {
        *nl = '\0';
        id = nl + 1;
    }
    if (strchr(id, '\n') || !*id || !utf8_valid(key, strlen(key)) ||
        !utf8_valid(id, strlen(id))) {
        free(m);
        return;
    }
    char *c = cursor_encode(sorts[si], key, id);
    FUZZ_ASSERT(c);
    char *k2 = NULL, *i2 = NULL, why[128];
    FUZZ_ASSERT(
        cursor_decode(c, strlen(c), sorts[si], &k2, &i2, why, sizeof why) == 0);
    FUZZ_ASSERT(strcmp(k2, key) == 0 && strcmp(i2, id) == 0);
    free(k2);
    free(i2);
    /* another sort order must not accept it */
    const char *other = sorts[(si + 1) % NSORTS];
    FUZZ_ASSERT(cursor_decode(c, strlen(c), other, &k2, &i2, why, sizeof why) !=
                0);
    FUZZ_ASSERT(k2 == NULL && i2 == NULL);
    free(c);
    free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    size_t si = (data[0] & 0x7F) % NSORTS;
    if (data[0] & 0x80)
        roundtrip_mode(si, data + 1, size - 1);
    else
        decode_mode(sorts[si], data + 1, size - 1);
    return 0;
}
