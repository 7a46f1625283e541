/* Unit tests for domain/accounts on a real database: creating accounts, signing in and the lock
 * after repeated failures, sessions and their timeouts, password changes, roles, disabling, and
 * API tokens. Every operation that changes something must append exactly one audit record (the
 * lock a second one), and every refusal must leave the database as it was. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* Before cmocka.h, whose fail() macro would clash with the inline fail() of domain/fail.h. */
#include "audit/audit.h"
#include "auth/password.h"
#include "domain/accounts.h"
#include "store/store.h"
#include "web/request.h" /* fail_status */

#include <setjmp.h>
#include <cmocka.h>

#include "testutil.h"

#define PW      "Initial-Pass-1"
#define PW_NEW  "Changed-Pass-22"
#define PW_BAD  "Wrong-Pass-333"
#define ROOT_PW "Root-Password-9"

struct env {
    struct tmpdb t;
    db *d;
    arena *a;
    struct actor op; /* someone at the command line */
};

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    assert_non_null(e);
    tmpdb_make(&e->t);
    e->d = open_migrated(e->t.path);
    e->a = arena_new();
    e->op = (struct actor){.kind = ACTOR_OPERATOR, .login = "root"};
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    struct audit_report rep;
    /* Whatever a test did, the trail it left must still verify. */
    int v = audit_verify(e->d, &rep);
    arena_free(e->a);
    db_close(e->d);
    tmpdb_remove(&e->t);
    free(e);
    return v == 0 ? 0 : -1;
}

static int64_t audit_count(struct env *e)
{
    return sql_int(e->t.path, "SELECT count(*) FROM audit_log");
}

/* The action of the record `back` places before the newest (0 = the newest). */
static void action_at(struct env *e, int back, char *out, size_t n)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET %d",
             back);
    sql_text(e->t.path, sql, out, n);
}

static void expect_last_action(struct env *e, const char *action)
{
    char got[64];
    action_at(e, 0, got, sizeof got);
    assert_string_equal(got, action);
}

static void expect_fail(const struct fail *f, enum fail_kind kind, const char *code,
                        const char *field)
{
    if (f->kind != kind)
        fail_msg("fail kind %d, expected %d (code %s, message %s)", (int)f->kind, (int)kind,
                 f->code ? f->code : "-", f->message ? f->message : "-");
    if (code)
        assert_string_equal(f->code, code);
    if (field)
        assert_string_equal(f->field ? f->field : "(none)", field);
    else
        assert_null(f->field);
    assert_non_null(f->message);
}

/* Creates an account as the operator, with at most one role. */
static void create(struct env *e, const char *login, const char *role, const char *scope,
                   const char *password)
{
    struct role_spec r = {role, scope};
    struct fail f = {0};
    char gen[17] = "";
    if (!acct_create(e->d, &e->op, login, NULL, NULL, &r, role ? 1 : 0, password, gen, &f))
        fail_msg("creating %s: %s", login, f.message);
}

/* The actor of an account, as a session or token would load it. */
static struct actor load(struct env *e, const char *login)
{
    struct user_row u;
    assert_int_equal(st_user_by_login(e->d, e->a, login, &u), DB_ROW);
    struct actor who;
    assert_true(acct_load(e->d, e->a, u.id, &who));
    return who;
}

static struct user_row row(struct env *e, const char *login)
{
    struct user_row u;
    assert_int_equal(st_user_by_login(e->d, e->a, login, &u), DB_ROW);
    return u;
}

static void sign_in_ok(struct env *e, const char *login, const char *pw, struct signin *out)
{
    struct fail f = {0};
    if (!acct_sign_in(e->d, login, pw, "127.0.0.1", out, &f))
        fail_msg("sign-in of %s refused: %s", login, f.message);
}

/* --- counting argon2id evaluations -------------------------------------------------------- */

/* Each call of these two costs one argon2id evaluation (tens of milliseconds): the cost a sign-in
 * shows to the outside. They forward to libsodium and only count. */
static int argon2_runs;

int crypto_pwhash_str_alg(char out[crypto_pwhash_STRBYTES], const char *const passwd,
                          unsigned long long passwdlen, unsigned long long opslimit,
                          size_t memlimit, int alg)
{
    static int (*real)(char *, const char *, unsigned long long, unsigned long long, size_t, int);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "crypto_pwhash_str_alg");
    assert_non_null(real);
    argon2_runs++;
    return real(out, passwd, passwdlen, opslimit, memlimit, alg);
}

int crypto_pwhash_str_verify(const char str[crypto_pwhash_STRBYTES], const char *const passwd,
                             unsigned long long passwdlen)
{
    static int (*real)(const char *, const char *, unsigned long long);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "crypto_pwhash_str_verify");
    assert_non_null(real);
    argon2_runs++;
    return real(str, passwd, passwdlen);
}

/* --- acct_create -------------------------------------------------------------------------- */

static void test_create(void **state)
{
    struct env *e = *state;
    struct fail f = {0};
    char gen[17] = "";
    int64_t n0 = audit_count(e);

    assert_true(acct_create(e->d, &e->op, "zhang.san", "张三", "p-001", NULL, 0, PW, gen, &f));
    assert_int_equal(audit_count(e), n0 + 1);
    expect_last_action(e, "account.create");
    char actor[64], subject[64];
    sql_text(e->t.path, "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1", actor,
             sizeof actor);
    sql_text(e->t.path, "SELECT subject FROM audit_log ORDER BY seq DESC LIMIT 1", subject,
             sizeof subject);
    assert_string_equal(actor, "operator:root");
    assert_string_equal(subject, "user:zhang.san");
    assert_string_equal(gen, ""); /* a password was given: nothing generated */
    struct user_row u = row(e, "zhang.san");
    assert_string_equal(u.name, "张三");
    assert_string_equal(u.person_key, "p-001");
    assert_true(u.must_change);
    assert_false(u.disabled);
    assert_true(password_verify(u.password_hash, PW));

    /* The name defaults to the login. */
    assert_true(acct_create(e->d, &e->op, "li.si", NULL, NULL, NULL, 0, PW, gen, &f));
    assert_string_equal(row(e, "li.si").name, "li.si");
    assert_null(row(e, "li.si").person_key);
    assert_int_equal(audit_count(e), n0 + 2);

    /* A generated one-time password is returned, meets the policy and works once. */
    memset(gen, 0, sizeof gen);
    assert_true(acct_create(e->d, &e->op, "gen.pw", NULL, NULL, NULL, 0, NULL, gen, &f));
    assert_int_equal(strlen(gen), 16);
    assert_null(password_policy(gen));
    struct signin si;
    sign_in_ok(e, "gen.pw", gen, &si);
    assert_true(si.must_change);
}

static void test_create_refusals(void **state)
{
    struct env *e = *state;
    struct fail f = {0};
    char gen[17] = "";
    create(e, "taken", NULL, NULL, PW);
    int64_t n0 = audit_count(e);
    int64_t users0 = sql_int(e->t.path, "SELECT count(*) FROM users");

    assert_false(acct_create(e->d, &e->op, "A", NULL, NULL, NULL, 0, PW, gen, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_login", "login");
    assert_int_equal(fail_status(f.kind), 422);
    assert_false(acct_create(e->d, &e->op, "x", NULL, NULL, NULL, 0, PW, gen, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_login", "login");
    assert_false(acct_create(e->d, &e->op, "has space", NULL, NULL, NULL, 0, PW, gen, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_login", "login");
    assert_false(acct_create(e->d, &e->op, NULL, NULL, NULL, NULL, 0, PW, gen, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_login", "login");

    assert_false(acct_create(e->d, &e->op, "taken", NULL, NULL, NULL, 0, PW, gen, &f));
    expect_fail(&f, FAIL_CONFLICT, "duplicate_login", "login");
    assert_int_equal(fail_status(f.kind), 409);

    assert_false(acct_create(e->d, &e->op, "badname", " lead", NULL, NULL, 0, PW, gen, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_name", "name");
    assert_false(acct_create(e->d, &e->op, "badkey", NULL, "Not A Key", NULL, 0, PW, gen, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_key", "person");
    assert_false(acct_create(e->d, &e->op, "weakpw", NULL, NULL, NULL, 0, "short", gen, &f));
    expect_fail(&f, FAIL_INVALID, "password_policy", "password");

    struct role_spec bad_role = {"king", NULL};
    assert_false(acct_create(e->d, &e->op, "badrole", NULL, NULL, &bad_role, 1, PW, gen, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_role", "role");
    struct role_spec bad_scope = {"cast_officer", NULL};
    assert_false(acct_create(e->d, &e->op, "badscope", NULL, NULL, &bad_scope, 1, PW, gen, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_scope", "scope");
    /* Roles that may not be combined: the whole creation is undone. */
    struct role_spec mixed[] = {{"auditor", NULL}, {"cast_officer", "bj"}};
    assert_false(acct_create(e->d, &e->op, "mixed", NULL, NULL, mixed, 2, PW, gen, &f));
    expect_fail(&f, FAIL_INVALID, "role_conflict", "role");
    struct role_spec twice[] = {{"cast_officer", "bj"}, {"cast_officer", "bj"}};
    assert_false(acct_create(e->d, &e->op, "twice", NULL, NULL, twice, 2, PW, gen, &f));
    expect_fail(&f, FAIL_CONFLICT, "duplicate_role", "role");

    /* None of these refusals wrote anything. */
    assert_int_equal(audit_count(e), n0);
    assert_int_equal(sql_int(e->t.path, "SELECT count(*) FROM users"), users0);
    assert_int_equal(sql_int(e->t.path, "SELECT count(*) FROM user_roles"), 0);

    /* Granting roles at creation needs RIGHT_ROLES: a sysadmin alone may create accounts, but
     * not with roles. */
    create(e, "sys", "sysadmin", NULL, ROOT_PW);
    n0 = audit_count(e);
    users0 = sql_int(e->t.path, "SELECT count(*) FROM users");
    struct actor sys = load(e, "sys");
    struct role_spec officer = {"cast_officer", "bj"};
    assert_false(acct_create(e->d, &sys, "with.role", NULL, NULL, &officer, 1, PW, gen, &f));
    expect_fail(&f, FAIL_FORBIDDEN, "forbidden", NULL);
    assert_int_equal(fail_status(f.kind), 403);
    /* Others may not create at all. */
    create(e, "sec", "secadmin", NULL, ROOT_PW);
    n0 = audit_count(e);
    users0 = sql_int(e->t.path, "SELECT count(*) FROM users");
    struct actor sec = load(e, "sec");
    assert_false(acct_create(e->d, &sec, "by.sec", NULL, NULL, NULL, 0, PW, gen, &f));
    expect_fail(&f, FAIL_FORBIDDEN, "forbidden", NULL);
    struct actor anon = {.kind = ACTOR_ANONYMOUS};
    assert_false(acct_create(e->d, &anon, "by.anon", NULL, NULL, NULL, 0, PW, gen, &f));
    expect_fail(&f, FAIL_FORBIDDEN, "forbidden", NULL);

    /* None of these refusals wrote anything either. */
    assert_int_equal(audit_count(e), n0);
    assert_int_equal(sql_int(e->t.path, "SELECT count(*) FROM users"), users0);
    assert_int_equal(sql_int(e->t.path, "SELECT count(*) FROM user_roles"), 2);

    /* The sysadmin without roles to grant may create. */
    assert_true(acct_create(e->d, &sys, "plain", NULL, NULL, NULL, 0, PW, gen, &f));
    assert_int_equal(audit_count(e), n0 + 1);
    char actor[64];
    sql_text(e->t.path, "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1", actor,
             sizeof actor);
    assert_string_equal(actor, "user:sys");
}

/* --- acct_sign_in ------------------------------------------------------------------------- */

static void test_sign_in(void **state)
{
    struct env *e = *state;
    create(e, "alice", NULL, NULL, PW);
    int64_t n0 = audit_count(e);
    struct signin si;
    sign_in_ok(e, "alice", PW, &si);
    assert_int_equal(audit_count(e), n0 + 1);
    expect_last_action(e, "signin");
    assert_true(token_shape_ok(si.token));
    assert_true(token_shape_ok(si.csrf));
    assert_string_not_equal(si.token, si.csrf);
    assert_int_equal(si.user_id, row(e, "alice").id);
    assert_true(si.must_change);
    /* Only the token's hash is stored. */
    char th[TOKEN_HASH_LEN + 1], sql[200];
    token_hash(si.token, th);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sessions WHERE token_hash = '%s'", th);
    assert_int_equal(sql_int(e->t.path, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sessions WHERE token_hash = '%s'", si.token);
    assert_int_equal(sql_int(e->t.path, sql), 0);

    /* Wrong password and unknown login: the same answer, one audit record each. */
    struct fail wrong = {0}, unknown = {0};
    struct signin out;
    memset(&out, 'x', sizeof out);
    assert_false(acct_sign_in(e->d, "alice", PW_BAD, "127.0.0.1", &out, &wrong));
    expect_fail(&wrong, FAIL_AUTH, "invalid_credentials", NULL);
    assert_int_equal(fail_status(wrong.kind), 401);
    assert_string_equal(out.token, ""); /* nothing usable comes back */
    assert_int_equal(out.user_id, 0);
    assert_int_equal(audit_count(e), n0 + 2);
    expect_last_action(e, "signin.failed");
    assert_false(acct_sign_in(e->d, "nobody", PW, "127.0.0.1", &out, &unknown));
    assert_int_equal(unknown.kind, wrong.kind);
    assert_string_equal(unknown.code, wrong.code);
    assert_string_equal(unknown.message, wrong.message);
    assert_null(unknown.field);
    assert_int_equal(audit_count(e), n0 + 3);
    expect_last_action(e, "signin.failed");
    /* No account was created or changed by the unknown login. */
    assert_int_equal(sql_int(e->t.path, "SELECT count(*) FROM users WHERE login = 'nobody'"), 0);

    /* Logins and passwords that are absurdly long or missing are refused too. */
    assert_false(acct_sign_in(e->d, NULL, PW, NULL, &out, &wrong));
    assert_int_equal(wrong.kind, FAIL_AUTH);
    assert_false(acct_sign_in(e->d, "alice", NULL, NULL, &out, &wrong));
    assert_int_equal(wrong.kind, FAIL_AUTH);
}

static void test_sign_in_lock(void **state)
{
    struct env *e = *state;
    create(e, "bob", NULL, NULL, PW);
    struct fail f = {0};
    struct signin out;
    for (int i = 1; i < LOCK_AFTER_FAILURES; i++) {
        int64_t n = audit_count(e);
        assert_false(acct_sign_in(e->d, "bob", PW_BAD, "10.0.0.1", &out, &f));
        expect_fail(&f, FAIL_AUTH, "invalid_credentials", NULL);
        assert_int_equal(audit_count(e), n + 1);
        expect_last_action(e, "signin.failed");
        assert_int_equal(row(e, "bob").failed_count, i);
        assert_int_equal(row(e, "bob").locked_until, 0);
    }
    /* The fifth failure locks: "account.lock" as well as "signin.failed". */
    int64_t n = audit_count(e);
    int64_t before = sql_int(e->t.path, "SELECT strftime('%s', 'now')");
    assert_false(acct_sign_in(e->d, "bob", PW_BAD, "10.0.0.1", &out, &f));
    expect_fail(&f, FAIL_AUTH, "invalid_credentials", NULL);
    assert_int_equal(audit_count(e), n + 2);
    char a0[64], a1[64];
    action_at(e, 0, a0, sizeof a0);
    action_at(e, 1, a1, sizeof a1);
    assert_true((strcmp(a0, "signin.failed") == 0 && strcmp(a1, "account.lock") == 0) ||
                (strcmp(a1, "signin.failed") == 0 && strcmp(a0, "account.lock") == 0));
    struct user_row u = row(e, "bob");
    assert_true(u.locked_until >= before + LOCK_SECONDS);
    assert_true(u.locked_until <= before + LOCK_SECONDS + 5);

    /* The sixth, with the right password, is refused in the same words. */
    struct fail locked = {0}, wrong = {0};
    n = audit_count(e);
    assert_false(acct_sign_in(e->d, "bob", PW, "10.0.0.1", &out, &locked));
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "signin.failed");
    assert_false(acct_sign_in(e->d, "bob", PW_BAD, "10.0.0.1", &out, &wrong));
    assert_int_equal(locked.kind, FAIL_AUTH);
    assert_string_equal(locked.code, wrong.code);
    assert_string_equal(locked.message, wrong.message);
    assert_int_equal(sql_int(e->t.path, "SELECT count(*) FROM sessions"), 0);
    /* Failures while locked do not extend the lock. */
    assert_int_equal(row(e, "bob").locked_until, u.locked_until);

    /* Once the lock is over, the right password works and the count starts again. */
    sql_exec(e->t.path, "UPDATE users SET locked_until = strftime('%s', 'now') - 1, "
                        "failed_count = 2 WHERE login = 'bob'");
    struct signin si;
    sign_in_ok(e, "bob", PW, &si);
    assert_int_equal(row(e, "bob").failed_count, 0);
}

static void test_unlock(void **state)
{
    struct env *e = *state;
    create(e, "carol", NULL, NULL, PW);
    create(e, "sec", "secadmin", NULL, ROOT_PW);
    create(e, "sys", "sysadmin", NULL, ROOT_PW);
    struct fail f = {0};
    struct signin out;
    for (int i = 0; i < LOCK_AFTER_FAILURES; i++)
        assert_false(acct_sign_in(e->d, "carol", PW_BAD, NULL, &out, &f));
    assert_false(acct_sign_in(e->d, "carol", PW, NULL, &out, &f));

    /* Unlocking is the security administrator's. */
    struct actor sys = load(e, "sys"), sec = load(e, "sec");
    int64_t n = audit_count(e);
    assert_false(acct_unlock(e->d, &sys, "carol", &f));
    expect_fail(&f, FAIL_FORBIDDEN, "forbidden", NULL);
    assert_false(acct_unlock(e->d, &sec, "no.such", &f));
    expect_fail(&f, FAIL_NOT_FOUND, "not_found", "login");
    assert_int_equal(audit_count(e), n);
    assert_true(acct_unlock(e->d, &sec, "carol", &f));
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "account.unlock");
    sign_in_ok(e, "carol", PW, &out);
}

static void test_sign_in_disabled(void **state)
{
    struct env *e = *state;
    create(e, "dave", NULL, NULL, PW);
    create(e, "sys", "sysadmin", NULL, ROOT_PW);
    struct actor sys = load(e, "sys");
    struct fail f = {0};
    assert_true(acct_disable(e->d, &sys, "dave", &f));
    struct signin out;
    struct fail disabled = {0}, unknown = {0};
    int64_t n = audit_count(e);
    assert_false(acct_sign_in(e->d, "dave", PW, NULL, &out, &disabled));
    assert_int_equal(audit_count(e), n + 1);
    assert_false(acct_sign_in(e->d, "nobody", PW, NULL, &out, &unknown));
    assert_int_equal(disabled.kind, FAIL_AUTH);
    assert_string_equal(disabled.code, unknown.code);
    assert_string_equal(disabled.message, unknown.message);
    /* A disabled account's failures do not count towards a lock. */
    assert_int_equal(row(e, "dave").failed_count, 0);
}

/* "Verify even when the outcome is already known, so timing does not reveal it": a sign-in for
 * an unknown, disabled or locked login must cost what a wrong password for a usable account
 * costs, or the answer time tells which logins exist and can sign in. */
static void test_sign_in_costs_the_same(void **state)
{
    struct env *e = *state;
    create(e, "known", NULL, NULL, PW);
    create(e, "gone", NULL, NULL, PW);
    create(e, "locked", NULL, NULL, PW);
    create(e, "sys", "sysadmin", NULL, ROOT_PW);
    struct actor sys = load(e, "sys");
    struct fail f = {0};
    assert_true(acct_disable(e->d, &sys, "gone", &f));
    struct signin out;
    for (int i = 0; i < LOCK_AFTER_FAILURES; i++)
        assert_false(acct_sign_in(e->d, "locked", PW_BAD, NULL, &out, &f));

    argon2_runs = 0;
    assert_false(acct_sign_in(e->d, "known", PW_BAD, NULL, &out, &f));
    int known = argon2_runs;
    assert_true(known >= 1);
    argon2_runs = 0;
    sign_in_ok(e, "known", PW, &out);
    assert_int_equal(argon2_runs, known); /* success costs the same as failure */

    static const char *const others[] = {"nobody", "gone", "locked"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        argon2_runs = 0;
        assert_false(acct_sign_in(e->d, others[i], PW_BAD, NULL, &out, &f));
        if (argon2_runs != known)
            fail_msg("sign-in as \"%s\" costs %d argon2id evaluations, a known login %d", others[i],
                     argon2_runs, known);
    }
}

/* --- sessions ----------------------------------------------------------------------------- */

static void set_session(struct env *e, const char *column, int64_t seconds_ago, int64_t id)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "UPDATE sessions SET %s = strftime('%%s', 'now') - %lld WHERE id = %lld", column,
             (long long)seconds_ago, (long long)id);
    sql_exec(e->t.path, sql);
}

static void test_session(void **state)
{
    struct env *e = *state;
    create(e, "erin", "cast_officer", "bj", PW);
    struct signin si;
    sign_in_ok(e, "erin", PW, &si);
    struct actor who;
    int64_t sid = 0;
    const char *csrf = NULL;
    assert_true(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));
    assert_int_equal(who.kind, ACTOR_USER);
    assert_string_equal(who.login, "erin");
    assert_int_equal(who.user_id, si.user_id);
    assert_true(who.must_change);
    assert_int_equal(who.nroles, 1);
    assert_string_equal(who.roles[0].role, "cast_officer");
    assert_string_equal(who.roles[0].scope, "bj");
    assert_string_equal(csrf, si.csrf);
    assert_true(sid > 0);
    assert_int_equal(sql_int(e->t.path, "SELECT id FROM sessions"), sid);
    /* The data version comes with the identity, read in the same statement. */
    int64_t version = -1;
    assert_true(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, &version));
    assert_int_equal(version, sql_int(e->t.path, "SELECT seq FROM audit_head"));
    assert_true(version > 0);
    /* The statement joins the roles: two roles are two rows, in order; none still identifies. */
    assert_int_equal(st_role_insert(e->d, si.user_id, "cast_officer", "cast"), DB_DONE);
    assert_true(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));
    assert_int_equal(who.nroles, 2);
    assert_string_equal(who.roles[0].scope, "bj");
    assert_string_equal(who.roles[1].scope, "cast");
    assert_int_equal(st_role_delete(e->d, si.user_id, "cast_officer", "cast"), DB_DONE);
    assert_int_equal(st_role_delete(e->d, si.user_id, "cast_officer", "bj"), DB_DONE);
    assert_true(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));
    assert_int_equal(who.nroles, 0);
    assert_string_equal(who.login, "erin");
    assert_int_equal(st_role_insert(e->d, si.user_id, "cast_officer", "bj"), DB_DONE);

    /* Idle for 29 minutes: still valid, and the use is recorded. */
    set_session(e, "last_seen", 29 * 60, sid);
    assert_true(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));
    assert_true(sql_int(e->t.path, "SELECT strftime('%s', 'now') - last_seen FROM sessions") < 5);

    /* Idle for more than 30 minutes: refused. */
    set_session(e, "last_seen", SESSION_IDLE_SECONDS + 1, sid);
    assert_false(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));
    set_session(e, "last_seen", 0, sid);
    assert_true(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));

    /* Older than 12 hours, however active: refused. */
    set_session(e, "created_at", SESSION_MAX_SECONDS + 1, sid);
    assert_false(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));
    set_session(e, "created_at", SESSION_MAX_SECONDS - 60, sid);
    assert_true(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));

    /* Malformed, unknown and missing tokens. */
    assert_false(acct_session(e->d, e->a, "abc", &who, &sid, &csrf, NULL));
    assert_false(acct_session(e->d, e->a, "", &who, &sid, &csrf, NULL));
    assert_false(acct_session(e->d, e->a, NULL, &who, &sid, &csrf, NULL));
    char other[TOKEN_LEN + 1];
    token_new(other);
    assert_false(acct_session(e->d, e->a, other, &who, &sid, &csrf, NULL));
    char longer[TOKEN_LEN + 2];
    snprintf(longer, sizeof longer, "%sA", si.token);
    assert_false(acct_session(e->d, e->a, longer, &who, &sid, &csrf, NULL));
    /* The CSRF token is not a session token. */
    assert_false(acct_session(e->d, e->a, si.csrf, &who, &sid, &csrf, NULL));

    /* Signing out ends it, with one audit record. */
    struct fail f = {0};
    int64_t n = audit_count(e);
    assert_true(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));
    assert_true(acct_sign_out(e->d, &who, sid, &f));
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "signout");
    assert_false(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));
}

/* --- passwords ---------------------------------------------------------------------------- */

static void test_change_password(void **state)
{
    struct env *e = *state;
    create(e, "frank", NULL, NULL, PW);
    create(e, "grace", NULL, NULL, PW);
    struct signin keep, other, bystander;
    sign_in_ok(e, "frank", PW, &keep);
    sign_in_ok(e, "frank", PW, &other);
    sign_in_ok(e, "grace", PW, &bystander);
    struct actor who;
    int64_t keep_id, sid;
    const char *csrf;
    assert_true(acct_session(e->d, e->a, keep.token, &who, &keep_id, &csrf, NULL));
    assert_true(who.must_change);

    struct fail f = {0};
    int64_t n = audit_count(e);
    assert_false(acct_change_password(e->d, &who, keep_id, PW_BAD, PW_NEW, &f));
    expect_fail(&f, FAIL_INVALID, "wrong_password", "old");
    /* A wrong current password is a failed authentication: audited and counted. */
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "password.change_failed");
    assert_int_equal(row(e, "frank").failed_count, 1);
    n = audit_count(e);
    assert_false(acct_change_password(e->d, &who, keep_id, PW, "short", &f));
    expect_fail(&f, FAIL_INVALID, "password_policy", "new");
    assert_false(acct_change_password(e->d, &who, keep_id, PW, "alllowercaseletters", &f));
    expect_fail(&f, FAIL_INVALID, "password_policy", "new");
    assert_false(acct_change_password(e->d, &who, keep_id, PW, PW, &f));
    expect_fail(&f, FAIL_INVALID, "password_reused", "new");
    assert_false(acct_change_password(e->d, &who, keep_id, NULL, PW_NEW, &f));
    expect_fail(&f, FAIL_BAD_INPUT, "missing_field", "old");
    struct actor anon = {.kind = ACTOR_ANONYMOUS};
    assert_false(acct_change_password(e->d, &anon, 0, PW, PW_NEW, &f));
    expect_fail(&f, FAIL_AUTH, NULL, NULL);
    /* Nothing changed. */
    assert_int_equal(audit_count(e), n);
    assert_true(password_verify(row(e, "frank").password_hash, PW));
    assert_true(row(e, "frank").must_change);

    assert_true(acct_change_password(e->d, &who, keep_id, PW, PW_NEW, &f));
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "password.change");
    struct user_row u = row(e, "frank");
    assert_false(u.must_change);
    assert_true(password_verify(u.password_hash, PW_NEW));

    /* The session that changed it goes on; the user's other session ends; another user's
     * session is untouched. */
    assert_true(acct_session(e->d, e->a, keep.token, &who, &sid, &csrf, NULL));
    assert_int_equal(sid, keep_id);
    assert_false(who.must_change);
    assert_false(acct_session(e->d, e->a, other.token, &who, &sid, &csrf, NULL));
    assert_true(acct_session(e->d, e->a, bystander.token, &who, &sid, &csrf, NULL));

    /* Only the new password signs in now. */
    struct signin out;
    assert_false(acct_sign_in(e->d, "frank", PW, NULL, &out, &f));
    sign_in_ok(e, "frank", PW_NEW, &out);
    assert_false(out.must_change);
}

static void test_reset_password(void **state)
{
    struct env *e = *state;
    create(e, "heidi", NULL, NULL, PW);
    create(e, "sys", "sysadmin", NULL, ROOT_PW);
    create(e, "sec", "secadmin", NULL, ROOT_PW);
    struct signin si;
    sign_in_ok(e, "heidi", PW, &si);
    struct actor sys = load(e, "sys"), sec = load(e, "sec");
    struct fail f = {0};
    char gen[17] = "";
    int64_t n = audit_count(e);
    assert_false(acct_reset_password(e->d, &sec, "heidi", NULL, gen, &f));
    expect_fail(&f, FAIL_FORBIDDEN, "forbidden", NULL);
    assert_false(acct_reset_password(e->d, &sys, "nobody", NULL, gen, &f));
    expect_fail(&f, FAIL_NOT_FOUND, "not_found", "login");
    assert_false(acct_reset_password(e->d, &sys, "heidi", "weak", gen, &f));
    expect_fail(&f, FAIL_INVALID, "password_policy", "password");
    assert_int_equal(audit_count(e), n);

    assert_true(acct_reset_password(e->d, &sys, "heidi", NULL, gen, &f));
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "password.reset");
    assert_int_equal(strlen(gen), 16);
    /* Her sessions end; the one-time password must be changed. */
    struct actor who;
    int64_t sid;
    const char *csrf;
    assert_false(acct_session(e->d, e->a, si.token, &who, &sid, &csrf, NULL));
    struct signin out;
    assert_false(acct_sign_in(e->d, "heidi", PW, NULL, &out, &f));
    sign_in_ok(e, "heidi", gen, &out);
    assert_true(out.must_change);
}

/* --- roles -------------------------------------------------------------------------------- */

static size_t roles_of(struct env *e, const char *login, struct role_row **rows)
{
    size_t n;
    assert_int_equal(st_roles_of(e->d, e->a, row(e, login).id, rows, &n), DB_OK);
    return n;
}

static void test_grant_revoke(void **state)
{
    struct env *e = *state;
    create(e, "ivan", NULL, NULL, PW);
    create(e, "sec", "secadmin", NULL, ROOT_PW);
    create(e, "sys", "sysadmin", NULL, ROOT_PW);
    struct actor sec = load(e, "sec"), sys = load(e, "sys");
    struct fail f = {0};
    struct role_row *rows;
    int64_t n = audit_count(e);

    assert_true(acct_grant(e->d, &sec, "ivan", "cast_officer", "bj", &f));
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "role.grant");
    assert_int_equal(roles_of(e, "ivan", &rows), 1);
    assert_string_equal(rows[0].role, "cast_officer");
    assert_string_equal(rows[0].scope, "bj");

    /* Refusals, none of which writes. */
    n = audit_count(e);
    assert_false(acct_grant(e->d, &sec, "ivan", "cast_officer", "bj", &f));
    expect_fail(&f, FAIL_CONFLICT, "duplicate_role", "role");
    assert_false(acct_grant(e->d, &sec, "ivan", "sysadmin", NULL, &f));
    expect_fail(&f, FAIL_INVALID, "role_conflict", "role");
    assert_false(acct_grant(e->d, &sec, "sec", "cast_officer", "bj", &f));
    expect_fail(&f, FAIL_INVALID, "role_conflict", "role");
    assert_false(acct_grant(e->d, &sec, "sec", "auditor", NULL, &f));
    expect_fail(&f, FAIL_INVALID, "role_conflict", "role");
    assert_false(acct_grant(e->d, &sec, "ivan", "emperor", NULL, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_role", "role");
    assert_false(acct_grant(e->d, &sec, "ivan", "secretariat", "Not Key", &f));
    expect_fail(&f, FAIL_INVALID, "invalid_scope", "scope");
    assert_false(acct_grant(e->d, &sec, "ivan", "member_contact", "bj", &f));
    expect_fail(&f, FAIL_INVALID, "invalid_scope", "scope");
    assert_false(acct_grant(e->d, &sec, "nobody", "cast_officer", "bj", &f));
    expect_fail(&f, FAIL_NOT_FOUND, "not_found", "login");
    assert_false(acct_grant(e->d, &sys, "ivan", "secretariat", "bj", &f));
    expect_fail(&f, FAIL_FORBIDDEN, "forbidden", NULL);
    assert_false(acct_revoke(e->d, &sec, "ivan", "secretariat", "bj", &f));
    expect_fail(&f, FAIL_NOT_FOUND, "not_found", "role");
    assert_false(acct_revoke(e->d, &sec, "ivan", "cast_officer", "sh", &f));
    expect_fail(&f, FAIL_NOT_FOUND, "not_found", "role");
    assert_false(acct_revoke(e->d, &sec, "nobody", "cast_officer", "bj", &f));
    expect_fail(&f, FAIL_NOT_FOUND, "not_found", "login");
    assert_false(acct_revoke(e->d, &sys, "ivan", "cast_officer", "bj", &f));
    expect_fail(&f, FAIL_FORBIDDEN, "forbidden", NULL);
    assert_int_equal(audit_count(e), n);
    assert_int_equal(roles_of(e, "ivan", &rows), 1);
    assert_int_equal(roles_of(e, "sec", &rows), 1);

    /* The same role in another scope, and a second business role, are fine. */
    assert_true(acct_grant(e->d, &sec, "ivan", "cast_officer", "sh", &f));
    assert_true(acct_grant(e->d, &sec, "ivan", "member_contact", "bj/org1", &f));
    assert_int_equal(audit_count(e), n + 2);
    assert_int_equal(roles_of(e, "ivan", &rows), 3);

    /* Revoking one grant leaves the others. */
    assert_true(acct_revoke(e->d, &sec, "ivan", "cast_officer", "bj", &f));
    assert_int_equal(audit_count(e), n + 3);
    expect_last_action(e, "role.revoke");
    assert_int_equal(roles_of(e, "ivan", &rows), 2);
    assert_string_equal(rows[0].role, "cast_officer");
    assert_string_equal(rows[0].scope, "sh");
    assert_string_equal(rows[1].role, "member_contact");

    /* With no roles left, an administrator role may be granted. */
    assert_true(acct_revoke(e->d, &sec, "ivan", "cast_officer", "sh", &f));
    assert_true(acct_revoke(e->d, &sec, "ivan", "member_contact", "bj/org1", &f));
    assert_true(acct_grant(e->d, &sec, "ivan", "auditor", NULL, &f));
    assert_int_equal(roles_of(e, "ivan", &rows), 1);
    assert_string_equal(rows[0].scope, "");
    /* and revoked with an empty scope as with none. */
    assert_true(acct_revoke(e->d, &sec, "ivan", "auditor", "", &f));
    assert_int_equal(roles_of(e, "ivan", &rows), 0);
}

/* --- disabling ---------------------------------------------------------------------------- */

static void test_disable(void **state)
{
    struct env *e = *state;
    create(e, "judy", NULL, NULL, PW);
    create(e, "sys", "sysadmin", NULL, ROOT_PW);
    create(e, "sec", "secadmin", NULL, ROOT_PW);
    struct signin s1, s2;
    sign_in_ok(e, "judy", PW, &s1);
    sign_in_ok(e, "judy", PW, &s2);
    struct actor judy = load(e, "judy");
    struct fail f = {0};
    char tok[TOKEN_LEN + 1];
    assert_true(acct_token_create(e->d, &judy, "laptop", tok, &f));

    struct actor sys = load(e, "sys"), sec = load(e, "sec");
    int64_t n = audit_count(e);
    assert_false(acct_disable(e->d, &sec, "judy", &f));
    expect_fail(&f, FAIL_FORBIDDEN, "forbidden", NULL);
    assert_false(acct_disable(e->d, &sys, "sys", &f));
    expect_fail(&f, FAIL_INVALID, "self", "login");
    assert_false(acct_disable(e->d, &sys, "nobody", &f));
    expect_fail(&f, FAIL_NOT_FOUND, "not_found", "login");
    assert_int_equal(audit_count(e), n);
    assert_false(row(e, "sys").disabled);

    assert_true(acct_disable(e->d, &sys, "judy", &f));
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "account.disable");
    assert_true(row(e, "judy").disabled);
    /* Every session and token of hers stops working. */
    struct actor who;
    int64_t sid;
    const char *csrf;
    assert_false(acct_session(e->d, e->a, s1.token, &who, &sid, &csrf, NULL));
    assert_false(acct_session(e->d, e->a, s2.token, &who, &sid, &csrf, NULL));
    assert_int_equal(sql_int(e->t.path, "SELECT count(*) FROM sessions WHERE ended_at IS NULL AND "
                                        "user_id = (SELECT id FROM users WHERE login = 'judy')"),
                     0);
    assert_false(acct_bearer(e->d, e->a, tok, &who, NULL));
    assert_false(acct_load(e->d, e->a, judy.user_id, &who));
}

/* --- API tokens and language -------------------------------------------------------------- */

static void test_tokens(void **state)
{
    struct env *e = *state;
    create(e, "kim", "secretariat", "sh", PW);
    struct actor kim = load(e, "kim");
    struct fail f = {0};
    char tok[TOKEN_LEN + 1];
    int64_t n = audit_count(e);
    assert_true(acct_token_create(e->d, &kim, "ci-runner", tok, &f));
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "token.create");
    assert_true(token_shape_ok(tok));
    /* Only the hash is kept. */
    char th[TOKEN_HASH_LEN + 1], sql[200];
    token_hash(tok, th);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM api_tokens WHERE token_hash = '%s'", th);
    assert_int_equal(sql_int(e->t.path, sql), 1);

    struct actor who;
    assert_true(acct_bearer(e->d, e->a, tok, &who, NULL));
    assert_int_equal(who.kind, ACTOR_USER);
    assert_string_equal(who.login, "kim");
    assert_int_equal(who.nroles, 1);
    assert_string_equal(who.roles[0].role, "secretariat");

    char other[TOKEN_LEN + 1];
    token_new(other);
    assert_false(acct_bearer(e->d, e->a, other, &who, NULL));
    assert_false(acct_bearer(e->d, e->a, "not-a-token", &who, NULL));
    assert_false(acct_bearer(e->d, e->a, "", &who, NULL));
    assert_false(acct_bearer(e->d, e->a, th, &who, NULL)); /* the stored hash opens nothing */
    /* A session token is not an API token. */
    struct signin si;
    sign_in_ok(e, "kim", PW, &si);
    assert_false(acct_bearer(e->d, e->a, si.token, &who, NULL));
    /* Revoked tokens stop working. */
    sql_exec(e->t.path, "UPDATE api_tokens SET revoked_at = '2026-01-01T00:00:00+08:00'");
    assert_false(acct_bearer(e->d, e->a, tok, &who, NULL));

    n = audit_count(e);
    assert_false(acct_token_create(e->d, &kim, "", tok, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_name", "name");
    assert_false(acct_token_create(e->d, &kim, "bad\nname", tok, &f));
    expect_fail(&f, FAIL_INVALID, "invalid_name", "name");
    struct actor anon = {.kind = ACTOR_ANONYMOUS};
    assert_false(acct_token_create(e->d, &anon, "x", tok, &f));
    expect_fail(&f, FAIL_AUTH, NULL, NULL);
    assert_int_equal(audit_count(e), n);
}

static void test_set_lang(void **state)
{
    struct env *e = *state;
    create(e, "lee", NULL, NULL, PW);
    struct actor lee = load(e, "lee");
    struct fail f = {0};
    int64_t n = audit_count(e);
    assert_true(acct_set_lang(e->d, &lee, "en", &f));
    assert_int_equal(audit_count(e), n + 1);
    expect_last_action(e, "account.lang");
    assert_string_equal(load(e, "lee").lang, "en");
    assert_true(acct_set_lang(e->d, &lee, "zh", &f));
    assert_string_equal(load(e, "lee").lang, "zh-CN");
    assert_false(acct_set_lang(e->d, &lee, "fr", &f));
    expect_fail(&f, FAIL_INVALID, "invalid_lang", "lang");
    assert_int_equal(audit_count(e), n + 2);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        TEST(test_create),
        TEST(test_create_refusals),
        TEST(test_sign_in),
        TEST(test_sign_in_lock),
        TEST(test_unlock),
        TEST(test_sign_in_disabled),
        TEST(test_sign_in_costs_the_same),
        TEST(test_session),
        TEST(test_change_password),
        TEST(test_reset_password),
        TEST(test_grant_revoke),
        TEST(test_disable),
        TEST(test_tokens),
        TEST(test_set_lang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
