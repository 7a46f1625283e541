/* The dashboard: who is signed in, with what roles, the to-do list of approvals (待办) and the
 * sections their rights open, and the compliance findings of the alliances they may read. */
#include "domain/approvals.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/pages/compliance_ui.h"
#include "web/pages/register_ui.h"

/* The to-do list (待办): requests waiting for the user's decision, and the user's own requests
 * still waiting; the approvals inbox has them all, with the forms. */
static void todo(struct request *r)
{
    char today[11];
    clock_date(clock_now(), today);
    struct ap_inbox in;
    if (ap_inbox(r->db, r->a, &r->who, today, &in) != DB_OK)
        return;
    size_t mine_pending = 0;
    for (size_t i = 0; i < in.n_mine; i++)
        mine_pending += ap_state_of(in.mine[i]) == AP_PENDING;
    H(r, "<section class=\"card\" aria-labelledby=\"h-todo\"><h2 id=\"h-todo\">");
    h_msg(r, "To-do");
    H(r, "</h2>");
    if (in.n_to_decide == 0 && mine_pending == 0) {
        H(r, "<p class=\"hint\">");
        h_msg(r, "Nothing is waiting for you.");
        H(r, "</p></section>");
        return;
    }
    H(r, "<ul class=\"requests\" id=\"todo\">");
    for (size_t i = 0; i < in.n_to_decide && i < 5; i++) {
        const struct rg_request *q = in.to_decide[i];
        H(r, "<li><p><strong>");
        h_text(r, ui_request_label(r, q));
        H(r, "</strong> · ");
        h_text(r, q->alliance_name);
        H(r, "</p><p><a href=\"/approvals#request-");
        h_int(r, q->id);
        H(r, "\">");
        h_msg(r, "Decide");
        H(r, "</a></p></li>");
    }
    for (size_t i = 0, shown = 0; i < in.n_mine && shown < 5; i++) {
        const struct rg_request *q = in.mine[i];
        if (ap_state_of(q) != AP_PENDING)
            continue;
        shown++;
        H(r, "<li class=\"decided\"><p><strong>");
        h_text(r, ui_request_label(r, q));
        H(r, "</strong> · ");
        h_text(r, q->alliance_name);
        H(r, "</p><p>");
        ui_request_state(r, q);
        H(r, "</p></li>");
    }
    H(r, "</ul><p><a href=\"/approvals\">");
    h_msg(r, "All approvals");
    H(r, "</a></p></section>");
}

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
    H(r, "</section>");
    if (can(&r->who, RIGHT_BUSINESS_READ, NULL)) {
        todo(r);
        ui_compliance_summary(r);
    }
    H(r, "<ul class=\"tiles\">");
    if (can(&r->who, RIGHT_ACCOUNTS_READ, NULL))
        tile(r, "/admin/users", N_("Accounts"),
             N_("Create accounts, reset passwords, grant roles."));
    if (can(&r->who, RIGHT_AUDIT, NULL))
        tile(r, "/audit", N_("Audit trail"), N_("Every change and sign-in, hash-chained."));
    if (can(&r->who, RIGHT_BUSINESS_READ, NULL)) {
        tile(r, "/alliances", N_("Alliances"), N_("The alliance register and its compliance."));
        tile(r, "/approvals", N_("To-do"),
             N_("Approvals, signatures and deadlines waiting for you."));
        tile(r, "/organisations", N_("Organisations"),
             N_("The register of organisations, with their credit codes."));
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
