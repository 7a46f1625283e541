/* A cache of rendered GET responses that cannot serve stale data: every entry carries the data
 * version it was rendered at — the audit trail's sequence number, which every committed write
 * advances in its own transaction — and is used only while the database is still at that version.
 * A write is therefore visible to the very next read, in this process and in any other process on
 * the same database.
 *
 * The key holds everything else the bytes depend on: the URL with its query, who asks (the
 * session for pages, whose forms carry its CSRF token; the account for the API), the language and
 * the day (lists of "current" members change at midnight). Bounded in bytes; a slot that collides
 * is simply replaced. Thread-safe. */
#ifndef LH_CACHE_H
#define LH_CACHE_H
#include "util/buf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* max_bytes 0 disables the cache. Call before the server's threads start. */
void cache_init(size_t max_bytes);
void cache_free(void);
bool cache_enabled(void);

/* A cached body, shared by the cache and the responses sent from it. */
struct cache_body;

struct cache_hit {
    struct cache_body *body; /* a reference: give it back with cache_release() */
    const char *data;        /* body's bytes, valid while the reference is held */
    size_t len;
    const char *content_type; /* a string literal, as handlers set it */
    char etag[24];
};

/* Takes a reference to the body cached under key at this version. The bytes stay valid, unchanged,
 * until the reference is released, whatever the cache does meanwhile. */
bool cache_get(const char *key, int64_t version, struct cache_hit *hit);
void cache_release(struct cache_body *b); /* NULL does nothing */
/* Stores a copy of body; silently does nothing when it would not fit. */
void cache_put(const char *key, int64_t version, const char *body, size_t len,
               const char *content_type, const char *etag);
/* Bytes in use, hits and misses, for /metrics. */
size_t cache_bytes(void);
uint64_t cache_hits(void);
uint64_t cache_misses(void);

#endif
