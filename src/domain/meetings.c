/* Recording an alliance's meetings (meetings.h). Each operation: check the input's shape ->
 * BEGIN -> load the alliance, check the right -> read, decide, write -> one audit record ->
 * COMMIT; every refusal rolls back, so nothing is half-written. A refusal a norm is behind names
 * its article and, where rules.md has one, the rule `lianheti check` would report. */
#include "domain/meetings.h"
#include "domain/tx.h"
#include "store/meetings.h"
#include "store/register.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include <string.h>

static void today(char out[11])
{
    clock_date(clock_now(), out);
}

/* --- the shape of the input, before the database --------------------------------------------- */

static bool check_title(const char *s, const char *field, struct fail *f)
{
    if (!s || !*s)
        return fail(f, FAIL_INVALID, "missing_field", field, "A title is required.");
    if (!utf8_valid(s, strlen(s)) || !name_valid(s, MTG_TITLE_MAX))
        return fail(f, FAIL_INVALID, "invalid_title", field,
                    "A title has 1 to 200 characters, without line breaks or spaces at either "
                    "end.");
    return true;
}

static bool check_date(const char *s, bool required, const char *field, struct fail *f)
{
    if (!s || !*s)
        return !required || fail(f, FAIL_INVALID, "missing_field", field, "A date is required.");
    if (!date_valid(s))
        return fail(f, FAIL_INVALID, "invalid_date", field, "Expected a date as YYYY-MM-DD.");
    return true;
}

static bool check_markdown(const char *s, const char *field, struct fail *f)
{
    if (s && strlen(s) > MTG_MARKDOWN_MAX)
        return fail(f, FAIL_INVALID, "too_long", field,
                    "The text is larger than 1 MiB (1,048,576 bytes of UTF-8).");
    if (s && !utf8_valid(s, strlen(s)))
        return fail(f, FAIL_INVALID, "invalid_utf8", field, "The text is not valid UTF-8.");
    return true;
}

static bool check_keys(const char *const *keys, size_t n, const char *field, struct fail *f)
{
    if (n > MTG_LINES_MAX)
        return fail(f, FAIL_INVALID, "too_many", field, "At most 100 lines are recorded at once.");
    for (size_t i = 0; i < n; i++) {
        if (!keys[i] || !key_valid(keys[i]))
            return fail(f, FAIL_INVALID, "invalid_key", field, "A person key is not valid.");
        for (size_t k = 0; k < i; k++)
            if (strcmp(keys[k], keys[i]) == 0)
                return fail(f, FAIL_INVALID, "duplicate_person", field, "A person is named twice.");
    }
    return true;
}

static bool check_outcome(const struct mtg_outcome *o, const char *kind, struct fail *f)
{
    if (!check_keys(o->attended, o->nattended, "attended", f))
        return false;
    if (o->ndecisions > MTG_LINES_MAX)
        return fail(f, FAIL_INVALID, "too_many", "decisions",
                    "At most 100 lines are recorded at once.");
    for (size_t i = 0; i < o->ndecisions; i++) {
        const char *t = o->decisions[i].text;
        if (!t || !*t)
            return fail(f, FAIL_INVALID, "missing_field", "decisions",
                        "A decision's text is required.");
        if (!check_markdown(t, "decisions", f))
            return false;
        /* 第七条: the presidium decides major matters; a special meeting cannot take them. */
        if (o->decisions[i].major && strcmp(kind, "presidium") != 0)
            return fail_norm(f, FAIL_INVALID, "major_decision_outside_presidium", "decisions",
                             "A major decision is taken by the presidium: a special meeting "
                             "cannot take one (Article 7).",
                             7, "A07.major-decision-outside-presidium");
    }
    return true;
}

/* --- inside the transaction ------------------------------------------------------------------ */

static bool load_meeting(db *d, arena *a, const struct rg_alliance *al, const char *key,
                         struct mt_meeting *m, struct fail *f)
{
    int rc = key && key_valid(key) ? st_mt_get(d, a, al->id, key, m) : DB_DONE;
    if (rc == DB_ROW)
        return true;
    if (rc != DB_DONE)
        return tx_abort(d, rc, f);
    tx_refuse(d);
    return fail(f, FAIL_NOT_FOUND, "not_found", NULL, "The alliance has no such meeting.");
}

/* The person's row id; refuses (rolling back) an unknown key. */
static bool person_id(db *d, arena *a, const char *key, const char *field, int64_t *id,
                      struct fail *f)
{
    struct mt_person p;
    int rc = st_mt_person(d, a, key, &p);
    if (rc == DB_ROW) {
        *id = p.id;
        return true;
    }
    if (rc != DB_DONE)
        return tx_abort(d, rc, f);
    tx_refuse(d);
    return fail(f, FAIL_INVALID, "unknown_person", field, "There is no person with that key.");
}

/* Whether the person holds post `post` ("presidium/chair") in the alliance on date; with post
 * NULL, any post. -1 after a database failure (rolled back, f filled). */
static int holds(db *d, arena *a, int64_t alliance_id, const char *person, const char *date,
                 const char *post, struct fail *f)
{
    const char **posts;
    size_t n;
    int rc = st_mt_posts_on(d, a, alliance_id, person, date, &posts, &n);
    if (rc != DB_OK) {
        tx_abort(d, rc, f);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (!post || strcmp(posts[i], post) == 0)
            return 1;
    return 0;
}

static bool refuse_norm(db *d, struct fail *f, const char *code, const char *field,
                        const char *message, int article, const char *rule)
{
    tx_refuse(d);
    return fail_norm(f, FAIL_INVALID, code, field, message, article, rule);
}

/* The chair and the delegation (第十一条, 第十二条), on the meeting's date. */
static bool check_chair(db *d, arena *a, int64_t alliance_id, const struct mtg_meeting *m,
                        struct fail *f)
{
    int any = holds(d, a, alliance_id, m->chaired_by, m->date, NULL, f);
    if (any < 0)
        return false;
    if (!any)
        return refuse_norm(d, f, "not_office_holder", "chaired_by",
                           N_("The person chairing holds no post in the alliance on the meeting's "
                              "date."),
                           strcmp(m->kind, "presidium") == 0 ? 11 : 12, NULL);
    int chair = holds(d, a, alliance_id, m->chaired_by, m->date, "presidium/chair", f);
    if (chair < 0)
        return false;
    if (strcmp(m->kind, "presidium") == 0) {
        /* 第十二条: only a special meeting is chaired by delegation. */
        if (m->delegated_by)
            return refuse_norm(d, f, "delegation_not_allowed", "delegated_by",
                               N_("Only a special meeting may be chaired by a vice-chair the chair "
                                  "delegates (Article 12)."),
                               12, NULL);
        /* 第十一条: the chair chairs the presidium meeting. */
        if (!chair)
            return refuse_norm(
                d, f, "not_chaired_by_chair", "chaired_by",
                N_("A presidium meeting is chaired by the chair in office on its date "
                   "(Article 11)."),
                11, "A11.not-chaired-by-chair");
        return true;
    }
    if (chair) {
        if (m->delegated_by)
            return refuse_norm(
                d, f, "delegation_not_needed", "delegated_by",
                N_("The chair chairs in person: a delegation is recorded only when a "
                   "vice-chair chairs (Article 12)."),
                12, NULL);
        return true;
    }
    /* 第十二条: otherwise a vice-chair chairs, delegated by the chair. */
    int vice = holds(d, a, alliance_id, m->chaired_by, m->date, "presidium/vice_chair", f);
    if (vice < 0)
        return false;
    if (!vice)
        return refuse_norm(d, f, "special_not_chaired_properly", "chaired_by",
                           N_("A special meeting is chaired by the chair or by a vice-chair the "
                              "chair delegates (Article 12)."),
                           12, "A12.special-not-chaired-properly");
    if (!m->delegated_by)
        return refuse_norm(
            d, f, "delegation_missing", "delegated_by",
            N_("A vice-chair chairs a special meeting only when the chair delegates: "
               "name the chair who did (Article 12)."),
            12, "A12.special-not-chaired-properly");
    int64_t ignored;
    if (!person_id(d, a, m->delegated_by, "delegated_by", &ignored, f))
        return false;
    int by_chair = holds(d, a, alliance_id, m->delegated_by, m->date, "presidium/chair", f);
    if (by_chair < 0)
        return false;
    if (!by_chair)
        return refuse_norm(
            d, f, "delegated_not_by_chair", "delegated_by",
            N_("Only the chair in office on the meeting's date delegates the chairing "
               "of a special meeting (Article 12)."),
            12, "A12.special-not-chaired-properly");
    return true;
}

/* Writes who was present and the decisions ("d-1", "d-2", ...) after any the meeting has (an
 * imported planned meeting may carry some); details gets them. */
static bool write_outcome(db *d, arena *a, int64_t meeting_id, const struct mtg_outcome *o,
                          json_t *details, struct fail *f)
{
    struct mt_item *had;
    size_t npresent, ndecided;
    int rc = st_mt_attendees(d, a, meeting_id, &had, &npresent);
    if (rc == DB_OK)
        rc = st_mt_decisions(d, a, meeting_id, &had, &ndecided);
    if (rc != DB_OK)
        return tx_abort(d, rc, f);
    json_t *people = json_array(), *decisions = json_array();
    json_object_set_new(details, "attended", people);
    json_object_set_new(details, "decisions", decisions);
    for (size_t i = 0; i < o->nattended; i++) {
        int64_t pid;
        if (!person_id(d, a, o->attended[i], "attended", &pid, f))
            return false;
        rc = st_mt_attendee_insert(d, meeting_id, (int64_t)(npresent + i), pid);
        if (rc != DB_OK)
            return tx_abort(d, rc, f);
        json_array_append_new(people, json_string(o->attended[i]));
    }
    for (size_t i = 0; i < o->ndecisions; i++) {
        const char *key = arena_printf(a, "d-%zu", ndecided + i + 1);
        rc = st_mt_decision_insert(d, meeting_id, (int64_t)(ndecided + i), key,
                                   o->decisions[i].text, o->decisions[i].major);
        if (rc != DB_OK)
            return tx_abort(d, rc, f);
        json_array_append_new(decisions,
                              json_pack("{s:s, s:b}", "key", key, "major", o->decisions[i].major));
    }
    return true;
}

static const char *subject(arena *a, const char *alliance, const char *meeting)
{
    return arena_printf(a, "meeting:%s/%s", alliance, meeting);
}

/* The key "m-N" not yet taken in the alliance: N from the table's largest id, then up. */
static int new_key(db *d, arena *a, int64_t alliance_id, const char **key)
{
    int64_t n;
    int rc = st_mt_max_id(d, &n);
    for (int tries = 0; rc == DB_OK && tries < 1000; tries++) {
        const char *k = arena_printf(a, "m-%lld", (long long)(n + 1 + tries));
        struct mt_meeting m;
        rc = st_mt_get(d, a, alliance_id, k, &m);
        if (rc == DB_DONE) {
            *key = k;
            return DB_OK;
        }
        if (rc == DB_ROW)
            rc = DB_OK;
    }
    return rc == DB_OK ? DB_ERR : rc;
}

/* --- recording a meeting --------------------------------------------------------------------- */

static bool check_meeting(const struct mtg_meeting *m, const char *t, struct fail *f)
{
    if (!m->kind || (strcmp(m->kind, "presidium") != 0 && strcmp(m->kind, "special") != 0))
        return fail(f, FAIL_INVALID, "invalid_field", "kind", "The kind is presidium or special.");
    if (!check_title(m->title, "title", f) || !check_date(m->date, true, "date", f))
        return false;
    const char *st = m->status ? m->status : "planned";
    if (strcmp(st, "planned") != 0 && strcmp(st, "held") != 0 && strcmp(st, "cancelled") != 0)
        return fail(f, FAIL_INVALID, "invalid_field", "status",
                    "The status is planned, held or cancelled.");
    if (strcmp(st, "held") == 0 && strcmp(m->date, t) > 0)
        return fail(f, FAIL_INVALID, "held_in_future", "date",
                    "A meeting dated after today cannot have been held.");
    if (strcmp(st, "held") != 0 && (m->held.nattended || m->held.ndecisions))
        return fail(f, FAIL_INVALID, "not_held", m->held.ndecisions ? "decisions" : "attended",
                    "Attendance and decisions are recorded for a held meeting.");
    if (!m->chaired_by || !*m->chaired_by)
        return fail(f, FAIL_INVALID, "missing_field", "chaired_by",
                    "Name the person who chairs the meeting.");
    if (!key_valid(m->chaired_by))
        return fail(f, FAIL_INVALID, "invalid_key", "chaired_by", "A person key is not valid.");
    if (m->delegated_by && !key_valid(m->delegated_by))
        return fail(f, FAIL_INVALID, "invalid_key", "delegated_by", "A person key is not valid.");
    bool agenda = m->agenda_proposed_by || m->nitems || m->agenda_approved_by;
    if (agenda && !m->agenda_proposed_by)
        return fail(f, FAIL_INVALID, "missing_field", "agenda.proposed_by",
                    "An agenda names who proposed it (the secretariat, Article 11).");
    if (m->agenda_proposed_by && !key_valid(m->agenda_proposed_by))
        return fail(f, FAIL_INVALID, "invalid_key", "agenda.proposed_by",
                    "A person key is not valid.");
    if (m->agenda_approved_by && !key_valid(m->agenda_approved_by))
        return fail(f, FAIL_INVALID, "invalid_key", "agenda.approved_by",
                    "A person key is not valid.");
    if (!check_date(m->agenda_approved_on, m->agenda_approved_by != NULL, "agenda.approved_on", f))
        return false;
    if (m->agenda_approved_on && !m->agenda_approved_by)
        return fail(f, FAIL_INVALID, "missing_field", "agenda.approved_by",
                    "Name who approved the agenda.");
    /* 第十一条: the chair approves the agenda before the meeting. */
    if (m->agenda_approved_on && strcmp(m->agenda_approved_on, m->date) > 0)
        return fail_norm(f, FAIL_INVALID, "agenda_approved_late", "agenda.approved_on",
                         "The agenda is approved before the meeting, not after it (Article 11).",
                         11, "A11.agenda-not-approved");
    if (m->nitems > MTG_LINES_MAX)
        return fail(f, FAIL_INVALID, "too_many", "agenda.items",
                    "At most 100 lines are recorded at once.");
    for (size_t i = 0; i < m->nitems; i++)
        if (!check_title(m->items[i].text, "agenda.items", f))
            return false;
    return check_outcome(&m->held, m->kind, f);
}

bool mtg_record(db *d, arena *a, const struct actor *who, const char *alliance,
                const struct mtg_meeting *m, const char **key, struct fail *f)
{
    char t[11];
    today(t);
    if (!check_meeting(m, t, f))
        return false;
    const char *status = m->status ? m->status : "planned";
    struct rg_alliance al;
    int rc = db_begin(d);
    if (rc != DB_OK)
        return fail_db(f, rc);
    if (!tx_alliance(d, a, who, alliance, RIGHT_ALLIANCE_EDIT, RIGHT_NONE, true, &al, f))
        return false;
    struct mt_new row = {.kind = m->kind,
                         .title = m->title,
                         .date = m->date,
                         .status = status,
                         .agenda_approved_on = m->agenda_approved_on};
    if (!person_id(d, a, m->chaired_by, "chaired_by", &row.chaired_by, f) ||
        !check_chair(d, a, al.id, m, f) ||
        (m->delegated_by &&
         !person_id(d, a, m->delegated_by, "delegated_by", &row.delegated_by, f)) ||
        (m->agenda_proposed_by && !person_id(d, a, m->agenda_proposed_by, "agenda.proposed_by",
                                             &row.agenda_proposed_by, f)) ||
        (m->agenda_approved_by &&
         !person_id(d, a, m->agenda_approved_by, "agenda.approved_by", &row.agenda_approved_by, f)))
        return false;
    if (m->agenda_approved_by && strcmp(m->kind, "presidium") == 0) {
        /* 第十一条: the agenda of a presidium meeting is approved by the chair. */
        int chair = holds(d, a, al.id, m->agenda_approved_by, m->date, "presidium/chair", f);
        if (chair < 0)
            return false;
        if (!chair)
            return refuse_norm(d, f, "agenda_not_approved_by_chair", "agenda.approved_by",
                               N_("The agenda of a presidium meeting is approved by the chair "
                                  "(Article 11)."),
                               11, "A11.agenda-not-approved");
    }
    if ((rc = new_key(d, a, al.id, key)) != DB_OK)
        return tx_abort(d, rc, f);
    row.key = *key;
    int64_t id;
    if ((rc = st_mt_insert(d, al.id, &row, &id)) != DB_OK)
        return tx_abort(d, rc, f);
    json_t *items = json_array();
    for (size_t i = 0; i < m->nitems; i++) {
        if ((rc = st_mt_agenda_item_insert(d, id, (int64_t)i, m->items[i].text,
                                           m->items[i].major)) != DB_OK) {
            json_decref(items);
            return tx_abort(d, rc, f);
        }
        json_array_append_new(
            items, json_pack("{s:s, s:b}", "title", m->items[i].text, "major", m->items[i].major));
    }
    json_t *details =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o}", "kind", m->kind, "title", m->title,
                  "date", m->date, "status", status, "chaired_by", m->chaired_by, "delegated_by",
                  m->delegated_by, "agenda_proposed_by", m->agenda_proposed_by, "agenda", items);
    if (strcmp(status, "held") == 0 && !write_outcome(d, a, id, &m->held, details, f)) {
        json_decref(details);
        return false;
    }
    return tx_audit(d, who, "meeting.record", subject(a, al.key, *key), details, f) &&
           tx_commit(d, f);
}

/* --- held, cancelled ------------------------------------------------------------------------- */

/* Opens the transaction with the planned meeting; refuses a meeting in any other state. */
static bool begin_planned(db *d, arena *a, const struct actor *who, const char *alliance,
                          const char *meeting, struct rg_alliance *al, struct mt_meeting *m,
                          struct fail *f)
{
    int rc = db_begin(d);
    if (rc != DB_OK)
        return fail_db(f, rc);
    if (!tx_alliance(d, a, who, alliance, RIGHT_ALLIANCE_EDIT, RIGHT_NONE, true, al, f) ||
        !load_meeting(d, a, al, meeting, m, f))
        return false;
    if (strcmp(m->status, "planned") != 0) {
        tx_refuse(d);
        return fail(f, FAIL_CONFLICT, "not_planned", "status",
                    "Only a planned meeting can be marked held or cancelled.");
    }
    return true;
}

bool mtg_held(db *d, const struct actor *who, const char *alliance, const char *meeting,
              const struct mtg_outcome *o, struct fail *f)
{
    arena *a = arena_new();
    struct rg_alliance al;
    struct mt_meeting m;
    bool ok = false;
    char t[11];
    today(t);
    if (!begin_planned(d, a, who, alliance, meeting, &al, &m, f))
        goto out;
    if (strcmp(m.date, t) > 0) {
        tx_refuse(d);
        fail(f, FAIL_INVALID, "held_in_future", "date",
             "A meeting dated after today cannot have been held.");
        goto out;
    }
    if (!check_outcome(o, m.kind, f)) {
        tx_refuse(d);
        goto out;
    }
    json_t *details = json_object();
    int rc = st_mt_set_status(d, m.id, "held");
    if (rc != DB_OK) {
        json_decref(details);
        tx_abort(d, rc, f);
        goto out;
    }
    if (!write_outcome(d, a, m.id, o, details, f)) {
        json_decref(details);
        goto out;
    }
    ok = tx_audit(d, who, "meeting.held", subject(a, al.key, m.key), details, f) && tx_commit(d, f);
out:
    arena_free(a);
    return ok;
}

bool mtg_cancel(db *d, const struct actor *who, const char *alliance, const char *meeting,
                struct fail *f)
{
    arena *a = arena_new();
    struct rg_alliance al;
    struct mt_meeting m;
    bool ok = false;
    if (!begin_planned(d, a, who, alliance, meeting, &al, &m, f))
        goto out;
    int rc = st_mt_set_status(d, m.id, "cancelled");
    if (rc != DB_OK) {
        tx_abort(d, rc, f);
        goto out;
    }
    ok = tx_audit(d, who, "meeting.cancel", subject(a, al.key, m.key), NULL, f) && tx_commit(d, f);
out:
    arena_free(a);
    return ok;
}

/* --- minutes --------------------------------------------------------------------------------- */

static bool check_minutes(const struct mtg_minutes *m, const char *t, struct fail *f)
{
    if (!check_markdown(m->text, "text", f))
        return false;
    if (m->signed_by && !key_valid(m->signed_by))
        return fail(f, FAIL_INVALID, "invalid_key", "signed_by", "A person key is not valid.");
    if (!check_date(m->signed_on, m->signed_by != NULL, "signed_on", f) ||
        !check_date(m->distributed_on, false, "distributed_on", f) ||
        !check_keys(m->distributed_to, m->ndistributed_to, "distributed_to", f))
        return false;
    if (m->signed_on && !m->signed_by)
        return fail(f, FAIL_INVALID, "missing_field", "signed_by", "Name who signed the minutes.");
    if ((m->signed_on && strcmp(m->signed_on, t) > 0) ||
        (m->distributed_on && strcmp(m->distributed_on, t) > 0))
        return fail(f, FAIL_INVALID, "date_in_future",
                    m->signed_on && strcmp(m->signed_on, t) > 0 ? "signed_on" : "distributed_on",
                    "The date is after today.");
    /* 第十三条: the chair signs and issues the minutes; only then are they distributed. */
    if (m->distributed_on && !m->signed_on)
        return fail_norm(f, FAIL_INVALID, "not_signed", "distributed_on",
                         "Minutes are distributed once the chair has signed them (Article 13).", 13,
                         NULL);
    if (m->distributed_on && strcmp(m->distributed_on, m->signed_on) < 0)
        return fail(f, FAIL_INVALID, "distributed_before_signed", "distributed_on",
                    "Minutes cannot be distributed before they were signed.");
    if (m->ndistributed_to && !m->distributed_on)
        return fail(f, FAIL_INVALID, "missing_field", "distributed_on",
                    "Give the date the minutes were distributed.");
    return true;
}

bool mtg_minutes(db *d, const struct actor *who, const char *alliance, const char *meeting,
                 const struct mtg_minutes *in, struct fail *f)
{
    char t[11];
    today(t);
    if (!check_minutes(in, t, f))
        return false;
    arena *a = arena_new();
    struct rg_alliance al;
    struct mt_meeting m;
    bool ok = false;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    if (!tx_alliance(d, a, who, alliance, RIGHT_ALLIANCE_EDIT, RIGHT_NONE, true, &al, f) ||
        !load_meeting(d, a, &al, meeting, &m, f))
        goto out;
    if (strcmp(m.status, "held") != 0) {
        tx_refuse(d);
        fail(f, FAIL_CONFLICT, "not_held", "status", "Minutes are recorded for a held meeting.");
        goto out;
    }
    if (m.minutes_distributed_on) {
        tx_refuse(d);
        fail(f, FAIL_CONFLICT, "minutes_distributed", NULL,
             "The minutes have been distributed: they are final.");
        goto out;
    }
    if (in->signed_on && strcmp(in->signed_on, m.date) < 0) {
        tx_refuse(d);
        fail(f, FAIL_INVALID, "signed_before_meeting", "signed_on",
             "Minutes cannot be signed before the meeting.");
        goto out;
    }
    int64_t signer = 0;
    if (in->signed_by) {
        if (!person_id(d, a, in->signed_by, "signed_by", &signer, f))
            goto out;
        /* 第十三条: the minutes are signed and issued by the chair. */
        int chair = holds(d, a, al.id, in->signed_by, in->signed_on, "presidium/chair", f);
        if (chair < 0)
            goto out;
        if (!chair) {
            refuse_norm(d, f, "not_signed_by_chair", "signed_by",
                        N_("The minutes are signed and issued by the chair in office on the day "
                           "they are signed (Article 13)."),
                        13, "A13.minutes-not-signed-by-chair");
            goto out;
        }
    }
    rc = st_mt_set_minutes(d, m.id, in->text, signer, in->signed_on, in->distributed_on);
    if (rc != DB_OK) {
        tx_abort(d, rc, f);
        goto out;
    }
    json_t *to = json_array();
    for (size_t i = 0; i < in->ndistributed_to; i++) {
        int64_t pid;
        if (!person_id(d, a, in->distributed_to[i], "distributed_to", &pid, f)) {
            json_decref(to);
            goto out;
        }
        if ((rc = st_mt_recipient_insert(d, m.id, (int64_t)i, pid)) != DB_OK) {
            json_decref(to);
            tx_abort(d, rc, f);
            goto out;
        }
        json_array_append_new(to, json_string(in->distributed_to[i]));
    }
    ok = tx_audit(d, who, "meeting.minutes", subject(a, al.key, m.key),
                  json_pack("{s:I, s:s?, s:s?, s:s?, s:o}", "bytes",
                            (json_int_t)(in->text ? strlen(in->text) : 0), "signed_by",
                            in->signed_by, "signed_on", in->signed_on, "distributed_on",
                            in->distributed_on, "distributed_to", to),
                  f) &&
         tx_commit(d, f);
out:
    arena_free(a);
    return ok;
}
