/* Signing in and out through the API, and the signed-in user's own account. */
#include "domain/accounts.h"
#include "web/api/json.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/throttle.h"
#include <string.h>

void api_session_create(struct request *r)
{
    static const char *const fields[] = {"login", "password", NULL};
    const char *login, *password;
    if (!req_json_only(r, fields) || !req_json_str(r, "login", true, 64, &login) ||
        !req_json_str(r, "password", true, 256, &password))
        return;
    struct signin s;
    struct fail f;
    struct actor who;
    if (!acct_sign_in(r->db, login, password, r->client, &s, &f)) {
        if (f.kind == FAIL_AUTH)
            throttle_failed(r->client, clock_mono_ms() / 1000.0);
        resp_api_fail(r, &f);
        return;
    }
    if (!acct_load(r->db, r->a, s.user_id, &who)) {
        resp_error(r, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
        return;
    }
    resp_cookie(r, "lh_session", s.token, false);
    resp_json(r, 200,
              json_pack("{s:o, s:s, s:b}", "user", json_actor(&who), "csrf_token", s.csrf,
                        "must_change_password", s.must_change));
}

void api_session_delete(struct request *r)
{
    struct fail f;
    if (r->session_id && !acct_sign_out(r->db, &r->who, r->session_id, &f)) {
        resp_api_fail(r, &f);
        return;
    }
    resp_cookie(r, "lh_session", "", true);
    resp_text(r, 204, "application/json", "", 0);
}

void api_me(struct request *r)
{
    resp_json(r, 200, json_pack("{s:o}", "user", json_actor(&r->who)));
}

void api_me_password(struct request *r)
{
    static const char *const fields[] = {"old", "new", NULL};
    const char *old_pw, *new_pw;
    if (!req_json_only(r, fields) || !req_json_str(r, "old", true, 256, &old_pw) ||
        !req_json_str(r, "new", true, 256, &new_pw))
        return;
    struct fail f;
    if (!acct_change_password(r->db, &r->who, r->session_id, old_pw, new_pw, &f)) {
        resp_api_fail(r, &f);
        return;
    }
    struct actor who;
    if (!acct_load(r->db, r->a, r->who.user_id, &who)) {
        resp_error(r, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
        return;
    }
    resp_json(r, 200, json_pack("{s:o}", "user", json_actor(&who)));
}

void api_me_tokens(struct request *r)
{
    static const char *const fields[] = {"name", NULL};
    const char *name;
    if (!req_json_only(r, fields) || !req_json_str(r, "name", true, 100, &name))
        return;
    char token[TOKEN_LEN + 1];
    struct fail f;
    if (!acct_token_create(r->db, &r->who, name, token, &f)) {
        resp_api_fail(r, &f);
        return;
    }
    resp_json(r, 201, json_pack("{s:s, s:s}", "name", name, "token", token));
}
