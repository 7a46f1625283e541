/* The SQL of dataset import and export (see dataset_store.h for the conventions). One INSERT and
 * one SELECT per table, each a literal, so the statement cache keeps every one of them prepared
 * for the whole import: a large dataset costs a bind and a step per record. */
#include "store/dataset_store.h"
#include <string.h>

static const char *const table_names[DS_TABLE_COUNT] = {
    [DS_NONE] = "",
    [DS_JURISDICTIONS] = "jurisdictions",
    [DS_ORGANISATIONS] = "organisations",
    [DS_PEOPLE] = "people",
    [DS_ALLIANCES] = "alliances",
    [DS_CHARTERS] = "charters",
    [DS_CHARTER_DRAFTERS] = "charter_drafters",
    [DS_MEMBERS] = "members",
    [DS_BODIES] = "bodies",
    [DS_BODY_PARTICIPANTS] = "body_participants",
    [DS_POSTS] = "posts",
    [DS_MEETINGS] = "meetings",
    [DS_AGENDA_ITEMS] = "agenda_items",
    [DS_INVITEES] = "invitees",
    [DS_ATTENDEES] = "attendees",
    [DS_DECISIONS] = "decisions",
    [DS_MINUTES_RECIPIENTS] = "minutes_recipients",
    [DS_MINUTES_UNITS] = "minutes_units",
    [DS_PLANS] = "plans",
    [DS_ACCOUNTS] = "accounts",
    [DS_FUNDS] = "funds",
    [DS_TRANSACTIONS] = "transactions",
    [DS_POSTINGS] = "postings",
    [DS_FUND_REPORTS] = "fund_reports",
    [DS_FUND_REPORT_LINES] = "fund_report_lines",
    [DS_OUTPUTS] = "outputs",
    [DS_RELEASES] = "releases",
    [DS_NEWS] = "news",
    [DS_ACTIVITIES] = "activities",
    [DS_ACTIVITY_PARTICIPANTS] = "activity_participants",
};

const char *st_ds_table_name(enum ds_table t)
{
    return t < DS_TABLE_COUNT ? table_names[t] : "";
}

bool st_ds_is_list(enum ds_table t)
{
    return t == DS_CHARTER_DRAFTERS || t == DS_BODY_PARTICIPANTS || t == DS_ATTENDEES ||
           t == DS_MINUTES_RECIPIENTS || t == DS_MINUTES_UNITS || t == DS_ACTIVITY_PARTICIPANTS;
}

/* --- writing ------------------------------------------------------------------------------- */
static db_stmt *insert_stmt(db *d, enum ds_table t)
{
    switch (t) {
    case DS_NONE:
    case DS_TABLE_COUNT:
        return NULL;
    case DS_JURISDICTIONS:
        return db_prepare(
            d, "INSERT INTO jurisdictions (key, name, short_name, params_min_initiators, "
               "params_presidium_meetings_min, params_presidium_meetings_max, "
               "params_minutes_deadline_days, params_annual_plan_deadline, "
               "params_fund_report_deadline, params_lookback_years, import_id) "
               "VALUES (:key, :name, :short_name, :params_min_initiators, "
               ":params_presidium_meetings_min, :params_presidium_meetings_max, "
               ":params_minutes_deadline_days, :params_annual_plan_deadline, "
               ":params_fund_report_deadline, :params_lookback_years, :import) "
               "ON CONFLICT (key) DO UPDATE SET name = excluded.name, "
               "short_name = excluded.short_name, "
               "params_min_initiators = excluded.params_min_initiators, "
               "params_presidium_meetings_min = excluded.params_presidium_meetings_min, "
               "params_presidium_meetings_max = excluded.params_presidium_meetings_max, "
               "params_minutes_deadline_days = excluded.params_minutes_deadline_days, "
               "params_annual_plan_deadline = excluded.params_annual_plan_deadline, "
               "params_fund_report_deadline = excluded.params_fund_report_deadline, "
               "params_lookback_years = excluded.params_lookback_years, "
               "import_id = excluded.import_id RETURNING id");
    case DS_ORGANISATIONS:
        return db_prepare(d, "INSERT INTO organisations (key, name, kind, uscc, english_name, "
                             "import_id) VALUES (:key, :name, :kind, :uscc, :english_name, "
                             ":import) ON CONFLICT (key) DO UPDATE SET name = excluded.name, "
                             "kind = excluded.kind, uscc = excluded.uscc, "
                             "english_name = excluded.english_name, "
                             "import_id = excluded.import_id RETURNING id");
    case DS_PEOPLE:
        return db_prepare(d, "INSERT INTO people (key, name, organisation_id, title, email, "
                             "phone, import_id) VALUES (:key, :name, :organisation, :title, "
                             ":email, :phone, :import) ON CONFLICT (key) DO UPDATE SET "
                             "name = excluded.name, organisation_id = excluded.organisation_id, "
                             "title = excluded.title, email = excluded.email, "
                             "phone = excluded.phone, import_id = excluded.import_id "
                             "RETURNING id");
    case DS_ALLIANCES:
        return db_prepare(
            d, "INSERT INTO alliances (key, jurisdiction_id, name, status, established_date, "
               "established_by, established_ref, dissolved_date, dissolved_by, dissolved_ref, "
               "rotation_chair, rotation_secretariat, ledger, import_id) VALUES (:key, "
               ":jurisdiction, :name, :status, :established_date, :established_by, "
               ":established_ref, :dissolved_date, :dissolved_by, :dissolved_ref, "
               ":rotation_chair, :rotation_secretariat, :ledger, :import) "
               "ON CONFLICT (key) DO UPDATE SET jurisdiction_id = excluded.jurisdiction_id, "
               "name = excluded.name, status = excluded.status, "
               "established_date = excluded.established_date, "
               "established_by = excluded.established_by, "
               "established_ref = excluded.established_ref, "
               "dissolved_date = excluded.dissolved_date, dissolved_by = excluded.dissolved_by, "
               "dissolved_ref = excluded.dissolved_ref, rotation_chair = excluded.rotation_chair, "
               "rotation_secretariat = excluded.rotation_secretariat, ledger = excluded.ledger, "
               "import_id = excluded.import_id RETURNING id");
    case DS_CHARTERS:
        return db_prepare(d, "INSERT INTO charters (alliance_id, seq, version, submitted_on, "
                             "approved_date, approved_by, approved_ref, text) VALUES (:parent, "
                             ":seq, :version, :submitted_on, :approved_date, :approved_by, "
                             ":approved_ref, :text) RETURNING id");
    case DS_CHARTER_DRAFTERS:
        return db_prepare(d, "INSERT INTO charter_drafters (charter_id, seq, organisation_id) "
                             "VALUES (:parent, :seq, :ref)");
    case DS_MEMBERS:
        return db_prepare(
            d, "INSERT INTO members (alliance_id, seq, organisation_id, role, joined_on, "
               "join_approved_date, join_approved_by, join_approved_ref, charter_ack_version, "
               "charter_ack_date, left_on, leave_approved_date, leave_approved_by, "
               "leave_approved_ref) VALUES (:parent, :seq, :organisation, :role, :joined_on, "
               ":join_approved_date, :join_approved_by, :join_approved_ref, "
               ":charter_ack_version, :charter_ack_date, :left_on, :leave_approved_date, "
               ":leave_approved_by, :leave_approved_ref) RETURNING id");
    case DS_BODIES:
        return db_prepare(d, "INSERT INTO bodies (alliance_id, seq, key, kind, name, lead_id, "
                             "task, task_completed_on, dissolved_on) VALUES (:parent, :seq, :key, "
                             ":kind, :name, :lead, :task, :task_completed_on, :dissolved_on) "
                             "RETURNING id");
    case DS_BODY_PARTICIPANTS:
        return db_prepare(d, "INSERT INTO body_participants (body_id, seq, organisation_id) "
                             "VALUES (:parent, :seq, :ref)");
    case DS_POSTS:
        return db_prepare(
            d, "INSERT INTO posts (body_id, seq, person_id, role, from_date, to_date, "
               "recommended_by_id, nominated_by_id, appointed_meeting_id, appointed_decision_id, "
               "cast_approved_date, cast_approved_by, cast_approved_ref) VALUES (:parent, :seq, "
               ":person, :role, :from, :to, :recommended_by, :nominated_by, "
               ":appointed_at_meeting, :appointed_at_decision, :cast_approved_date, "
               ":cast_approved_by, :cast_approved_ref) RETURNING id");
    case DS_MEETINGS:
        return db_prepare(
            d, "INSERT INTO meetings (alliance_id, seq, key, kind, title, date, status, "
               "chaired_by_id, delegated_by_id, agenda_proposed_by_id, agenda_approved_by_id, "
               "agenda_approved_on, minutes_text, minutes_signed_by_id, minutes_signed_on, "
               "minutes_distributed_on) VALUES (:parent, :seq, :key, :kind, :title, :date, "
               ":status, :chaired_by, :delegated_by, :agenda_proposed_by, :agenda_approved_by, "
               ":agenda_approved_on, :minutes_text, :minutes_signed_by, :minutes_signed_on, "
               ":minutes_distributed_on) RETURNING id");
    case DS_AGENDA_ITEMS:
        return db_prepare(d, "INSERT INTO agenda_items (meeting_id, seq, title, major) "
                             "VALUES (:parent, :seq, :title, :major) RETURNING id");
    case DS_INVITEES:
        return db_prepare(d, "INSERT INTO invitees (meeting_id, seq, person_id, proposed_by_id, "
                             "confirmed_by_id) VALUES (:parent, :seq, :person, :proposed_by, "
                             ":confirmed_by) RETURNING id");
    case DS_ATTENDEES:
        return db_prepare(d, "INSERT INTO attendees (meeting_id, seq, person_id) "
                             "VALUES (:parent, :seq, :ref)");
    case DS_DECISIONS:
        return db_prepare(d, "INSERT INTO decisions (meeting_id, seq, key, text, major) "
                             "VALUES (:parent, :seq, :key, :text, :major) RETURNING id");
    case DS_MINUTES_RECIPIENTS:
        return db_prepare(d, "INSERT INTO minutes_recipients (meeting_id, seq, person_id) "
                             "VALUES (:parent, :seq, :ref)");
    case DS_MINUTES_UNITS:
        return db_prepare(d, "INSERT INTO minutes_units (meeting_id, seq, organisation_id) "
                             "VALUES (:parent, :seq, :ref)");
    case DS_PLANS:
        return db_prepare(d, "INSERT INTO plans (alliance_id, seq, key, kind, from_year, to_year, "
                             "title, reviewed_at_id, filed_date, filed_by, filed_ref, text) "
                             "VALUES (:parent, :seq, :key, :kind, :from_year, :to_year, :title, "
                             ":reviewed_at, :filed_date, :filed_by, :filed_ref, :text) "
                             "RETURNING id");
    case DS_ACCOUNTS:
        return db_prepare(d, "INSERT INTO accounts (alliance_id, seq, key, name, type) "
                             "VALUES (:parent, :seq, :key, :name, :type) RETURNING id");
    case DS_FUNDS:
        return db_prepare(d, "INSERT INTO funds (alliance_id, seq, key, name, restricted, "
                             "purpose) VALUES (:parent, :seq, :key, :name, :restricted, "
                             ":purpose) RETURNING id");
    case DS_TRANSACTIONS:
        return db_prepare(d, "INSERT INTO transactions (alliance_id, seq, key, date, memo, "
                             "voucher) VALUES (:parent, :seq, :key, :date, :memo, :voucher) "
                             "RETURNING id");
    case DS_POSTINGS:
        return db_prepare(d, "INSERT INTO postings (transaction_id, seq, account_id, fund_id, "
                             "amount_fen) VALUES (:parent, :seq, :account, :fund, :amount_fen) "
                             "RETURNING id");
    case DS_FUND_REPORTS:
        return db_prepare(d, "INSERT INTO fund_reports (alliance_id, seq, year, submitted_on, "
                             "raised_fen, used_fen) VALUES (:parent, :seq, :year, "
                             ":submitted_on, :raised_fen, :used_fen) RETURNING id");
    case DS_FUND_REPORT_LINES:
        return db_prepare(d, "INSERT INTO fund_report_lines (report_id, seq, fund_id, "
                             "raised_fen, used_fen) VALUES (:parent, :seq, :fund, :raised_fen, "
                             ":used_fen) RETURNING id");
    case DS_OUTPUTS:
        return db_prepare(d, "INSERT INTO outputs (alliance_id, seq, key, title, kind, date) "
                             "VALUES (:parent, :seq, :key, :title, :kind, :date) RETURNING id");
    case DS_RELEASES:
        return db_prepare(d, "INSERT INTO releases (output_id, seq, by_id, date, kind, "
                             "approved_date, approved_by, approved_ref) VALUES (:parent, :seq, "
                             ":by, :date, :kind, :approved_date, :approved_by, :approved_ref) "
                             "RETURNING id");
    case DS_NEWS:
        return db_prepare(d, "INSERT INTO news (alliance_id, seq, key, title, author_id, status, "
                             "published_on, review_by_id, review_approved_on, "
                             "review_rejected_on, text) VALUES (:parent, :seq, :key, :title, "
                             ":author, :status, :published_on, :review_by, :review_approved_on, "
                             ":review_rejected_on, :text) RETURNING id");
    case DS_ACTIVITIES:
        return db_prepare(d, "INSERT INTO activities (alliance_id, seq, key, task, kind, title, "
                             "date) VALUES (:parent, :seq, :key, :task, :kind, :title, :date) "
                             "RETURNING id");
    case DS_ACTIVITY_PARTICIPANTS:
        return db_prepare(d, "INSERT INTO activity_participants (activity_id, seq, "
                             "organisation_id) VALUES (:parent, :seq, :ref)");
    }
    return NULL;
}

int st_ds_write(db *d, enum ds_table t, const struct ds_param *p, size_t n, int64_t *id)
{
    *id = 0;
    db_stmt *s = insert_stmt(d, t);
    if (!s)
        return DB_ERR;
    for (size_t i = 0; i < n; i++) {
        if (p[i].type == DSV_TEXT)
            db_bind_text(s, p[i].name, p[i].text);
        else if (p[i].type == DSV_INT)
            db_bind_int(s, p[i].name, p[i].num);
        else
            db_bind_null(s, p[i].name);
    }
    if (st_ds_is_list(t)) {
        int rc = db_exec(s);
        return rc == DB_DONE ? DB_OK : rc;
    }
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *id = db_col_int(s, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERR; /* RETURNING always answers a row */
    }
    db_done(s);
    return rc;
}

int st_ds_set_parent(db *d, int64_t jurisdiction_id, int64_t parent_id)
{
    db_stmt *s = db_prepare(d, "UPDATE jurisdictions SET parent_id = :parent WHERE id = :id");
    if (!s)
        return DB_ERR;
    if (parent_id)
        db_bind_int(s, ":parent", parent_id);
    else
        db_bind_null(s, ":parent");
    db_bind_int(s, ":id", jurisdiction_id);
    int rc = db_exec(s);
    return rc == DB_DONE ? DB_OK : rc;
}

int st_ds_set_president(db *d, int64_t organisation_id, int64_t person_id)
{
    db_stmt *s;
    if (!person_id) {
        s = db_prepare(d, "DELETE FROM presidents WHERE organisation_id = :org");
        if (!s)
            return DB_ERR;
        db_bind_int(s, ":org", organisation_id);
    } else {
        s = db_prepare(d, "INSERT INTO presidents (organisation_id, person_id) VALUES (:org, "
                          ":person) ON CONFLICT (organisation_id) DO UPDATE SET "
                          "person_id = excluded.person_id");
        if (!s)
            return DB_ERR;
        db_bind_int(s, ":org", organisation_id);
        db_bind_int(s, ":person", person_id);
    }
    int rc = db_exec(s);
    return rc == DB_DONE ? DB_OK : rc;
}

static int delete_where(db_stmt *s, int64_t alliance_id)
{
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":a", alliance_id);
    int rc = db_exec(s);
    return rc == DB_DONE ? DB_OK : rc;
}

int st_ds_clear_alliance(db *d, int64_t alliance_id)
{
    /* Referring records before the records they refer to (posts and plans name meetings and
     * decisions; postings and fund report lines name accounts and funds); the children of each
     * go with it (ON DELETE CASCADE). */
    int rc = delete_where(db_prepare(d, "DELETE FROM bodies WHERE alliance_id = :a"), alliance_id);
    if (rc == DB_OK)
        rc = delete_where(db_prepare(d, "DELETE FROM plans WHERE alliance_id = :a"), alliance_id);
    if (rc == DB_OK)
        rc = delete_where(db_prepare(d, "DELETE FROM fund_reports WHERE alliance_id = :a"),
                          alliance_id);
    if (rc == DB_OK)
        rc = delete_where(db_prepare(d, "DELETE FROM transactions WHERE alliance_id = :a"),
                          alliance_id);
    if (rc == DB_OK)
        rc =
            delete_where(db_prepare(d, "DELETE FROM accounts WHERE alliance_id = :a"), alliance_id);
    if (rc == DB_OK)
        rc = delete_where(db_prepare(d, "DELETE FROM funds WHERE alliance_id = :a"), alliance_id);
    if (rc == DB_OK)
        rc =
            delete_where(db_prepare(d, "DELETE FROM meetings WHERE alliance_id = :a"), alliance_id);
    if (rc == DB_OK)
        rc =
            delete_where(db_prepare(d, "DELETE FROM charters WHERE alliance_id = :a"), alliance_id);
    if (rc == DB_OK)
        rc = delete_where(db_prepare(d, "DELETE FROM members WHERE alliance_id = :a"), alliance_id);
    if (rc == DB_OK)
        rc = delete_where(db_prepare(d, "DELETE FROM outputs WHERE alliance_id = :a"), alliance_id);
    if (rc == DB_OK)
        rc = delete_where(db_prepare(d, "DELETE FROM news WHERE alliance_id = :a"), alliance_id);
    if (rc == DB_OK)
        rc = delete_where(db_prepare(d, "DELETE FROM activities WHERE alliance_id = :a"),
                          alliance_id);
    return rc;
}

/* --- looking up ---------------------------------------------------------------------------- */
int st_ds_find_key(db *d, enum ds_table t, const char *key, int64_t *id)
{
    db_stmt *s = NULL;
    if (t == DS_JURISDICTIONS)
        s = db_prepare(d, "SELECT id FROM jurisdictions WHERE key = :key");
    else if (t == DS_ORGANISATIONS)
        s = db_prepare(d, "SELECT id FROM organisations WHERE key = :key");
    else if (t == DS_PEOPLE)
        s = db_prepare(d, "SELECT id FROM people WHERE key = :key");
    else if (t == DS_ALLIANCES)
        s = db_prepare(d, "SELECT id FROM alliances WHERE key = :key");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":key", key);
    int rc = db_step(s);
    if (rc == DB_ROW)
        *id = db_col_int(s, 0);
    db_done(s);
    return rc;
}

int st_ds_organisation_by_name(db *d, arena *a, const char *name, const char **key)
{
    db_stmt *s = db_prepare(d, "SELECT key FROM organisations WHERE name = :name");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":name", name);
    int rc = db_step(s);
    if (rc == DB_ROW)
        *key = arena_strdup(a, db_col_text(s, 0));
    db_done(s);
    return rc;
}

int st_ds_alliance_count(db *d, int64_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT count(*) FROM alliances");
    if (!s)
        return DB_ERR;
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *n = db_col_int(s, 0);
        rc = DB_OK;
    }
    db_done(s);
    return rc;
}

int st_ds_alliance_jurisdiction(db *d, arena *a, const char *alliance, const char **jurisdiction)
{
    db_stmt *s = db_prepare(d, "SELECT j.key FROM alliances a JOIN jurisdictions j "
                               "ON j.id = a.jurisdiction_id WHERE a.key = :key");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":key", alliance);
    int rc = db_step(s);
    if (rc == DB_ROW)
        *jurisdiction = arena_strdup(a, db_col_text(s, 0));
    db_done(s);
    return rc;
}

int st_ds_jurisdiction_keys(db *d, arena *a, const char ***keys, size_t *n)
{
    *keys = NULL;
    *n = 0;
    db_stmt *s = db_prepare(d, "SELECT key FROM jurisdictions ORDER BY id");
    if (!s)
        return DB_ERR;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            const char **k = arena_alloc(a, cap * sizeof *k);
            if (*n)
                memcpy(k, *keys, *n * sizeof *k);
            *keys = k;
        }
        (*keys)[(*n)++] = arena_strdup(a, db_col_text(s, 0));
    }
    db_done(s);
    return rc == DB_DONE ? DB_OK : rc;
}

int st_ds_import_begin(db *d, const char *at, const char *actor, const char *sha256,
                       const char *mode, int64_t *id)
{
    db_stmt *s = db_prepare(d, "INSERT INTO imports (at, actor, sha256, mode, counts) "
                               "VALUES (:at, :actor, :sha, :mode, '{}') RETURNING id");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":at", at);
    db_bind_text(s, ":actor", actor);
    db_bind_text(s, ":sha", sha256);
    db_bind_text(s, ":mode", mode);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *id = db_col_int(s, 0);
        rc = DB_OK;
    }
    db_done(s);
    return rc;
}

int st_ds_import_finish(db *d, int64_t id, const char *counts)
{
    db_stmt *s = db_prepare(d, "UPDATE imports SET counts = :counts WHERE id = :id");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":counts", counts);
    db_bind_int(s, ":id", id);
    int rc = db_exec(s);
    return rc == DB_DONE ? DB_OK : rc;
}

/* --- reading for export -------------------------------------------------------------------- */
/* Each statement answers id, owner, then the columns named in its list. */
#define COLS(...)                                                                                  \
    static const char *const c[] = {__VA_ARGS__};                                                  \
    out->cols = c;                                                                                 \
    out->ncols = sizeof c / sizeof c[0]
#define APPROVAL(x) x ".date", x ".by", x ".ref"

static db_stmt *select_stmt(db *d, enum ds_table t, struct ds_rows *out)
{
    switch (t) {
    case DS_NONE:
    case DS_TABLE_COUNT:
        return NULL;
    case DS_JURISDICTIONS: {
        COLS("key", "name", "short_name", "parent", "params.min_initiators",
             "params.presidium_meetings_min", "params.presidium_meetings_max",
             "params.minutes_deadline_days", "params.annual_plan_deadline",
             "params.fund_report_deadline", "params.lookback_years");
        return db_prepare(d, "SELECT j.id, 0, j.key, j.name, j.short_name, p.key, "
                             "j.params_min_initiators, j.params_presidium_meetings_min, "
                             "j.params_presidium_meetings_max, j.params_minutes_deadline_days, "
                             "j.params_annual_plan_deadline, j.params_fund_report_deadline, "
                             "j.params_lookback_years FROM jurisdictions j "
                             "LEFT JOIN jurisdictions p ON p.id = j.parent_id ORDER BY j.id");
    }
    case DS_ORGANISATIONS: {
        COLS("key", "name", "kind", "uscc", "president", "english_name");
        return db_prepare(d, "SELECT o.id, 0, o.key, o.name, o.kind, o.uscc, p.key, "
                             "o.english_name FROM organisations o "
                             "LEFT JOIN presidents pr ON pr.organisation_id = o.id "
                             "LEFT JOIN people p ON p.id = pr.person_id ORDER BY o.id");
    }
    case DS_PEOPLE: {
        COLS("key", "name", "organisation", "title", "email", "phone");
        return db_prepare(d, "SELECT p.id, 0, p.key, p.name, o.key, p.title, p.email, p.phone "
                             "FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id "
                             "ORDER BY p.id");
    }
    case DS_ALLIANCES: {
        COLS("key", "jurisdiction", "name", "status", APPROVAL("established"),
             APPROVAL("dissolved"), "rotation.chair", "rotation.secretariat", "ledger");
        return db_prepare(d, "SELECT a.id, 0, a.key, j.key, a.name, a.status, a.established_date, "
                             "a.established_by, a.established_ref, a.dissolved_date, "
                             "a.dissolved_by, a.dissolved_ref, a.rotation_chair, "
                             "a.rotation_secretariat, a.ledger FROM alliances a "
                             "JOIN jurisdictions j ON j.id = a.jurisdiction_id ORDER BY a.id");
    }
    case DS_CHARTERS: {
        COLS("version", "submitted_on", APPROVAL("approved"), "text");
        return db_prepare(d, "SELECT id, alliance_id, version, submitted_on, approved_date, "
                             "approved_by, approved_ref, text FROM charters "
                             "WHERE alliance_id = :alliance ORDER BY seq");
    }
    case DS_CHARTER_DRAFTERS: {
        COLS("drafted_by");
        return db_prepare(d, "SELECT 0, x.charter_id, o.key FROM charter_drafters x "
                             "JOIN charters c ON c.id = x.charter_id "
                             "JOIN organisations o ON o.id = x.organisation_id "
                             "WHERE c.alliance_id = :alliance ORDER BY c.seq, x.seq");
    }
    case DS_MEMBERS: {
        COLS("organisation", "role", "joined_on", APPROVAL("join_approved"), "charter_ack.version",
             "charter_ack.date", "left_on", APPROVAL("leave_approved"));
        return db_prepare(d, "SELECT m.id, m.alliance_id, o.key, m.role, m.joined_on, "
                             "m.join_approved_date, m.join_approved_by, m.join_approved_ref, "
                             "m.charter_ack_version, m.charter_ack_date, m.left_on, "
                             "m.leave_approved_date, m.leave_approved_by, m.leave_approved_ref "
                             "FROM members m JOIN organisations o ON o.id = m.organisation_id "
                             "WHERE m.alliance_id = :alliance ORDER BY m.seq");
    }
    case DS_BODIES: {
        COLS("key", "kind", "name", "lead", "task", "task_completed_on", "dissolved_on");
        return db_prepare(d, "SELECT b.id, b.alliance_id, b.key, b.kind, b.name, o.key, b.task, "
                             "b.task_completed_on, b.dissolved_on FROM bodies b "
                             "LEFT JOIN organisations o ON o.id = b.lead_id "
                             "WHERE b.alliance_id = :alliance ORDER BY b.seq");
    }
    case DS_BODY_PARTICIPANTS: {
        COLS("participants");
        return db_prepare(d, "SELECT 0, x.body_id, o.key FROM body_participants x "
                             "JOIN bodies b ON b.id = x.body_id "
                             "JOIN organisations o ON o.id = x.organisation_id "
                             "WHERE b.alliance_id = :alliance ORDER BY b.seq, x.seq");
    }
    case DS_POSTS: {
        COLS("person", "role", "from", "to", "recommended_by", "nominated_by",
             "appointed_at.meeting", "appointed_at.decision", APPROVAL("cast_approved"));
        return db_prepare(d, "SELECT p.id, p.body_id, pe.key, p.role, p.from_date, p.to_date, "
                             "ro.key, nb.key, am.key, ad.key, p.cast_approved_date, "
                             "p.cast_approved_by, p.cast_approved_ref FROM posts p "
                             "JOIN bodies b ON b.id = p.body_id "
                             "JOIN people pe ON pe.id = p.person_id "
                             "LEFT JOIN organisations ro ON ro.id = p.recommended_by_id "
                             "LEFT JOIN people nb ON nb.id = p.nominated_by_id "
                             "LEFT JOIN meetings am ON am.id = p.appointed_meeting_id "
                             "LEFT JOIN decisions ad ON ad.id = p.appointed_decision_id "
                             "WHERE b.alliance_id = :alliance ORDER BY b.seq, p.seq");
    }
    case DS_MEETINGS: {
        COLS("key", "kind", "title", "date", "status", "chaired_by", "delegated_by",
             "agenda.proposed_by", "agenda.approved_by", "agenda.approved_on", "minutes.text",
             "minutes.signed_by", "minutes.signed_on", "minutes.distributed_on");
        return db_prepare(d, "SELECT m.id, m.alliance_id, m.key, m.kind, m.title, m.date, "
                             "m.status, cb.key, db.key, ap.key, aa.key, m.agenda_approved_on, "
                             "m.minutes_text, ms.key, m.minutes_signed_on, "
                             "m.minutes_distributed_on FROM meetings m "
                             "LEFT JOIN people cb ON cb.id = m.chaired_by_id "
                             "LEFT JOIN people db ON db.id = m.delegated_by_id "
                             "LEFT JOIN people ap ON ap.id = m.agenda_proposed_by_id "
                             "LEFT JOIN people aa ON aa.id = m.agenda_approved_by_id "
                             "LEFT JOIN people ms ON ms.id = m.minutes_signed_by_id "
                             "WHERE m.alliance_id = :alliance ORDER BY m.seq");
    }
    case DS_AGENDA_ITEMS: {
        COLS("title", "major");
        return db_prepare(d, "SELECT i.id, i.meeting_id, i.title, i.major FROM agenda_items i "
                             "JOIN meetings m ON m.id = i.meeting_id "
                             "WHERE m.alliance_id = :alliance ORDER BY m.seq, i.seq");
    }
    case DS_INVITEES: {
        COLS("person", "proposed_by", "confirmed_by");
        return db_prepare(d, "SELECT i.id, i.meeting_id, p.key, pb.key, cb.key FROM invitees i "
                             "JOIN meetings m ON m.id = i.meeting_id "
                             "JOIN people p ON p.id = i.person_id "
                             "LEFT JOIN people pb ON pb.id = i.proposed_by_id "
                             "LEFT JOIN people cb ON cb.id = i.confirmed_by_id "
                             "WHERE m.alliance_id = :alliance ORDER BY m.seq, i.seq");
    }
    case DS_ATTENDEES: {
        COLS("attended");
        return db_prepare(d, "SELECT 0, x.meeting_id, p.key FROM attendees x "
                             "JOIN meetings m ON m.id = x.meeting_id "
                             "JOIN people p ON p.id = x.person_id "
                             "WHERE m.alliance_id = :alliance ORDER BY m.seq, x.seq");
    }
    case DS_DECISIONS: {
        COLS("key", "text", "major");
        return db_prepare(d, "SELECT x.id, x.meeting_id, x.key, x.text, x.major FROM decisions x "
                             "JOIN meetings m ON m.id = x.meeting_id "
                             "WHERE m.alliance_id = :alliance ORDER BY m.seq, x.seq");
    }
    case DS_MINUTES_RECIPIENTS: {
        COLS("distributed_to");
        return db_prepare(d, "SELECT 0, x.meeting_id, p.key FROM minutes_recipients x "
                             "JOIN meetings m ON m.id = x.meeting_id "
                             "JOIN people p ON p.id = x.person_id "
                             "WHERE m.alliance_id = :alliance ORDER BY m.seq, x.seq");
    }
    case DS_MINUTES_UNITS: {
        COLS("distributed_units");
        return db_prepare(d, "SELECT 0, x.meeting_id, o.key FROM minutes_units x "
                             "JOIN meetings m ON m.id = x.meeting_id "
                             "JOIN organisations o ON o.id = x.organisation_id "
                             "WHERE m.alliance_id = :alliance ORDER BY m.seq, x.seq");
    }
    case DS_PLANS: {
        COLS("key", "kind", "from_year", "to_year", "title", "reviewed_at", APPROVAL("filed"),
             "text");
        return db_prepare(d, "SELECT p.id, p.alliance_id, p.key, p.kind, p.from_year, p.to_year, "
                             "p.title, m.key, p.filed_date, p.filed_by, p.filed_ref, p.text "
                             "FROM plans p LEFT JOIN meetings m ON m.id = p.reviewed_at_id "
                             "WHERE p.alliance_id = :alliance ORDER BY p.seq");
    }
    case DS_ACCOUNTS: {
        COLS("key", "name", "type");
        return db_prepare(d, "SELECT id, alliance_id, key, name, type FROM accounts "
                             "WHERE alliance_id = :alliance ORDER BY seq");
    }
    case DS_FUNDS: {
        COLS("key", "name", "restricted", "purpose");
        return db_prepare(d, "SELECT id, alliance_id, key, name, restricted, purpose FROM funds "
                             "WHERE alliance_id = :alliance ORDER BY seq");
    }
    case DS_TRANSACTIONS: {
        COLS("key", "date", "memo", "voucher");
        return db_prepare(d, "SELECT id, alliance_id, key, date, memo, voucher FROM transactions "
                             "WHERE alliance_id = :alliance ORDER BY seq");
    }
    case DS_POSTINGS: {
        COLS("account", "fund", "amount_fen");
        return db_prepare(d, "SELECT p.id, p.transaction_id, a.key, f.key, p.amount_fen "
                             "FROM postings p JOIN transactions t ON t.id = p.transaction_id "
                             "JOIN accounts a ON a.id = p.account_id "
                             "JOIN funds f ON f.id = p.fund_id "
                             "WHERE t.alliance_id = :alliance ORDER BY t.seq, p.seq");
    }
    case DS_FUND_REPORTS: {
        COLS("year", "submitted_on", "raised_fen", "used_fen");
        return db_prepare(d, "SELECT id, alliance_id, year, submitted_on, raised_fen, used_fen "
                             "FROM fund_reports WHERE alliance_id = :alliance ORDER BY seq");
    }
    case DS_FUND_REPORT_LINES: {
        COLS("fund", "raised_fen", "used_fen");
        return db_prepare(d, "SELECT l.id, l.report_id, f.key, l.raised_fen, l.used_fen "
                             "FROM fund_report_lines l JOIN fund_reports r ON r.id = l.report_id "
                             "JOIN funds f ON f.id = l.fund_id "
                             "WHERE r.alliance_id = :alliance ORDER BY r.seq, l.seq");
    }
    case DS_OUTPUTS: {
        COLS("key", "title", "kind", "date");
        return db_prepare(d, "SELECT id, alliance_id, key, title, kind, date FROM outputs "
                             "WHERE alliance_id = :alliance ORDER BY seq");
    }
    case DS_RELEASES: {
        COLS("by", "date", "kind", APPROVAL("approved"));
        return db_prepare(d, "SELECT r.id, r.output_id, o.key, r.date, r.kind, r.approved_date, "
                             "r.approved_by, r.approved_ref FROM releases r "
                             "JOIN outputs x ON x.id = r.output_id "
                             "JOIN organisations o ON o.id = r.by_id "
                             "WHERE x.alliance_id = :alliance ORDER BY x.seq, r.seq");
    }
    case DS_NEWS: {
        COLS("key", "title", "author", "status", "published_on", "review.by", "review.approved_on",
             "review.rejected_on", "text");
        return db_prepare(d, "SELECT n.id, n.alliance_id, n.key, n.title, a.key, n.status, "
                             "n.published_on, r.key, n.review_approved_on, "
                             "n.review_rejected_on, n.text FROM news n "
                             "JOIN people a ON a.id = n.author_id "
                             "LEFT JOIN people r ON r.id = n.review_by_id "
                             "WHERE n.alliance_id = :alliance ORDER BY n.seq");
    }
    case DS_ACTIVITIES: {
        COLS("key", "task", "kind", "title", "date");
        return db_prepare(d, "SELECT id, alliance_id, key, task, kind, title, date "
                             "FROM activities WHERE alliance_id = :alliance ORDER BY seq");
    }
    case DS_ACTIVITY_PARTICIPANTS: {
        COLS("participants");
        return db_prepare(d, "SELECT 0, x.activity_id, o.key FROM activity_participants x "
                             "JOIN activities a ON a.id = x.activity_id "
                             "JOIN organisations o ON o.id = x.organisation_id "
                             "WHERE a.alliance_id = :alliance ORDER BY a.seq, x.seq");
    }
    }
    return NULL;
}

int st_ds_select(db *d, arena *a, enum ds_table t, int64_t alliance_id, struct ds_rows *out)
{
    memset(out, 0, sizeof *out);
    db_stmt *s = select_stmt(d, t, out);
    if (!s)
        return DB_ERR;
    if (t != DS_JURISDICTIONS && t != DS_ORGANISATIONS && t != DS_PEOPLE && t != DS_ALLIANCES)
        db_bind_int(s, ":alliance", alliance_id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 16;
            struct ds_row *r = arena_alloc(a, cap * sizeof *r);
            if (out->n)
                memcpy(r, out->rows, out->n * sizeof *r);
            out->rows = r;
        }
        struct ds_row *r = &out->rows[out->n++];
        r->id = db_col_int(s, 0);
        r->owner = db_col_int(s, 1);
        r->v = arena_alloc(a, out->ncols * sizeof *r->v);
        for (size_t i = 0; i < out->ncols; i++)
            r->v[i] =
                db_col_null(s, (int)i + 2) ? NULL : arena_strdup(a, db_col_text(s, (int)i + 2));
    }
    db_done(s);
    return rc == DB_DONE ? DB_OK : rc;
}
