/* Collation through ICU (collate.h), and a stable sort that uses it. */
#include "util/collate.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>

struct collator {
    UCollator *u;
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

struct sort_ctx {
    const collator *c;
    const char *rows;
    size_t size;
    int (*first)(const void *a, const void *b);
    const char *(*name)(const void *row);
};

static int order(const struct sort_ctx *s, size_t i, size_t j)
{
    const void *a = s->rows + i * s->size, *b = s->rows + j * s->size;
    int d = s->first ? s->first(a, b) : 0;
    if (d == 0 && s->name)
        d = collate_cmp(s->c, s->name(a), s->name(b));
    return d;
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
    if (!idx || !tmp || !copy)
        abort(); /* as the arena does: no caller could do better */
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    struct sort_ctx s = {c, rows, size, first, name};
    merge_sort(&s, idx, tmp, 0, n);
    memcpy(copy, rows, n * size);
    for (size_t i = 0; i < n; i++)
        memcpy((char *)rows + i * size, copy + idx[i] * size, size);
    free(copy);
    free(tmp);
    free(idx);
}
