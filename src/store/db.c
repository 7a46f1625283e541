/* What every backend shares: choosing the driver from the URL, the per-connection statement
 * cache, transactions, migrations and the error counter. */
#include "store/driver.h"
#include "util/embed.h"
#include "util/buf.h"
#include "util/clock.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>

static _Atomic uint64_t errors;

uint64_t db_error_count(void)
{
    return atomic_load_explicit(&errors, memory_order_relaxed);
}

static void count_error(void)
{
    atomic_fetch_add_explicit(&errors, 1, memory_order_relaxed);
}

int db_open(const char *url, db **out, char *err, size_t errlen)
{
    *out = NULL;
    bool pg = strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
    db *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return DB_ERR;
    }
    d->drv = pg ? &db_pg_driver : &db_sqlite_driver;
    int rc = d->drv->open(url, d, err, errlen);
    if (rc != DB_OK) {
        free(d);
        return rc;
    }
    *out = d;
    return DB_OK;
}

void db_close(db *d)
{
    if (!d)
        return;
    if (d->in_tx)
        db_rollback(d);
    for (int i = 0; i < DB_CACHE_SLOTS; i++) {
        db_stmt *s = d->cache[i];
        while (s) {
            db_stmt *next = s->next;
            d->drv->finalize(s->impl);
            free(s);
            s = next;
        }
    }
    d->drv->close(d);
    free(d);
}

const char *db_errmsg(db *d)
{
    return d->drv->errmsg(d);
}

const char *db_kind(const db *d)
{
    return d->drv->kind;
}

static size_t slot_of(const char *sql)
{
    uintptr_t p = (uintptr_t)sql;
    return (size_t)((p >> 4) ^ (p >> 12)) % DB_CACHE_SLOTS;
}

db_stmt *db_prepare(db *d, const char *sql)
{
    size_t slot = slot_of(sql);
    for (db_stmt *s = d->cache[slot]; s; s = s->next) {
        if (s->sql == sql) {
            d->drv->reset(s);
            s->bind_failed = false;
            return s;
        }
    }
    void *impl = d->drv->prepare(d, sql);
    if (!impl) {
        count_error();
        fprintf(stderr, "lianheti: SQL prepare failed: %s\n", db_errmsg(d));
        return NULL;
    }
    db_stmt *s = calloc(1, sizeof *s);
    if (!s) {
        d->drv->finalize(impl);
        return NULL;
    }
    s->db = d;
    s->sql = sql;
    s->impl = impl;
    s->next = d->cache[slot];
    d->cache[slot] = s;
    return s;
}

void db_bind_text(db_stmt *s, const char *name, const char *value)
{
    if (s->db->drv->bind_text(s, name, value) != DB_OK)
        s->bind_failed = true;
}

void db_bind_int(db_stmt *s, const char *name, int64_t value)
{
    if (s->db->drv->bind_int(s, name, value) != DB_OK)
        s->bind_failed = true;
}

void db_bind_null(db_stmt *s, const char *name)
{
    if (s->db->drv->bind_null(s, name) != DB_OK)
        s->bind_failed = true;
}

int db_step(db_stmt *s)
{
    if (s->bind_failed) {
        count_error();
        fprintf(stderr, "lianheti: SQL parameter binding failed for: %s\n", s->sql);
        return DB_ERR;
    }
    int rc = s->db->drv->step(s);
    if (rc < 0 && rc != DB_CONSTRAINT)
        count_error();
    return rc;
}

int db_exec(db_stmt *s)
{
    int rc = db_step(s);
    s->db->drv->reset(s);
    return rc == DB_ROW ? DB_DONE : rc;
}

const char *db_col_text(db_stmt *s, int col)
{
    return s->db->drv->col_text(s, col);
}

int64_t db_col_int(db_stmt *s, int col)
{
    return s->db->drv->col_int(s, col);
}

bool db_col_null(db_stmt *s, int col)
{
    return s->db->drv->col_null(s, col);
}

int db_collect(db_stmt *s, arena *a, size_t size, void (*read)(db_stmt *, arena *, void *),
               void **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!s)
        return DB_ERR;
    char *rows = NULL;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char *p = arena_alloc(a, ncap * size);
            if (*n)
                memcpy(p, rows, *n * size);
            rows = p;
            cap = ncap;
        }
        read(s, a, rows + *n * size);
        (*n)++;
    }
    db_done(s);
    *out = rows;
    return rc == DB_DONE ? DB_OK : rc;
}

void db_done(db_stmt *s)
{
    s->db->drv->reset(s);
}

void db_done_all(db *d)
{
    for (int i = 0; i < DB_CACHE_SLOTS; i++)
        for (db_stmt *s = d->cache[i]; s; s = s->next)
            d->drv->reset(s);
}

static int begin(db *d, const char *sql)
{
    if (d->in_tx) {
        fprintf(stderr, "lianheti: nested transaction\n");
        return DB_ERR;
    }
    db_stmt *s = db_prepare(d, sql);
    if (!s)
        return DB_ERR;
    int rc = db_exec(s);
    if (rc != DB_DONE)
        return rc;
    d->in_tx = true;
    return DB_OK;
}

/* The process's writers, when the driver asks for it (driver.h serialize_writes). A thread holds
 * it from db_begin() to the end of that transaction; one connection per thread, so no thread
 * waits on itself. */
static pthread_mutex_t write_mutex = PTHREAD_MUTEX_INITIALIZER;

static void release_write(db *d)
{
    if (d->holds_write_mutex) {
        d->holds_write_mutex = false;
        pthread_mutex_unlock(&write_mutex);
    }
}

int db_begin(db *d)
{
    if (d->drv->serialize_writes && !d->in_tx) {
        pthread_mutex_lock(&write_mutex);
        d->holds_write_mutex = true;
    }
    int rc = begin(d, d->drv->begin_sql);
    if (rc != DB_OK)
        release_write(d);
    if (rc != DB_OK || !d->drv->lock_sql)
        return rc;
    db_stmt *s = db_prepare(d, d->drv->lock_sql);
    rc = s ? db_exec(s) : DB_ERR;
    if (rc != DB_DONE) {
        db_rollback(d);
        return rc < 0 ? rc : DB_ERR;
    }
    return DB_OK;
}

bool db_healthy(db *d)
{
    return d->drv->healthy(d);
}

int db_begin_read(db *d)
{
    return begin(d, d->drv->begin_read_sql);
}

int db_commit(db *d)
{
    db_done_all(d);
    db_stmt *s = db_prepare(d, "COMMIT");
    int rc = s ? db_exec(s) : DB_ERR;
    if (rc != DB_DONE) {
        db_rollback(d);
        return rc < 0 ? rc : DB_ERR;
    }
    d->in_tx = false;
    release_write(d);
    return DB_OK;
}

void db_rollback(db *d)
{
    if (!d->in_tx)
        return;
    db_done_all(d);
    db_stmt *s = db_prepare(d, "ROLLBACK");
    if (s)
        db_exec(s);
    d->in_tx = false;
    release_write(d);
}

bool db_in_transaction(const db *d)
{
    return d->in_tx;
}

bool db_is_empty(db *d)
{
    return d->drv->is_empty(d);
}

/* Migrations are embedded as "migrations/NNN_name.sql"; their number is their version. */
static int migration_version(const char *name)
{
    const char *base = name + strlen("migrations/");
    int v = 0;
    for (int i = 0; i < 3; i++) {
        if (base[i] < '0' || base[i] > '9')
            return -1;
        v = v * 10 + (base[i] - '0');
    }
    return base[3] == '_' ? v : -1;
}

int db_schema_latest(void)
{
    int latest = 0;
    for (size_t i = 0; i < embedded_count; i++)
        if (strncmp(embedded_files[i].name, "migrations/", 11) == 0) {
            int v = migration_version(embedded_files[i].name);
            if (v > latest)
                latest = v;
        }
    return latest;
}

int db_schema_version(db *d)
{
    db_stmt *s = db_prepare(d, "SELECT max(version) FROM schema_version");
    if (!s)
        return 0; /* no table yet */
    int v = 0;
    if (db_step(s) == DB_ROW && !db_col_null(s, 0))
        v = (int)db_col_int(s, 0);
    db_done(s);
    return v;
}

/* The migration text with @ID@ replaced by the backend's identity column. Only literal text
 * from the binary is substituted, never a value. */
static char *dialect(const db *d, const char *sql)
{
    buf b = {0};
    const char *p = sql, *at;
    while ((at = strstr(p, "@ID@"))) {
        buf_append(&b, p, (size_t)(at - p));
        buf_puts(&b, d->drv->id_column);
        p = at + 4;
    }
    buf_puts(&b, p);
    return buf_steal(&b);
}

int db_migrate(db *d, char *err, size_t errlen)
{
    int latest = db_schema_latest();
    /* One migration per transaction, each under the write lock, re-reading the version inside
     * it: several processes starting at once on one PostgreSQL database apply each migration
     * exactly once. */
    for (;;) {
        int rc = db_begin(d);
        if (rc != DB_OK) {
            snprintf(err, errlen, "cannot start a transaction: %s", db_errmsg(d));
            return rc;
        }
        if (d->drv->exec_script(d,
                                "CREATE TABLE IF NOT EXISTS schema_version ("
                                "version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)") != DB_OK) {
            snprintf(err, errlen, "cannot create schema_version: %s", db_errmsg(d));
            db_rollback(d);
            return DB_ERR;
        }
        int have = db_schema_version(d);
        if (have >= latest) {
            db_rollback(d);
            if (have == latest)
                return DB_OK;
            snprintf(err, errlen,
                     "the database has schema version %d, newer than this lianheti knows (%d): "
                     "use a newer lianheti",
                     have, latest);
            return DB_ERR;
        }
        int v = have + 1;
        const struct embedded_file *f = NULL;
        for (size_t i = 0; i < embedded_count && !f; i++)
            if (strncmp(embedded_files[i].name, "migrations/", 11) == 0 &&
                migration_version(embedded_files[i].name) == v)
                f = &embedded_files[i];
        if (!f) {
            snprintf(err, errlen, "migration %03d is missing from this build", v);
            db_rollback(d);
            return DB_ERR;
        }
        char *sql = dialect(d, (const char *)f->data);
        rc = d->drv->exec_script(d, sql);
        free(sql);
        if (rc == DB_OK) {
            char now[32];
            clock_rfc3339(clock_now(), now);
            db_stmt *s =
                db_prepare(d, "INSERT INTO schema_version (version, applied_at) VALUES (:v, :at)");
            if (s) {
                db_bind_int(s, ":v", v);
                db_bind_text(s, ":at", now);
                rc = db_exec(s) == DB_DONE ? DB_OK : DB_ERR;
            } else {
                rc = DB_ERR;
            }
        }
        if (rc == DB_OK)
            rc = db_commit(d);
        if (rc != DB_OK) {
            snprintf(err, errlen, "migration %s failed: %s", f->name, db_errmsg(d));
            db_rollback(d);
            return DB_ERR;
        }
    }
}

int db_backup(db *d, const char *path, char *err, size_t errlen)
{
    return d->drv->backup(d, path, err, errlen);
}

int db_restore(db *d, const char *path, char *err, size_t errlen)
{
    if (!db_is_empty(d)) {
        snprintf(err, errlen, "restore needs an empty database; this one already has tables");
        return DB_ERR;
    }
    return d->drv->restore(d, path, err, errlen);
}
