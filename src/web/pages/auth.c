/* Signing in and out, the forced change of a one-time password, and the language choice. */
#include "auth/password.h"
#include "domain/accounts.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/throttle.h"
#include "web/html.h"
#include <string.h>

static void login_form(struct request *r, int status, const char *login, const char *error)
{
    /* Before sign-in there is no session to hold a CSRF token: the form carries a random value
     * that must match the lh_pre cookie (double submit), which another site can neither read
     * nor set. */
    const char *pre = req_cookie(r, "lh_pre");
    if (!pre || !token_shape_ok(pre)) {
        char *t = arena_alloc(r->a, TOKEN_LEN + 1);
        token_new(t);
        resp_cookie(r, "lh_pre", t, false);
        pre = t;
    }
    r->status = status;
    page_begin(r, N_("Sign in"));
    H(r, "<section class=\"card narrow\"><h1>");
    h_msg(r, "Sign in");
    H(r, "</h1>");
    h_error(r, error);
    H(r, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" value=\"");
    h_text(r, pre);
    H(r, "\">");
    h_field(r, "login", N_("Login"), "text", login, NULL, "username", true);
    h_field(r, "password", N_("Password"), "password", NULL, NULL, "current-password", true);
    H(r, "<button type=\"submit\">");
    h_msg(r, "Sign in");
    /* What anyone may read without an account (第十七条). */
    H(r, "</button></form><p class=\"public\"><a href=\"/directory\">");
    h_msg(r, "Public directory");
    H(r, "</a> · <a href=\"/news\">");
    h_msg(r, "Alliance news");
    H(r, "</a></p></section>");
    page_end(r);
}

void page_login(struct request *r)
{
    if (r->who.kind == ACTOR_USER) {
        resp_redirect(r, "/");
        return;
    }
    login_form(r, 200, NULL, NULL);
}

void page_login_post(struct request *r)
{
    const char *login = req_form(r, "login"), *password = req_form(r, "password");
    struct signin s;
    struct fail f;
    if (!acct_sign_in(r->db, login ? login : "", password ? password : "", r->client, &s, &f)) {
        if (f.kind == FAIL_AUTH)
            throttle_failed(r->client, clock_mono_ms() / 1000.0);
        login_form(r, fail_status(f.kind), login, f.message);
        return;
    }
    resp_cookie(r, "lh_session", s.token, false);
    resp_cookie(r, "lh_pre", "", true);
    resp_redirect(r, s.must_change ? "/password" : "/");
}

void page_logout_post(struct request *r)
{
    struct fail f;
    if (r->session_id && !acct_sign_out(r->db, &r->who, r->session_id, &f)) {
        resp_fail(r, &f);
        return;
    }
    resp_cookie(r, "lh_session", "", true);
    resp_redirect(r, "/login");
}

static void password_form(struct request *r, int status, const struct fail *f)
{
    r->status = status;
    page_begin(r, N_("Change password"));
    H(r, "<section class=\"card narrow\"><h1>");
    h_msg(r, "Change password");
    H(r, "</h1>");
    if (r->who.must_change) {
        H(r, "<p class=\"notice\">");
        h_msg(r, "Your password is a one-time password. Choose your own before you go on.");
        H(r, "</p>");
    }
    const char *field = f ? f->field : NULL, *msg = f ? f->message : NULL;
    bool placed =
        field && (!strcmp(field, "old") || !strcmp(field, "new") || !strcmp(field, "confirm"));
    h_error(r, placed ? NULL : msg);
    H(r, "<form method=\"post\" action=\"/password\">");
    h_csrf(r);
    h_field(r, "old", N_("Current password"), "password", NULL,
            placed && !strcmp(field, "old") ? msg : NULL, "current-password", true);
    h_field(r, "new", N_("New password"), "password", NULL,
            placed && !strcmp(field, "new") ? msg : NULL, "new-password", true);
    h_field(r, "confirm", N_("New password again"), "password", NULL,
            placed && !strcmp(field, "confirm") ? msg : NULL, "new-password", true);
    H(r, "<p class=\"hint\">");
    h_msg(r, "12 to 64 characters, mixing at least three of: lower case, upper case, digits, "
             "symbols.");
    H(r, "</p><button type=\"submit\">");
    h_msg(r, "Change password");
    H(r, "</button></form></section>");
    page_end(r);
}

void page_password(struct request *r)
{
    password_form(r, 200, NULL);
}

void page_password_post(struct request *r)
{
    const char *old_pw = req_form(r, "old"), *new_pw = req_form(r, "new"),
               *confirm = req_form(r, "confirm");
    struct fail f;
    if (!new_pw || !confirm || strcmp(new_pw, confirm) != 0) {
        fail(&f, FAIL_INVALID, "mismatch", "confirm", N_("The two new passwords differ."));
        password_form(r, 422, &f);
        return;
    }
    if (!acct_change_password(r->db, &r->who, r->session_id, old_pw, new_pw, &f)) {
        password_form(r, fail_status(f.kind), &f);
        return;
    }
    resp_redirect(r, "/");
}

void page_lang_post(struct request *r)
{
    struct fail f;
    if (!acct_set_lang(r->db, &r->who, req_form(r, "lang"), &f)) {
        resp_fail(r, &f);
        return;
    }
    resp_redirect(r, "/");
}
