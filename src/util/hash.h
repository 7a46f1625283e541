/* FNV-1a, the one hash of the project's tables (the response cache, the sign-in throttle, the
 * sort-key memo, the dataset's key maps) and of ETags: fast and spread well enough for keys we
 * chose ourselves or that a table bounds anyway; not for resisting an attacker. */
#ifndef LH_HASH_H
#define LH_HASH_H
#include <stddef.h>
#include <stdint.h>

#define HASH_INIT 1469598103934665603ULL

/* Continues hash h over p[0..n). Start with HASH_INIT. */
static inline uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * 1099511628211ULL;
    return h;
}

/* The hash of a NUL-terminated string. */
static inline uint64_t hash_str(const char *s)
{
    uint64_t h = HASH_INIT;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        h = (h ^ *c) * 1099511628211ULL;
    return h;
}

#endif
