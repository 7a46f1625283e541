/* Passwords: the policy of 等保 2.0 level 3 as the project applies it, argon2id hashing through
 * libsodium, and generated one-time passwords. */
#ifndef LH_PASSWORD_H
#define LH_PASSWORD_H
#include <sodium.h>
#include <stdbool.h>

#define PASSWORD_MIN 12
#define PASSWORD_MAX 64

/* NULL when the password is acceptable; otherwise the English message (a msgid) saying why:
 * 12-64 characters, at least three of lower case, upper case, digits and symbols, valid UTF-8. */
const char *password_policy(const char *pw);
/* argon2id into out; false only when memory runs out. */
bool password_hash(const char *pw, char out[crypto_pwhash_STRBYTES]);
bool password_verify(const char *hash, const char *pw);
/* Burns the time of one verification, so an unknown login answers as slowly as a known one. */
void password_verify_dummy(const char *pw);
/* A random password of 16 characters that meets the policy (NUL-terminated). */
void password_generate(char out[17]);

#endif
