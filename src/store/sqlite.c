/* The SQLite backend: one file, WAL mode, synchronous=FULL so that a committed transaction
 * survives power loss, foreign keys on, and a busy timeout so concurrent writers wait instead of
 * failing. */
#include "store/driver.h"
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#define BUSY_TIMEOUT_MS 5000

static sqlite3 *conn(db *d)
{
    return d->conn;
}

static int map_rc(int rc)
{
    switch (rc & 0xFF) {
    case SQLITE_OK:
        return DB_OK;
    case SQLITE_ROW:
        return DB_ROW;
    case SQLITE_DONE:
        return DB_DONE;
    case SQLITE_CONSTRAINT:
        return DB_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return DB_BUSY;
    default:
        return DB_ERR;
    }
}

static int sq_exec_script(db *d, const char *sql)
{
    return map_rc(sqlite3_exec(conn(d), sql, NULL, NULL, NULL));
}

static int sq_open(const char *url, db *d, char *err, size_t errlen)
{
    sqlite3 *c = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    int rc = sqlite3_open_v2(url, &c, flags, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", url, c ? sqlite3_errmsg(c) : "out of memory");
        sqlite3_close(c);
        return DB_ERR;
    }
    d->conn = c;
    sqlite3_busy_timeout(c, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(c, 1);
    /* trusted_schema off: a tampered file cannot smuggle functions into views or triggers. */
    const char *setup = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                        " PRAGMA trusted_schema=OFF;";
    if (sqlite3_exec(c, setup, NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot configure %s: %s", url, sqlite3_errmsg(c));
        sqlite3_close(c);
        d->conn = NULL;
        return DB_ERR;
    }
    /* Reading the schema proves the file is a database and not something else. */
    if (sqlite3_exec(c, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s is not a usable database: %s", url, sqlite3_errmsg(c));
        sqlite3_close(c);
        d->conn = NULL;
        return DB_ERR;
    }
    return DB_OK;
}

static void sq_close(db *d)
{
    sqlite3_close(conn(d));
}

static const char *sq_errmsg(db *d)
{
    return sqlite3_errmsg(conn(d));
}

static bool sq_is_empty(db *d)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(conn(d), "SELECT count(*) FROM sqlite_master", -1, &st, NULL) !=
        SQLITE_OK)
        return false;
    bool empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == 0;
    sqlite3_finalize(st);
    return empty;
}

static bool sq_healthy(db *d)
{
    (void)d;
    return true; /* a file does not hang up */
}

static void *sq_prepare(db *d, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(conn(d), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return NULL;
    return st;
}

static void sq_finalize(void *impl)
{
    sqlite3_finalize(impl);
}

static int param(db_stmt *s, const char *name)
{
    return sqlite3_bind_parameter_index(s->impl, name);
}

static int sq_bind_text(db_stmt *s, const char *name, const char *v)
{
    int i = param(s, name);
    if (i == 0)
        return DB_ERR;
    int rc =
        v ? sqlite3_bind_text(s->impl, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s->impl, i);
    return map_rc(rc);
}

static int sq_bind_int(db_stmt *s, const char *name, int64_t v)
{
    int i = param(s, name);
    return i == 0 ? DB_ERR : map_rc(sqlite3_bind_int64(s->impl, i, v));
}

static int sq_bind_null(db_stmt *s, const char *name)
{
    int i = param(s, name);
    return i == 0 ? DB_ERR : map_rc(sqlite3_bind_null(s->impl, i));
}

static int sq_step(db_stmt *s)
{
    return map_rc(sqlite3_step(s->impl));
}

static void sq_reset(db_stmt *s)
{
    sqlite3_reset(s->impl);
    sqlite3_clear_bindings(s->impl);
}

static const char *sq_col_text(db_stmt *s, int col)
{
    return (const char *)sqlite3_column_text(s->impl, col);
}

static int64_t sq_col_int(db_stmt *s, int col)
{
    return sqlite3_column_int64(s->impl, col);
}

static bool sq_col_null(db_stmt *s, int col)
{
    return sqlite3_column_type(s->impl, col) == SQLITE_NULL;
}

/* Copies the whole of src into dst page by page; the source stays usable meanwhile. */
static int copy_db(sqlite3 *dst, sqlite3 *src, char *err, size_t errlen)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(dst));
        return DB_ERR;
    }
    int rc;
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED)
        sqlite3_sleep(10);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(dst));
        return DB_ERR;
    }
    return DB_OK;
}

static int sq_backup(db *d, const char *path, char *err, size_t errlen)
{
    sqlite3 *out = NULL;
    /* Refuse to overwrite: a backup that silently replaces another is a lost backup. */
    if (sqlite3_open_v2(path, &out, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_close(out);
        snprintf(err, errlen, "%s already exists", path);
        return DB_ERR;
    }
    sqlite3_close(out);
    out = NULL;
    if (sqlite3_open_v2(path, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        snprintf(err, errlen, "cannot create %s: %s", path, out ? sqlite3_errmsg(out) : "");
        sqlite3_close(out);
        return DB_ERR;
    }
    int rc = copy_db(out, conn(d), err, errlen);
    sqlite3_close(out);
    return rc;
}

static int sq_restore(db *d, const char *path, char *err, size_t errlen)
{
    sqlite3 *in = NULL;
    if (sqlite3_open_v2(path, &in, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_exec(in, "SELECT count(*) FROM schema_version", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s is not a lianheti backup: %s", path,
                 in ? sqlite3_errmsg(in) : "cannot open");
        sqlite3_close(in);
        return DB_ERR;
    }
    int rc = copy_db(conn(d), in, err, errlen);
    sqlite3_close(in);
    if (rc == DB_OK)
        sqlite3_exec(conn(d), "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    return rc;
}

const struct db_driver db_sqlite_driver = {
    .kind = "sqlite",
    .id_column = "INTEGER PRIMARY KEY",
    .begin_sql = "BEGIN IMMEDIATE",
    .serialize_writes = true,
    .begin_read_sql = "BEGIN",
    .open = sq_open,
    .close = sq_close,
    .errmsg = sq_errmsg,
    .is_empty = sq_is_empty,
    .healthy = sq_healthy,
    .exec_script = sq_exec_script,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .reset = sq_reset,
    .col_text = sq_col_text,
    .col_int = sq_col_int,
    .col_null = sq_col_null,
    .backup = sq_backup,
    .restore = sq_restore,
};
