/* store/store.h: every query the program runs, one typed function each, grouped by the aggregate
 * it serves. The SQL lives beside them in the files of src/store/ and nowhere else. Strings
 * returned in rows are copied into the caller's arena. Functions return DB_OK/DB_ROW/DB_DONE or a
 * negative enum db_rc; "find" functions return DB_ROW when found and DB_DONE when not. */
#ifndef LH_STORE_H
#define LH_STORE_H
#include "store/db.h"
#include "util/arena.h"
#include <stdbool.h>
#include <stdint.h>

/* --- users and roles ---------------------------------------------------------------------- */
struct user_row {
    int64_t id;
    const char *login, *name, *person_key, *password_hash, *lang, *created_at;
    bool must_change, disabled;
    int64_t failed_count, locked_until;
};

struct role_row {
    const char *role, *scope; /* scope "" when the role has none */
};

int st_user_insert(db *d, const struct user_row *u, int64_t *id);
int st_user_by_login(db *d, arena *a, const char *login, struct user_row *out);
int st_user_by_id(db *d, arena *a, int64_t id, struct user_row *out);
int st_user_set_password(db *d, int64_t id, const char *hash, bool must_change);
int st_user_set_disabled(db *d, int64_t id, bool disabled);
int st_user_set_failures(db *d, int64_t id, int64_t failed_count, int64_t locked_until);
int st_user_set_lang(db *d, int64_t id, const char *lang);
/* All users by login; *rows is an arena array. */
int st_users_list(db *d, arena *a, struct user_row **rows, size_t *n);

int st_roles_of(db *d, arena *a, int64_t user_id, struct role_row **rows, size_t *n);
int st_role_insert(db *d, int64_t user_id, const char *role, const char *scope);
/* DB_DONE when removed, DB_OK when there was no such grant. */
int st_role_delete(db *d, int64_t user_id, const char *role, const char *scope);

/* --- sessions and API tokens -------------------------------------------------------------- */
struct session_row {
    int64_t id, user_id, created_at, last_seen;
    const char *csrf;
};

int st_session_insert(db *d, const char *token_hash, int64_t user_id, const char *csrf, int64_t now,
                      int64_t *id);
/* Only sessions not yet ended. */
int st_session_find(db *d, arena *a, const char *token_hash, struct session_row *out);
int st_session_touch(db *d, int64_t id, int64_t now);
int st_session_end(db *d, int64_t id, int64_t now);
int st_sessions_end_for_user(db *d, int64_t user_id, int64_t now);
/* Ends the user's sessions but the one given. */
int st_sessions_end_others(db *d, int64_t user_id, int64_t keep_id, int64_t now);

/* Everything a request needs to know who sent it, read by one statement (one snapshot, one
 * read lock): the session or API token, its account, the account's roles, and the data version
 * (st_data_version) that the response cache compares with. */
struct identity_row {
    struct session_row session; /* st_identify_session only */
    int64_t user_id;
    const char *login, *name, *lang;
    bool must_change, disabled;
    struct role_row *roles;
    size_t nroles;
    int64_t version;
};
/* DB_ROW when the session exists and has not ended, DB_DONE when not. */
int st_identify_session(db *d, arena *a, const char *token_hash, struct identity_row *out);
/* DB_ROW when the token exists and is not revoked, DB_DONE when not. */
int st_identify_token(db *d, arena *a, const char *token_hash, struct identity_row *out);

int st_token_insert(db *d, const char *token_hash, int64_t user_id, const char *name,
                    const char *created_at);
/* The user of a token not revoked. */
int st_token_find(db *d, const char *token_hash, int64_t *user_id);

/* --- audit trail -------------------------------------------------------------------------- */
struct audit_row {
    int64_t seq;
    const char *at, *actor, *action, *subject, *details, *alg, *prev_hash, *hash;
};

/* Takes the next sequence number and the current head hash (locks the head row until the
 * transaction ends). */
int st_audit_advance(db *d, int64_t *seq, char prev_hash[129]);
int st_audit_insert(db *d, const struct audit_row *r);
int st_audit_set_head(db *d, const char *hash);
int st_audit_head(db *d, int64_t *seq, char hash[129]);
/* Calls fn for every record in sequence order; stops early when fn returns false. */
int st_audit_each(db *d, bool (*fn)(const struct audit_row *r, void *ctx), void *ctx);
/* Newest first, records at or after `since` (RFC 3339 prefix, may be NULL). */
int st_audit_page(db *d, arena *a, const char *since, int64_t limit, int64_t offset,
                  struct audit_row **rows, size_t *n, int64_t *total);

/* --- health and data version --------------------------------------------------------------- */
int st_ping(db *d);
/* The data version: the audit trail's sequence number, which every committed write advances. */
int st_data_version(db *d, int64_t *version);

#endif
