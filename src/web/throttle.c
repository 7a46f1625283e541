/* Failed sign-ins per client address (throttle.h): a token bucket per address, whose tokens are
 * the failures it may still have; they refill at failures/window per second up to failures. */
#include "web/throttle.h"
#include "util/hash.h"
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define SLOTS       4096
#define LOCKS       16
#define ADDRESS_MAX 64 /* an IPv6 address in text is at most 45 characters */

struct bucket {
    char address[ADDRESS_MAX]; /* "": empty */
    double tokens, at;         /* tokens as of time `at` */
};

static struct bucket slots[SLOTS];
static pthread_mutex_t locks[LOCKS];
static unsigned capacity;

void throttle_init(unsigned failures)
{
    capacity = failures;
    memset(slots, 0, sizeof slots);
    for (int i = 0; i < LOCKS; i++)
        pthread_mutex_init(&locks[i], NULL);
}

static size_t slot_of(const char *address)
{
    return (size_t)(hash_str(address) % SLOTS);
}

/* The address's bucket, refilled up to now; a new one (full) when the slot held another. Called
 * with the slot's lock held. */
static struct bucket *bucket_of(const char *address, size_t i, double now)
{
    struct bucket *b = &slots[i];
    if (strncmp(b->address, address, sizeof b->address) != 0) {
        memset(b, 0, sizeof *b);
        strncpy(b->address, address, sizeof b->address - 1);
        b->tokens = capacity;
        b->at = now;
        return b;
    }
    double rate = capacity / THROTTLE_WINDOW_SECONDS;
    if (now > b->at) {
        b->tokens += (now - b->at) * rate;
        if (b->tokens > capacity)
            b->tokens = capacity;
        b->at = now;
    }
    return b;
}

bool throttle_allows(const char *address, double now, unsigned *retry_after)
{
    if (!capacity || !address)
        return true;
    size_t i = slot_of(address);
    pthread_mutex_lock(&locks[i % LOCKS]);
    struct bucket *b = bucket_of(address, i, now);
    bool ok = b->tokens >= 1.0;
    if (!ok) {
        double wait = (1.0 - b->tokens) * THROTTLE_WINDOW_SECONDS / capacity;
        *retry_after = (unsigned)wait + 1;
    }
    pthread_mutex_unlock(&locks[i % LOCKS]);
    return ok;
}

void throttle_failed(const char *address, double now)
{
    if (!capacity || !address)
        return;
    size_t i = slot_of(address);
    pthread_mutex_lock(&locks[i % LOCKS]);
    struct bucket *b = bucket_of(address, i, now);
    b->tokens = b->tokens >= 1.0 ? b->tokens - 1.0 : 0.0;
    pthread_mutex_unlock(&locks[i % LOCKS]);
}
