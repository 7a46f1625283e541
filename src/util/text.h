/* Small text checks every input edge uses: UTF-8, keys, names, logins. */
#ifndef LH_TEXT_H
#define LH_TEXT_H
#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, no NUL). */
bool utf8_valid(const char *s, size_t n);
/* Number of code points in valid UTF-8. */
size_t utf8_len(const char *s);
/* A dataset key: 1-64 characters of [a-z0-9][a-z0-9._-]* (dataset.md). */
bool key_valid(const char *s);
/* A login: 2-32 characters of [a-z0-9][a-z0-9._-]*, the same shape as a key but shorter. */
bool login_valid(const char *s);
/* A display name: valid UTF-8, no control characters, 1-max code points, no leading or trailing
 * space. */
bool name_valid(const char *s, size_t max);
/* Constant-time comparison of two NUL-terminated strings of equal length; false if lengths
 * differ. */
bool str_equal_ct(const char *a, const char *b);

/* The client address a reverse proxy names in an X-Forwarded-For header value: its last element
 * (the one the proxy itself appended; anything before it the client could have written), when
 * that is an IPv4 or IPv6 address. Copied to out (46 bytes: INET6_ADDRSTRLEN) as written. */
#define FORWARDED_MAX 46
bool forwarded_client(const char *xff, char out[FORWARDED_MAX]);

#endif
