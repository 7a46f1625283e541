/* Open addressing with linear probing, FNV-1a hashes, grown at 3/4 full. Old tables stay in the
 * arena until it is freed: maps live as long as one import or export. */
#include "dataset/keymap.h"
#include "util/hash.h"
#include <string.h>

struct slot {
    const char *key; /* NULL: empty */
    uint64_t hash;
    int64_t value;
};

struct keymap {
    arena *a;
    struct slot *slots;
    size_t cap, n; /* cap is a power of two */
};

keymap *keymap_new(arena *a)
{
    keymap *m = arena_alloc(a, sizeof *m);
    m->a = a;
    m->cap = 64;
    m->slots = arena_alloc(a, m->cap * sizeof *m->slots);
    return m;
}

static struct slot *find(const keymap *m, const char *key, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

static void grow(keymap *m)
{
    struct slot *old = m->slots;
    size_t oldcap = m->cap;
    m->cap *= 2;
    m->slots = arena_alloc(m->a, m->cap * sizeof *m->slots);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key)
            *find(m, old[i].key, old[i].hash) = old[i];
}

bool keymap_add(keymap *m, const char *key, int64_t value, int64_t *old)
{
    if ((m->n + 1) * 4 > m->cap * 3)
        grow(m);
    uint64_t h = hash_str(key);
    struct slot *s = find(m, key, h);
    if (s->key) {
        if (old)
            *old = s->value;
        return false;
    }
    *s = (struct slot){key, h, value};
    m->n++;
    return true;
}

void keymap_set(keymap *m, const char *key, int64_t value)
{
    if (!keymap_add(m, key, value, NULL))
        find(m, key, hash_str(key))->value = value;
}

bool keymap_get(const keymap *m, const char *key, int64_t *value)
{
    const struct slot *s = find(m, key, hash_str(key));
    if (!s->key)
        return false;
    if (value)
        *value = s->value;
    return true;
}
