/* Cursors round-trip and reject anything else. */
#include <stdlib.h>

#include "api/cursor.h"
#include "check.h"

static int dec(const char *s, const char *sort, char **k, char **id)
{
    char why[160];
    return cursor_decode(s, strlen(s), sort, k, id, why, sizeof why);
}

int main(void)
{
    char *k, *id;
    const char *keys[] = {"", "2025-05-14", "a\xc3\xa9", "x,y=z&w"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char *c = cursor_encode("valid_from", keys[i], "tariff.x.2025");
        CHECK(c != NULL);
        CHECK(strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx"
                        "yz0123456789-_") == strlen(c));
        CHECK_EQ_INT(dec(c, "valid_from", &k, &id), PF_OK);
        CHECK_EQ_STR(k, keys[i]);
        CHECK_EQ_STR(id, "tariff.x.2025");
        free(k);
        free(id);
        /* the same cursor under another sort order is refused */
        CHECK_EQ_INT(dec(c, "id", &k, &id), PF_EINVAL);
        CHECK(k == NULL && id == NULL);
        free(c);
    }
    CHECK_EQ_INT(dec("", "id", &k, &id), PF_EINVAL);
    CHECK_EQ_INT(dec("A", "id", &k, &id), PF_EINVAL);
    CHECK_EQ_INT(dec("not base64!", "id", &k, &id), PF_EINVAL);
    CHECK_EQ_INT(dec("djEKaWQKYQ", "id", &k, &id),
                 PF_EINVAL); /* only 3 fields */
    /* a non-canonical final quantum (stray low bits) */
    static const char alpha[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (const char *idv = "b"; *idv; idv++) {
        char *c = cursor_encode("id", "a", "bb");
        size_t n = strlen(c);
        CHECK(n % 4 != 0); /* this input leaves a partial quantum */
        long v = strchr(alpha, c[n - 1]) - alpha;
        c[n - 1] = alpha[v | 1]; /* set a bit that must be zero */
        CHECK_EQ_INT(dec(c, "id", &k, &id), PF_EINVAL);
        free(c);
    }
    return check_done("test_cursor");
}
