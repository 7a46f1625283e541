/* store/public.h: the read queries of what anyone may see without signing in (第十七条): the
 * published news of alliances, and the current member organisations of an alliance by name.
 *
 * "Published" is decided here once, in the SQL of every query: status `published`, a
 * published_on not after `today`, and an alliance that exists in public (active, dissolving or
 * dissolved; never proposed or rejected). Conventions as in register.h: strings are copied into
 * the caller's arena, *rows is an arena array; "get" answers DB_ROW when found and DB_DONE when
 * not; anything else is a negative enum db_rc. */
#ifndef LH_STORE_PUBLIC_H
#define LH_STORE_PUBLIC_H
#include "store/db.h"
#include "util/arena.h"
#include <stddef.h>
#include <stdint.h>

struct pub_news {
    const char *alliance, *alliance_name, *alliance_status; /* the alliance's key, name, status */
    const char *key, *title, *published_on;
    const char *text; /* Markdown; NULL in the lists without text */
};

/* Every published item, newest first; without the text. */
int st_pub_news(db *d, arena *a, const char *today, struct pub_news **rows, size_t *n);
/* The 50 newest published items, with their text: the Atom feed. */
int st_pub_news_feed(db *d, arena *a, const char *today, struct pub_news **rows, size_t *n);
/* The published items of one alliance, newest first; without the text. */
int st_pub_news_of(db *d, arena *a, int64_t alliance_id, const char *today, struct pub_news **rows,
                   size_t *n);
/* The published item of that alliance key and news key, with its text. */
int st_pub_news_get(db *d, arena *a, const char *alliance, const char *key, const char *today,
                    struct pub_news *out);

/* The names of the alliance's current member organisations (joined by `today`, not left), as
 * stored (the caller orders them). */
int st_pub_member_names(db *d, arena *a, int64_t alliance_id, const char *today,
                        const char ***names, size_t *n);

#endif
