/* Direct-mapped: a key hashes to one slot, guarded by one of a few striped locks. Simple, bounded,
 * and good enough for a working set of pages that is small next to the slot count. */
#include "web/cache.h"
#include "util/hash.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024
#define LOCKS 32

/* A body is shared by its slot and by the responses being sent from it, so a hit hands
 * libmicrohttpd the cached bytes themselves instead of a copy; the last holder frees it. */
struct cache_body {
    _Atomic size_t refs;
    size_t len;
    char data[];
};

struct entry {
    char *key;
    int64_t version;
    struct cache_body *body;
    size_t len;
    const char *content_type;
    char etag[24];
};

static struct entry slots[SLOTS];
static pthread_mutex_t locks[LOCKS];
static size_t limit;
static _Atomic size_t used;
static _Atomic uint64_t hits, misses;

uint64_t cache_hits(void)
{
    return atomic_load_explicit(&hits, memory_order_relaxed);
}

uint64_t cache_misses(void)
{
    return atomic_load_explicit(&misses, memory_order_relaxed);
}

void cache_init(size_t max_bytes)
{
    limit = max_bytes;
    for (int i = 0; i < LOCKS; i++)
        pthread_mutex_init(&locks[i], NULL);
}

void cache_release(struct cache_body *b)
{
    if (b && atomic_fetch_sub(&b->refs, 1) == 1)
        free(b);
}

static void clear(struct entry *e)
{
    if (e->key)
        atomic_fetch_sub(&used, e->len + strlen(e->key));
    free(e->key);
    cache_release(e->body);
    memset(e, 0, sizeof *e);
}

void cache_free(void)
{
    for (int i = 0; i < SLOTS; i++)
        clear(&slots[i]);
    for (int i = 0; i < LOCKS; i++)
        pthread_mutex_destroy(&locks[i]);
    limit = 0;
}

bool cache_enabled(void)
{
    return limit > 0;
}

size_t cache_bytes(void)
{
    return atomic_load(&used);
}

static size_t slot_of(const char *key)
{
    return (size_t)(hash_str(key) % SLOTS);
}

bool cache_get(const char *key, int64_t version, struct cache_hit *hit)
{
    if (!limit)
        return false;
    size_t i = slot_of(key);
    pthread_mutex_t *m = &locks[i % LOCKS];
    bool found = false;
    pthread_mutex_lock(m);
    struct entry *e = &slots[i];
    if (e->key && e->version == version && strcmp(e->key, key) == 0) {
        atomic_fetch_add(&e->body->refs, 1);
        hit->body = e->body;
        hit->data = e->body->data;
        hit->len = e->body->len;
        hit->content_type = e->content_type;
        memcpy(hit->etag, e->etag, sizeof hit->etag);
        found = true;
    }
    pthread_mutex_unlock(m);
    atomic_fetch_add_explicit(found ? &hits : &misses, 1, memory_order_relaxed);
    return found;
}

void cache_put(const char *key, int64_t version, const char *body, size_t len,
               const char *content_type, const char *etag)
{
    size_t size = len + strlen(key);
    /* One response may take at most an eighth of the cache, so a few big ones cannot crowd out
     * everything else. */
    if (!limit || size > limit / 8)
        return;
    char *k = strdup(key);
    struct cache_body *b = malloc(sizeof *b + (len ? len : 1));
    if (!k || !b) {
        free(k);
        free(b);
        return;
    }
    atomic_init(&b->refs, 1);
    b->len = len;
    memcpy(b->data, body, len);
    size_t i = slot_of(key);
    pthread_mutex_t *m = &locks[i % LOCKS];
    pthread_mutex_lock(m);
    struct entry *e = &slots[i];
    clear(e);
    if (atomic_load(&used) + size > limit) {
        pthread_mutex_unlock(m);
        free(k);
        free(b);
        return;
    }
    *e = (struct entry){
        .key = k, .version = version, .body = b, .len = len, .content_type = content_type};
    memcpy(e->etag, etag, sizeof e->etag);
    e->etag[sizeof e->etag - 1] = '\0';
    atomic_fetch_add(&used, size);
    pthread_mutex_unlock(m);
}
