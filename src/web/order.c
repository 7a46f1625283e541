/* List order shared by pages and API (order.h). */
#include "web/order.h"
#include "util/collate.h"
#include <string.h>

static int by_group(const void *a, const void *b)
{
    int64_t x = ((const struct ordered *)a)->group, y = ((const struct ordered *)b)->group;
    return (x > y) - (x < y);
}

static const char *ordered_name(const void *row)
{
    return ((const struct ordered *)row)->name;
}

void order_rows(struct ordered *o, size_t n)
{
    collator *c = collate_open(COLLATE_STROKE);
    collate_sort(c, o, n, sizeof *o, by_group, ordered_name);
    collate_close(c);
}

struct ordered *order_members(arena *a, const struct v_member *m, size_t n, const char *today)
{
    struct ordered *o = arena_alloc(a, (n ? n : 1) * sizeof *o);
    for (size_t i = 0; i < n; i++)
        o[i] = (struct ordered){m[i].left_on && strcmp(m[i].left_on, today) <= 0, m[i].org_name,
                                &m[i]};
    order_rows(o, n);
    return o;
}
