/* The alliance register: alliances and their lifecycle (第一条, 第十八条, 第二十一条), charters
 * (第二条), members (第四条) and the register of organisations. Each operation checks the actor's
 * right with can()/can_alliance(), enforces its articles (citing them in the fail: article and
 * rule), writes and audits in one transaction. The steps that need a decision open a request of
 * the approval workflow (domain/approvals.h); what a decision changes here is the effect
 * functions at the end of this file, which the workflow's table of kinds names.
 *
 * Nothing is deleted: a proposal ends approved or rejected, a member leaves with a date, an old
 * charter version stays beside the new one. */
#ifndef LH_REGISTER_H
#define LH_REGISTER_H
#include "auth/rights.h"
#include "domain/approvals.h"
#include "domain/fail.h"
#include "store/db.h"
#include "util/arena.h"

/* Markdown texts (charters) are limited as dataset.md limits them: 1 MiB of UTF-8. */
#define MARKDOWN_MAX (1024 * 1024)
#define REF_MAX      100  /* characters of a decision document's reference */
#define COMMENT_MAX  2000 /* characters of a comment on a request */

/* --- alliances ------------------------------------------------------------------------------- */
struct reg_proposal {
    const char *jurisdiction, *name;
    const char *const *initiators; /* organisation keys */
    size_t ninitiators;
    const char *comment; /* may be NULL */
};
/* Registers the initiators' proposal: a `proposed` alliance with a generated key ("a-N"), its
 * initiators as members, and the establishment request to the standing committee. Needs
 * RIGHT_CAST_DECIDE for the jurisdiction. *key is in a. */
bool reg_propose(db *d, arena *a, const struct actor *who, const struct reg_proposal *p,
                 const char **key, int64_t *request_id, struct fail *f);
/* Renames an alliance (第十八条 again): the jurisdiction's officer or the alliance's secretariat.
 */
bool reg_rename(db *d, const struct actor *who, const char *alliance, const char *name,
                struct fail *f);
/* Asks the standing committee to dissolve an active alliance (第二十一条): it is `dissolving`
 * until the decision. The alliance's secretariat or the jurisdiction's officer. */
bool reg_dissolve(db *d, const struct actor *who, const char *alliance, const char *comment,
                  int64_t *request_id, struct fail *f);
/* The name check of 第十八条 on its own (trimmed name, jurisdiction's short name), for forms that
 * want to say it beside the field before anything else: NULL when fine, else the msgid. */
const char *reg_name_problem(const char *name, const char *prefix);

/* --- charters -------------------------------------------------------------------------------- */
/* Drafts a new charter version (the next number) by the initiators (第二条): drafters NULL means
 * every current initiator; each drafter must be one. The alliance's secretariat. */
bool reg_charter_draft(db *d, const struct actor *who, const char *alliance, const char *text,
                       const char *const *drafters, size_t ndrafters, int64_t *version,
                       struct fail *f);
/* Submits a drafted version to CAST: a request of kind "charter". */
bool reg_charter_submit(db *d, const struct actor *who, const char *alliance, int64_t version,
                        const char *comment, int64_t *request_id, struct fail *f);

/* --- members --------------------------------------------------------------------------------- */
struct reg_join {
    const char *organisation;
    const char *joined_on; /* NULL: today */
    int64_t ack_version;   /* the charter version the organisation accepted (第四条) */
    const char *ack_date;  /* NULL: joined_on */
    const char *comment;
};
/* Adds a member unit. It must accept the current charter (第四条) and be registered (a USCC). A
 * CAST national society needs CAST's approval first: then a "join" request is opened and
 * *request_id is set (the membership begins when it is approved); otherwise the member is added
 * at once and *request_id is 0. The alliance's secretariat. */
bool reg_member_add(db *d, const struct actor *who, const char *alliance, const struct reg_join *j,
                    int64_t *request_id, struct fail *f);
/* A member leaves on left_on (NULL: today). A CAST national society's leaving needs CAST's
 * approval: a "leave" request (*request_id set); others leave at once. The row stays. */
bool reg_member_leave(db *d, const struct actor *who, const char *alliance, const char *org,
                      const char *left_on, const char *comment, int64_t *request_id,
                      struct fail *f);

/* --- organisations --------------------------------------------------------------------------- */
struct reg_org {
    const char *key;          /* NULL or "": generated ("o-N") */
    const char *name, *kind;  /* kind as dataset.md: national_society, social_org, ... */
    const char *uscc;         /* NULL or "": none */
    const char *english_name; /* NULL or "": none */
};
/* The shape of one organisation, without the database: trims the names in place (into a), checks
 * key, name, kind (also accepted as its Chinese name), USCC (第四条) and English name. Fills f
 * with the first problem. */
bool reg_org_check(arena *a, struct reg_org *o, struct fail *f);
/* Adds one organisation (RIGHT_ORGANISATIONS). *key is in a. */
bool reg_org_create(db *d, arena *a, const struct actor *who, struct reg_org *o, const char **key,
                    struct fail *f);

/* A bulk import of organisations from a table (util/rows.h: CSV, XLSX, XLS): the first row names
 * the columns (key, name, kind, uscc, english_name, or their Chinese headings). Every row is
 * checked, against the file and against the register; a row with problems lists all of them. */
struct reg_row_problem {
    size_t row;          /* 1-based, as a spreadsheet numbers it (the heading is row 1) */
    const char *column;  /* the field, or NULL for the row as a whole */
    const char *message; /* English msgid */
    const char *detail;  /* the offending value or a hint (not translated), or NULL */
};
struct reg_import {
    struct reg_org *orgs; /* one per data row, checked (names trimmed) */
    size_t *rows;         /* their row numbers */
    size_t n;
    struct reg_row_problem *problems;
    size_t nproblems;
    size_t imported; /* rows written (0 on a dry run or when there are problems) */
};
struct rows;
/* Checks every row; writes nothing when dry_run or when any row has a problem (then fails with
 * FAIL_INVALID "import_problems"). Otherwise adds every organisation in one transaction with one
 * audit record. */
bool reg_orgs_import(db *d, arena *a, const struct actor *who, const struct rows *t, bool dry_run,
                     struct reg_import *out, struct fail *f);

/* --- the effects of decisions (the table of kinds in approvals.c names them) --------------------
 */
bool reg_on_establishment_approved(db *d, const struct ap_decision *dc, struct fail *f);
bool reg_on_establishment_rejected(db *d, const struct ap_decision *dc, struct fail *f);
bool reg_on_charter_approved(db *d, const struct ap_decision *dc, struct fail *f);
bool reg_on_join_approved(db *d, const struct ap_decision *dc, struct fail *f);
bool reg_on_leave_approved(db *d, const struct ap_decision *dc, struct fail *f);
bool reg_on_dissolution_approved(db *d, const struct ap_decision *dc, struct fail *f);
bool reg_on_dissolution_ended(db *d, const struct ap_decision *dc, struct fail *f);

#endif
