/* Queries on sign-in sessions and API tokens. Only hashes of tokens are stored. */
#include "store/store.h"
#include <string.h>

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

/* The columns after the session's own: the account, one role per row (NULLs when it
 * holds none: the LEFT JOIN still gives one row), and the data version. */
#define IDENTITY_COLS                                                                              \
    "u.id, u.login, u.name, u.lang, u.must_change, u.disabled, r.role, r.scope, "                  \
    "(SELECT seq FROM audit_head WHERE id = 1)"

/* with_session: the row starts with the session's id, created_at, last_seen and csrf. */
static int read_identity(db_stmt *s, arena *a, bool with_session, struct identity_row *out)
{
    int first = with_session ? 4 : 0;
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    int rc;
    bool found = false;
    while ((rc = db_step(s)) == DB_ROW) {
        if (!found && with_session) {
            out->session.id = db_col_int(s, 0);
            out->session.created_at = db_col_int(s, 1);
            out->session.last_seen = db_col_int(s, 2);
            out->session.csrf = arena_strdup(a, db_col_text(s, 3));
        }
        if (!found) {
            int c = first;
            out->user_id = db_col_int(s, c);
            out->login = arena_strdup(a, db_col_text(s, c + 1));
            out->name = arena_strdup(a, db_col_text(s, c + 2));
            out->lang = arena_strdup(a, db_col_text(s, c + 3));
            out->must_change = db_col_int(s, c + 4) != 0;
            out->disabled = db_col_int(s, c + 5) != 0;
            out->version = db_col_int(s, c + 8);
            found = true;
        }
        const char *role = db_col_text(s, first + 6);
        if (!role)
            continue;
        if (out->nroles == cap) {
            cap = cap ? 2 * cap : 4;
            struct role_row *grown = arena_alloc(a, cap * sizeof *grown);
            if (out->nroles)
                memcpy(grown, out->roles, out->nroles * sizeof *grown);
            out->roles = grown;
        }
        out->roles[out->nroles].role = arena_strdup(a, role);
        out->roles[out->nroles].scope = arena_strdup(a, db_col_text(s, first + 7));
        out->nroles++;
    }
    if (rc == DB_DONE)
        rc = found ? DB_ROW : DB_DONE;
    return rc;
}

int st_identify_session(db *d, arena *a, const char *token_hash, struct identity_row *out)
{
    db_stmt *s = db_prepare(
        d, "SELECT s.id, s.created_at, s.last_seen, s.csrf, " IDENTITY_COLS " FROM sessions s "
           "JOIN users u ON u.id = s.user_id LEFT JOIN user_roles r ON r.user_id = u.id "
           "WHERE s.token_hash = :hash AND s.ended_at IS NULL ORDER BY r.role, r.scope");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":hash", token_hash);
    int rc = read_identity(s, a, true, out);
    out->session.user_id = out->user_id;
    db_done(s);
    return rc;
}

int st_identify_token(db *d, arena *a, const char *token_hash, struct identity_row *out)
{
    db_stmt *s = db_prepare(d, "SELECT " IDENTITY_COLS " FROM api_tokens t "
                               "JOIN users u ON u.id = t.user_id "
                               "LEFT JOIN user_roles r ON r.user_id = u.id "
                               "WHERE t.token_hash = :hash AND t.revoked_at IS NULL "
                               "ORDER BY r.role, r.scope");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":hash", token_hash);
    int rc = read_identity(s, a, false, out);
    db_done(s);
    return rc;
}
