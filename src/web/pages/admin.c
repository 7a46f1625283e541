/* Account administration: sysadmin creates accounts, resets passwords and disables accounts;
 * secadmin grants and revokes roles and unlocks accounts. Each sees only the controls their
 * rights allow, and the route table refuses the rest whatever the page shows. */
#include "domain/accounts.h"
#include "store/store.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/html.h"
#include <string.h>

/* What a failed form left behind, to show beside its fields. */
struct form_state {
    const struct fail *f;
    const char *login, *name, *person; /* the create form's values */
    const char *row;                   /* the account whose row form failed */
};

static const char *field_error(const struct form_state *st, const char *field)
{
    return st && st->f && !st->row && st->f->field && !strcmp(st->f->field, field) ? st->f->message
                                                                                   : NULL;
}

static void create_form(struct request *r, const struct form_state *st)
{
    H(r, "<section class=\"card\"><h2>");
    h_msg(r, "New account");
    H(r, "</h2><form method=\"post\" action=\"/admin/users\" id=\"create-user\">");
    h_csrf(r);
    if (st && st->f && !st->row && !field_error(st, "login") && !field_error(st, "name") &&
        !field_error(st, "person"))
        h_error(r, st->f->message);
    h_field(r, "login", N_("Login"), "text", st ? st->login : NULL, field_error(st, "login"), "off",
            true);
    h_field(r, "name", N_("Name"), "text", st ? st->name : NULL, field_error(st, "name"), "off",
            true);
    h_field(r, "person", N_("Person key (optional)"), "text", st ? st->person : NULL,
            field_error(st, "person"), "off", false);
    H(r, "<button type=\"submit\">");
    h_msg(r, "Create with a one-time password");
    H(r, "</button></form></section>");
}

static void row_action(struct request *r, const char *login, const char *action, const char *label)
{
    H(r, "<form method=\"post\" class=\"inline\" action=\"/admin/users/");
    h_path_segment(r, login);
    H(r, "/");
    h_text(r, action);
    H(r, "\">");
    h_csrf(r);
    H(r, "<button type=\"submit\" class=\"small\">");
    h_msg(r, label);
    H(r, "</button></form>");
}

static void roles_cell(struct request *r, const struct user_row *u, const struct role_row *roles,
                       size_t n, bool may_grant)
{
    for (size_t i = 0; i < n; i++) {
        H(r, "<span class=\"role\">");
        h_msg(r, roles[i].role);
        if (*roles[i].scope) {
            H(r, "（");
            h_text(r, roles[i].scope);
            H(r, "）");
        }
        if (may_grant) {
            H(r, "<form method=\"post\" class=\"inline\" action=\"/admin/users/");
            h_path_segment(r, u->login);
            H(r, "/roles/revoke\">");
            h_csrf(r);
            H(r, "<input type=\"hidden\" name=\"role\" value=\"");
            h_text(r, roles[i].role);
            H(r, "\"><input type=\"hidden\" name=\"scope\" value=\"");
            h_text(r, roles[i].scope);
            H(r, "\"><button type=\"submit\" class=\"small link\" aria-label=\"");
            h_msg(r, "Revoke");
            H(r, "\">×</button></form>");
        }
        H(r, "</span> ");
    }
    if (!may_grant)
        return;
    H(r, "<form method=\"post\" class=\"inline grant\" action=\"/admin/users/");
    h_path_segment(r, u->login);
    H(r, "/roles\">");
    h_csrf(r);
    H(r, "<select name=\"role\" aria-label=\"");
    h_msg(r, "Role");
    H(r, "\">");
    for (int k = 0; k < ROLE_COUNT; k++) {
        H(r, "<option value=\"");
        h_text(r, role_name((enum role)k));
        H(r, "\">");
        h_msg(r, role_name((enum role)k));
        H(r, "</option>");
    }
    H(r, "</select> <input name=\"scope\" size=\"12\" placeholder=\"");
    h_msg(r, "scope");
    H(r, "\" aria-label=\"");
    h_msg(r, "Scope");
    H(r, "\"> <button type=\"submit\" class=\"small\">");
    h_msg(r, "Grant");
    H(r, "</button></form>");
}

static void users_page(struct request *r, int status, const struct form_state *st)
{
    struct user_row *users;
    size_t n;
    if (st_users_list(r->db, r->a, &users, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    bool may_manage = can(&r->who, RIGHT_ACCOUNTS, NULL);
    bool may_grant = can(&r->who, RIGHT_ROLES, NULL);
    int64_t now = clock_now();
    r->status = status;
    page_begin(r, N_("Accounts"));
    H(r, "<h1>");
    h_msg(r, "Accounts");
    H(r, "</h1>");
    if (st && st->row) {
        H(r, "<p class=\"error banner\" role=\"alert\">");
        h_text(r, st->row);
        H(r, ": ");
        h_msg(r, st->f->message);
        H(r, "</p>");
    }
    if (may_manage)
        create_form(r, st);
    H(r, "<div class=\"scroll\"><table id=\"users\"><thead><tr><th>");
    h_msg(r, "Login");
    H(r, "</th><th>");
    h_msg(r, "Name");
    H(r, "</th><th>");
    h_msg(r, "Roles");
    H(r, "</th><th>");
    h_msg(r, "State");
    H(r, "</th><th>");
    h_msg(r, "Actions");
    H(r, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        const struct user_row *u = &users[i];
        struct role_row *roles;
        size_t nr;
        if (st_roles_of(r->db, r->a, u->id, &roles, &nr) != DB_OK)
            nr = 0;
        bool locked = u->locked_until > now;
        H(r, "<tr><td>");
        h_text(r, u->login);
        H(r, "</td><td>");
        h_text(r, u->name);
        H(r, "</td><td>");
        roles_cell(r, u, roles, nr, may_grant && !u->disabled);
        H(r, "</td><td>");
        h_msg(r, u->disabled      ? N_("disabled")
                 : locked         ? N_("locked")
                 : u->must_change ? N_("must change password")
                                  : N_("active"));
        H(r, "</td><td>");
        if (may_manage && !u->disabled) {
            row_action(r, u->login, "password", N_("Reset password"));
            if (u->id != r->who.user_id)
                row_action(r, u->login, "disable", N_("Disable"));
        }
        if (may_grant && locked)
            row_action(r, u->login, "unlock", N_("Unlock"));
        H(r, "</td></tr>");
    }
    H(r, "</tbody></table></div>");
    page_end(r);
}

void page_users(struct request *r)
{
    users_page(r, 200, NULL);
}

/* Shows a one-time password once, on its own page, instead of redirecting it away. */
static void show_password(struct request *r, const char *login, const char *password)
{
    r->status = 200;
    page_begin(r, N_("One-time password"));
    H(r, "<section class=\"card narrow\"><h1>");
    h_msg(r, "One-time password");
    H(r, "</h1><p>");
    h_msg(r, "Give this password to the account's owner. It is shown only now and must be "
             "changed at the first sign-in.");
    H(r, "</p><dl><dt>");
    h_msg(r, "Login");
    H(r, "</dt><dd id=\"otp-login\">");
    h_text(r, login);
    H(r, "</dd><dt>");
    h_msg(r, "Password");
    H(r, "</dt><dd><code id=\"otp\">");
    h_text(r, password);
    H(r, "</code></dd></dl><p><a href=\"/admin/users\">");
    h_msg(r, "Back to the accounts");
    H(r, "</a></p></section>");
    page_end(r);
}

void page_users_create(struct request *r)
{
    struct form_state st = {.login = req_form(r, "login"),
                            .name = req_form(r, "name"),
                            .person = req_form(r, "person")};
    char generated[17];
    struct fail f;
    if (!acct_create(r->db, &r->who, st.login ? st.login : "", st.name, st.person, NULL, 0, NULL,
                     generated, &f)) {
        st.f = &f;
        users_page(r, fail_status(f.kind), &st);
        return;
    }
    show_password(r, st.login, generated);
}

static void row_failed(struct request *r, const struct fail *f)
{
    struct form_state st = {.f = f, .row = r->params[0]};
    users_page(r, fail_status(f->kind), &st);
}

void page_user_reset(struct request *r)
{
    char generated[17];
    struct fail f;
    if (!acct_reset_password(r->db, &r->who, r->params[0], NULL, generated, &f))
        row_failed(r, &f);
    else
        show_password(r, r->params[0], generated);
}

void page_user_disable(struct request *r)
{
    struct fail f;
    if (!acct_disable(r->db, &r->who, r->params[0], &f))
        row_failed(r, &f);
    else
        resp_redirect(r, "/admin/users");
}

void page_user_unlock(struct request *r)
{
    struct fail f;
    if (!acct_unlock(r->db, &r->who, r->params[0], &f))
        row_failed(r, &f);
    else
        resp_redirect(r, "/admin/users");
}

void page_user_grant(struct request *r)
{
    struct fail f;
    if (!acct_grant(r->db, &r->who, r->params[0], req_form(r, "role"), req_form(r, "scope"), &f))
        row_failed(r, &f);
    else
        resp_redirect(r, "/admin/users");
}

void page_user_revoke(struct request *r)
{
    struct fail f;
    if (!acct_revoke(r->db, &r->who, r->params[0], req_form(r, "role"), req_form(r, "scope"), &f))
        row_failed(r, &f);
    else
        resp_redirect(r, "/admin/users");
}
