/* The order of lists of people and organisations, shared by the pages and the API so that both
 * list the same rows in the same order: an optional group first (current members before those who
 * left), then the name in stroke order (util/collate.h), else as read (the sort is stable). */
#ifndef LH_ORDER_H
#define LH_ORDER_H
#include "store/views.h"
#include "util/arena.h"
#include <stddef.h>
#include <stdint.h>

/* A row to be ordered: by group first, then by name in stroke order, else as read. */
struct ordered {
    int64_t group;
    const char *name;
    const void *row;
};

/* Sorts o in place: by group, then by name in stroke order; stable. */
void order_rows(struct ordered *o, size_t n);

/* An alliance's members as the members tab and GET /api/v1/alliances/{key}/members list them:
 * current members first (not left by `today`, YYYY-MM-DD), then those who left; each part in
 * stroke order of the organisation's name. Returns an arena array of n entries whose .row points
 * into m. */
struct ordered *order_members(arena *a, const struct v_member *m, size_t n, const char *today);

#endif
