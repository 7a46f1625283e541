/* The SQL of the alliance register and its approval workflow (register.h). One literal statement
 * per function; the readers beside them copy a row into the caller's arena. Portable SQL only:
 * no string aggregation (charter drafters are joined in C), no SQLite-only functions. */
#include "store/register.h"
#include <string.h>

#define TEXT(col) arena_strdup(a, db_col_text(s, (col)))

/* Steps s once: DB_ROW after reading the row with read, else DB_DONE or an error. */
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

/* A statement whose one row holds one integer (RETURNING id, max(id), ...). */
static int one_int(db_stmt *s, int64_t *out)
{
    if (!s)
        return DB_ERR;
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *out = db_col_null(s, 0) ? 0 : db_col_int(s, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERR; /* these statements always answer a row */
    }
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

/* --- jurisdictions --------------------------------------------------------------------------- */

static void read_jurisdiction(db_stmt *s, arena *a, void *row)
{
    struct rg_jurisdiction *r = row;
    r->id = db_col_int(s, 0);
    r->key = TEXT(1);
    r->name = TEXT(2);
    r->short_name = TEXT(3);
    r->min_initiators = db_col_null(s, 4) ? -1 : db_col_int(s, 4);
}

int st_rg_jurisdiction(db *d, arena *a, const char *key, struct rg_jurisdiction *out)
{
    db_stmt *s = db_prepare(d, "SELECT id, key, name, short_name, params_min_initiators "
                               "FROM jurisdictions WHERE key = :key");
    if (s)
        db_bind_text(s, ":key", key);
    return one(s, a, read_jurisdiction, out);
}

int st_rg_jurisdictions(db *d, arena *a, struct rg_jurisdiction **rows, size_t *n)
{
    void *p;
    int rc = db_collect(db_prepare(d, "SELECT id, key, name, short_name, params_min_initiators "
                                      "FROM jurisdictions ORDER BY id"),
                        a, sizeof **rows, read_jurisdiction, &p, n);
    *rows = p;
    return rc;
}

/* --- organisations --------------------------------------------------------------------------- */

#define ORG_COLS "id, key, name, kind, uscc, english_name FROM organisations "

static void read_org(db_stmt *s, arena *a, void *row)
{
    struct rg_org *r = row;
    r->id = db_col_int(s, 0);
    r->key = TEXT(1);
    r->name = TEXT(2);
    r->kind = TEXT(3);
    r->uscc = TEXT(4);
    r->english_name = TEXT(5);
}

int st_rg_org_by_key(db *d, arena *a, const char *key, struct rg_org *out)
{
    db_stmt *s = db_prepare(d, "SELECT " ORG_COLS "WHERE key = :key");
    if (s)
        db_bind_text(s, ":key", key);
    return one(s, a, read_org, out);
}

int st_rg_org_by_name(db *d, arena *a, const char *name, struct rg_org *out)
{
    db_stmt *s = db_prepare(d, "SELECT " ORG_COLS "WHERE name = :name");
    if (s)
        db_bind_text(s, ":name", name);
    return one(s, a, read_org, out);
}

int st_rg_org_insert(db *d, const struct rg_org *o, int64_t *id)
{
    db_stmt *s = db_prepare(d, "INSERT INTO organisations (key, name, kind, uscc, english_name) "
                               "VALUES (:key, :name, :kind, :uscc, :english_name) RETURNING id");
    if (s) {
        db_bind_text(s, ":key", o->key);
        db_bind_text(s, ":name", o->name);
        db_bind_text(s, ":kind", o->kind);
        db_bind_text(s, ":uscc", o->uscc);
        db_bind_text(s, ":english_name", o->english_name);
    }
    return one_int(s, id);
}

int st_rg_orgs(db *d, arena *a, struct rg_org **rows, size_t *n)
{
    void *p;
    int rc = db_collect(db_prepare(d, "SELECT " ORG_COLS "ORDER BY id"), a, sizeof **rows, read_org,
                        &p, n);
    *rows = p;
    return rc;
}

int st_rg_org_max_id(db *d, int64_t *out)
{
    return one_int(db_prepare(d, "SELECT max(id) FROM organisations"), out);
}

/* --- alliances ------------------------------------------------------------------------------- */

/* The counts are subqueries per alliance, not joins over every alliance's members: a page
 * showing one alliance must not count the members of all of them. */
#define ALLIANCE_COLS                                                                              \
    "a.id, a.key, a.name, a.status, j.key, j.name, j.short_name, a.established_date, "             \
    "a.established_by, a.established_ref, a.dissolved_date, a.dissolved_by, a.dissolved_ref, "     \
    "(SELECT COUNT(*) FROM members m WHERE m.alliance_id = a.id AND m.joined_on <= :today "        \
    "AND (m.left_on IS NULL OR m.left_on > :today)), "                                             \
    "(SELECT COALESCE(MAX(c.version), 0) FROM charters c WHERE c.alliance_id = a.id "              \
    "AND c.approved_date IS NOT NULL) FROM alliances a "                                           \
    "JOIN jurisdictions j ON j.id = a.jurisdiction_id "

static void read_alliance(db_stmt *s, arena *a, void *row)
{
    struct rg_alliance *r = row;
    r->id = db_col_int(s, 0);
    r->key = TEXT(1);
    r->name = TEXT(2);
    r->status = TEXT(3);
    r->jurisdiction = TEXT(4);
    r->jurisdiction_name = TEXT(5);
    r->jurisdiction_short = TEXT(6);
    r->established_date = TEXT(7);
    r->established_by = TEXT(8);
    r->established_ref = TEXT(9);
    r->dissolved_date = TEXT(10);
    r->dissolved_by = TEXT(11);
    r->dissolved_ref = TEXT(12);
    r->members = db_col_int(s, 13);
    r->charter_version = db_col_int(s, 14);
}

int st_rg_alliance(db *d, arena *a, const char *key, const char *today, struct rg_alliance *out)
{
    db_stmt *s = db_prepare(d, "SELECT " ALLIANCE_COLS "WHERE a.key = :key");
    if (s) {
        db_bind_text(s, ":key", key);
        db_bind_text(s, ":today", today);
    }
    return one(s, a, read_alliance, out);
}

int st_rg_alliances(db *d, arena *a, const char *today, struct rg_alliance **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT " ALLIANCE_COLS "ORDER BY a.id");
    if (s)
        db_bind_text(s, ":today", today);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_alliance, &p, n);
    *rows = p;
    return rc;
}

int st_rg_alliance_max_id(db *d, int64_t *out)
{
    return one_int(db_prepare(d, "SELECT max(id) FROM alliances"), out);
}

int st_rg_alliance_insert(db *d, const char *key, int64_t jurisdiction_id, const char *name,
                          const char *status, int64_t *id)
{
    db_stmt *s = db_prepare(d, "INSERT INTO alliances (key, jurisdiction_id, name, status) "
                               "VALUES (:key, :j, :name, :status) RETURNING id");
    if (s) {
        db_bind_text(s, ":key", key);
        db_bind_int(s, ":j", jurisdiction_id);
        db_bind_text(s, ":name", name);
        db_bind_text(s, ":status", status);
    }
    return one_int(s, id);
}

int st_rg_alliance_set_status(db *d, int64_t id, const char *status)
{
    db_stmt *s = db_prepare(d, "UPDATE alliances SET status = :status WHERE id = :id");
    if (s) {
        db_bind_text(s, ":status", status);
        db_bind_int(s, ":id", id);
    }
    return exec_ok(s);
}

int st_rg_alliance_set_name(db *d, int64_t id, const char *name)
{
    db_stmt *s = db_prepare(d, "UPDATE alliances SET name = :name WHERE id = :id");
    if (s) {
        db_bind_text(s, ":name", name);
        db_bind_int(s, ":id", id);
    }
    return exec_ok(s);
}

int st_rg_alliance_established(db *d, int64_t id, const char *status, const char *date,
                               const char *by, const char *ref)
{
    db_stmt *s = db_prepare(d, "UPDATE alliances SET status = :status, established_date = :date, "
                               "established_by = :by, established_ref = :ref WHERE id = :id");
    if (s) {
        db_bind_text(s, ":status", status);
        db_bind_text(s, ":date", date);
        db_bind_text(s, ":by", by);
        db_bind_text(s, ":ref", ref);
        db_bind_int(s, ":id", id);
    }
    return exec_ok(s);
}

int st_rg_alliance_dissolved(db *d, int64_t id, const char *status, const char *date,
                             const char *by, const char *ref)
{
    db_stmt *s = db_prepare(d, "UPDATE alliances SET status = :status, dissolved_date = :date, "
                               "dissolved_by = :by, dissolved_ref = :ref WHERE id = :id");
    if (s) {
        db_bind_text(s, ":status", status);
        db_bind_text(s, ":date", date);
        db_bind_text(s, ":by", by);
        db_bind_text(s, ":ref", ref);
        db_bind_int(s, ":id", id);
    }
    return exec_ok(s);
}

/* --- members --------------------------------------------------------------------------------- */

#define MEMBER_COLS                                                                                \
    "m.id, o.key, o.name, o.kind, o.uscc, m.role, m.joined_on, m.left_on, m.join_approved_date, "  \
    "m.join_approved_by, m.join_approved_ref, m.charter_ack_version, m.charter_ack_date, "         \
    "m.leave_approved_date, m.leave_approved_by, m.leave_approved_ref FROM members m "             \
    "JOIN organisations o ON o.id = m.organisation_id "

static void read_member(db_stmt *s, arena *a, void *row)
{
    struct rg_member *r = row;
    r->id = db_col_int(s, 0);
    r->org_key = TEXT(1);
    r->org_name = TEXT(2);
    r->org_kind = TEXT(3);
    r->uscc = TEXT(4);
    r->role = TEXT(5);
    r->joined_on = TEXT(6);
    r->left_on = TEXT(7);
    r->join_approved_date = TEXT(8);
    r->join_approved_by = TEXT(9);
    r->join_approved_ref = TEXT(10);
    r->charter_ack_version = db_col_null(s, 11) ? 0 : db_col_int(s, 11);
    r->charter_ack_date = TEXT(12);
    r->leave_approved_date = TEXT(13);
    r->leave_approved_by = TEXT(14);
    r->leave_approved_ref = TEXT(15);
}

int st_rg_member_insert(db *d, int64_t alliance_id, int64_t org_id, const char *role,
                        const char *joined_on, const char *approved_date, const char *approved_by,
                        const char *approved_ref, int64_t ack_version, const char *ack_date,
                        int64_t *id)
{
    db_stmt *s = db_prepare(
        d, "INSERT INTO members (alliance_id, seq, organisation_id, role, joined_on, "
           "join_approved_date, join_approved_by, join_approved_ref, charter_ack_version, "
           "charter_ack_date) VALUES (:a, (SELECT COALESCE(MAX(seq), -1) + 1 FROM members "
           "WHERE alliance_id = :a), :org, :role, :joined, :adate, :aby, :aref, :ackv, :ackd) "
           "RETURNING id");
    if (s) {
        db_bind_int(s, ":a", alliance_id);
        db_bind_int(s, ":org", org_id);
        db_bind_text(s, ":role", role);
        db_bind_text(s, ":joined", joined_on);
        db_bind_text(s, ":adate", approved_date);
        db_bind_text(s, ":aby", approved_date ? approved_by : NULL);
        db_bind_text(s, ":aref", approved_date ? approved_ref : NULL);
        if (ack_version > 0) {
            db_bind_int(s, ":ackv", ack_version);
            db_bind_text(s, ":ackd", ack_date);
        } else {
            db_bind_null(s, ":ackv");
            db_bind_null(s, ":ackd");
        }
    }
    return one_int(s, id);
}

int st_rg_member_open(db *d, arena *a, int64_t alliance_id, const char *org_key,
                      struct rg_member *out)
{
    db_stmt *s = db_prepare(d, "SELECT " MEMBER_COLS "WHERE m.alliance_id = :a AND o.key = :org "
                               "AND m.left_on IS NULL ORDER BY m.seq DESC");
    if (s) {
        db_bind_int(s, ":a", alliance_id);
        db_bind_text(s, ":org", org_key);
    }
    return one(s, a, read_member, out);
}

int st_rg_member_leave(db *d, int64_t member_id, const char *left_on, const char *approved_date,
                       const char *approved_by, const char *approved_ref)
{
    db_stmt *s = db_prepare(d, "UPDATE members SET left_on = :left, leave_approved_date = :adate, "
                               "leave_approved_by = :aby, leave_approved_ref = :aref "
                               "WHERE id = :id");
    if (s) {
        db_bind_text(s, ":left", left_on);
        db_bind_text(s, ":adate", approved_date);
        db_bind_text(s, ":aby", approved_date ? approved_by : NULL);
        db_bind_text(s, ":aref", approved_date ? approved_ref : NULL);
        db_bind_int(s, ":id", member_id);
    }
    return exec_ok(s);
}

int st_rg_members(db *d, arena *a, int64_t alliance_id, struct rg_member **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT " MEMBER_COLS "WHERE m.alliance_id = :a ORDER BY m.seq");
    if (s)
        db_bind_int(s, ":a", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_member, &p, n);
    *rows = p;
    return rc;
}

/* --- charters -------------------------------------------------------------------------------- */

int st_rg_charter_max_version(db *d, int64_t alliance_id, int64_t *out)
{
    db_stmt *s = db_prepare(d, "SELECT max(version) FROM charters WHERE alliance_id = :a");
    if (s)
        db_bind_int(s, ":a", alliance_id);
    return one_int(s, out);
}

int st_rg_charter_insert(db *d, int64_t alliance_id, int64_t version, const char *text, int64_t *id)
{
    db_stmt *s = db_prepare(d, "INSERT INTO charters (alliance_id, seq, version, text) VALUES (:a, "
                               "(SELECT COALESCE(MAX(seq), -1) + 1 FROM charters "
                               "WHERE alliance_id = :a), :v, :text) RETURNING id");
    if (s) {
        db_bind_int(s, ":a", alliance_id);
        db_bind_int(s, ":v", version);
        db_bind_text(s, ":text", text);
    }
    return one_int(s, id);
}

int st_rg_charter_drafter_insert(db *d, int64_t charter_id, int64_t seq, int64_t org_id)
{
    db_stmt *s = db_prepare(d, "INSERT INTO charter_drafters (charter_id, seq, organisation_id) "
                               "VALUES (:c, :seq, :org)");
    if (s) {
        db_bind_int(s, ":c", charter_id);
        db_bind_int(s, ":seq", seq);
        db_bind_int(s, ":org", org_id);
    }
    return exec_ok(s);
}

static void read_charter(db_stmt *s, arena *a, void *row)
{
    struct rg_charter *r = row;
    r->id = db_col_int(s, 0);
    r->version = db_col_int(s, 1);
    r->submitted_on = TEXT(2);
    r->approved_date = TEXT(3);
    r->approved_by = TEXT(4);
    r->approved_ref = TEXT(5);
    r->text = TEXT(6);
    r->drafters = r->drafter_keys = NULL; /* join_drafters() fills them */
}

/* Fills drafters and drafter_keys of n charters from one query over the alliance's drafters. */
static int join_drafters(db *d, arena *a, int64_t alliance_id, struct rg_charter *c, size_t n)
{
    db_stmt *s = db_prepare(d, "SELECT x.charter_id, o.key, o.name FROM charter_drafters x "
                               "JOIN charters c ON c.id = x.charter_id "
                               "JOIN organisations o ON o.id = x.organisation_id "
                               "WHERE c.alliance_id = :a ORDER BY x.charter_id, x.seq");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":a", alliance_id);
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        int64_t id = db_col_int(s, 0);
        for (size_t i = 0; i < n; i++) {
            if (c[i].id != id)
                continue;
            const char *k = db_col_text(s, 1), *nm = db_col_text(s, 2);
            c[i].drafter_keys = c[i].drafter_keys ? arena_printf(a, "%s,%s", c[i].drafter_keys, k)
                                                  : arena_strdup(a, k);
            c[i].drafters =
                c[i].drafters ? arena_printf(a, "%s、%s", c[i].drafters, nm) : arena_strdup(a, nm);
        }
    }
    db_done(s);
    return rc == DB_DONE ? DB_OK : rc;
}

int st_rg_charter(db *d, arena *a, int64_t alliance_id, int64_t version, struct rg_charter *out)
{
    db_stmt *s = db_prepare(d, "SELECT id, version, submitted_on, approved_date, approved_by, "
                               "approved_ref, text FROM charters WHERE alliance_id = :a "
                               "AND version = :v ORDER BY seq DESC");
    if (s) {
        db_bind_int(s, ":a", alliance_id);
        db_bind_int(s, ":v", version);
    }
    int rc = one(s, a, read_charter, out);
    if (rc == DB_ROW) {
        int jr = join_drafters(d, a, alliance_id, out, 1);
        if (jr != DB_OK)
            return jr;
    }
    return rc;
}

int st_rg_charter_submit(db *d, int64_t id, const char *date)
{
    db_stmt *s = db_prepare(d, "UPDATE charters SET submitted_on = :date WHERE id = :id");
    if (s) {
        db_bind_text(s, ":date", date);
        db_bind_int(s, ":id", id);
    }
    return exec_ok(s);
}

int st_rg_charter_approve(db *d, int64_t id, const char *date, const char *by, const char *ref)
{
    db_stmt *s = db_prepare(d, "UPDATE charters SET approved_date = :date, approved_by = :by, "
                               "approved_ref = :ref WHERE id = :id");
    if (s) {
        db_bind_text(s, ":date", date);
        db_bind_text(s, ":by", by);
        db_bind_text(s, ":ref", ref);
        db_bind_int(s, ":id", id);
    }
    return exec_ok(s);
}

int st_rg_charters(db *d, arena *a, int64_t alliance_id, struct rg_charter **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, version, submitted_on, approved_date, approved_by, "
                               "approved_ref, NULL FROM charters WHERE alliance_id = :a "
                               "ORDER BY seq");
    if (s)
        db_bind_int(s, ":a", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_charter, &p, n);
    *rows = p;
    if (rc == DB_OK && *n)
        rc = join_drafters(d, a, alliance_id, *rows, *n);
    return rc;
}

/* --- people in office ------------------------------------------------------------------------ */

int st_rg_person_in_presidium(db *d, int64_t alliance_id, const char *person_key, const char *role,
                              const char *today)
{
    db_stmt *s =
        db_prepare(d, "SELECT p.id FROM posts p JOIN bodies b ON b.id = p.body_id "
                      "JOIN people pe ON pe.id = p.person_id WHERE b.alliance_id = :a "
                      "AND b.kind = 'presidium' AND pe.key = :person "
                      "AND (p.role = :role OR (:role = 'vice_chair' AND p.role = 'chair')) "
                      "AND p.from_date <= :today AND (p.to_date IS NULL OR p.to_date >= :today)");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":a", alliance_id);
    db_bind_text(s, ":person", person_key);
    db_bind_text(s, ":role", role);
    db_bind_text(s, ":today", today);
    int rc = db_step(s);
    db_done(s);
    return rc;
}

int st_rg_user_person(db *d, arena *a, int64_t user_id, const char **person_key)
{
    db_stmt *s = db_prepare(d, "SELECT person_key FROM users WHERE id = :id");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":id", user_id);
    int rc = db_step(s);
    if (rc == DB_ROW)
        *person_key = db_col_null(s, 0) ? NULL : TEXT(0);
    db_done(s);
    return rc;
}

/* --- approval requests ----------------------------------------------------------------------- */

#define REQUEST_COLS                                                                               \
    "q.id, q.alliance_id, q.requested_user, q.kind, q.authority, q.subject, q.payload, a.key, "    \
    "a.name, j.key, q.requested_by, q.requested_at, q.decision, q.decided_by, q.decided_at, "      \
    "q.decided_on, q.ref, q.comment FROM approval_requests q "                                     \
    "JOIN alliances a ON a.id = q.alliance_id JOIN jurisdictions j ON j.id = a.jurisdiction_id "

static void read_request(db_stmt *s, arena *a, void *row)
{
    struct rg_request *r = row;
    r->id = db_col_int(s, 0);
    r->alliance_id = db_col_int(s, 1);
    r->requested_user = db_col_null(s, 2) ? 0 : db_col_int(s, 2);
    r->kind = TEXT(3);
    r->authority = TEXT(4);
    r->subject = TEXT(5);
    r->payload = TEXT(6);
    r->alliance = TEXT(7);
    r->alliance_name = TEXT(8);
    r->jurisdiction = TEXT(9);
    r->requested_by = TEXT(10);
    r->requested_at = TEXT(11);
    r->decision = TEXT(12);
    r->decided_by = TEXT(13);
    r->decided_at = TEXT(14);
    r->decided_on = TEXT(15);
    r->ref = TEXT(16);
    r->comment = TEXT(17);
}

int st_rg_request_insert(db *d, const struct rg_request *q, int64_t *id)
{
    db_stmt *s = db_prepare(
        d, "INSERT INTO approval_requests (kind, authority, alliance_id, subject, payload, "
           "requested_by, requested_user, requested_at, comment) VALUES (:kind, :authority, :a, "
           ":subject, :payload, :by, :user, :at, :comment) RETURNING id");
    if (s) {
        db_bind_text(s, ":kind", q->kind);
        db_bind_text(s, ":authority", q->authority);
        db_bind_int(s, ":a", q->alliance_id);
        db_bind_text(s, ":subject", q->subject);
        db_bind_text(s, ":payload", q->payload);
        db_bind_text(s, ":by", q->requested_by);
        if (q->requested_user)
            db_bind_int(s, ":user", q->requested_user);
        else
            db_bind_null(s, ":user");
        db_bind_text(s, ":at", q->requested_at);
        db_bind_text(s, ":comment", q->comment);
    }
    return one_int(s, id);
}

int st_rg_request(db *d, arena *a, int64_t id, struct rg_request *out)
{
    db_stmt *s = db_prepare(d, "SELECT " REQUEST_COLS "WHERE q.id = :id");
    if (s)
        db_bind_int(s, ":id", id);
    return one(s, a, read_request, out);
}

int st_rg_request_decide(db *d, int64_t id, const char *decision, const char *decided_by,
                         const char *decided_at, const char *decided_on, const char *ref,
                         const char *comment)
{
    db_stmt *s = db_prepare(d, "UPDATE approval_requests SET decision = :decision, "
                               "decided_by = :by, decided_at = :at, decided_on = :on, "
                               "ref = :ref, comment = :comment "
                               "WHERE id = :id AND decision IS NULL RETURNING id");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":decision", decision);
    db_bind_text(s, ":by", decided_by);
    db_bind_text(s, ":at", decided_at);
    db_bind_text(s, ":on", decided_on);
    db_bind_text(s, ":ref", ref);
    db_bind_text(s, ":comment", comment);
    db_bind_int(s, ":id", id);
    int rc = db_step(s);
    db_done(s);
    return rc;
}

int st_rg_requests(db *d, arena *a, bool open_only, int64_t alliance_id, struct rg_request **rows,
                   size_t *n)
{
    /* One statement per case: a condition like (:a = 0 OR q.alliance_id = :a) keeps SQLite from
     * using an index, and every page's navigation counts the open requests. */
    db_stmt *s;
    if (alliance_id && open_only)
        s = db_prepare(d, "SELECT " REQUEST_COLS "WHERE q.alliance_id = :a "
                          "AND q.decision IS NULL ORDER BY q.id DESC");
    else if (alliance_id)
        s = db_prepare(d, "SELECT " REQUEST_COLS "WHERE q.alliance_id = :a ORDER BY q.id DESC");
    else if (open_only)
        s = db_prepare(d, "SELECT " REQUEST_COLS "WHERE q.decision IS NULL ORDER BY q.id DESC");
    else
        s = db_prepare(d, "SELECT " REQUEST_COLS "ORDER BY q.id DESC");
    if (s && alliance_id)
        db_bind_int(s, ":a", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_request, &p, n);
    *rows = p;
    return rc;
}
