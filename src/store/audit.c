/* Queries on the audit trail. There is deliberately no UPDATE or DELETE of audit_log here or
 * anywhere else. */
#include "store/store.h"
#include <stdio.h>
#include <string.h>

static void copy_hash(char dst[129], const char *src)
{
    snprintf(dst, 129, "%s", src ? src : "");
}

int st_audit_advance(db *d, int64_t *seq, char prev_hash[129])
{
    /* RETURNING yields the row after the update: seq is the new number, hash still the old head. */
    db_stmt *s =
        db_prepare(d, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
    if (!s)
        return DB_ERR;
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *seq = db_col_int(s, 0);
        copy_hash(prev_hash, db_col_text(s, 1));
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERR; /* the head row is missing: the schema was tampered with */
    }
    db_done(s);
    return rc;
}

int st_audit_insert(db *d, const struct audit_row *r)
{
    db_stmt *s = db_prepare(d, "INSERT INTO audit_log (seq, at, actor, action, subject, details, "
                               "alg, prev_hash, hash) VALUES (:seq, :at, :actor, :action, "
                               ":subject, :details, :alg, :prev, :hash)");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":seq", r->seq);
    db_bind_text(s, ":at", r->at);
    db_bind_text(s, ":actor", r->actor);
    db_bind_text(s, ":action", r->action);
    db_bind_text(s, ":subject", r->subject);
    db_bind_text(s, ":details", r->details);
    db_bind_text(s, ":alg", r->alg);
    db_bind_text(s, ":prev", r->prev_hash);
    db_bind_text(s, ":hash", r->hash);
    return db_exec(s);
}

int st_data_version(db *d, int64_t *version)
{
    db_stmt *s = db_prepare(d, "SELECT seq FROM audit_head WHERE id = 1");
    if (!s)
        return DB_ERR;
    int rc = db_step(s);
    if (rc == DB_ROW)
        *version = db_col_int(s, 0);
    db_done(s);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERR : rc;
}

int st_audit_set_head(db *d, const char *hash)
{
    db_stmt *s = db_prepare(d, "UPDATE audit_head SET hash = :hash WHERE id = 1");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":hash", hash);
    return db_exec(s);
}

int st_audit_head(db *d, int64_t *seq, char hash[129])
{
    db_stmt *s = db_prepare(d, "SELECT seq, hash FROM audit_head WHERE id = 1");
    if (!s)
        return DB_ERR;
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *seq = db_col_int(s, 0);
        copy_hash(hash, db_col_text(s, 1));
    }
    db_done(s);
    return rc;
}

#define AUDIT_COLS "seq, at, actor, action, subject, details, alg, prev_hash, hash"

static void read_row(db_stmt *s, struct audit_row *r)
{
    r->seq = db_col_int(s, 0);
    r->at = db_col_text(s, 1);
    r->actor = db_col_text(s, 2);
    r->action = db_col_text(s, 3);
    r->subject = db_col_text(s, 4);
    r->details = db_col_text(s, 5);
    r->alg = db_col_text(s, 6);
    r->prev_hash = db_col_text(s, 7);
    r->hash = db_col_text(s, 8);
}

int st_audit_each(db *d, bool (*fn)(const struct audit_row *r, void *ctx), void *ctx)
{
    db_stmt *s = db_prepare(d, "SELECT " AUDIT_COLS " FROM audit_log ORDER BY seq");
    if (!s)
        return DB_ERR;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        struct audit_row r;
        read_row(s, &r);
        if (!fn(&r, ctx)) {
            rc = DB_DONE;
            break;
        }
    }
    db_done(s);
    return rc == DB_DONE ? DB_OK : rc;
}

int st_audit_page(db *d, arena *a, const char *since, int64_t limit, int64_t offset,
                  struct audit_row **rows, size_t *n, int64_t *total)
{
    *rows = NULL;
    *n = 0;
    *total = 0;
    if (limit < 1 || offset < 0)
        return DB_ERR; /* SQLite reads a negative LIMIT as none: never let one through */
    const char *from = since ? since : "";
    db_stmt *c = db_prepare(d, "SELECT count(*) FROM audit_log WHERE at >= :since");
    if (!c)
        return DB_ERR;
    db_bind_text(c, ":since", from);
    int rc = db_step(c);
    if (rc == DB_ROW)
        *total = db_col_int(c, 0);
    db_done(c);
    if (rc != DB_ROW)
        return rc;
    db_stmt *s = db_prepare(d, "SELECT " AUDIT_COLS " FROM audit_log WHERE at >= :since "
                               "ORDER BY seq DESC LIMIT :limit OFFSET :offset");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":since", from);
    db_bind_int(s, ":limit", limit);
    db_bind_int(s, ":offset", offset);
    *rows = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof **rows);
    while ((rc = db_step(s)) == DB_ROW && *n < (size_t)limit) {
        struct audit_row r;
        read_row(s, &r);
        struct audit_row *o = &(*rows)[(*n)++];
        o->seq = r.seq;
        o->at = arena_strdup(a, r.at);
        o->actor = arena_strdup(a, r.actor);
        o->action = arena_strdup(a, r.action);
        o->subject = arena_strdup(a, r.subject);
        o->details = arena_strdup(a, r.details);
        o->alg = arena_strdup(a, r.alg);
        o->prev_hash = arena_strdup(a, r.prev_hash);
        o->hash = arena_strdup(a, r.hash);
    }
    db_done(s);
    return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}
