/* Queries on sign-in sessions and API tokens. Only hashes of tokens are stored. */
#include "store/store.h"

int st_session_insert(db *d, const char *token_hash, int64_t user_id, const char *csrf, int64_t now,
                      int64_t *id)
{
    db_stmt *s = db_prepare(d, "INSERT INTO sessions (token_hash, user_id, csrf, created_at, "
                               "last_seen) VALUES (:hash, :user, :csrf, :now, :now) RETURNING id");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":hash", token_hash);
    db_bind_int(s, ":user", user_id);
    db_bind_text(s, ":csrf", csrf);
    db_bind_int(s, ":now", now);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *id = db_col_int(s, 0);
        rc = DB_OK;
    }
    db_done(s);
    return rc;
}

int st_session_find(db *d, arena *a, const char *token_hash, struct session_row *out)
{
    db_stmt *s = db_prepare(d, "SELECT id, user_id, created_at, last_seen, csrf FROM sessions "
                               "WHERE token_hash = :hash AND ended_at IS NULL");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":hash", token_hash);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        out->id = db_col_int(s, 0);
        out->user_id = db_col_int(s, 1);
        out->created_at = db_col_int(s, 2);
        out->last_seen = db_col_int(s, 3);
        out->csrf = arena_strdup(a, db_col_text(s, 4));
    }
    db_done(s);
    return rc;
}

int st_session_touch(db *d, int64_t id, int64_t now)
{
    db_stmt *s = db_prepare(d, "UPDATE sessions SET last_seen = :now WHERE id = :id");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":now", now);
    db_bind_int(s, ":id", id);
    return db_exec(s);
}

int st_session_end(db *d, int64_t id, int64_t now)
{
    db_stmt *s = db_prepare(d, "UPDATE sessions SET ended_at = :now WHERE id = :id "
                               "AND ended_at IS NULL");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":now", now);
    db_bind_int(s, ":id", id);
    return db_exec(s);
}

int st_sessions_end_for_user(db *d, int64_t user_id, int64_t now)
{
    db_stmt *s = db_prepare(d, "UPDATE sessions SET ended_at = :now WHERE user_id = :user "
                               "AND ended_at IS NULL");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":now", now);
    db_bind_int(s, ":user", user_id);
    return db_exec(s);
}

int st_sessions_end_others(db *d, int64_t user_id, int64_t keep_id, int64_t now)
{
    db_stmt *s = db_prepare(d, "UPDATE sessions SET ended_at = :now WHERE user_id = :user "
                               "AND id <> :keep AND ended_at IS NULL");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":now", now);
    db_bind_int(s, ":user", user_id);
    db_bind_int(s, ":keep", keep_id);
    return db_exec(s);
}

int st_token_insert(db *d, const char *token_hash, int64_t user_id, const char *name,
                    const char *created_at)
{
    db_stmt *s = db_prepare(d, "INSERT INTO api_tokens (token_hash, user_id, name, created_at) "
                               "VALUES (:hash, :user, :name, :at)");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":hash", token_hash);
    db_bind_int(s, ":user", user_id);
    db_bind_text(s, ":name", name);
    db_bind_text(s, ":at", created_at);
    return db_exec(s);
}

int st_token_find(db *d, const char *token_hash, int64_t *user_id)
{
    db_stmt *s = db_prepare(d, "SELECT user_id FROM api_tokens WHERE token_hash = :hash "
                               "AND revoked_at IS NULL");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":hash", token_hash);
    int rc = db_step(s);
    if (rc == DB_ROW)
        *user_id = db_col_int(s, 0);
    db_done(s);
    return rc;
}
