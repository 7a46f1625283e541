/* Helpers the unit tests share: a temporary directory holding a database file, a migrated
 * database in it, and direct sqlite3 access to that file (to look at it or tamper with it behind
 * the program's back). Include after <cmocka.h>. Not a test itself: CMake globs only test_*.c. */
#ifndef LH_TESTUTIL_H
#define LH_TESTUTIL_H
#include <dirent.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

struct tmpdb {
    char dir[256];
    char path[300]; /* dir/lh.db */
};

/* Creates a fresh directory under $TMPDIR (or /tmp); the database file is not created yet. */
static inline void tmpdb_make(struct tmpdb *t)
{
    const char *base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    int n = snprintf(t->dir, sizeof t->dir, "%s/lh-unit-XXXXXX", base);
    assert_true(n > 0 && (size_t)n < sizeof t->dir);
    assert_non_null(mkdtemp(t->dir));
    n = snprintf(t->path, sizeof t->path, "%s/lh.db", t->dir);
    assert_true(n > 0 && (size_t)n < sizeof t->path);
}

/* A path for another file in the same directory. */
static inline void tmpdb_file(const struct tmpdb *t, const char *name, char *out, size_t outlen)
{
    int n = snprintf(out, outlen, "%s/%s", t->dir, name);
    assert_true(n > 0 && (size_t)n < outlen);
}

/* Removes every file in the directory, then the directory. */
static inline void tmpdb_remove(struct tmpdb *t)
{
    DIR *dir = opendir(t->dir);
    assert_non_null(dir);
    struct dirent *e;
    char p[600];
    while ((e = readdir(dir))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", t->dir, e->d_name);
        assert_int_equal(unlink(p), 0);
    }
    closedir(dir);
    assert_int_equal(rmdir(t->dir), 0);
}

/* Opens path with the program's own db_open and brings it to the latest schema. */
static inline db *open_migrated(const char *path)
{
    db *d = NULL;
    char err[256] = "";
    int rc = db_open(path, &d, err, sizeof err);
    if (rc != DB_OK)
        fail_msg("db_open(%s): %s", path, err);
    rc = db_migrate(d, err, sizeof err);
    if (rc != DB_OK)
        fail_msg("db_migrate(%s): %s", path, err);
    return d;
}

/* Runs SQL on the file through a connection of its own (not the program's). */
static inline void sql_exec(const char *path, const char *sql)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(c, 5000);
    char *msg = NULL;
    int rc = sqlite3_exec(c, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        char copy[256];
        snprintf(copy, sizeof copy, "%s", msg ? msg : "?");
        sqlite3_free(msg);
        sqlite3_close(c);
        fail_msg("sql_exec(%s): %s", sql, copy);
    }
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
}

/* The integer in the first column of the first row of a query, through a connection of its own. */
static inline int64_t sql_int(const char *path, const char *sql)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_busy_timeout(c, 5000);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
    return v;
}

/* The text in the first column of the first row of a query, copied into out. */
static inline void sql_text(const char *path, const char *sql, char *out, size_t outlen)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_busy_timeout(c, 5000);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const unsigned char *v = sqlite3_column_text(st, 0);
    snprintf(out, outlen, "%s", v ? (const char *)v : "");
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_close(c), SQLITE_OK);
}

#endif
