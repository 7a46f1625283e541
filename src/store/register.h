/* store/register.h: the queries of the alliance register (domain/register.c) and its approval
 * workflow (domain/approvals.c), over the tables of migrations/002_dataset.sql and
 * 003_register.sql: jurisdictions, organisations, alliances, their charters and members, and
 * approval_requests.
 *
 * Conventions as in store.h: strings are copied into the caller's arena, *rows is an arena array;
 * "find" functions answer DB_ROW when found and DB_DONE when not; writes answer DB_OK (or, for
 * conditional updates, DB_ROW when a row changed and DB_DONE when none did); anything else is a
 * negative enum db_rc. Nothing here decides anything: the domain does. */
#ifndef LH_STORE_REGISTER_H
#define LH_STORE_REGISTER_H
#include "store/db.h"
#include "util/arena.h"
#include <stdbool.h>
#include <stdint.h>

/* --- jurisdictions --------------------------------------------------------------------------- */
struct rg_jurisdiction {
    int64_t id;
    const char *key, *name, *short_name;
    int64_t min_initiators; /* params.min_initiators, -1 when not set (the default applies) */
};
int st_rg_jurisdiction(db *d, arena *a, const char *key, struct rg_jurisdiction *out);
/* Every jurisdiction, by id. */
int st_rg_jurisdictions(db *d, arena *a, struct rg_jurisdiction **rows, size_t *n);

/* --- organisations --------------------------------------------------------------------------- */
struct rg_org {
    int64_t id;
    const char *key, *name, *kind, *uscc, *english_name;
};
int st_rg_org_by_key(db *d, arena *a, const char *key, struct rg_org *out);
int st_rg_org_by_name(db *d, arena *a, const char *name, struct rg_org *out);
int st_rg_org_insert(db *d, const struct rg_org *o, int64_t *id);
/* Every organisation, by id. */
int st_rg_orgs(db *d, arena *a, struct rg_org **rows, size_t *n);
/* The largest row id of organisations (0 when none), to generate keys ("o-N"). */
int st_rg_org_max_id(db *d, int64_t *out);

/* --- alliances ------------------------------------------------------------------------------- */
struct rg_alliance {
    int64_t id;
    const char *key, *name, *status;
    const char *jurisdiction, *jurisdiction_name, *jurisdiction_short; /* key, names */
    const char *established_date, *established_by, *established_ref;
    const char *dissolved_date, *dissolved_by, *dissolved_ref;
    int64_t members;         /* current members on `today`: joined, not left */
    int64_t charter_version; /* the latest approved charter's version, 0: none */
};
int st_rg_alliance(db *d, arena *a, const char *key, const char *today, struct rg_alliance *out);
/* Every alliance, by id. */
int st_rg_alliances(db *d, arena *a, const char *today, struct rg_alliance **rows, size_t *n);
int st_rg_alliance_max_id(db *d, int64_t *out);
int st_rg_alliance_insert(db *d, const char *key, int64_t jurisdiction_id, const char *name,
                          const char *status, int64_t *id);
int st_rg_alliance_set_status(db *d, int64_t id, const char *status);
int st_rg_alliance_set_name(db *d, int64_t id, const char *name);
/* Sets the status and the approval (established_* or dissolved_*). */
int st_rg_alliance_established(db *d, int64_t id, const char *status, const char *date,
                               const char *by, const char *ref);
int st_rg_alliance_dissolved(db *d, int64_t id, const char *status, const char *date,
                             const char *by, const char *ref);

/* --- members --------------------------------------------------------------------------------- */
struct rg_member {
    int64_t id;
    const char *org_key, *org_name, *org_kind, *uscc;
    const char *role, *joined_on, *left_on;
    const char *join_approved_date, *join_approved_by, *join_approved_ref;
    int64_t charter_ack_version; /* 0: none */
    const char *charter_ack_date;
    const char *leave_approved_date, *leave_approved_by, *leave_approved_ref;
};
/* Appends a member row (seq after the alliance's last). The approval is absent when date is NULL;
 * ack_version 0 records no charter acknowledgement. */
int st_rg_member_insert(db *d, int64_t alliance_id, int64_t org_id, const char *role,
                        const char *joined_on, const char *approved_date, const char *approved_by,
                        const char *approved_ref, int64_t ack_version, const char *ack_date,
                        int64_t *id);
/* The organisation's membership that has not ended (left_on NULL), the latest when several. */
int st_rg_member_open(db *d, arena *a, int64_t alliance_id, const char *org_key,
                      struct rg_member *out);
int st_rg_member_leave(db *d, int64_t member_id, const char *left_on, const char *approved_date,
                       const char *approved_by, const char *approved_ref);
/* Every member row of the alliance, in stored order. */
int st_rg_members(db *d, arena *a, int64_t alliance_id, struct rg_member **rows, size_t *n);

/* --- charters -------------------------------------------------------------------------------- */
struct rg_charter {
    int64_t id, version;
    const char *submitted_on, *approved_date, *approved_by, *approved_ref;
    const char *text;         /* NULL unless asked for */
    const char *drafters;     /* organisation names joined with "、" */
    const char *drafter_keys; /* organisation keys joined with "," */
};
int st_rg_charter_max_version(db *d, int64_t alliance_id, int64_t *out);
/* Appends a charter (seq after the alliance's last). */
int st_rg_charter_insert(db *d, int64_t alliance_id, int64_t version, const char *text,
                         int64_t *id);
int st_rg_charter_drafter_insert(db *d, int64_t charter_id, int64_t seq, int64_t org_id);
/* The charter of that version (the last stored when a version repeats), with its text. */
int st_rg_charter(db *d, arena *a, int64_t alliance_id, int64_t version, struct rg_charter *out);
int st_rg_charter_submit(db *d, int64_t id, const char *date);
int st_rg_charter_approve(db *d, int64_t id, const char *date, const char *by, const char *ref);
/* Every version, oldest first, without texts. */
int st_rg_charters(db *d, arena *a, int64_t alliance_id, struct rg_charter **rows, size_t *n);

/* --- people in office ------------------------------------------------------------------------ */
/* DB_ROW when the person holds a presidium post of the alliance with the role `role` (or, with
 * role "vice_chair", chair or vice_chair) on `today`. */
int st_rg_person_in_presidium(db *d, int64_t alliance_id, const char *person_key, const char *role,
                              const char *today);
/* The person key linked to an account, NULL when none (DB_ROW / DB_DONE). */
int st_rg_user_person(db *d, arena *a, int64_t user_id, const char **person_key);

/* --- approval requests ----------------------------------------------------------------------- */
struct rg_request {
    int64_t id, alliance_id, requested_user;
    const char *kind, *authority, *subject, *payload;
    const char *alliance, *alliance_name, *jurisdiction; /* keys and name */
    const char *requested_by, *requested_at;
    const char *decision; /* NULL: pending */
    const char *decided_by, *decided_at, *decided_on, *ref, *comment;
};
int st_rg_request_insert(db *d, const struct rg_request *q, int64_t *id);
int st_rg_request(db *d, arena *a, int64_t id, struct rg_request *out);
/* Ends an open request: DB_ROW when it was open and is now decided, DB_DONE when it was not
 * open (someone decided it first). */
int st_rg_request_decide(db *d, int64_t id, const char *decision, const char *decided_by,
                         const char *decided_at, const char *decided_on, const char *ref,
                         const char *comment);
/* Requests, newest first: all of them (open_only false) or only the open ones; alliance_id 0
 * for every alliance. */
int st_rg_requests(db *d, arena *a, bool open_only, int64_t alliance_id, struct rg_request **rows,
                   size_t *n);

#endif
