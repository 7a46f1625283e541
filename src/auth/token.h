/* Secret tokens: session cookies, CSRF tokens and API bearer tokens. 256 random bits, written as
 * 43 characters of unpadded base64url. The database keeps only their SHA-256. */
#ifndef LH_TOKEN_H
#define LH_TOKEN_H
#include <stdbool.h>
#include <stddef.h>

#define TOKEN_LEN      43
#define TOKEN_HASH_LEN 64

void token_new(char out[TOKEN_LEN + 1]);
/* True when s has exactly the shape token_new produces; anything else is refused before it
 * reaches the database. */
bool token_shape_ok(const char *s);
/* SHA-256 of the token text as lower-case hex. */
void token_hash(const char *token, char out[TOKEN_HASH_LEN + 1]);

#endif
