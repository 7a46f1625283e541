/* Queries on accounts and their roles. */
#include "store/store.h"
#include <string.h>

#define USER_COLS                                                                                  \
    "id, login, name, person_key, password_hash, lang, created_at, must_change, disabled, "        \
    "failed_count, locked_until"

static void read_user(db_stmt *s, arena *a, struct user_row *u)
{
    u->id = db_col_int(s, 0);
    u->login = arena_strdup(a, db_col_text(s, 1));
    u->name = arena_strdup(a, db_col_text(s, 2));
    u->person_key = arena_strdup(a, db_col_text(s, 3));
    u->password_hash = arena_strdup(a, db_col_text(s, 4));
    u->lang = arena_strdup(a, db_col_text(s, 5));
    u->created_at = arena_strdup(a, db_col_text(s, 6));
    u->must_change = db_col_int(s, 7) != 0;
    u->disabled = db_col_int(s, 8) != 0;
    u->failed_count = db_col_int(s, 9);
    u->locked_until = db_col_int(s, 10);
}

static int find_one(db_stmt *s, arena *a, struct user_row *out)
{
    int rc = db_step(s);
    if (rc == DB_ROW)
        read_user(s, a, out);
    db_done(s);
    return rc;
}

int st_user_insert(db *d, const struct user_row *u, int64_t *id)
{
    db_stmt *s = db_prepare(d, "INSERT INTO users (login, name, person_key, password_hash, "
                               "must_change, created_at) VALUES (:login, :name, :person, :hash, "
                               ":must, :at) RETURNING id");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":login", u->login);
    db_bind_text(s, ":name", u->name);
    db_bind_text(s, ":person", u->person_key);
    db_bind_text(s, ":hash", u->password_hash);
    db_bind_int(s, ":must", u->must_change);
    db_bind_text(s, ":at", u->created_at);
    int rc = db_step(s);
    if (rc == DB_ROW) {
        *id = db_col_int(s, 0);
        rc = DB_OK;
    }
    db_done(s);
    return rc;
}

int st_user_by_login(db *d, arena *a, const char *login, struct user_row *out)
{
    db_stmt *s = db_prepare(d, "SELECT " USER_COLS " FROM users WHERE login = :login");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":login", login);
    return find_one(s, a, out);
}

int st_user_by_id(db *d, arena *a, int64_t id, struct user_row *out)
{
    db_stmt *s = db_prepare(d, "SELECT " USER_COLS " FROM users WHERE id = :id");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":id", id);
    return find_one(s, a, out);
}

int st_user_set_password(db *d, int64_t id, const char *hash, bool must_change)
{
    db_stmt *s = db_prepare(d, "UPDATE users SET password_hash = :hash, must_change = :must, "
                               "failed_count = 0, locked_until = 0 WHERE id = :id");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":hash", hash);
    db_bind_int(s, ":must", must_change);
    db_bind_int(s, ":id", id);
    return db_exec(s);
}

int st_user_set_disabled(db *d, int64_t id, bool disabled)
{
    db_stmt *s = db_prepare(d, "UPDATE users SET disabled = :disabled WHERE id = :id");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":disabled", disabled);
    db_bind_int(s, ":id", id);
    return db_exec(s);
}

int st_user_set_failures(db *d, int64_t id, int64_t failed_count, int64_t locked_until)
{
    db_stmt *s = db_prepare(d, "UPDATE users SET failed_count = :n, locked_until = :until "
                               "WHERE id = :id");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":n", failed_count);
    db_bind_int(s, ":until", locked_until);
    db_bind_int(s, ":id", id);
    return db_exec(s);
}

int st_user_set_lang(db *d, int64_t id, const char *lang)
{
    db_stmt *s = db_prepare(d, "UPDATE users SET lang = :lang WHERE id = :id");
    if (!s)
        return DB_ERR;
    db_bind_text(s, ":lang", lang);
    db_bind_int(s, ":id", id);
    return db_exec(s);
}

/* Appends to an arena array, doubling its capacity; cap starts at 0. */
static void *grow(arena *a, void *items, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return items;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *p = arena_alloc(a, ncap * size);
    if (n)
        memcpy(p, items, n * size);
    *cap = ncap;
    return p;
}

int st_users_list(db *d, arena *a, struct user_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    db_stmt *s = db_prepare(d, "SELECT " USER_COLS " FROM users ORDER BY login");
    if (!s)
        return DB_ERR;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        *rows = grow(a, *rows, *n, &cap, sizeof **rows);
        read_user(s, a, &(*rows)[(*n)++]);
    }
    db_done(s);
    return rc == DB_DONE ? DB_OK : rc;
}

int st_roles_of(db *d, arena *a, int64_t user_id, struct role_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    db_stmt *s = db_prepare(
        d, "SELECT role, scope FROM user_roles WHERE user_id = :id ORDER BY role, scope");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":id", user_id);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(s)) == DB_ROW) {
        *rows = grow(a, *rows, *n, &cap, sizeof **rows);
        (*rows)[*n].role = arena_strdup(a, db_col_text(s, 0));
        (*rows)[*n].scope = arena_strdup(a, db_col_text(s, 1));
        (*n)++;
    }
    db_done(s);
    return rc == DB_DONE ? DB_OK : rc;
}

int st_role_insert(db *d, int64_t user_id, const char *role, const char *scope)
{
    db_stmt *s = db_prepare(d, "INSERT INTO user_roles (user_id, role, scope) "
                               "VALUES (:id, :role, :scope)");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":id", user_id);
    db_bind_text(s, ":role", role);
    db_bind_text(s, ":scope", scope);
    return db_exec(s);
}

int st_role_delete(db *d, int64_t user_id, const char *role, const char *scope)
{
    db_stmt *s = db_prepare(d, "DELETE FROM user_roles WHERE user_id = :id AND role = :role "
                               "AND scope = :scope RETURNING user_id");
    if (!s)
        return DB_ERR;
    db_bind_int(s, ":id", user_id);
    db_bind_text(s, ":role", role);
    db_bind_text(s, ":scope", scope);
    int rc = db_step(s);
    db_done(s);
    return rc == DB_ROW ? DB_DONE : rc == DB_DONE ? DB_OK : rc;
}

int st_ping(db *d)
{
    db_stmt *s = db_prepare(d, "SELECT 1");
    if (!s)
        return DB_ERR;
    int rc = db_step(s);
    db_done(s);
    return rc == DB_ROW ? DB_OK : rc;
}
