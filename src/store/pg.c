/* The PostgreSQL backend, through libpq. Callers write SQL with named parameters (:name); this
 * driver rewrites them to $1, $2... once, when it prepares the statement, and sends every value as
 * text for the server to convert by the column's type.
 *
 * Write transactions take a transaction-scoped advisory lock first, so writers queue exactly as
 * they do on SQLite (BEGIN IMMEDIATE): every read-decide-write in the domain sees the committed
 * state, and no operation needs retry logic of its own.
 *
 * A lost connection (a server restart, a failover) is retried where that cannot apply anything
 * twice: a statement that starts a transaction (BEGIN) or reads outside one (SELECT) reconnects
 * and runs again, waiting up to RETRY_MS for the server to come back. Anything else answers
 * DB_UNAVAILABLE (the transaction is lost, the request answers 503) and the next request gets a
 * new connection: pg_healthy() notices a connection the server has closed before it is used. */
#include "store/driver.h"
#include "util/buf.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* How long a retryable statement waits for the server to accept connections again. */
#define RETRY_MS 5000

struct pg_conn {
    PGconn *conn;
    unsigned next_stmt;
    unsigned epoch; /* counts reconnections: statements prepared before one are prepared again */
    char err[512];
};

struct pg_stmt {
    struct pg_conn *pc;
    char name[24];
    char *text;     /* the SQL with $n parameters, to prepare again after a reconnection */
    unsigned epoch; /* the connection's epoch it is prepared in; 0 when not prepared */
    bool retryable; /* BEGIN or SELECT: may run again on a new connection outside a transaction */
    int nparams;
    char **names;  /* the :name of each $n, n = index + 1 */
    char **values; /* malloc'ed text, or NULL for SQL NULL */
    PGresult *res;
    int row, nrows;
    bool executed;
};

static struct pg_conn *pconn(db *d)
{
    return d->conn;
}

/* libpq messages span lines ("...failed: Connection refused\n\tIs the server running..."); ours
 * go on one line. */
static void one_line(char *s)
{
    char *out = s;
    for (const char *p = s; *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t') {
            if (out > s && out[-1] != ' ')
                *out++ = ' ';
        } else {
            *out++ = *p;
        }
    }
    while (out > s && out[-1] == ' ')
        out--;
    *out = '\0';
}

static void set_err(struct pg_conn *pc, const char *msg)
{
    snprintf(pc->err, sizeof pc->err, "%s", msg ? msg : "unknown error");
    one_line(pc->err);
}

/* Maps a failed result to our codes by its SQLSTATE class. */
static int map_result(struct pg_conn *pc, const PGresult *res)
{
    set_err(pc, res ? PQresultErrorMessage(res) : PQerrorMessage(pc->conn));
    if (PQstatus(pc->conn) != CONNECTION_OK)
        return DB_UNAVAILABLE;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (!state)
        return DB_ERR;
    if (strncmp(state, "23", 2) == 0) /* integrity constraint violation */
        return DB_CONSTRAINT;
    if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03"))
        return DB_BUSY; /* serialization failure, deadlock, lock not available */
    if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
        return DB_UNAVAILABLE; /* connection exception, operator intervention (shutdown) */
    return DB_ERR;
}

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Sets up a new session: every value travels as UTF-8 text. */
static bool configure(PGconn *conn)
{
    PQsetNoticeProcessor(conn, quiet_notices, NULL);
    PGresult *res = PQexec(conn, "SET client_encoding = 'UTF8'; SET TIME ZONE 'Asia/Shanghai'");
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    return ok;
}

static int pg_open(const char *url, db *d, char *err, size_t errlen)
{
    struct pg_conn *pc = calloc(1, sizeof *pc);
    if (!pc) {
        snprintf(err, errlen, "out of memory");
        return DB_ERR;
    }
    pc->epoch = 1;
    pc->conn = PQconnectdb(url);
    if (!pc->conn || PQstatus(pc->conn) != CONNECTION_OK) {
        /* Never echo the URL: it may hold a password. */
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s",
                 pc->conn ? PQerrorMessage(pc->conn) : "out of memory");
        one_line(err);
        PQfinish(pc->conn);
        free(pc);
        return DB_UNAVAILABLE;
    }
    if (!configure(pc->conn)) {
        snprintf(err, errlen, "cannot configure the PostgreSQL session");
        PQfinish(pc->conn);
        free(pc);
        return DB_ERR;
    }
    d->conn = pc;
    return DB_OK;
}

static void pause_ms(long ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Opens the connection again with the same parameters, trying until the deadline. Every
 * statement is prepared again on first use. */
static bool reconnect(struct pg_conn *pc, long deadline)
{
    for (long wait = 50;; wait = wait < 400 ? wait * 2 : 500) {
        PQreset(pc->conn);
        if (PQstatus(pc->conn) == CONNECTION_OK && configure(pc->conn)) {
            pc->epoch++;
            return true;
        }
        if (PQstatus(pc->conn) == CONNECTION_OK) /* connected but not configured: give up */
            return false;
        set_err(pc, PQerrorMessage(pc->conn));
        long left = deadline - now_ms();
        if (left <= 0)
            return false;
        pause_ms(wait < left ? wait : left);
    }
}

static void pg_close(db *d)
{
    struct pg_conn *pc = pconn(d);
    PQfinish(pc->conn);
    free(pc);
}

static const char *pg_errmsg(db *d)
{
    struct pg_conn *pc = pconn(d);
    return pc->err[0] ? pc->err : PQerrorMessage(pc->conn);
}

/* libpq learns that the server closed a connection (a restart, pg_terminate_backend) only when
 * it next reads from it. Read what is pending, without waiting: the server's farewell, then the
 * end of the stream, which marks the connection bad, so it is replaced before it is used. */
static bool pg_healthy(db *d)
{
    PGconn *c = pconn(d)->conn;
    if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) == PQTRANS_IDLE)
        for (int i = 0; i < 2 && PQstatus(c) == CONNECTION_OK; i++)
            PQconsumeInput(c);
    return PQstatus(c) == CONNECTION_OK;
}

static int pg_exec_script(db *d, const char *sql)
{
    struct pg_conn *pc = pconn(d);
    PGresult *res = PQexec(pc->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? DB_OK : map_result(pc, res);
    PQclear(res);
    return rc;
}

static bool pg_is_empty(db *d)
{
    PGresult *res = PQexec(pconn(d)->conn, "SELECT count(*) FROM information_schema.tables "
                                           "WHERE table_schema = current_schema()");
    bool empty = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
                 strcmp(PQgetvalue(res, 0, 0), "0") == 0;
    PQclear(res);
    return empty;
}

static bool name_char(char c, bool first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (!first && c >= '0' && c <= '9');
}

/* Rewrites :name to $n outside quoted text and :: casts, collecting the names in order of first
 * appearance (a name used twice is one parameter). */
static char *rewrite(struct pg_stmt *st, const char *sql)
{
    buf out = {0};
    size_t cap = 0;
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') {
            const char *q = strchr(p + 1, *p);
            size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
            buf_append(&out, p, n);
            p += n;
        } else if (*p == ':' && p[1] == ':') {
            buf_append(&out, p, 2);
            p += 2;
        } else if (*p == ':' && name_char(p[1], true)) {
            const char *start = p;
            p++;
            while (name_char(*p, false))
                p++;
            size_t n = (size_t)(p - start);
            int idx = -1;
            for (int i = 0; i < st->nparams && idx < 0; i++)
                if (strlen(st->names[i]) == n && strncmp(st->names[i], start, n) == 0)
                    idx = i;
            if (idx < 0) {
                if ((size_t)st->nparams == cap) {
                    cap = cap ? cap * 2 : 8;
                    st->names = realloc(st->names, cap * sizeof *st->names);
                    if (!st->names)
                        abort();
                }
                st->names[st->nparams] = strndup(start, n);
                idx = st->nparams++;
            }
            buf_printf(&out, "$%d", idx + 1);
        } else {
            buf_putc(&out, *p++);
        }
    }
    return buf_steal(&out);
}

static void free_stmt(struct pg_stmt *st)
{
    free(st->text);
    for (int i = 0; i < st->nparams; i++) {
        free(st->names[i]);
        if (st->values)
            free(st->values[i]);
    }
    free(st->names);
    free(st->values);
    PQclear(st->res);
    free(st);
}

/* Prepares the statement on the server, in the connection's current epoch. */
static int server_prepare(struct pg_stmt *st)
{
    struct pg_conn *pc = st->pc;
    PGresult *res = PQprepare(pc->conn, st->name, st->text, st->nparams, NULL);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? DB_OK : map_result(pc, res);
    PQclear(res);
    if (rc == DB_OK)
        st->epoch = pc->epoch;
    return rc;
}

static bool starts_with_word(const char *sql, const char *word)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t')
        sql++;
    size_t n = strlen(word);
    return strncasecmp(sql, word, n) == 0 && !name_char(sql[n], false);
}

static void *pg_prepare(db *d, const char *sql)
{
    struct pg_conn *pc = pconn(d);
    struct pg_stmt *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->pc = pc;
    snprintf(st->name, sizeof st->name, "lh%u", ++pc->next_stmt);
    st->text = rewrite(st, sql);
    st->retryable = starts_with_word(sql, "SELECT") || starts_with_word(sql, "BEGIN");
    st->values = calloc((size_t)st->nparams + 1, sizeof *st->values);
    if (!st->values) {
        free_stmt(st);
        return NULL;
    }
    /* A lost connection is not the statement's fault: keep it unprepared, so db_step answers
     * DB_UNAVAILABLE (or retries) instead of the caller seeing a failed prepare (an error). */
    int rc = server_prepare(st);
    if (rc != DB_OK && rc != DB_UNAVAILABLE) {
        free_stmt(st);
        return NULL;
    }
    return st;
}

static void pg_finalize(void *impl)
{
    /* The server forgets prepared statements with the connection; nothing to send. */
    free_stmt(impl);
}

static int param(struct pg_stmt *st, const char *name)
{
    /* Callers pass ":name"; we stored names with their colon. */
    for (int i = 0; i < st->nparams; i++)
        if (strcmp(st->names[i], name) == 0)
            return i;
    return -1;
}

static int set_value(db_stmt *s, const char *name, char *v)
{
    struct pg_stmt *st = s->impl;
    int i = param(st, name);
    if (i < 0) {
        free(v);
        return DB_ERR;
    }
    free(st->values[i]);
    st->values[i] = v;
    return DB_OK;
}

static int pg_bind_text(db_stmt *s, const char *name, const char *v)
{
    char *copy = v ? strdup(v) : NULL;
    if (v && !copy)
        return DB_ERR;
    return set_value(s, name, copy);
}

static int pg_bind_int(db_stmt *s, const char *name, int64_t v)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", (long long)v);
    char *copy = strdup(text);
    return copy ? set_value(s, name, copy) : DB_ERR;
}

static int pg_bind_null(db_stmt *s, const char *name)
{
    return set_value(s, name, NULL);
}

/* Runs the statement once: prepared first if this connection has not seen it. */
static int execute(struct pg_stmt *st)
{
    if (st->epoch != st->pc->epoch) {
        int rc = server_prepare(st);
        if (rc != DB_OK)
            return rc;
    }
    st->res = PQexecPrepared(st->pc->conn, st->name, st->nparams, (const char *const *)st->values,
                             NULL, NULL, 0);
    ExecStatusType status = PQresultStatus(st->res);
    if (status == PGRES_TUPLES_OK) {
        st->nrows = PQntuples(st->res);
        return DB_OK;
    }
    if (status == PGRES_COMMAND_OK) {
        st->nrows = 0;
        return DB_OK;
    }
    int rc = map_result(st->pc, st->res);
    PQclear(st->res);
    st->res = NULL;
    return rc;
}

static int pg_step(db_stmt *s)
{
    struct pg_stmt *st = s->impl;
    if (!st->executed) {
        st->executed = true;
        st->row = -1;
        /* Outside a transaction a BEGIN or a SELECT has changed nothing when the connection
         * fails under it: run it again on a new connection once the server is back. */
        bool retry = st->retryable && !s->db->in_tx;
        long deadline = retry ? now_ms() + RETRY_MS : 0;
        int rc;
        while ((rc = execute(st)) == DB_UNAVAILABLE && retry && now_ms() < deadline &&
               reconnect(st->pc, deadline))
            ;
        if (rc != DB_OK)
            return rc;
    }
    if (!st->res)
        return DB_ERR;
    return ++st->row < st->nrows ? DB_ROW : DB_DONE;
}

static void pg_reset(db_stmt *s)
{
    struct pg_stmt *st = s->impl;
    PQclear(st->res);
    st->res = NULL;
    st->executed = false;
    for (int i = 0; i < st->nparams; i++) {
        free(st->values[i]);
        st->values[i] = NULL;
    }
}

static bool on_row(const struct pg_stmt *st, int col)
{
    return st->res && st->row >= 0 && st->row < st->nrows && col >= 0 && col < PQnfields(st->res);
}

static const char *pg_col_text(db_stmt *s, int col)
{
    struct pg_stmt *st = s->impl;
    if (!on_row(st, col) || PQgetisnull(st->res, st->row, col))
        return NULL;
    return PQgetvalue(st->res, st->row, col);
}

static int64_t pg_col_int(db_stmt *s, int col)
{
    const char *v = pg_col_text(s, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

static bool pg_col_null(db_stmt *s, int col)
{
    struct pg_stmt *st = s->impl;
    return !on_row(st, col) || PQgetisnull(st->res, st->row, col);
}

static int pg_no_backup(db *d, const char *path, char *err, size_t errlen)
{
    (void)d;
    (void)path;
    snprintf(err, errlen,
             "on PostgreSQL, back up and restore with pg_dump and pg_restore "
             "(docs/deploy.md)");
    return DB_ERR;
}

const struct db_driver db_pg_driver = {
    .kind = "postgresql",
    .id_column = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    .begin_sql = "BEGIN",
    /* Any constant works, as long as every lianheti process on the database uses the same. */
    .lock_sql = "SELECT pg_advisory_xact_lock(7470001)",
    .begin_read_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .open = pg_open,
    .close = pg_close,
    .errmsg = pg_errmsg,
    .healthy = pg_healthy,
    .is_empty = pg_is_empty,
    .exec_script = pg_exec_script,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .reset = pg_reset,
    .col_text = pg_col_text,
    .col_int = pg_col_int,
    .col_null = pg_col_null,
    .backup = pg_no_backup,
    .restore = pg_no_backup,
};
