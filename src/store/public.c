/* The public read queries (public.h). One literal statement per function. */
#include "store/public.h"

#define TEXT(col) arena_strdup(a, db_col_text(s, (col)))

/* What every query of news shares: the columns and the rule of what is published (第十七条:
 * only reviewed and published items leave the alliance; a future date is not published yet). */
#define NEWS_COLS "a.key, a.name, a.status, n.key, n.title, n.published_on "
#define NEWS_FROM                                                                                  \
    "FROM news n JOIN alliances a ON a.id = n.alliance_id WHERE n.status = 'published' "           \
    "AND n.published_on IS NOT NULL AND n.published_on <= :today "                                 \
    "AND a.status IN ('active', 'dissolving', 'dissolved') "
#define NEWS_ORDER "ORDER BY n.published_on DESC, a.id, n.seq DESC"

static void read_news(db_stmt *s, arena *a, void *row)
{
    struct pub_news *r = row;
    r->alliance = TEXT(0);
    r->alliance_name = TEXT(1);
    r->alliance_status = TEXT(2);
    r->key = TEXT(3);
    r->title = TEXT(4);
    r->published_on = TEXT(5);
    r->text = NULL;
}

static void read_news_text(db_stmt *s, arena *a, void *row)
{
    read_news(s, a, row);
    ((struct pub_news *)row)->text = TEXT(6);
}

static int collect(db_stmt *s, arena *a, void (*read)(db_stmt *, arena *, void *),
                   struct pub_news **rows, size_t *n)
{
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read, &p, n);
    *rows = p;
    return rc;
}

int st_pub_news(db *d, arena *a, const char *today, struct pub_news **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT " NEWS_COLS NEWS_FROM NEWS_ORDER);
    if (s)
        db_bind_text(s, ":today", today);
    return collect(s, a, read_news, rows, n);
}

int st_pub_news_feed(db *d, arena *a, const char *today, struct pub_news **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT " NEWS_COLS ", n.text " NEWS_FROM NEWS_ORDER " LIMIT 50");
    if (s)
        db_bind_text(s, ":today", today);
    return collect(s, a, read_news_text, rows, n);
}

int st_pub_news_of(db *d, arena *a, int64_t alliance_id, const char *today, struct pub_news **rows,
                   size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT " NEWS_COLS NEWS_FROM "AND a.id = :id " NEWS_ORDER);
    if (s) {
        db_bind_text(s, ":today", today);
        db_bind_int(s, ":id", alliance_id);
    }
    return collect(s, a, read_news, rows, n);
}

int st_pub_news_get(db *d, arena *a, const char *alliance, const char *key, const char *today,
                    struct pub_news *out)
{
    db_stmt *s = db_prepare(d, "SELECT " NEWS_COLS ", n.text " NEWS_FROM
                               "AND a.key = :alliance AND n.key = :key");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":today", today);
    db_bind_text(s, ":alliance", alliance);
    db_bind_text(s, ":key", key);
    int rc = db_step(s);
    if (rc == DB_ROW)
        read_news_text(s, a, out);
    db_done(s);
    return rc;
}

static void read_name(db_stmt *s, arena *a, void *row)
{
    *(const char **)row = TEXT(0);
}

int st_pub_member_names(db *d, arena *a, int64_t alliance_id, const char *today,
                        const char ***names, size_t *n)
{
    db_stmt *s = db_prepare(
        d, "SELECT o.name FROM members m JOIN organisations o ON o.id = m.organisation_id "
           "WHERE m.alliance_id = :id AND m.joined_on <= :today "
           "AND (m.left_on IS NULL OR m.left_on > :today) ORDER BY m.seq");
    if (s) {
        db_bind_int(s, ":id", alliance_id);
        db_bind_text(s, ":today", today);
    }
    void *p;
    int rc = db_collect(s, a, sizeof **names, read_name, &p, n);
    *names = p;
    return rc;
}
