/* libFuzzer target for auth/token: token_shape_ok is what stands between a session cookie or an
 * Authorization: Bearer header and the database, so it sees raw bytes from the network. It must
 * accept exactly what token_new produces: 43 characters of the base64url alphabet whose last
 * character carries no stray bits, and nothing else. */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (sodium_init() < 0)
        abort();
    return 0;
}

static int b64url_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

/* The shape, checked the slow and obvious way. */
static int shape_by_hand(const char *s)
{
    if (strlen(s) != TOKEN_LEN)
        return 0;
    for (size_t i = 0; i < TOKEN_LEN; i++)
        if (b64url_value(s[i]) < 0)
            return 0;
    return (b64url_value(s[TOKEN_LEN - 1]) & 3) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The cookie or header value as the server hands it over: a C string. */
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';

    int ok = token_shape_ok(s);
    if (ok != shape_by_hand(s))
        abort();
    if (ok) {
        char h[TOKEN_HASH_LEN + 1];
        token_hash(s, h);
        if (strlen(h) != TOKEN_HASH_LEN || strspn(h, "0123456789abcdef") != TOKEN_HASH_LEN)
            abort();
    }

    /* Any 32 bytes, written as token_new writes them, have the shape. */
    if (size >= 32) {
        char t[TOKEN_LEN + 1];
        sodium_bin2base64(t, sizeof t, data, 32, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        if (!token_shape_ok(t))
            abort();
    }
    free(s);
    return 0;
}
