/* The approval workflow (approvals.h). The table of kinds comes first: it is the one place that
 * says which step of the norms is decided by whom and what the decision changes. */
#include "domain/approvals.h"
#include "domain/register.h"
#include "domain/tx.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include <stdlib.h>
#include <string.h>

/* clang-format off */
static const struct ap_kind kinds[] = {
    /* 第二十一条: establishing an alliance needs the CAST standing committee's approval. */
    {"establishment", N_("Establishment of the alliance"), AP_STANDING_COMMITTEE, 21, true, false,
     reg_on_establishment_approved, reg_on_establishment_rejected, NULL},
    /* 第二条: the charter is drafted by the initiating societies and approved by CAST. */
    {"charter", N_("Charter"), AP_CAST, 2, false, true,
     reg_on_charter_approved, NULL, NULL},
    /* 第四条: a CAST national society joins or leaves only with CAST's approval. */
    {"join", N_("A national society joins"), AP_CAST, 4, false, true,
     reg_on_join_approved, NULL, NULL},
    {"leave", N_("A national society leaves"), AP_CAST, 4, false, true,
     reg_on_leave_approved, NULL, NULL},
    /* 第二十一条: so does dissolving it. */
    {"dissolution", N_("Dissolution of the alliance"), AP_STANDING_COMMITTEE, 21, true, true,
     reg_on_dissolution_approved, reg_on_dissolution_ended, reg_on_dissolution_ended},
};
/* clang-format on */

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

const struct ap_kind *ap_kind_find(const char *name)
{
    for (size_t i = 0; name && i < COUNT(kinds); i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

const struct ap_kind *ap_kind_at(size_t i)
{
    return i < COUNT(kinds) ? &kinds[i] : NULL;
}

size_t ap_kind_count(void)
{
    return COUNT(kinds);
}

/* --- the state machine ----------------------------------------------------------------------- */

static const char *const state_names[AP_STATE_COUNT] = {"pending", "approved", "rejected",
                                                        "withdrawn"};
static const char *const authority_names[AP_AUTHORITY_COUNT] = {"standing_committee", "cast",
                                                                "presidium", "chair"};

enum ap_state ap_next(enum ap_state from, enum ap_action action)
{
    if (from != AP_PENDING)
        return AP_STATE_COUNT; /* a decided request is final */
    switch (action) {
    case AP_APPROVE:
        return AP_APPROVED;
    case AP_REJECT:
        return AP_REJECTED;
    case AP_WITHDRAW:
        return AP_WITHDRAWN;
    }
    return AP_STATE_COUNT;
}

const char *ap_state_name(enum ap_state s)
{
    return s < AP_STATE_COUNT ? state_names[s] : "";
}

enum ap_state ap_state_of(const struct rg_request *q)
{
    if (!q->decision)
        return AP_PENDING;
    for (int i = 1; i < AP_STATE_COUNT; i++)
        if (strcmp(q->decision, state_names[i]) == 0)
            return (enum ap_state)i;
    return AP_STATE_COUNT; /* not a state this program writes: treated as final */
}

const char *ap_authority_name(enum ap_authority a)
{
    return a < AP_AUTHORITY_COUNT ? authority_names[a] : "";
}

bool ap_action_parse(const char *s, enum ap_action *out)
{
    if (!s)
        return false;
    if (strcmp(s, "approve") == 0 || strcmp(s, "approved") == 0)
        *out = AP_APPROVE;
    else if (strcmp(s, "reject") == 0 || strcmp(s, "rejected") == 0)
        *out = AP_REJECT;
    else
        return false;
    return true;
}

/* --- who may do what ------------------------------------------------------------------------- */

bool ap_may_decide(db *d, arena *a, const struct actor *who, const struct rg_request *q,
                   const char *today)
{
    const struct ap_kind *k = ap_kind_find(q->kind);
    if (!k || !who)
        return false;
    switch (k->authority) {
    case AP_STANDING_COMMITTEE:
    case AP_CAST:
        /* CAST's decisions are recorded by the officers of the alliance's jurisdiction. */
        return can_alliance(who, RIGHT_CAST_DECIDE, q->jurisdiction, q->alliance);
    case AP_PRESIDIUM:
    case AP_CHAIR: {
        /* The alliance's own bodies decide through the people holding the posts (第七条): a
         * user linked to the chair (or, for the presidium, the chair or a vice-chair). */
        if (who->kind == ACTOR_OPERATOR)
            return true;
        if (who->kind != ACTOR_USER)
            return false;
        const char *person = NULL;
        if (st_rg_user_person(d, a, who->user_id, &person) != DB_ROW || !person)
            return false;
        return st_rg_person_in_presidium(d, q->alliance_id, person,
                                         k->authority == AP_CHAIR ? "chair" : "vice_chair",
                                         today) == DB_ROW;
    }
    case AP_AUTHORITY_COUNT:
        break;
    }
    return false;
}

static bool asked_by(const struct actor *who, const struct rg_request *q)
{
    return who && who->kind == ACTOR_USER && q->requested_user == who->user_id;
}

bool ap_may_withdraw(const struct actor *who, const struct rg_request *q)
{
    const struct ap_kind *k = ap_kind_find(q->kind);
    return k && k->withdrawable && ap_state_of(q) == AP_PENDING &&
           (asked_by(who, q) ||
            can_alliance(who, RIGHT_ALLIANCE_EDIT, q->jurisdiction, q->alliance));
}

bool ap_may_see(const struct actor *who, const struct rg_request *q)
{
    return asked_by(who, q) || can_alliance(who, RIGHT_BUSINESS_READ, q->jurisdiction, q->alliance);
}

/* --- submitting ------------------------------------------------------------------------------ */

bool ap_submit_in_tx(db *d, const struct actor *who, const char *kind, int64_t alliance_id,
                     const char *subject, json_t *payload, const char *comment, int64_t *id,
                     struct fail *f)
{
    const struct ap_kind *k = ap_kind_find(kind);
    if (!payload)
        payload = json_object();
    if (!k) {
        json_decref(payload);
        db_rollback(d);
        return fail(f, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
    }
    char *text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
    char label[96], at[32];
    clock_rfc3339(clock_now(), at);
    struct rg_request q = {
        .kind = k->name,
        .authority = ap_authority_name(k->authority),
        .alliance_id = alliance_id,
        .subject = subject,
        .payload = text ? text : "{}",
        .requested_by = actor_label(who, label, sizeof label),
        .requested_user = who->kind == ACTOR_USER ? who->user_id : 0,
        .requested_at = at,
        .comment = comment && *comment ? comment : NULL,
    };
    int rc = st_rg_request_insert(d, &q, id);
    if (rc == DB_CONSTRAINT) {
        free(text);
        json_decref(payload);
        db_rollback(d);
        return fail(f, FAIL_CONFLICT, "request_pending", NULL,
                    "A request for this is already waiting for a decision.");
    }
    if (rc != DB_OK) {
        free(text);
        json_decref(payload);
        return tx_abort(d, rc, f);
    }
    json_t *det = json_pack("{s:s, s:s, s:s, s:I}", "kind", k->name, "authority", q.authority,
                            "subject", subject, "alliance_id", (json_int_t)alliance_id);
    json_object_set_new(det, "payload", payload);
    if (q.comment)
        json_object_set_new(det, "comment", json_string(q.comment));
    free(text);
    char subj[48];
    snprintf(subj, sizeof subj, "approval:%lld", (long long)*id);
    return tx_audit(d, who, "approval.submit", subj, det, f);
}

/* --- deciding -------------------------------------------------------------------------------- */

/* Free text of a request: valid UTF-8 (checked by the edges), at most max characters, no control
 * characters but line breaks and tabs when multiline. */
static bool text_ok(const char *s, size_t max, bool multiline)
{
    if (!s)
        return true;
    if (!utf8_valid(s, strlen(s)) || utf8_len(s) > max)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (multiline && (*p == '\n' || *p == '\r' || *p == '\t'))
            continue;
        if (*p < 0x20 || *p == 0x7F)
            return false;
    }
    return true;
}

static const char *const action_names[] = {"approve", "reject", "withdraw"};

/* The step from pending to approved, rejected or withdrawn, with the checks each needs. */
static bool step(db *d, const struct actor *who, int64_t id, enum ap_action action,
                 const char *date, const char *ref, const char *comment, struct fail *f)
{
    char today[11];
    clock_date(clock_now(), today);
    if (date && !*date)
        date = NULL;
    if (ref && !*ref)
        ref = NULL;
    if (comment && !*comment)
        comment = NULL;
    if (date && !date_valid(date))
        return fail(f, FAIL_INVALID, "invalid_date", "date", "Expected a date as YYYY-MM-DD.");
    if (date && strcmp(date, today) > 0)
        return fail(f, FAIL_INVALID, "future_date", "date",
                    "A decision cannot be dated after today.");
    if (!text_ok(ref, REF_MAX, false))
        return fail(f, FAIL_INVALID, "invalid_ref", "ref",
                    "The reference has at most 100 characters, on one line.");
    if (!text_ok(comment, COMMENT_MAX, true))
        return fail(f, FAIL_INVALID, "invalid_comment", "comment",
                    "The comment has at most 2000 characters.");
    if (!date)
        date = today;

    arena *a = arena_new();
    bool ok = false;
    json_t *payload = NULL, *det = NULL;
    struct rg_request q;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    rc = st_rg_request(d, a, id, &q);
    if (rc != DB_ROW) {
        if (rc == DB_DONE) {
            tx_refuse(d);
            fail(f, FAIL_NOT_FOUND, "not_found", NULL, "There is no such request.");
        } else {
            tx_abort(d, rc, f);
        }
        goto out;
    }
    const struct ap_kind *k = ap_kind_find(q.kind);
    if (!k) {
        tx_refuse(d);
        fail(f, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
        goto out;
    }
    /* A request of an alliance outside the actor's scope is answered as one that does not
     * exist: its id must not tell that there is such an alliance or request. */
    if (!ap_may_see(who, &q)) {
        tx_refuse(d);
        fail(f, FAIL_NOT_FOUND, "not_found", NULL, "There is no such request.");
        goto out;
    }
    if (action == AP_WITHDRAW) {
        if (!(asked_by(who, &q) ||
              can_alliance(who, RIGHT_ALLIANCE_EDIT, q.jurisdiction, q.alliance))) {
            tx_refuse(d);
            fail(f, FAIL_FORBIDDEN, "forbidden", NULL,
                 "Only whoever asked, or the alliance's secretariat, may withdraw a request.");
            goto out;
        }
        if (!k->withdrawable) {
            tx_refuse(d);
            fail_norm(f, FAIL_INVALID, "not_withdrawable", NULL,
                      "This request cannot be withdrawn; it waits for its decision.", k->article,
                      NULL);
            goto out;
        }
    } else if (!ap_may_decide(d, a, who, &q, today)) {
        tx_refuse(d);
        static const char *const why[AP_AUTHORITY_COUNT] = {
            N_("Only the CAST standing committee decides this request; its decisions are "
               "recorded by the officers of the alliance's jurisdiction."),
            N_("Only CAST decides this request; its decisions are recorded by the officers of "
               "the alliance's jurisdiction."),
            N_("Only the alliance's presidium decides this request."),
            N_("Only the alliance's chair decides this request."),
        };
        fail_norm(f, FAIL_FORBIDDEN, "wrong_authority", NULL, why[k->authority], k->article, NULL);
        goto out;
    }
    if (ap_next(ap_state_of(&q), action) == AP_STATE_COUNT) {
        tx_refuse(d);
        fail(f, FAIL_CONFLICT, "already_decided", NULL,
             "This request has been decided already; a decision is final.");
        goto out;
    }
    if (action == AP_APPROVE && k->ref_required && !ref) {
        tx_refuse(d);
        fail_norm(f, FAIL_INVALID, "ref_required", "ref",
                  "Name the decision document (its reference number) that records the approval.",
                  k->article, NULL);
        goto out;
    }
    json_error_t jerr;
    payload = json_loads(q.payload, 0, &jerr);
    if (!payload)
        payload = json_object();
    det = json_pack("{s:s, s:s, s:s, s:s}", "kind", k->name, "subject", q.subject, "alliance",
                    q.alliance, "date", date);
    if (ref)
        json_object_set_new(det, "ref", json_string(ref));
    if (comment)
        json_object_set_new(det, "comment", json_string(comment));
    struct ap_decision dc = {.req = &q,
                             .payload = payload,
                             .action = action,
                             .date = date,
                             .by = ap_authority_name(k->authority),
                             .ref = ref,
                             .a = a,
                             .details = det};
    ap_effect effect = action == AP_APPROVE  ? k->on_approve
                       : action == AP_REJECT ? k->on_reject
                                             : k->on_withdraw;
    if (effect && !effect(d, &dc, f)) {
        tx_refuse(d);
        goto out;
    }
    char label[96], at[32];
    clock_rfc3339(clock_now(), at);
    enum ap_state to = ap_next(AP_PENDING, action);
    rc = st_rg_request_decide(d, id, ap_state_name(to), actor_label(who, label, sizeof label), at,
                              action == AP_WITHDRAW ? NULL : date, ref, comment);
    if (rc == DB_DONE) {
        tx_refuse(d);
        fail(f, FAIL_CONFLICT, "already_decided", NULL,
             "This request has been decided already; a decision is final.");
        goto out;
    }
    if (rc != DB_ROW) {
        tx_abort(d, rc, f);
        goto out;
    }
    char subj[48], action_name[32];
    snprintf(subj, sizeof subj, "approval:%lld", (long long)id);
    snprintf(action_name, sizeof action_name, "approval.%s", action_names[action]);
    json_t *d2 = det;
    det = NULL;
    ok = tx_audit(d, who, action_name, subj, d2, f) && tx_commit(d, f);
out:
    json_decref(payload);
    json_decref(det);
    arena_free(a);
    return ok;
}

bool ap_decide(db *d, const struct actor *who, int64_t id, enum ap_action action, const char *date,
               const char *ref, const char *comment, struct fail *f)
{
    if (action == AP_WITHDRAW)
        return ap_withdraw(d, who, id, comment, f);
    return step(d, who, id, action, date, ref, comment, f);
}

bool ap_withdraw(db *d, const struct actor *who, int64_t id, const char *comment, struct fail *f)
{
    return step(d, who, id, AP_WITHDRAW, NULL, NULL, comment, f);
}

/* --- the inbox ------------------------------------------------------------------------------- */

static const struct rg_request **ptrs(arena *a, size_t n)
{
    return arena_alloc(a, (n ? n : 1) * sizeof(const struct rg_request *));
}

int ap_inbox(db *d, arena *a, const struct actor *who, const char *today, struct ap_inbox *out)
{
    memset(out, 0, sizeof *out);
    int rc = st_rg_requests(d, a, false, 0, &out->rows, &out->n);
    if (rc != DB_OK)
        return rc;
    out->to_decide = ptrs(a, out->n);
    out->mine = ptrs(a, out->n);
    out->visible = ptrs(a, out->n);
    for (size_t i = 0; i < out->n; i++) {
        const struct rg_request *q = &out->rows[i];
        if (!ap_may_see(who, q))
            continue;
        out->visible[out->n_visible++] = q;
        if (asked_by(who, q))
            out->mine[out->n_mine++] = q;
        if (ap_state_of(q) == AP_PENDING && ap_may_decide(d, a, who, q, today))
            out->to_decide[out->n_to_decide++] = q;
    }
    return DB_OK;
}

int ap_counts(db *d, arena *a, const struct actor *who, const char *today, size_t *to_decide,
              size_t *mine_pending)
{
    *to_decide = *mine_pending = 0;
    struct rg_request *rows;
    size_t n;
    int rc = st_rg_requests(d, a, true, 0, &rows, &n);
    if (rc != DB_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (asked_by(who, &rows[i]))
            (*mine_pending)++;
        if (ap_may_see(who, &rows[i]) && ap_may_decide(d, a, who, &rows[i], today))
            (*to_decide)++;
    }
    return DB_OK;
}
