/* Roles, rights and the one decision function can(). Pages, API handlers and domain operations
 * ask can(); none of them tests roles itself.
 *
 * The three administrator roles (sysadmin, secadmin, auditor) are kept apart as 等保 2.0 asks:
 * an account holding one of them holds no other role at all, and none of them grants a right on
 * business data. */
#ifndef LH_RIGHTS_H
#define LH_RIGHTS_H
#include "store/store.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum role {
    ROLE_SYSADMIN,
    ROLE_SECADMIN,
    ROLE_AUDITOR,
    ROLE_CAST_OFFICER,
    ROLE_SECRETARIAT,
    ROLE_MEMBER_CONTACT,
    ROLE_COUNT
};

enum right {
    RIGHT_NONE,          /* anyone, signed in or not */
    RIGHT_SIGNED_IN,     /* any signed-in account */
    RIGHT_ACCOUNTS_READ, /* see the list of accounts: sysadmin, secadmin */
    RIGHT_ACCOUNTS,      /* create, disable, reset passwords: sysadmin */
    RIGHT_ROLES,         /* grant and revoke roles, unlock accounts: secadmin */
    RIGHT_AUDIT,         /* read the audit trail: auditor */
    RIGHT_BUSINESS_READ, /* read alliance data within the scope: the business roles */
    RIGHT_DATASET,       /* import datasets into a jurisdiction (scope): cast_officer */
    RIGHT_CONTACT_READ,  /* see people's email and phone: cast_officer of the jurisdiction, the
                            alliance's secretariat */
    RIGHT_CAST_DECIDE,   /* register proposed alliances and record the decisions of CAST and its
                            standing committee (第二条, 第四条, 第二十一条): cast_officer of the
                            jurisdiction */
    RIGHT_ALLIANCE_EDIT, /* the alliance's day-to-day records and its requests to CAST (charter
                            drafts, members, dissolution): the alliance's secretariat */
    RIGHT_ORGANISATIONS, /* add organisations to the register and import them: cast_officer and
                            secretariat, in any scope (organisations belong to no alliance) */
};

enum actor_kind {
    ACTOR_ANONYMOUS,
    ACTOR_USER,
    /* Someone at the command line: they hold the database file, so they hold every right the
     * program could refuse them. */
    ACTOR_OPERATOR,
};

struct actor {
    enum actor_kind kind;
    int64_t user_id;
    const char *login, *name;
    const char *lang; /* the account's chosen language tag, or NULL */
    const struct role_row *roles;
    size_t nroles;
    bool must_change;
};

/* The one decision: may `who` exercise `right` within `scope`? A scope is a key as roles are
 * granted with: a jurisdiction key, an alliance key or "ALLIANCE/ORGANISATION"; NULL asks whether
 * the right is held in any scope at all (the route table, the navigation).
 *
 * Both functions below answer from the same table of roles and rights (decide() in rights.c). */
bool can(const struct actor *who, enum right right, const char *scope);
/* can() for the records of one alliance, named by its key and its jurisdiction's key: a
 * cast_officer's scope is matched against the jurisdiction, a secretariat's and a member
 * contact's against the alliance. A jurisdiction's officer reaches exactly the alliances whose
 * jurisdiction is that key: not those of other jurisdictions below it (a local association's
 * alliances are its own business, 第二十二条). */
bool can_alliance(const struct actor *who, enum right right, const char *jurisdiction,
                  const char *alliance);

/* "sysadmin" ... ; false when the name is not a role. */
bool role_parse(const char *name, enum role *out);
const char *role_name(enum role r);
bool role_is_admin(enum role r);
/* Checks the scope of a grant: none for the administrator roles, a key for cast_officer and
 * secretariat, "ALLIANCE/ORGANISATION" keys for member_contact. NULL when fine, else the English
 * message. */
const char *role_scope_problem(enum role r, const char *scope);
/* May an account that holds `held` be granted `r`? NULL when yes, else the English message. */
const char *role_conflict(const struct role_row *held, size_t n, enum role r);
/* How the audit trail names the actor: "user:LOGIN" or "operator:NAME". */
const char *actor_label(const struct actor *who, char *out, size_t outlen);

#endif
