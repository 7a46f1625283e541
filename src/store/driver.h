/* The contract between db.c (what every backend shares: the statement cache, migrations, error
 * counting) and one backend. Only files in src/store/ include this. */
#ifndef LH_DRIVER_H
#define LH_DRIVER_H
#include "store/db.h"

struct db_stmt {
    db *db;
    const char *sql;      /* the literal; its address is the cache key */
    void *impl;           /* the backend's prepared statement */
    bool bind_failed;     /* a bind named a parameter the SQL lacks, or ran out of memory */
    struct db_stmt *next; /* cache chain */
};

#define DB_CACHE_SLOTS 128

struct db_driver {
    const char *kind;
    /* Text that replaces @ID@ in migrations: an auto-assigned 64-bit primary key column. */
    const char *id_column;
    /* Starts a write transaction: SQLite takes the write lock at once (BEGIN IMMEDIATE). */
    const char *begin_sql;
    /* Run right after begin_sql, when not NULL: takes the database-wide write lock that
     * BEGIN IMMEDIATE takes on SQLite. */
    const char *lock_sql;
    /* Writers of one process queue on a mutex before begin_sql. SQLite lets one writer in at a
     * time and makes the others poll in sleeps of up to 100 ms (its busy handler), which under
     * load left a write waiting most of a second; a mutex hands the lock on at once. Other
     * processes still meet the busy handler. */
    bool serialize_writes;
    /* Starts a read-only transaction: one snapshot for several queries (an export). */
    const char *begin_read_sql;
    int (*open)(const char *url, db *d, char *err, size_t errlen);
    void (*close)(db *d);
    const char *(*errmsg)(db *d);
    bool (*is_empty)(db *d);
    /* False once the connection is lost: the owner should close it and open another. */
    bool (*healthy)(db *d);
    int (*exec_script)(db *d, const char *sql);
    void *(*prepare)(db *d, const char *sql);
    void (*finalize)(void *impl);
    int (*bind_text)(db_stmt *s, const char *name, const char *v);
    int (*bind_int)(db_stmt *s, const char *name, int64_t v);
    int (*bind_null)(db_stmt *s, const char *name);
    int (*step)(db_stmt *s);
    void (*reset)(db_stmt *s);
    const char *(*col_text)(db_stmt *s, int col);
    int64_t (*col_int)(db_stmt *s, int col);
    bool (*col_null)(db_stmt *s, int col);
    int (*backup)(db *d, const char *path, char *err, size_t errlen);
    int (*restore)(db *d, const char *path, char *err, size_t errlen);
};

struct db {
    const struct db_driver *drv;
    void *conn;
    bool in_tx;
    bool holds_write_mutex; /* serialize_writes: this connection's write transaction is open */
    db_stmt *cache[DB_CACHE_SLOTS];
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

#endif
