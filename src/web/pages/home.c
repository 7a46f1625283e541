/* The dashboard: who is signed in, with what roles, and the sections their rights open. The
 * alliance register, findings and approvals join here as they are built. */
#include "web/handlers.h"
#include "web/html.h"

static void tile(struct request *r, const char *href, const char *title, const char *text)
{
    H(r, "<li class=\"tile\"><a href=\"");
    h_text(r, href);
    H(r, "\"><strong>");
    h_msg(r, title);
    H(r, "</strong><span>");
    h_msg(r, text);
    H(r, "</span></a></li>");
}

void page_home(struct request *r)
{
    page_begin(r, N_("Dashboard"));
    H(r, "<h1>");
    h_msg(r, "Dashboard");
    H(r, "</h1><section class=\"card\"><p class=\"greeting\">");
    h_msg(r, "Signed in as");
    H(r, " <strong class=\"user-name\">");
    h_text(r, r->who.name);
    H(r, "</strong> (");
    h_text(r, r->who.login);
    H(r, ")</p>");
    if (r->who.nroles == 0) {
        H(r, "<p class=\"notice\">");
        h_msg(r, "Your account holds no role yet. Ask the security administrator to grant one.");
        H(r, "</p>");
    }
    H(r, "</section><ul class=\"tiles\">");
    if (can(&r->who, RIGHT_ACCOUNTS_READ, NULL))
        tile(r, "/admin/users", N_("Accounts"),
             N_("Create accounts, reset passwords, grant roles."));
    if (can(&r->who, RIGHT_AUDIT, NULL))
        tile(r, "/audit", N_("Audit trail"), N_("Every change and sign-in, hash-chained."));
    if (can(&r->who, RIGHT_BUSINESS_READ, NULL)) {
        tile(r, "/alliances", N_("Alliances"), N_("The alliance register and its compliance."));
        tile(r, "/", N_("To-do"), N_("Approvals, signatures and deadlines waiting for you."));
    }
    H(r, "<li class=\"tile\"><a href=\"/password\"><strong>");
    h_msg(r, "Change password");
    H(r, "</strong><span>");
    h_msg(r, "Choose a new password for your account.");
    H(r, "</span></a></li></ul><section class=\"card\"><h2>");
    h_msg(r, "Language");
    H(r, "</h2><form method=\"post\" action=\"/lang\" class=\"inline\">");
    h_csrf(r);
    H(r, "<select name=\"lang\" aria-label=\"");
    h_msg(r, "Language");
    H(r, "\"><option value=\"zh-CN\">简体中文</option><option value=\"en\"");
    if (r->lang == LANG_EN)
        H(r, " selected");
    H(r, ">English</option></select> <button type=\"submit\">");
    h_msg(r, "Save");
    H(r, "</button></form></section>");
    page_end(r);
}
