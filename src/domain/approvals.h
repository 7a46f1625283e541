/* The shared approval workflow: every "submit -> an authority decides" step of the norms is one
 * request of one kind, and every kind goes through the same few functions here.
 *
 *   pending --approve--> approved
 *   pending --reject---> rejected
 *   pending --withdraw-> withdrawn      (by whoever asked, for the kinds that allow it)
 *
 * A decided request is final: deciding it again is a conflict (409). Only the kind's authority
 * decides: CAST and its standing committee through the cast_officer of the alliance's
 * jurisdiction, the presidium and the chair through the people holding those posts (a user linked
 * to the person). Each step is one transaction with its audit record, and the kind's effect (what
 * the approval changes in the register) runs inside it, so a decision and its consequence are
 * written together or not at all.
 *
 * A kind is one entry of the table in approvals.c: name, authority, article, and its effects as
 * functions. Adding one (leaders, plans, fund reports, releases, news) adds an entry, not a
 * workflow. */
#ifndef LH_APPROVALS_H
#define LH_APPROVALS_H
#include "auth/rights.h"
#include "domain/fail.h"
#include "store/db.h"
#include "store/register.h"
#include "util/arena.h"
#include <jansson.h>

/* Who decides: the values are those of dataset.md's approval.by. */
enum ap_authority { AP_STANDING_COMMITTEE, AP_CAST, AP_PRESIDIUM, AP_CHAIR, AP_AUTHORITY_COUNT };

enum ap_state { AP_PENDING, AP_APPROVED, AP_REJECTED, AP_WITHDRAWN, AP_STATE_COUNT };
enum ap_action { AP_APPROVE, AP_REJECT, AP_WITHDRAW };

/* The state machine: the state that `action` leads to from `from`, or AP_STATE_COUNT when the
 * action is not allowed there (anything but pending is final). */
enum ap_state ap_next(enum ap_state from, enum ap_action action);
const char *ap_state_name(enum ap_state s); /* "pending", "approved", ... */
/* The state of a stored request (its decision column; NULL is pending). */
enum ap_state ap_state_of(const struct rg_request *q);
const char *ap_authority_name(enum ap_authority a); /* "standing_committee", "cast", ... */
/* "approve" / "reject" (also "approved" / "rejected"); false for anything else. */
bool ap_action_parse(const char *s, enum ap_action *out);

/* What a kind's effect gets: the request, its payload parsed, and the decision. The effect runs
 * inside the open transaction; on refusal it fills f and returns false (the caller rolls back).
 * It may add members to `details`, the audit record of the decision. */
struct ap_decision {
    const struct rg_request *req;
    json_t *payload;
    enum ap_action action;
    const char *date; /* YYYY-MM-DD: when the authority decided */
    const char *by;   /* the authority's name, for the approval written into the record */
    const char *ref;  /* the decision document, or NULL */
    arena *a;
    json_t *details;
};
typedef bool (*ap_effect)(db *d, const struct ap_decision *dc, struct fail *f);

struct ap_kind {
    const char *name;  /* stored in approval_requests.kind */
    const char *label; /* msgid: how people read it */
    enum ap_authority authority;
    int article;       /* 第N条 that asks for the approval */
    bool ref_required; /* an approval must name its decision document */
    bool withdrawable; /* may whoever asked withdraw it while it is pending */
    ap_effect on_approve, on_reject, on_withdraw; /* NULL: nothing beyond the request changes */
};

const struct ap_kind *ap_kind_find(const char *name);
/* The table, for listing kinds (the pages' filters, the documentation). */
const struct ap_kind *ap_kind_at(size_t i);
size_t ap_kind_count(void);

/* Opens a request inside the caller's open write transaction (the operation that asks, e.g.
 * proposing an alliance, writes its own records and the request together), and appends the audit
 * record "approval.submit". payload is taken over. A request of the same kind and subject still
 * pending is a conflict. On failure the transaction has been rolled back. */
bool ap_submit_in_tx(db *d, const struct actor *who, const char *kind, int64_t alliance_id,
                     const char *subject, json_t *payload, const char *comment, int64_t *id,
                     struct fail *f);

/* Records the authority's decision on request id: approve or reject. date NULL is today (Asia/
 * Shanghai); a date after today is refused. ref is the decision document (required for the kinds
 * that say so), comment free text. */
bool ap_decide(db *d, const struct actor *who, int64_t id, enum ap_action action, const char *date,
               const char *ref, const char *comment, struct fail *f);
/* Withdraws a pending request: whoever asked, or the alliance's secretariat. */
bool ap_withdraw(db *d, const struct actor *who, int64_t id, const char *comment, struct fail *f);

/* Read side (pages, API): may `who` decide q today? May they withdraw it? May they see it? */
bool ap_may_decide(db *d, arena *a, const struct actor *who, const struct rg_request *q,
                   const char *today);
bool ap_may_withdraw(const struct actor *who, const struct rg_request *q);
bool ap_may_see(const struct actor *who, const struct rg_request *q);

/* The requests one user sees, sorted into the inbox's parts. Arrays of pointers into rows, in
 * the arena; newest first. */
struct ap_inbox {
    struct rg_request *rows;
    size_t n;
    const struct rg_request **to_decide; /* pending, and who may decide them */
    size_t n_to_decide;
    const struct rg_request **mine; /* asked by who, any state */
    size_t n_mine;
    const struct rg_request **visible; /* everything who may see, any state */
    size_t n_visible;
};
int ap_inbox(db *d, arena *a, const struct actor *who, const char *today, struct ap_inbox *out);
/* The two numbers of the navigation bar: pending requests who may decide, and who's own still
 * pending. Cheap enough for every page (one query over the open requests). */
int ap_counts(db *d, arena *a, const struct actor *who, const char *today, size_t *to_decide,
              size_t *mine_pending);

#endif
