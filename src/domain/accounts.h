/* Accounts: creation, passwords, roles, sign-in, sessions and API tokens. Each operation checks
 * the actor's right, validates its input, writes and appends its audit record in one
 * transaction, so a refusal or a crash leaves nothing half-done. */
#ifndef LH_ACCOUNTS_H
#define LH_ACCOUNTS_H
#include "auth/rights.h"
#include "auth/token.h"
#include "domain/fail.h"
#include "store/db.h"
#include "util/arena.h"

#define SESSION_IDLE_SECONDS (30 * 60)
#define SESSION_MAX_SECONDS  (12 * 3600)
#define LOCK_AFTER_FAILURES  5
#define LOCK_SECONDS         (15 * 60)

struct role_spec {
    const char *role, *scope; /* scope NULL or "" for the administrator roles */
};

/* Creates an account. password NULL generates a one-time password into generated (17 bytes).
 * The password must be changed at the first sign-in either way. Granting roles at creation
 * needs RIGHT_ROLES as well as RIGHT_ACCOUNTS. */
bool acct_create(db *d, const struct actor *who, const char *login, const char *name,
                 const char *person_key, const struct role_spec *roles, size_t nroles,
                 const char *password, char generated[17], struct fail *f);
/* Sets a new one-time password (generated when password is NULL) and ends the account's
 * sessions. */
bool acct_reset_password(db *d, const struct actor *who, const char *login, const char *password,
                         char generated[17], struct fail *f);
bool acct_disable(db *d, const struct actor *who, const char *login, struct fail *f);
bool acct_unlock(db *d, const struct actor *who, const char *login, struct fail *f);
bool acct_grant(db *d, const struct actor *who, const char *login, const char *role,
                const char *scope, struct fail *f);
bool acct_revoke(db *d, const struct actor *who, const char *login, const char *role,
                 const char *scope, struct fail *f);

struct signin {
    char token[TOKEN_LEN + 1]; /* the session cookie's value */
    char csrf[TOKEN_LEN + 1];
    int64_t user_id;
    bool must_change;
};

/* Signs in. Every refusal is the same FAIL_AUTH, whether the login is unknown, disabled, locked
 * or the password wrong, so the answer does not reveal which logins exist. `client` (the address)
 * goes into the audit record. */
bool acct_sign_in(db *d, const char *login, const char *password, const char *client,
                  struct signin *out, struct fail *f);
bool acct_sign_out(db *d, const struct actor *who, int64_t session_id, struct fail *f);

/* The actor behind a session token, with their roles in arena a; false when the token is
 * malformed, unknown, ended, idle for 30 minutes, older than 12 hours, or its account disabled.
 * *version (when not NULL) gets the data version read in the same statement (web/cache.h). */
bool acct_session(db *d, arena *a, const char *token, struct actor *who, int64_t *session_id,
                  const char **csrf, int64_t *version);
/* The actor behind an API bearer token; *version as for acct_session(). */
bool acct_bearer(db *d, arena *a, const char *token, struct actor *who, int64_t *version);
/* The actor for an account id (roles included). */
bool acct_load(db *d, arena *a, int64_t user_id, struct actor *who);

/* The signed-in user changes their own password. The session keeps going; their other sessions
 * end. */
bool acct_change_password(db *d, const struct actor *who, int64_t keep_session, const char *old_pw,
                          const char *new_pw, struct fail *f);
/* Issues a bearer token for the actor's own account; the token is shown once. */
bool acct_token_create(db *d, const struct actor *who, const char *name, char token[TOKEN_LEN + 1],
                       struct fail *f);
bool acct_set_lang(db *d, const struct actor *who, const char *lang, struct fail *f);

#endif
