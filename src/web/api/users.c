/* Account administration through the API: sysadmin manages accounts, secadmin their roles. */
#include "domain/accounts.h"
#include "util/clock.h"
#include "web/api/json.h"
#include "web/handlers.h"
#include <string.h>

/* Answers with the account as it now is. */
static void answer_user(struct request *r, int status, const char *login, const char *password)
{
    struct user_row u;
    struct role_row *roles;
    size_t n;
    if (st_user_by_login(r->db, r->a, login, &u) != DB_ROW ||
        st_roles_of(r->db, r->a, u.id, &roles, &n) != DB_OK) {
        resp_error(r, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
        return;
    }
    json_t *o = json_pack("{s:o}", "user", json_user_row(&u, roles, n, clock_now()));
    if (password) /* a generated one-time password is shown once, here */
        json_object_set_new(o, "password", json_string(password));
    resp_json(r, status, o);
}

void api_users_list(struct request *r)
{
    int64_t limit, offset;
    if (!api_paging(r, &limit, &offset))
        return;
    struct user_row *users;
    size_t n;
    if (st_users_list(r->db, r->a, &users, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    json_t *items = json_array();
    int64_t now = clock_now();
    for (size_t i = (size_t)offset; i < n && i < (size_t)(offset + limit); i++) {
        struct role_row *roles;
        size_t nr;
        if (st_roles_of(r->db, r->a, users[i].id, &roles, &nr) != DB_OK)
            nr = 0;
        json_array_append_new(items, json_user_row(&users[i], roles, nr, now));
    }
    resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* Reads "roles": [{"role": ..., "scope": ...}] into an arena array. */
static bool read_roles(struct request *r, struct role_spec **out, size_t *n)
{
    json_t *a = json_object_get(r->json, "roles");
    *out = NULL;
    *n = 0;
    if (!a || json_is_null(a))
        return true;
    if (!json_is_array(a) || json_array_size(a) > 32) {
        resp_error(r, FAIL_BAD_INPUT, "wrong_type", "roles",
                   "The field must be a list of {\"role\", \"scope\"} objects.");
        return false;
    }
    *out = arena_alloc(r->a, (json_array_size(a) + 1) * sizeof **out);
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v)
    {
        json_t *role = json_object_get(v, "role"), *scope = json_object_get(v, "scope");
        if (!json_is_object(v) || json_object_size(v) > (scope ? 2u : 1u) ||
            !json_is_string(role) || (scope && !json_is_string(scope) && !json_is_null(scope))) {
            resp_error(r, FAIL_BAD_INPUT, "wrong_type", "roles",
                       "The field must be a list of {\"role\", \"scope\"} objects.");
            return false;
        }
        (*out)[i].role = json_string_value(role);
        (*out)[i].scope = json_is_string(scope) ? json_string_value(scope) : NULL;
    }
    *n = json_array_size(a);
    return true;
}

void api_users_create(struct request *r)
{
    static const char *const fields[] = {"login", "name", "person", "password", "roles", NULL};
    const char *login, *name = NULL, *person = NULL, *password = NULL;
    struct role_spec *roles;
    size_t nroles;
    if (!req_json_only(r, fields) || !req_json_str(r, "login", true, 32, &login) ||
        !req_json_str(r, "name", false, 100, &name) ||
        !req_json_str(r, "person", false, 64, &person) ||
        !req_json_str(r, "password", false, 256, &password) || !read_roles(r, &roles, &nroles))
        return;
    char generated[17] = "";
    struct fail f;
    if (!acct_create(r->db, &r->who, login, name, person, roles, nroles, password, generated, &f)) {
        resp_api_fail(r, &f);
        return;
    }
    answer_user(r, 201, login, password ? NULL : generated);
}

void api_user_disable(struct request *r)
{
    static const char *const none[] = {NULL};
    struct fail f;
    if (!req_json_only(r, none))
        return;
    if (!acct_disable(r->db, &r->who, r->params[0], &f))
        resp_api_fail(r, &f);
    else
        answer_user(r, 200, r->params[0], NULL);
}

void api_user_reset(struct request *r)
{
    static const char *const fields[] = {"password", NULL};
    const char *password = NULL;
    if (!req_json_only(r, fields) || !req_json_str(r, "password", false, 256, &password))
        return;
    char generated[17] = "";
    struct fail f;
    if (!acct_reset_password(r->db, &r->who, r->params[0], password, generated, &f))
        resp_api_fail(r, &f);
    else
        answer_user(r, 200, r->params[0], password ? NULL : generated);
}

static void grant_or_revoke(struct request *r, bool grant)
{
    static const char *const fields[] = {"role", "scope", NULL};
    const char *role, *scope = NULL;
    if (!req_json_only(r, fields) || !req_json_str(r, "role", true, 32, &role) ||
        !req_json_str(r, "scope", false, 130, &scope))
        return;
    struct fail f;
    bool ok = grant ? acct_grant(r->db, &r->who, r->params[0], role, scope, &f)
                    : acct_revoke(r->db, &r->who, r->params[0], role, scope, &f);
    if (!ok)
        resp_api_fail(r, &f);
    else
        answer_user(r, grant ? 201 : 200, r->params[0], NULL);
}

void api_user_grant(struct request *r)
{
    grant_or_revoke(r, true);
}

void api_user_revoke(struct request *r)
{
    grant_or_revoke(r, false);
}

void api_user_unlock(struct request *r)
{
    static const char *const none[] = {NULL};
    struct fail f;
    if (!req_json_only(r, none))
        return;
    if (!acct_unlock(r->db, &r->who, r->params[0], &f))
        resp_api_fail(r, &f);
    else
        answer_user(r, 200, r->params[0], NULL);
}
