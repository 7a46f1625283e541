/* Collation through ICU (collate.h), and a stable sort that uses it. */
#include "util/collate.h"
#include "util/hash.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

struct collator {
    UCollator *u;
    enum collation how;
};

collator *collate_open(enum collation how)
{
    UErrorCode st = U_ZERO_ERROR;
    UCollator *u = ucol_open(how == COLLATE_STROKE ? "zh@collation=stroke" : "zh", &st);
    if (U_FAILURE(st) || !u) {
        if (u)
            ucol_close(u);
        return NULL;
    }
    collator *c = malloc(sizeof *c);
    if (!c) {
        ucol_close(u);
        return NULL;
    }
    c->u = u;
    c->how = how;
    return c;
}

void collate_close(collator *c)
{
    if (!c)
        return;
    ucol_close(c->u);
    free(c);
}

int collate_cmp(const collator *c, const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    if (c) {
        UErrorCode st = U_ZERO_ERROR;
        UCollationResult r = ucol_strcollUTF8(c->u, a, -1, b, -1, &st);
        if (U_SUCCESS(st)) {
            if (r != UCOL_EQUAL)
                return r == UCOL_LESS ? -1 : 1;
            /* Equal to the collator (full-width and half-width forms, say): byte order decides,
             * so the order never depends on the input's order. */
        }
    }
    return strcmp(a, b);
}

/* A row's ICU sort key: comparing two keys bytewise orders as ucol_strcoll() does, so a sort
 * computes each name's key once instead of collating each pair it compares (n keys instead of
 * n log n comparisons, each of which walks both strings again). */
struct key {
    const uint8_t *bytes; /* NULL: no key (a NULL name, or no collator); then byte order */
    size_t len;
};

/* The keys of one sort, end to end; rows refer to them by offset while the pool still grows. */
struct pool {
    uint8_t *data;
    size_t used, cap;
};

static uint8_t *pool_reserve(struct pool *p, size_t n)
{
    if (n > p->cap - p->used) {
        while (n > p->cap - p->used)
            p->cap = p->cap ? 2 * p->cap : 4096;
        p->data = realloc(p->data, p->cap);
        if (!p->data)
            abort(); /* as the arena does: no caller could do better */
    }
    return p->data + p->used;
}

/* Keys of names seen before, per thread: the same organisations are listed on every page, and
 * computing a key costs more than everything else about a row. Direct-mapped (a name that hashes
 * to a taken slot replaces its holder), so it stays bounded and needs no eviction; per thread, so
 * it needs no lock. Freed when the thread ends. */
#define MEMO_SLOTS 8192
struct memo_slot {
    char *name; /* NULL: empty */
    enum collation how;
    uint8_t *key;
    size_t len;
};
static pthread_key_t memo_tls;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;

static void memo_free(void *p)
{
    struct memo_slot *m = p;
    for (size_t i = 0; i < MEMO_SLOTS; i++) {
        free(m[i].name);
        free(m[i].key);
    }
    free(m);
}

static void memo_init(void)
{
    if (pthread_key_create(&memo_tls, memo_free) != 0)
        abort();
}

static struct memo_slot *memo_slot(enum collation how, const char *s)
{
    pthread_once(&memo_once, memo_init);
    struct memo_slot *m = pthread_getspecific(memo_tls);
    if (!m) {
        m = calloc(MEMO_SLOTS, sizeof *m);
        if (!m || pthread_setspecific(memo_tls, m) != 0)
            abort();
    }
    uint64_t h = hash_bytes(HASH_INIT ^ (uint64_t)how, s, strlen(s));
    return &m[h % MEMO_SLOTS];
}

/* Computes the key of UTF-8 s into the pool; its length, or 0 when ICU fails (then byte order). */
static size_t compute_key(const collator *c, const char *s, struct pool *p)
{
    UChar small[256], *u = small;
    int32_t ulen;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(small, 256, &ulen, s, -1, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        u = malloc(((size_t)ulen + 1) * sizeof *u);
        if (!u)
            abort();
        st = U_ZERO_ERROR;
        u_strFromUTF8(u, ulen + 1, NULL, s, -1, &st);
    }
    int32_t want = 0;
    if (U_SUCCESS(st)) {
        /* Preflight with what room there is; a second call when it was too little. */
        uint8_t *at = pool_reserve(p, 64);
        want = ucol_getSortKey(c->u, u, ulen, at, (int32_t)(p->cap - p->used));
        if (want > 0 && (size_t)want > p->cap - p->used) {
            at = pool_reserve(p, (size_t)want);
            want = ucol_getSortKey(c->u, u, ulen, at, (int32_t)(p->cap - p->used));
        }
    }
    if (u != small)
        free(u);
    return want > 0 ? (size_t)want : 0;
}

/* Appends the key of s to the pool, from the memo or computed (and remembered); its length, or 0
 * when there is none. */
static size_t sort_key(const collator *c, const char *s, struct pool *p)
{
    struct memo_slot *m = memo_slot(c->how, s);
    if (m->name && m->how == c->how && strcmp(m->name, s) == 0) {
        memcpy(pool_reserve(p, m->len), m->key, m->len);
        return m->len;
    }
    size_t len = compute_key(c, s, p);
    if (len == 0)
        return 0;
    char *name = strdup(s);
    uint8_t *key = malloc(len);
    if (!name || !key)
        abort();
    memcpy(key, p->data + p->used, len);
    free(m->name);
    free(m->key);
    *m = (struct memo_slot){name, c->how, key, len};
    return len;
}

struct sort_ctx {
    const char *rows;
    size_t size;
    int (*first)(const void *a, const void *b);
    const char *(*name)(const void *row);
    const struct key *keys;
};

static int order(const struct sort_ctx *s, size_t i, size_t j)
{
    const void *a = s->rows + i * s->size, *b = s->rows + j * s->size;
    int d = s->first ? s->first(a, b) : 0;
    if (d != 0 || !s->name)
        return d;
    const struct key *x = &s->keys[i], *y = &s->keys[j];
    if (x->bytes && y->bytes) {
        /* A key ends with a zero byte, so neither is a prefix of the other unless equal. */
        d = memcmp(x->bytes, y->bytes, x->len < y->len ? x->len : y->len);
        if (d == 0)
            d = (x->len > y->len) - (x->len < y->len);
        if (d != 0)
            return d;
    }
    /* Equal to the collator, or no keys: as collate_cmp() does. */
    return collate_cmp(NULL, s->name(a), s->name(b));
}

/* Merge sort of the index array idx[lo, hi) through tmp: stable, O(n log n) comparisons. */
static void merge_sort(const struct sort_ctx *s, size_t *idx, size_t *tmp, size_t lo, size_t hi)
{
    if (hi - lo < 2)
        return;
    size_t mid = lo + (hi - lo) / 2;
    merge_sort(s, idx, tmp, lo, mid);
    merge_sort(s, idx, tmp, mid, hi);
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        tmp[k++] = order(s, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
    while (i < mid)
        tmp[k++] = idx[i++];
    while (j < hi)
        tmp[k++] = idx[j++];
    memcpy(idx + lo, tmp + lo, (hi - lo) * sizeof *idx);
}

void collate_sort(const collator *c, void *rows, size_t n, size_t size,
                  int (*first)(const void *a, const void *b), const char *(*name)(const void *row))
{
    if (n < 2)
        return;
    size_t *idx = malloc(n * sizeof *idx), *tmp = malloc(n * sizeof *tmp);
    char *copy = malloc(n * size);
    struct key *keys = calloc(n, sizeof *keys);
    size_t *offs = malloc(n * sizeof *offs);
    if (!idx || !tmp || !copy || !keys || !offs)
        abort(); /* as the arena does: no caller could do better */
    struct pool pool = {0};
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        const char *nm = name && c ? name((char *)rows + i * size) : NULL;
        offs[i] = pool.used;
        keys[i].len = nm ? sort_key(c, nm, &pool) : 0;
        pool.used += keys[i].len;
    }
    for (size_t i = 0; i < n; i++)
        keys[i].bytes = keys[i].len ? pool.data + offs[i] : NULL;
    struct sort_ctx s = {rows, size, first, name, keys};
    merge_sort(&s, idx, tmp, 0, n);
    memcpy(copy, rows, n * size);
    for (size_t i = 0; i < n; i++)
        memcpy((char *)rows + i * size, copy + idx[i] * size, size);
    free(pool.data);
    free(offs);
    free(keys);
    free(copy);
    free(tmp);
    free(idx);
}
