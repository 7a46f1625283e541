/* Unit tests for store/db and store/store.h on a real SQLite file: opening and its PRAGMAs,
 * migrations and the refusal of a newer schema, constraint and binding errors, backup and
 * restore, and the typed queries on users, roles, sessions and API tokens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>
#include <sqlite3.h>

#include "store/db.h"
#include "store/driver.h" /* only to reach the program's own sqlite3 handle for PRAGMA queries */
#include "store/store.h"
#include "util/arena.h"
#include "testutil.h"

/* A PRAGMA's value on the program's own connection. */
static int64_t pragma_int(db *d, const char *sql)
{
    sqlite3 *c = d->conn;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void pragma_text(sqlite3 *c, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static struct user_row user(const char *login)
{
    return (struct user_row){.login = login,
                             .name = login,
                             .password_hash = "$argon2id$fake",
                             .must_change = true,
                             .created_at = "2026-01-01T08:00:00+08:00"};
}

static void test_open_and_pragmas(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = NULL;
    char err[256] = "";
    assert_int_equal(db_open(t.path, &d, err, sizeof err), DB_OK);
    assert_non_null(d);
    assert_string_equal(db_kind(d), "sqlite");
    assert_true(db_is_empty(d));
    assert_int_equal(db_schema_version(d), 0);

    /* The connection's own settings. */
    char mode[32];
    pragma_text(d->conn, "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "wal");
    assert_int_equal(pragma_int(d, "PRAGMA synchronous"), 2); /* FULL */
    assert_int_equal(pragma_int(d, "PRAGMA foreign_keys"), 1);
    assert_int_equal(pragma_int(d, "PRAGMA trusted_schema"), 0);

    assert_int_equal(db_migrate(d, err, sizeof err), DB_OK);
    assert_false(db_is_empty(d));
    assert_int_equal(db_schema_version(d), db_schema_latest());
    assert_true(db_schema_latest() >= 1);

    /* WAL is a property of the file: a second, independent connection sees it too. */
    sqlite3 *other = NULL;
    assert_int_equal(sqlite3_open_v2(t.path, &other, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    pragma_text(other, "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "wal");
    sqlite3_close(other);

    /* Foreign keys are enforced: a role for an account that does not exist is refused. */
    assert_int_equal(st_role_insert(d, 999, "auditor", ""), DB_CONSTRAINT);
    db_close(d);

    /* Opening again and migrating again changes nothing. */
    d = open_migrated(t.path);
    assert_int_equal(db_schema_version(d), db_schema_latest());
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM schema_version"), db_schema_latest());
    db_close(d);
    tmpdb_remove(&t);
}

static void test_open_refuses_non_database(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    FILE *f = fopen(t.path, "w");
    assert_non_null(f);
    fputs("this is not an SQLite database, just some text that is long enough to have a header", f);
    fclose(f);
    db *d = (db *)1;
    char err[256] = "";
    assert_int_not_equal(db_open(t.path, &d, err, sizeof err), DB_OK);
    assert_null(d);
    assert_true(strlen(err) > 0);

    assert_int_not_equal(db_open("postgresql://localhost/x", &d, err, sizeof err), DB_OK);
    assert_null(d);
    assert_non_null(strstr(err, "PostgreSQL"));
    tmpdb_remove(&t);
}

static void test_migrate_refuses_newer(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    db_close(d);
    char sql[200];
    snprintf(sql, sizeof sql,
             "INSERT INTO schema_version (version, applied_at) VALUES (%d, '2030-01-01')",
             db_schema_latest() + 1);
    sql_exec(t.path, sql);

    char err[256] = "";
    assert_int_equal(db_open(t.path, &d, err, sizeof err), DB_OK);
    assert_int_equal(db_schema_version(d), db_schema_latest() + 1);
    assert_int_equal(db_migrate(d, err, sizeof err), DB_ERR);
    assert_non_null(strstr(err, "newer"));
    /* Nothing was applied or removed. */
    assert_int_equal(db_schema_version(d), db_schema_latest() + 1);
    db_close(d);
    tmpdb_remove(&t);
}

static void test_constraint_and_binding_errors(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    struct user_row u = user("alice");
    int64_t id = 0, id2 = 0;
    assert_int_equal(st_user_insert(d, &u, &id), DB_OK);
    assert_true(id > 0);
    assert_int_equal(st_user_insert(d, &u, &id2), DB_CONSTRAINT);
    assert_int_equal(id2, 0);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM users"), 1);

    /* A parameter name the SQL lacks: the bind fails quietly, the step reports it. */
    uint64_t errors = db_error_count();
    db_stmt *s = db_prepare(d, "SELECT :a + 1");
    assert_non_null(s);
    db_bind_int(s, ":nope", 1);
    assert_int_equal(db_step(s), DB_ERR);
    assert_true(db_error_count() > errors);
    db_bind_text(s, ":also_missing", "x");
    assert_int_equal(db_step(s), DB_ERR);
    db_bind_null(s, ":missing_too");
    assert_int_equal(db_step(s), DB_ERR);
    db_done(s);

    /* Preparing the same SQL again returns the cached statement, reset and usable. */
    db_stmt *again = db_prepare(d, "SELECT :a + 1");
    assert_ptr_equal(again, s);
    db_bind_int(again, ":a", 41);
    assert_int_equal(db_step(again), DB_ROW);
    assert_int_equal(db_col_int(again, 0), 42);
    assert_false(db_col_null(again, 0));
    assert_int_equal(db_step(again), DB_DONE);
    db_done(again);

    /* An unbound parameter is NULL; text binding of NULL is NULL too. */
    s = db_prepare(d, "SELECT :t, :t IS NULL");
    db_bind_text(s, ":t", NULL);
    assert_int_equal(db_step(s), DB_ROW);
    assert_true(db_col_null(s, 0));
    assert_null(db_col_text(s, 0));
    assert_int_equal(db_col_int(s, 1), 1);
    db_done(s);

    /* SQL that does not compile gives NULL. */
    assert_null(db_prepare(d, "SELEKT nothing"));
    assert_null(db_prepare(d, "SELECT * FROM no_such_table"));
    assert_int_equal(st_ping(d), DB_OK);
    db_close(d);
    tmpdb_remove(&t);
}

static void test_transactions(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    assert_false(db_in_transaction(d));
    assert_int_equal(db_begin(d), DB_OK);
    assert_true(db_in_transaction(d));
    assert_int_equal(db_begin(d), DB_ERR); /* nested */
    assert_true(db_in_transaction(d));
    struct user_row u = user("rolled");
    int64_t id;
    assert_int_equal(st_user_insert(d, &u, &id), DB_OK);
    db_rollback(d);
    assert_false(db_in_transaction(d));
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM users"), 0);
    db_rollback(d); /* harmless outside a transaction */

    assert_int_equal(db_begin(d), DB_OK);
    u = user("kept");
    assert_int_equal(st_user_insert(d, &u, &id), DB_OK);
    /* Not visible to another connection before the commit. */
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM users"), 0);
    assert_int_equal(db_commit(d), DB_OK);
    assert_false(db_in_transaction(d));
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM users WHERE login = 'kept'"), 1);

    /* Closing with an open transaction rolls it back. */
    assert_int_equal(db_begin(d), DB_OK);
    u = user("lost");
    assert_int_equal(st_user_insert(d, &u, &id), DB_OK);
    db_close(d);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM users WHERE login = 'lost'"), 0);
    tmpdb_remove(&t);
}

static void test_backup_restore(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    struct user_row u = user("backed.up");
    int64_t id;
    assert_int_equal(st_user_insert(d, &u, &id), DB_OK);
    assert_int_equal(st_role_insert(d, id, "auditor", ""), DB_DONE);

    char bak[400], err[512] = "";
    tmpdb_file(&t, "backup.db", bak, sizeof bak);
    assert_int_equal(db_backup(d, bak, err, sizeof err), DB_OK);
    assert_int_equal(sql_int(bak, "SELECT count(*) FROM users WHERE login = 'backed.up'"), 1);
    assert_int_equal(sql_int(bak, "SELECT count(*) FROM user_roles"), 1);

    /* A second backup to the same file is refused and leaves the first intact. */
    err[0] = '\0';
    assert_int_equal(db_backup(d, bak, err, sizeof err), DB_ERR);
    assert_non_null(strstr(err, "exists"));
    assert_int_equal(sql_int(bak, "SELECT count(*) FROM users"), 1);

    /* Nor into a directory that does not exist. */
    char nodir[400];
    tmpdb_file(&t, "no/such/dir/b.db", nodir, sizeof nodir);
    assert_int_equal(db_backup(d, nodir, err, sizeof err), DB_ERR);

    /* Restore into a fresh, empty database. */
    char fresh[400];
    tmpdb_file(&t, "restored.db", fresh, sizeof fresh);
    db *r = NULL;
    assert_int_equal(db_open(fresh, &r, err, sizeof err), DB_OK);
    assert_true(db_is_empty(r));
    assert_int_equal(db_restore(r, bak, err, sizeof err), DB_OK);
    assert_false(db_is_empty(r));
    assert_int_equal(db_schema_version(r), db_schema_latest());
    arena *a = arena_new();
    struct user_row got;
    assert_int_equal(st_user_by_login(r, a, "backed.up", &got), DB_ROW);
    assert_int_equal(got.id, id);
    struct role_row *roles;
    size_t n;
    assert_int_equal(st_roles_of(r, a, id, &roles, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(roles[0].role, "auditor");
    /* The restored database is writable. */
    u = user("after.restore");
    int64_t id2;
    assert_int_equal(st_user_insert(r, &u, &id2), DB_OK);

    /* Restoring into a database that has tables is refused, and it keeps its data. */
    err[0] = '\0';
    assert_int_equal(db_restore(r, bak, err, sizeof err), DB_ERR);
    assert_non_null(strstr(err, "empty"));
    assert_int_equal(st_user_by_login(r, a, "after.restore", &got), DB_ROW);
    db_close(r);

    /* A file that is not a lianheti backup (no schema_version) is refused. */
    char plain[400], fresh2[400];
    tmpdb_file(&t, "plain.db", plain, sizeof plain);
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(plain, &c, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(c, "CREATE TABLE x (y TEXT)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(c);
    tmpdb_file(&t, "fresh2.db", fresh2, sizeof fresh2);
    assert_int_equal(db_open(fresh2, &r, err, sizeof err), DB_OK);
    err[0] = '\0';
    assert_int_equal(db_restore(r, plain, err, sizeof err), DB_ERR);
    assert_non_null(strstr(err, "not a lianheti backup"));
    assert_true(db_is_empty(r));
    /* Nor is a file that does not exist. */
    char missing[400];
    tmpdb_file(&t, "missing.db", missing, sizeof missing);
    assert_int_equal(db_restore(r, missing, err, sizeof err), DB_ERR);
    db_close(r);

    arena_free(a);
    db_close(d);
    tmpdb_remove(&t);
}

static void test_users(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    arena *a = arena_new();

    struct user_row u = user("zhang.san");
    u.name = "张三";
    u.person_key = "p-001";
    u.must_change = false;
    int64_t zid, aid, mid;
    assert_int_equal(st_user_insert(d, &u, &zid), DB_OK);
    struct user_row u2 = user("admin");
    assert_int_equal(st_user_insert(d, &u2, &aid), DB_OK);
    struct user_row u3 = user("mid");
    assert_int_equal(st_user_insert(d, &u3, &mid), DB_OK);
    assert_true(zid != aid && aid != mid && zid != mid);

    struct user_row got;
    assert_int_equal(st_user_by_login(d, a, "zhang.san", &got), DB_ROW);
    assert_int_equal(got.id, zid);
    assert_string_equal(got.login, "zhang.san");
    assert_string_equal(got.name, "张三");
    assert_string_equal(got.person_key, "p-001");
    assert_string_equal(got.password_hash, "$argon2id$fake");
    assert_string_equal(got.created_at, "2026-01-01T08:00:00+08:00");
    assert_null(got.lang);
    assert_false(got.must_change);
    assert_false(got.disabled);
    assert_int_equal(got.failed_count, 0);
    assert_int_equal(got.locked_until, 0);

    assert_int_equal(st_user_by_login(d, a, "admin", &got), DB_ROW);
    assert_true(got.must_change);
    assert_null(got.person_key);
    assert_int_equal(st_user_by_login(d, a, "nobody", &got), DB_DONE);
    assert_int_equal(st_user_by_login(d, a, "ZHANG.SAN", &got), DB_DONE);
    assert_int_equal(st_user_by_id(d, a, aid, &got), DB_ROW);
    assert_string_equal(got.login, "admin");
    assert_int_equal(st_user_by_id(d, a, 12345, &got), DB_DONE);

    assert_int_equal(st_user_set_failures(d, zid, 3, 1700000000), DB_DONE);
    assert_int_equal(st_user_by_id(d, a, zid, &got), DB_ROW);
    assert_int_equal(got.failed_count, 3);
    assert_int_equal(got.locked_until, 1700000000);
    /* A new password clears the failures and the lock. */
    assert_int_equal(st_user_set_password(d, zid, "$argon2id$new", true), DB_DONE);
    assert_int_equal(st_user_by_id(d, a, zid, &got), DB_ROW);
    assert_string_equal(got.password_hash, "$argon2id$new");
    assert_true(got.must_change);
    assert_int_equal(got.failed_count, 0);
    assert_int_equal(got.locked_until, 0);

    assert_int_equal(st_user_set_disabled(d, zid, true), DB_DONE);
    assert_int_equal(st_user_by_id(d, a, zid, &got), DB_ROW);
    assert_true(got.disabled);
    assert_int_equal(st_user_set_disabled(d, zid, false), DB_DONE);
    assert_int_equal(st_user_by_id(d, a, zid, &got), DB_ROW);
    assert_false(got.disabled);

    assert_int_equal(st_user_set_lang(d, zid, "en"), DB_DONE);
    assert_int_equal(st_user_by_id(d, a, zid, &got), DB_ROW);
    assert_string_equal(got.lang, "en");
    /* The other accounts were not touched by any of it. */
    assert_int_equal(st_user_by_id(d, a, aid, &got), DB_ROW);
    assert_null(got.lang);
    assert_string_equal(got.password_hash, "$argon2id$fake");

    /* Listing: sorted by login, and more rows than the first capacity. */
    struct user_row *rows;
    size_t n;
    assert_int_equal(st_users_list(d, a, &rows, &n), DB_OK);
    assert_int_equal(n, 3);
    assert_string_equal(rows[0].login, "admin");
    assert_string_equal(rows[1].login, "mid");
    assert_string_equal(rows[2].login, "zhang.san");
    for (int i = 0; i < 40; i++) {
        char login[16];
        snprintf(login, sizeof login, "u%02d", 39 - i);
        struct user_row x = user(login);
        int64_t xid;
        assert_int_equal(st_user_insert(d, &x, &xid), DB_OK);
    }
    assert_int_equal(st_users_list(d, a, &rows, &n), DB_OK);
    assert_int_equal(n, 43);
    for (size_t i = 1; i < n; i++)
        assert_true(strcmp(rows[i - 1].login, rows[i].login) < 0);
    assert_string_equal(rows[2].login, "u00");
    assert_string_equal(rows[42].login, "zhang.san");

    arena_free(a);
    db_close(d);
    tmpdb_remove(&t);
}

static void test_roles(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    arena *a = arena_new();
    struct user_row u = user("officer");
    int64_t id, other;
    assert_int_equal(st_user_insert(d, &u, &id), DB_OK);
    u = user("other");
    assert_int_equal(st_user_insert(d, &u, &other), DB_OK);

    struct role_row *rows;
    size_t n = 99;
    assert_int_equal(st_roles_of(d, a, id, &rows, &n), DB_OK);
    assert_int_equal(n, 0);

    assert_int_equal(st_role_insert(d, id, "secretariat", "bj"), DB_DONE);
    assert_int_equal(st_role_insert(d, id, "cast_officer", "sh"), DB_DONE);
    assert_int_equal(st_role_insert(d, id, "cast_officer", "bj"), DB_DONE);
    assert_int_equal(st_role_insert(d, id, "cast_officer", "bj"), DB_CONSTRAINT);
    assert_int_equal(st_role_insert(d, other, "auditor", ""), DB_DONE);

    assert_int_equal(st_roles_of(d, a, id, &rows, &n), DB_OK);
    assert_int_equal(n, 3); /* sorted by role, then scope */
    assert_string_equal(rows[0].role, "cast_officer");
    assert_string_equal(rows[0].scope, "bj");
    assert_string_equal(rows[1].role, "cast_officer");
    assert_string_equal(rows[1].scope, "sh");
    assert_string_equal(rows[2].role, "secretariat");
    assert_string_equal(rows[2].scope, "bj");

    /* DB_DONE when a grant was removed, DB_OK when there was none. */
    assert_int_equal(st_role_delete(d, id, "cast_officer", "sh"), DB_DONE);
    assert_int_equal(st_role_delete(d, id, "cast_officer", "sh"), DB_OK);
    assert_int_equal(st_role_delete(d, id, "auditor", ""), DB_OK); /* another account's role */
    assert_int_equal(st_roles_of(d, a, id, &rows, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(st_roles_of(d, a, other, &rows, &n), DB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].role, "auditor");
    assert_string_equal(rows[0].scope, "");

    /* Many roles: more than the first capacity of the result array. */
    for (int i = 0; i < 40; i++) {
        char scope[16];
        snprintf(scope, sizeof scope, "s%02d", i);
        assert_int_equal(st_role_insert(d, other, "secretariat", scope), DB_DONE);
    }
    assert_int_equal(st_roles_of(d, a, other, &rows, &n), DB_OK);
    assert_int_equal(n, 41);
    assert_string_equal(rows[40].scope, "s39");

    arena_free(a);
    db_close(d);
    tmpdb_remove(&t);
}

static void test_sessions_and_tokens(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    arena *a = arena_new();
    struct user_row u = user("sess");
    int64_t uid, vid;
    assert_int_equal(st_user_insert(d, &u, &uid), DB_OK);
    u = user("vess");
    assert_int_equal(st_user_insert(d, &u, &vid), DB_OK);

    const char *h1 = "1111111111111111111111111111111111111111111111111111111111111111";
    const char *h2 = "2222222222222222222222222222222222222222222222222222222222222222";
    const char *h3 = "3333333333333333333333333333333333333333333333333333333333333333";
    const char *h4 = "4444444444444444444444444444444444444444444444444444444444444444";
    int64_t s1, s2, s3, s4, dup = 0;
    assert_int_equal(st_session_insert(d, h1, uid, "csrf-1", 1000, &s1), DB_OK);
    assert_int_equal(st_session_insert(d, h2, uid, "csrf-2", 1001, &s2), DB_OK);
    assert_int_equal(st_session_insert(d, h3, uid, "csrf-3", 1002, &s3), DB_OK);
    assert_int_equal(st_session_insert(d, h4, vid, "csrf-4", 1003, &s4), DB_OK);
    assert_int_equal(st_session_insert(d, h1, vid, "csrf-x", 1004, &dup), DB_CONSTRAINT);
    /* A session for an account that does not exist breaks a foreign key. */
    assert_int_equal(
        st_session_insert(d, "5555555555555555555555555555555555555555555555555555555555555555",
                          777, "c", 1, &dup),
        DB_CONSTRAINT);

    struct session_row s;
    assert_int_equal(st_session_find(d, a, h1, &s), DB_ROW);
    assert_int_equal(s.id, s1);
    assert_int_equal(s.user_id, uid);
    assert_int_equal(s.created_at, 1000);
    assert_int_equal(s.last_seen, 1000);
    assert_string_equal(s.csrf, "csrf-1");
    assert_int_equal(st_session_find(d, a, "no-such-hash", &s), DB_DONE);

    assert_int_equal(st_session_touch(d, s1, 2000), DB_DONE);
    assert_int_equal(st_session_find(d, a, h1, &s), DB_ROW);
    assert_int_equal(s.last_seen, 2000);
    assert_int_equal(s.created_at, 1000);

    /* Ending one session hides it from find. */
    assert_int_equal(st_session_end(d, s2, 3000), DB_DONE);
    assert_int_equal(st_session_find(d, a, h2, &s), DB_DONE);
    assert_int_equal(sql_int(t.path, "SELECT ended_at FROM sessions WHERE token_hash LIKE '2%'"),
                     3000);
    /* Ending it again does not move its end. */
    assert_int_equal(st_session_end(d, s2, 4000), DB_DONE);
    assert_int_equal(sql_int(t.path, "SELECT ended_at FROM sessions WHERE token_hash LIKE '2%'"),
                     3000);

    /* The others of the user end; the kept one and the other user's stay. */
    assert_int_equal(st_sessions_end_others(d, uid, s1, 5000), DB_DONE);
    assert_int_equal(st_session_find(d, a, h1, &s), DB_ROW);
    assert_int_equal(st_session_find(d, a, h3, &s), DB_DONE);
    assert_int_equal(st_session_find(d, a, h4, &s), DB_ROW);

    /* All of the user's sessions end; the other user's stays. */
    assert_int_equal(st_sessions_end_for_user(d, uid, 6000), DB_DONE);
    assert_int_equal(st_session_find(d, a, h1, &s), DB_DONE);
    assert_int_equal(st_session_find(d, a, h4, &s), DB_ROW);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM sessions WHERE ended_at IS NULL"), 1);

    /* API tokens. */
    int64_t found = 0;
    assert_int_equal(st_token_insert(d, h1, uid, "ci", "2026-01-01T08:00:00+08:00"), DB_DONE);
    assert_int_equal(st_token_insert(d, h1, vid, "dup", "2026-01-01T08:00:00+08:00"),
                     DB_CONSTRAINT);
    assert_int_equal(st_token_find(d, h1, &found), DB_ROW);
    assert_int_equal(found, uid);
    assert_int_equal(st_token_find(d, h2, &found), DB_DONE);
    sql_exec(t.path, "UPDATE api_tokens SET revoked_at = '2026-01-02T08:00:00+08:00'");
    assert_int_equal(st_token_find(d, h1, &found), DB_DONE);

    arena_free(a);
    db_close(d);
    tmpdb_remove(&t);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_and_pragmas),
        cmocka_unit_test(test_open_refuses_non_database),
        cmocka_unit_test(test_migrate_refuses_newer),
        cmocka_unit_test(test_constraint_and_binding_errors),
        cmocka_unit_test(test_transactions),
        cmocka_unit_test(test_backup_restore),
        cmocka_unit_test(test_users),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_sessions_and_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
