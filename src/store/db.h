/* store/db.h: the one door to the database. Nothing outside src/store/ speaks SQL except through
 * the SQL text it passes here, and that text is always a string literal (scripts/check-source
 * enforces it): values travel only as bound parameters.
 *
 * SQL uses named parameters (:name). Keep to what SQLite and PostgreSQL both accept: BIGINT and
 * TEXT columns, INSERT ... RETURNING, ON CONFLICT, no SQLite-only functions. A connection belongs
 * to one thread; the web server opens one per worker thread.
 *
 * Statements are prepared once per connection and cached by the address of their SQL literal, so
 * a hot path costs a bind and a step. A statement stays valid until the connection closes; use
 * db_done() (or step to DB_DONE) before preparing the same SQL again. */
#ifndef LH_DB_H
#define LH_DB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

typedef struct db db;
typedef struct db_stmt db_stmt;

enum db_rc {
    DB_OK = 0,
    DB_ROW = 1,          /* db_step: a row is ready */
    DB_DONE = 2,         /* db_step: no more rows */
    DB_ERR = -1,         /* anything else; see db_errmsg */
    DB_CONSTRAINT = -2,  /* a unique or foreign key constraint refused the write */
    DB_BUSY = -3,        /* the database stayed locked past the busy timeout */
    DB_UNAVAILABLE = -4, /* the server is gone (PostgreSQL); the request may be retried */
};

/* Opens "path/to/file.db", "file:..." or (later) "postgresql://..." and configures it for safe
 * concurrent use. Returns DB_OK or a negative code with a message in err. */
int db_open(const char *url, db **out, char *err, size_t errlen);
void db_close(db *d);
const char *db_errmsg(db *d);
/* False once the connection to a database server is lost; close it and open another. */
bool db_healthy(db *d);
/* "sqlite" or "postgresql". */
const char *db_kind(const db *d);
/* True when the database holds no tables yet (a fresh file or an empty schema). */
bool db_is_empty(db *d);

/* Applies the embedded migrations the database lacks, each in its own transaction with its
 * row in schema_version. Refuses (DB_ERR, with a message) a database newer than the program. */
int db_migrate(db *d, char *err, size_t errlen);
/* The schema version of the database (0 when none) and the newest this program knows. */
int db_schema_version(db *d);
int db_schema_latest(void);

/* A write transaction. SQLite takes the write lock at once (BEGIN IMMEDIATE), so two writers
 * never deadlock half-way. Nested begins are a programming error. */
int db_begin(db *d);
/* A read transaction: the queries inside it see one snapshot (end it with db_commit). */
int db_begin_read(db *d);
int db_commit(db *d);
void db_rollback(db *d);
bool db_in_transaction(const db *d);

/* sql must be a string literal. Returns a statement reset and with no bindings, or NULL. */
db_stmt *db_prepare(db *d, const char *sql);
void db_bind_text(db_stmt *s, const char *name, const char *value); /* NULL binds NULL */
void db_bind_int(db_stmt *s, const char *name, int64_t value);
void db_bind_null(db_stmt *s, const char *name);
/* DB_ROW, DB_DONE or a negative code. A binding error shows up here as DB_ERR. */
int db_step(db_stmt *s);
/* Steps a statement that returns no rows (or ignores them) and resets it. */
int db_exec(db_stmt *s);
/* Column values of the current row, by position in the SELECT list. Text is valid until the
 * next step or reset; NULL for SQL NULL. */
const char *db_col_text(db_stmt *s, int col);
int64_t db_col_int(db_stmt *s, int col);
bool db_col_null(db_stmt *s, int col);
/* Steps s to the end, reading each row with `read` into a growing array in arena a (*out, *n);
 * returns DB_OK or the failing code. The query functions of the store use it for lists. */
int db_collect(db_stmt *s, arena *a, size_t size, void (*read)(db_stmt *, arena *, void *),
               void **out, size_t *n);
/* Ends use of a statement early (releases its read snapshot). */
void db_done(db_stmt *s);
/* Resets every cached statement: the server calls it after each request as a safety net. */
void db_done_all(db *d);

/* Counts of statements that failed, for /metrics. */
uint64_t db_error_count(void);

/* Consistent online copy of the whole database into a new file, and the way back into an empty
 * database. */
int db_backup(db *d, const char *path, char *err, size_t errlen);
int db_restore(db *d, const char *path, char *err, size_t errlen);

#endif
