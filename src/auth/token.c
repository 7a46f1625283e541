#include "auth/token.h"
#include <sodium.h>
#include <string.h>

void token_new(char out[TOKEN_LEN + 1])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

bool token_shape_ok(const char *s)
{
    if (!s || strlen(s) != TOKEN_LEN)
        return false;
    /* Check the alphabet ourselves: some libsodium versions decode bytes >= 0x80 as digits. */
    for (size_t i = 0; i < TOKEN_LEN; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    unsigned char raw[32];
    size_t len = 0;
    /* The decoder rejects characters outside the alphabet and non-canonical final bits. */
    int rc = sodium_base642bin(raw, sizeof raw, s, TOKEN_LEN, NULL, &len, NULL,
                               sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return rc == 0 && len == sizeof raw;
}

void token_hash(const char *token, char out[TOKEN_HASH_LEN + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, TOKEN_HASH_LEN + 1, h, sizeof h);
}
