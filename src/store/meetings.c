/* The SQL of an alliance's meetings (meetings.h). One literal statement per function, portable
 * to SQLite and PostgreSQL; the readers copy a row into the caller's arena. */
#include "store/meetings.h"
#include <string.h>

#define TEXT(col) arena_strdup(a, db_col_text(s, (col)))

static int one(db_stmt *s, arena *a, void (*read)(db_stmt *, arena *, void *), void *out)
{
    if (!s)
        return DB_ERR;
    int rc = db_step(s);
    if (rc == DB_ROW)
        read(s, a, out);
    db_done(s);
    return rc;
}

static int exec_ok(db_stmt *s)
{
    if (!s)
        return DB_ERR;
    int rc = db_exec(s);
    return rc == DB_DONE ? DB_OK : rc;
}

static int collect(db_stmt *s, arena *a, size_t size, void (*read)(db_stmt *, arena *, void *),
                   void *rows, size_t *n)
{
    void *p = NULL;
    int rc = db_collect(s, a, size, read, &p, n);
    memcpy(rows, &p, sizeof p);
    return rc;
}

static void bind_person(db_stmt *s, const char *name, int64_t id)
{
    if (id > 0)
        db_bind_int(s, name, id);
    else
        db_bind_null(s, name);
}

/* --- meetings -------------------------------------------------------------------------------- */

#define MEETING_COLS                                                                               \
    "m.id, m.seq, m.key, m.kind, m.title, m.date, m.status, cb.key, db.key, ap.key, aa.key, "      \
    "m.agenda_approved_on, ms.key, m.minutes_signed_on, m.minutes_distributed_on, cb.name, "       \
    "ms.name "
#define MEETING_JOINS                                                                              \
    "FROM meetings m LEFT JOIN people cb ON cb.id = m.chaired_by_id "                              \
    "LEFT JOIN people db ON db.id = m.delegated_by_id "                                            \
    "LEFT JOIN people ap ON ap.id = m.agenda_proposed_by_id "                                      \
    "LEFT JOIN people aa ON aa.id = m.agenda_approved_by_id "                                      \
    "LEFT JOIN people ms ON ms.id = m.minutes_signed_by_id "

static void read_meeting(db_stmt *s, arena *a, void *row)
{
    struct mt_meeting *m = row;
    m->id = db_col_int(s, 0);
    m->seq = db_col_int(s, 1);
    m->key = TEXT(2);
    m->kind = TEXT(3);
    m->title = TEXT(4);
    m->date = TEXT(5);
    m->status = TEXT(6);
    m->chaired_by = TEXT(7);
    m->delegated_by = TEXT(8);
    m->agenda_proposed_by = TEXT(9);
    m->agenda_approved_by = TEXT(10);
    m->agenda_approved_on = TEXT(11);
    m->minutes_signed_by = TEXT(12);
    m->minutes_signed_on = TEXT(13);
    m->minutes_distributed_on = TEXT(14);
    m->chaired_by_name = TEXT(15);
    m->minutes_signed_by_name = TEXT(16);
    m->minutes_text = NULL;
}

static void read_meeting_text(db_stmt *s, arena *a, void *row)
{
    read_meeting(s, a, row);
    ((struct mt_meeting *)row)->minutes_text = TEXT(17);
}

int st_mt_list(db *d, arena *a, int64_t alliance_id, struct mt_meeting **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT " MEETING_COLS MEETING_JOINS
                               "WHERE m.alliance_id = :a ORDER BY m.date, m.seq");
    if (s)
        db_bind_int(s, ":a", alliance_id);
    return collect(s, a, sizeof **rows, read_meeting, rows, n);
}

int st_mt_get(db *d, arena *a, int64_t alliance_id, const char *key, struct mt_meeting *out)
{
    db_stmt *s = db_prepare(d, "SELECT " MEETING_COLS ", m.minutes_text " MEETING_JOINS
                               "WHERE m.alliance_id = :a AND m.key = :key");
    if (s) {
        db_bind_int(s, ":a", alliance_id);
        db_bind_text(s, ":key", key);
    }
    return one(s, a, read_meeting_text, out);
}

int st_mt_max_id(db *d, int64_t *out)
{
    db_stmt *s = db_prepare(d, "SELECT MAX(id) FROM meetings");
    if (!s)
        return DB_ERR;
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *out = db_col_null(s, 0) ? 0 : db_col_int(s, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERR;
    }
    db_done(s);
    return rc;
}

int st_mt_insert(db *d, int64_t alliance_id, const struct mt_new *m, int64_t *id)
{
    db_stmt *s = db_prepare(
        d, "INSERT INTO meetings (alliance_id, seq, key, kind, title, date, status, chaired_by_id, "
           "delegated_by_id, agenda_proposed_by_id, agenda_approved_by_id, agenda_approved_on) "
           "VALUES (:a, (SELECT COALESCE(MAX(seq), -1) + 1 FROM meetings WHERE alliance_id = :a), "
           ":key, :kind, :title, :date, :status, :chair, :delegated, :proposed, :approved, "
           ":approved_on) RETURNING id");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":a", alliance_id);
    db_bind_text(s, ":key", m->key);
    db_bind_text(s, ":kind", m->kind);
    db_bind_text(s, ":title", m->title);
    db_bind_text(s, ":date", m->date);
    db_bind_text(s, ":status", m->status);
    bind_person(s, ":chair", m->chaired_by);
    bind_person(s, ":delegated", m->delegated_by);
    bind_person(s, ":proposed", m->agenda_proposed_by);
    bind_person(s, ":approved", m->agenda_approved_by);
    db_bind_text(s, ":approved_on", m->agenda_approved_on);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *id = db_col_int(s, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERR;
    }
    db_done(s);
    return rc;
}

int st_mt_agenda_item_insert(db *d, int64_t meeting_id, int64_t seq, const char *title, bool major)
{
    db_stmt *s = db_prepare(d, "INSERT INTO agenda_items (meeting_id, seq, title, major) "
                               "VALUES (:m, :seq, :title, :major)");
    if (s) {
        db_bind_int(s, ":m", meeting_id);
        db_bind_int(s, ":seq", seq);
        db_bind_text(s, ":title", title);
        db_bind_int(s, ":major", major ? 1 : 0);
    }
    return exec_ok(s);
}

int st_mt_set_status(db *d, int64_t meeting_id, const char *status)
{
    db_stmt *s = db_prepare(d, "UPDATE meetings SET status = :status WHERE id = :id");
    if (s) {
        db_bind_text(s, ":status", status);
        db_bind_int(s, ":id", meeting_id);
    }
    return exec_ok(s);
}

int st_mt_attendee_insert(db *d, int64_t meeting_id, int64_t seq, int64_t person_id)
{
    db_stmt *s = db_prepare(d, "INSERT INTO attendees (meeting_id, seq, person_id) "
                               "VALUES (:m, :seq, :p)");
    if (s) {
        db_bind_int(s, ":m", meeting_id);
        db_bind_int(s, ":seq", seq);
        db_bind_int(s, ":p", person_id);
    }
    return exec_ok(s);
}

int st_mt_decision_insert(db *d, int64_t meeting_id, int64_t seq, const char *key, const char *text,
                          bool major)
{
    db_stmt *s = db_prepare(d, "INSERT INTO decisions (meeting_id, seq, key, text, major) "
                               "VALUES (:m, :seq, :key, :text, :major)");
    if (s) {
        db_bind_int(s, ":m", meeting_id);
        db_bind_int(s, ":seq", seq);
        db_bind_text(s, ":key", key);
        db_bind_text(s, ":text", text);
        db_bind_int(s, ":major", major ? 1 : 0);
    }
    return exec_ok(s);
}

int st_mt_set_minutes(db *d, int64_t meeting_id, const char *text, int64_t signed_by,
                      const char *signed_on, const char *distributed_on)
{
    db_stmt *s = db_prepare(d, "UPDATE meetings SET minutes_text = :text, "
                               "minutes_signed_by_id = :by, minutes_signed_on = :on, "
                               "minutes_distributed_on = :dist WHERE id = :id");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":text", text);
    bind_person(s, ":by", signed_by);
    db_bind_text(s, ":on", signed_on);
    db_bind_text(s, ":dist", distributed_on);
    db_bind_int(s, ":id", meeting_id);
    int rc = exec_ok(s);
    if (rc != DB_OK)
        return rc;
    s = db_prepare(d, "DELETE FROM minutes_recipients WHERE meeting_id = :m");
    if (s)
        db_bind_int(s, ":m", meeting_id);
    return exec_ok(s);
}

int st_mt_recipient_insert(db *d, int64_t meeting_id, int64_t seq, int64_t person_id)
{
    db_stmt *s = db_prepare(d, "INSERT INTO minutes_recipients (meeting_id, seq, person_id) "
                               "VALUES (:m, :seq, :p)");
    if (s) {
        db_bind_int(s, ":m", meeting_id);
        db_bind_int(s, ":seq", seq);
        db_bind_int(s, ":p", person_id);
    }
    return exec_ok(s);
}

/* --- the lines of a meeting ------------------------------------------------------------------ */

static void read_item(db_stmt *s, arena *a, void *row)
{
    struct mt_item *x = row;
    x->seq = db_col_int(s, 0);
    x->key = TEXT(1);
    x->text = TEXT(2);
    x->major = !db_col_null(s, 3) && db_col_int(s, 3) != 0;
}

int st_mt_agenda_items(db *d, arena *a, int64_t meeting_id, struct mt_item **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT seq, NULL, title, major FROM agenda_items "
                               "WHERE meeting_id = :m ORDER BY seq");
    if (s)
        db_bind_int(s, ":m", meeting_id);
    return collect(s, a, sizeof **rows, read_item, rows, n);
}

int st_mt_attendees(db *d, arena *a, int64_t meeting_id, struct mt_item **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT x.seq, p.key, p.name, NULL FROM attendees x "
                               "JOIN people p ON p.id = x.person_id "
                               "WHERE x.meeting_id = :m ORDER BY x.seq");
    if (s)
        db_bind_int(s, ":m", meeting_id);
    return collect(s, a, sizeof **rows, read_item, rows, n);
}

int st_mt_decisions(db *d, arena *a, int64_t meeting_id, struct mt_item **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT seq, key, text, major FROM decisions "
                               "WHERE meeting_id = :m ORDER BY seq");
    if (s)
        db_bind_int(s, ":m", meeting_id);
    return collect(s, a, sizeof **rows, read_item, rows, n);
}

int st_mt_recipients(db *d, arena *a, int64_t meeting_id, struct mt_item **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT x.seq, p.key, p.name, NULL FROM minutes_recipients x "
                               "JOIN people p ON p.id = x.person_id "
                               "WHERE x.meeting_id = :m ORDER BY x.seq");
    if (s)
        db_bind_int(s, ":m", meeting_id);
    return collect(s, a, sizeof **rows, read_item, rows, n);
}

int st_mt_lines(db *d, arena *a, int64_t meeting_id, struct mt_lines *out)
{
    int rc = st_mt_agenda_items(d, a, meeting_id, &out->items, &out->nitems);
    if (rc == DB_OK)
        rc = st_mt_attendees(d, a, meeting_id, &out->attended, &out->nattended);
    if (rc == DB_OK)
        rc = st_mt_decisions(d, a, meeting_id, &out->decisions, &out->ndecisions);
    if (rc == DB_OK)
        rc = st_mt_recipients(d, a, meeting_id, &out->recipients, &out->nrecipients);
    return rc;
}

/* --- people ---------------------------------------------------------------------------------- */

static void read_person(db_stmt *s, arena *a, void *row)
{
    struct mt_person *p = row;
    p->id = db_col_int(s, 0);
    p->key = TEXT(1);
    p->name = TEXT(2);
}

int st_mt_person(db *d, arena *a, const char *key, struct mt_person *out)
{
    db_stmt *s = db_prepare(d, "SELECT id, key, name FROM people WHERE key = :key");
    if (s)
        db_bind_text(s, ":key", key);
    return one(s, a, read_person, out);
}

int st_mt_post_holders(db *d, arena *a, int64_t alliance_id, struct mt_person **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT pe.id, pe.key, pe.name FROM people pe "
                               "WHERE pe.id IN (SELECT p.person_id FROM posts p "
                               "JOIN bodies b ON b.id = p.body_id WHERE b.alliance_id = :a) "
                               "ORDER BY pe.id");
    if (s)
        db_bind_int(s, ":a", alliance_id);
    return collect(s, a, sizeof **rows, read_person, rows, n);
}

static void read_post(db_stmt *s, arena *a, void *row)
{
    const char **p = row;
    *p = arena_printf(a, "%s/%s", db_col_text(s, 0), db_col_text(s, 1));
}

int st_mt_posts_on(db *d, arena *a, int64_t alliance_id, const char *person_key, const char *date,
                   const char ***posts, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT b.kind, p.role FROM posts p "
                               "JOIN bodies b ON b.id = p.body_id "
                               "JOIN people pe ON pe.id = p.person_id "
                               "WHERE b.alliance_id = :a AND pe.key = :person "
                               "AND p.from_date <= :date AND (p.to_date IS NULL OR "
                               "p.to_date >= :date) ORDER BY b.seq, p.seq");
    if (s) {
        db_bind_int(s, ":a", alliance_id);
        db_bind_text(s, ":person", person_key);
        db_bind_text(s, ":date", date);
    }
    return collect(s, a, sizeof **posts, read_post, posts, n);
}
