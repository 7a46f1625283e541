/* Account operations. The pattern every domain operation follows:
 *   validate input -> check the right -> BEGIN -> read, decide, write -> audit -> COMMIT,
 * with one exit that rolls back whatever failed. Password hashing (argon2id, tens of
 * milliseconds) happens before BEGIN so the write lock is never held while hashing. */
#include "domain/accounts.h"
#include "audit/audit.h"
#include "auth/password.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Compact JSON text of a details object for the audit trail; frees obj. Caller frees result. */
static char *details(json_t *obj)
{
    char *s = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(obj);
    return s;
}

/* Appends the audit record and commits; rolls back on any failure. */
static bool audit_commit(db *d, const struct actor *who, const char *action, const char *subject,
                         json_t *obj, struct fail *f)
{
    char label[96];
    char *det = details(obj);
    int rc = audit_append(d, actor_label(who, label, sizeof label), action, subject, det);
    free(det);
    if (rc == DB_OK)
        rc = db_commit(d);
    if (rc != DB_OK) {
        db_rollback(d);
        return fail_db(f, rc);
    }
    return true;
}

static bool abort_tx(db *d, struct fail *f, int rc)
{
    db_rollback(d);
    return fail_db(f, rc);
}

static const char *subject_user(char *buf, size_t n, const char *login)
{
    snprintf(buf, n, "user:%s", login);
    return buf;
}

/* Finds an account by login inside the transaction; on failure rolls back and fills f. */
static bool find_user(db *d, arena *a, const char *login, struct user_row *u, struct fail *f)
{
    int rc = st_user_by_login(d, a, login, u);
    if (rc == DB_ROW)
        return true;
    db_rollback(d);
    if (rc == DB_DONE)
        return fail(f, FAIL_NOT_FOUND, "not_found", "login", "No account has this login.");
    return fail_db(f, rc);
}

static bool check_role_spec(const char *role, const char *scope, enum role *r, struct fail *f)
{
    if (!role_parse(role, r))
        return fail(f, FAIL_INVALID, "invalid_role", "role",
                    "Unknown role: use sysadmin, secadmin, auditor, cast_officer, secretariat "
                    "or member_contact.");
    const char *why = role_scope_problem(*r, scope);
    if (why)
        return fail(f, FAIL_INVALID, "invalid_scope", "scope", why);
    return true;
}

/* Grants one role inside the open transaction, refusing a mix the separation of duties forbids. */
static bool grant_in_tx(db *d, arena *a, int64_t user_id, const char *role, const char *scope,
                        struct fail *f)
{
    enum role r;
    if (!check_role_spec(role, scope, &r, f)) {
        db_rollback(d);
        return false;
    }
    struct role_row *held;
    size_t n;
    int rc = st_roles_of(d, a, user_id, &held, &n);
    if (rc != DB_OK)
        return abort_tx(d, f, rc);
    const char *why = role_conflict(held, n, r);
    if (why) {
        db_rollback(d);
        return fail(f, FAIL_INVALID, "role_conflict", "role", why);
    }
    rc = st_role_insert(d, user_id, role, scope ? scope : "");
    if (rc == DB_CONSTRAINT) {
        db_rollback(d);
        return fail(f, FAIL_CONFLICT, "duplicate_role", "role",
                    "The account holds this role already.");
    }
    return rc == DB_DONE ? true : abort_tx(d, f, rc);
}

static bool new_password(const char *password, char generated[17],
                         char hash[crypto_pwhash_STRBYTES], struct fail *f)
{
    if (!password) {
        password_generate(generated);
        password = generated;
    } else {
        const char *why = password_policy(password);
        if (why)
            return fail(f, FAIL_INVALID, "password_policy", "password", why);
    }
    if (!password_hash(password, hash))
        return fail(f, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
    return true;
}

bool acct_create(db *d, const struct actor *who, const char *login, const char *name,
                 const char *person_key, const struct role_spec *roles, size_t nroles,
                 const char *password, char generated[17], struct fail *f)
{
    if (!can(who, RIGHT_ACCOUNTS, NULL) || (nroles > 0 && !can(who, RIGHT_ROLES, NULL)))
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    if (!login_valid(login))
        return fail(f, FAIL_INVALID, "invalid_login", "login",
                    "A login has 2 to 32 characters: lower-case letters, digits, '.', '_' or '-', "
                    "beginning with a letter or digit.");
    if (!name || !*name)
        name = login;
    if (!name_valid(name, 100))
        return fail(f, FAIL_INVALID, "invalid_name", "name",
                    "A name has 1 to 100 characters, without control characters or surrounding "
                    "spaces.");
    if (person_key && *person_key && !key_valid(person_key))
        return fail(f, FAIL_INVALID, "invalid_key", "person", "The person key is not a valid key.");
    for (size_t i = 0; i < nroles; i++) {
        enum role r;
        if (!check_role_spec(roles[i].role, roles[i].scope, &r, f))
            return false;
    }
    char hash[crypto_pwhash_STRBYTES];
    if (!new_password(password, generated, hash, f))
        return false;

    arena *a = arena_new();
    char at[32];
    clock_rfc3339(clock_now(), at);
    struct user_row u = {.login = login,
                         .name = name,
                         .person_key = person_key && *person_key ? person_key : NULL,
                         .password_hash = hash,
                         .must_change = true,
                         .created_at = at};
    int64_t id;
    bool ok = false;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    rc = st_user_insert(d, &u, &id);
    if (rc == DB_CONSTRAINT) {
        db_rollback(d);
        fail(f, FAIL_CONFLICT, "duplicate_login", "login", "An account with this login exists.");
        goto out;
    }
    if (rc != DB_OK) {
        abort_tx(d, f, rc);
        goto out;
    }
    json_t *det = json_pack("{s:s, s:s}", "name", name, "person", u.person_key ? u.person_key : "");
    json_t *granted = json_array();
    for (size_t i = 0; i < nroles; i++) {
        if (!grant_in_tx(d, a, id, roles[i].role, roles[i].scope, f)) {
            json_decref(det);
            json_decref(granted);
            goto out;
        }
        json_array_append_new(granted, json_pack("{s:s, s:s}", "role", roles[i].role, "scope",
                                                 roles[i].scope ? roles[i].scope : ""));
    }
    json_object_set_new(det, "roles", granted);
    char subj[64];
    ok = audit_commit(d, who, "account.create", subject_user(subj, sizeof subj, login), det, f);
out:
    sodium_memzero(hash, sizeof hash);
    arena_free(a);
    return ok;
}

bool acct_reset_password(db *d, const struct actor *who, const char *login, const char *password,
                         char generated[17], struct fail *f)
{
    if (!can(who, RIGHT_ACCOUNTS, NULL))
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    char hash[crypto_pwhash_STRBYTES];
    if (!new_password(password, generated, hash, f))
        return false;
    arena *a = arena_new();
    struct user_row u;
    bool ok = false;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
    } else if (find_user(d, a, login, &u, f)) {
        if ((rc = st_user_set_password(d, u.id, hash, true)) != DB_DONE ||
            (rc = st_sessions_end_for_user(d, u.id, clock_now())) != DB_DONE) {
            abort_tx(d, f, rc);
        } else {
            char subj[64];
            ok = audit_commit(d, who, "password.reset", subject_user(subj, sizeof subj, login),
                              json_object(), f);
        }
    }
    sodium_memzero(hash, sizeof hash);
    arena_free(a);
    return ok;
}

/* The shape shared by disable and unlock: find the account, apply one change, audit. */
static bool simple_change(db *d, const struct actor *who, enum right right, const char *login,
                          const char *action, bool disable, struct fail *f)
{
    if (!can(who, right, NULL))
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    arena *a = arena_new();
    struct user_row u;
    bool ok = false;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
    } else if (find_user(d, a, login, &u, f)) {
        if (disable && who->kind == ACTOR_USER && u.id == who->user_id) {
            db_rollback(d);
            fail(f, FAIL_INVALID, "self", "login", "You cannot disable your own account.");
        } else {
            if (disable) {
                rc = st_user_set_disabled(d, u.id, true);
                if (rc == DB_DONE)
                    rc = st_sessions_end_for_user(d, u.id, clock_now());
            } else {
                rc = st_user_set_failures(d, u.id, 0, 0);
            }
            if (rc != DB_DONE) {
                abort_tx(d, f, rc);
            } else {
                char subj[64];
                ok = audit_commit(d, who, action, subject_user(subj, sizeof subj, login),
                                  json_object(), f);
            }
        }
    }
    arena_free(a);
    return ok;
}

bool acct_disable(db *d, const struct actor *who, const char *login, struct fail *f)
{
    return simple_change(d, who, RIGHT_ACCOUNTS, login, "account.disable", true, f);
}

bool acct_unlock(db *d, const struct actor *who, const char *login, struct fail *f)
{
    return simple_change(d, who, RIGHT_ROLES, login, "account.unlock", false, f);
}

bool acct_grant(db *d, const struct actor *who, const char *login, const char *role,
                const char *scope, struct fail *f)
{
    if (!can(who, RIGHT_ROLES, NULL))
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    arena *a = arena_new();
    struct user_row u;
    bool ok = false;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
    } else if (find_user(d, a, login, &u, f) && grant_in_tx(d, a, u.id, role, scope, f)) {
        char subj[64];
        ok = audit_commit(d, who, "role.grant", subject_user(subj, sizeof subj, login),
                          json_pack("{s:s, s:s}", "role", role, "scope", scope ? scope : ""), f);
    }
    arena_free(a);
    return ok;
}

bool acct_revoke(db *d, const struct actor *who, const char *login, const char *role,
                 const char *scope, struct fail *f)
{
    if (!can(who, RIGHT_ROLES, NULL))
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    arena *a = arena_new();
    struct user_row u;
    bool ok = false;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
    } else if (find_user(d, a, login, &u, f)) {
        rc = st_role_delete(d, u.id, role ? role : "", scope ? scope : "");
        if (rc == DB_OK) {
            db_rollback(d);
            fail(f, FAIL_NOT_FOUND, "not_found", "role", "The account does not hold this role.");
        } else if (rc != DB_DONE) {
            abort_tx(d, f, rc);
        } else {
            char subj[64];
            ok =
                audit_commit(d, who, "role.revoke", subject_user(subj, sizeof subj, login),
                             json_pack("{s:s, s:s}", "role", role, "scope", scope ? scope : ""), f);
        }
    }
    arena_free(a);
    return ok;
}

static bool refuse_sign_in(struct fail *f)
{
    return fail(f, FAIL_AUTH, "invalid_credentials", NULL,
                "The login or the password is wrong, or the account is locked or disabled.");
}

/* Counts one failed authentication of an existing account inside the open transaction, and
 * locks the account on the fifth in a row (等保 2.0: login failure handling). */
static int count_failure(db *d, arena *a, int64_t user_id, const char *subj, const char *client,
                         int64_t now)
{
    struct user_row u;
    /* Re-read inside the transaction: concurrent failures must all count. */
    int rc = st_user_by_id(d, a, user_id, &u);
    if (rc != DB_ROW)
        return rc == DB_DONE ? DB_ERR : rc;
    if (u.locked_until > now)
        return DB_OK; /* a concurrent failure locked it meanwhile: the lock stands as it is */
    int64_t n = u.failed_count + 1;
    bool lock = n >= LOCK_AFTER_FAILURES;
    rc = st_user_set_failures(d, u.id, lock ? 0 : n, lock ? now + LOCK_SECONDS : u.locked_until);
    if (rc != DB_DONE)
        return rc;
    if (!lock)
        return DB_OK;
    char *det = details(json_pack("{s:I, s:s}", "minutes", (json_int_t)LOCK_SECONDS / 60, "client",
                                  client ? client : ""));
    rc = audit_append(d, "system", "account.lock", subj, det);
    free(det);
    return rc;
}

bool acct_sign_in(db *d, const char *login, const char *password, const char *client,
                  struct signin *out, struct fail *f)
{
    memset(out, 0, sizeof *out);
    /* Input no account could match is refused like any other failure, and audited too. */
    bool plausible = login && password && login_valid(login) && strlen(password) <= 1024;
    arena *a = arena_new();
    struct user_row u;
    int64_t now = clock_now();
    bool known = plausible && st_user_by_login(d, a, login, &u) == DB_ROW;
    bool usable = known && !u.disabled && u.locked_until <= now;
    /* Exactly one argon2id verification whatever the outcome, so timing does not reveal it. */
    bool good = usable ? password_verify(u.password_hash, password)
                       : (password_verify_dummy(password ? password : ""), false);
    const char *reason = !plausible   ? "malformed"
                         : !known     ? "unknown_login"
                         : u.disabled ? "disabled"
                         : !usable    ? "locked"
                         : !good      ? "wrong_password"
                                      : NULL;
    struct actor who = {.kind = ACTOR_USER, .user_id = known ? u.id : 0, .login = login};
    char subj[96];
    subject_user(subj, sizeof subj, plausible ? login : "?");
    bool ok = false;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    if (!reason) {
        /* The password was checked before the transaction; a concurrent failure may have locked
         * or an administrator disabled the account since. Decide on the state as it is now. */
        struct user_row cur;
        if ((rc = st_user_by_id(d, a, u.id, &cur)) != DB_ROW) {
            abort_tx(d, f, rc == DB_DONE ? DB_ERR : rc);
            goto out;
        }
        reason = cur.disabled ? "disabled" : cur.locked_until > now ? "locked" : NULL;
        usable = false; /* a refusal now counts nothing more */
    }
    if (reason) {
        if (usable && (rc = count_failure(d, a, u.id, subj, client, now)) != DB_OK) {
            abort_tx(d, f, rc);
            goto out;
        }
        who.kind = ACTOR_ANONYMOUS;
        if (audit_commit(d, &who, "signin.failed", subj,
                         json_pack("{s:s, s:s}", "reason", reason, "client", client ? client : ""),
                         f))
            refuse_sign_in(f);
        goto out;
    }
    token_new(out->token);
    token_new(out->csrf);
    char th[TOKEN_HASH_LEN + 1];
    token_hash(out->token, th);
    int64_t sid;
    if ((u.failed_count != 0 && (rc = st_user_set_failures(d, u.id, 0, 0)) != DB_DONE) ||
        (rc = st_session_insert(d, th, u.id, out->csrf, now, &sid)) != DB_OK) {
        abort_tx(d, f, rc);
        goto out;
    }
    out->user_id = u.id;
    out->must_change = u.must_change;
    ok = audit_commit(
        d, &who, "signin", subj,
        json_pack("{s:I, s:s}", "session", (json_int_t)sid, "client", client ? client : ""), f);
out:
    if (!ok)
        memset(out, 0, sizeof *out);
    arena_free(a);
    return ok;
}

bool acct_sign_out(db *d, const struct actor *who, int64_t session_id, struct fail *f)
{
    int rc = db_begin(d);
    if (rc != DB_OK)
        return fail_db(f, rc);
    if ((rc = st_session_end(d, session_id, clock_now())) != DB_DONE)
        return abort_tx(d, f, rc);
    char subj[96];
    return audit_commit(d, who, "signout", subject_user(subj, sizeof subj, who->login),
                        json_pack("{s:I}", "session", (json_int_t)session_id), f);
}

bool acct_load(db *d, arena *a, int64_t user_id, struct actor *who)
{
    struct user_row u;
    if (st_user_by_id(d, a, user_id, &u) != DB_ROW || u.disabled)
        return false;
    struct role_row *roles;
    size_t n;
    if (st_roles_of(d, a, user_id, &roles, &n) != DB_OK)
        return false;
    *who = (struct actor){.kind = ACTOR_USER,
                          .user_id = u.id,
                          .login = u.login,
                          .name = u.name,
                          .lang = u.lang,
                          .roles = roles,
                          .nroles = n,
                          .must_change = u.must_change};
    return true;
}

/* The actor of an identity row; false when its account is disabled. */
static bool actor_of(const struct identity_row *id, struct actor *who)
{
    if (id->disabled)
        return false;
    *who = (struct actor){.kind = ACTOR_USER,
                          .user_id = id->user_id,
                          .login = id->login,
                          .name = id->name,
                          .lang = id->lang,
                          .roles = id->roles,
                          .nroles = id->nroles,
                          .must_change = id->must_change};
    return true;
}

bool acct_session(db *d, arena *a, const char *token, struct actor *who, int64_t *session_id,
                  const char **csrf, int64_t *version)
{
    if (!token_shape_ok(token))
        return false;
    char th[TOKEN_HASH_LEN + 1];
    token_hash(token, th);
    struct identity_row id;
    if (st_identify_session(d, a, th, &id) != DB_ROW)
        return false;
    const struct session_row *s = &id.session;
    int64_t now = clock_now();
    if (now - s->last_seen > SESSION_IDLE_SECONDS || now - s->created_at > SESSION_MAX_SECONDS)
        return false;
    if (!actor_of(&id, who))
        return false;
    /* Record activity at most once a minute: the idle timeout needs no finer grain, and most
     * requests stay read-only. */
    if (now - s->last_seen >= 60)
        st_session_touch(d, s->id, now);
    *session_id = s->id;
    *csrf = s->csrf;
    if (version)
        *version = id.version;
    return true;
}

bool acct_bearer(db *d, arena *a, const char *token, struct actor *who, int64_t *version)
{
    if (!token_shape_ok(token))
        return false;
    char th[TOKEN_HASH_LEN + 1];
    token_hash(token, th);
    struct identity_row id;
    if (st_identify_token(d, a, th, &id) != DB_ROW || !actor_of(&id, who))
        return false;
    if (version)
        *version = id.version;
    return true;
}

bool acct_change_password(db *d, const struct actor *who, int64_t keep_session, const char *old_pw,
                          const char *new_pw, struct fail *f)
{
    if (!can(who, RIGHT_SIGNED_IN, NULL) || who->kind != ACTOR_USER)
        return fail(f, FAIL_AUTH, "unauthenticated", NULL, "Please sign in.");
    if (!old_pw || !new_pw)
        return fail(f, FAIL_BAD_INPUT, "missing_field", old_pw ? "new" : "old",
                    "Both the current and the new password are required.");
    const char *why = password_policy(new_pw);
    if (why)
        return fail(f, FAIL_INVALID, "password_policy", "new", why);
    if (strcmp(old_pw, new_pw) == 0)
        return fail(f, FAIL_INVALID, "password_reused", "new",
                    "The new password must differ from the current one.");
    arena *a = arena_new();
    struct user_row u;
    bool ok = false;
    char hash[crypto_pwhash_STRBYTES];
    if (st_user_by_id(d, a, who->user_id, &u) != DB_ROW) {
        fail(f, FAIL_AUTH, "unauthenticated", NULL, "Please sign in.");
    } else if (!password_verify(u.password_hash, old_pw)) {
        /* A wrong current password is a failed authentication like a failed sign-in. */
        char subj[96];
        subject_user(subj, sizeof subj, u.login);
        int rc = db_begin(d);
        if (rc == DB_OK)
            rc = count_failure(d, a, u.id, subj, NULL, clock_now());
        if (rc != DB_OK)
            abort_tx(d, f, rc);
        else if (audit_commit(d, who, "password.change_failed", subj, json_object(), f))
            fail(f, FAIL_INVALID, "wrong_password", "old", "The current password is wrong.");
    } else if (!password_hash(new_pw, hash)) {
        fail(f, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
    } else {
        int rc = db_begin(d);
        if (rc != DB_OK) {
            fail_db(f, rc);
        } else if ((rc = st_user_set_password(d, u.id, hash, false)) != DB_DONE ||
                   (rc = st_sessions_end_others(d, u.id, keep_session, clock_now())) != DB_DONE) {
            abort_tx(d, f, rc);
        } else {
            char subj[96];
            ok = audit_commit(d, who, "password.change", subject_user(subj, sizeof subj, u.login),
                              json_pack("{s:I}", "session", (json_int_t)keep_session), f);
        }
        sodium_memzero(hash, sizeof hash);
    }
    arena_free(a);
    return ok;
}

bool acct_token_create(db *d, const struct actor *who, const char *name, char token[TOKEN_LEN + 1],
                       struct fail *f)
{
    if (who->kind != ACTOR_USER)
        return fail(f, FAIL_AUTH, "unauthenticated", NULL, "Please sign in.");
    if (!name_valid(name, 100))
        return fail(f, FAIL_INVALID, "invalid_name", "name",
                    "A name has 1 to 100 characters, without control characters or surrounding "
                    "spaces.");
    token_new(token);
    char th[TOKEN_HASH_LEN + 1], at[32];
    token_hash(token, th);
    clock_rfc3339(clock_now(), at);
    int rc = db_begin(d);
    if (rc != DB_OK)
        return fail_db(f, rc);
    if ((rc = st_token_insert(d, th, who->user_id, name, at)) != DB_DONE)
        return abort_tx(d, f, rc);
    char subj[96];
    return audit_commit(d, who, "token.create", subject_user(subj, sizeof subj, who->login),
                        json_pack("{s:s}", "name", name), f);
}

bool acct_set_lang(db *d, const struct actor *who, const char *lang, struct fail *f)
{
    enum lang l;
    if (who->kind != ACTOR_USER)
        return fail(f, FAIL_AUTH, "unauthenticated", NULL, "Please sign in.");
    if (!lang_parse(lang, &l))
        return fail(f, FAIL_INVALID, "invalid_lang", "lang", "The language must be zh-CN or en.");
    int rc = db_begin(d);
    if (rc != DB_OK)
        return fail_db(f, rc);
    if ((rc = st_user_set_lang(d, who->user_id, lang_tag(l))) != DB_DONE)
        return abort_tx(d, f, rc);
    char subj[96];
    return audit_commit(d, who, "account.lang", subject_user(subj, sizeof subj, who->login),
                        json_pack("{s:s}", "lang", lang_tag(l)), f);
}
