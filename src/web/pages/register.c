/* The register's pages: proposing an alliance (/alliances/new), an alliance's register page
 * (/alliances/{key}/register: its state, its requests, members joining and leaving, rename,
 * dissolution), its charter (/alliances/{key}/charter: the current version rendered, every
 * version kept, drafting and submitting), and the register of organisations (/organisations,
 * with the bulk import at /organisations/import: upload, a preview listing every bad row, then
 * the import).
 *
 * Every form posts to a route whose handler calls one domain operation; a refusal re-renders the
 * page with the message beside the field it is about (naming the article behind it), a success
 * redirects (303) so a reload never posts twice. Controls show only to those whose rights allow
 * them; the domain refuses the rest whatever the page shows. */
#include "domain/register.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/rows.h"
#include "util/text.h"
#include "util/uscc.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/readable.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/pages/register_ui.h"
#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 50

static void today(char out[11])
{
    clock_date(clock_now(), out);
}

static void unavailable(struct request *r)
{
    resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
}

static void crumbs(struct request *r, const struct rg_alliance *al)
{
    H(r, "<p class=\"crumbs\"><a href=\"/alliances\">");
    h_msg(r, "Alliances");
    H(r, "</a> › <a href=\"/alliances/");
    h_path_segment(r, al->key);
    H(r, "\">");
    h_text(r, al->name);
    H(r, "</a></p>");
}

/* Links between an alliance's pages. */
static void alliance_links(struct request *r, const struct rg_alliance *al, const char *current)
{
    static const struct {
        const char *path, *label;
    } links[] = {
        {"", N_("Overview")},
        {"/register", N_("Register and requests")},
        {"/charter", N_("Charter")},
    };
    H(r, "<nav class=\"tabs\" aria-label=\"");
    h_msg(r, "Sections");
    H(r, "\"><ul>");
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        H(r, "<li><a href=\"/alliances/");
        h_path_segment(r, al->key);
        h_text(r, links[i].path);
        H(r, "\"");
        if (strcmp(links[i].path, current) == 0)
            H(r, " aria-current=\"page\"");
        H(r, ">");
        h_msg(r, links[i].label);
        H(r, "</a></li>");
    }
    H(r, "</ul></nav>");
}

/* --- proposing an alliance ------------------------------------------------------------------- */

struct propose_state {
    const struct fail *f;
    const char *jurisdiction, *name, *comment;
    const struct form *form; /* the posted form, for the initiators ticked */
};

/* Checkboxes of organisations (national societies only when `kind` is given). */
static void org_checkboxes(struct request *r, const char *name, const char *legend,
                           const struct rg_org *orgs, size_t n, const char *kind,
                           const struct form *form, const char *error)
{
    ui_fieldset_begin(r, name, legend, error);
    for (size_t i = 0; i < n; i++) {
        if (kind && strcmp(orgs[i].kind, kind) != 0)
            continue;
        H(r, "<label><input type=\"checkbox\" name=\"");
        h_text(r, name);
        H(r, "\" value=\"");
        h_text(r, orgs[i].key);
        H(r, "\"");
        if (form_has(form, name, orgs[i].key))
            H(r, " checked");
        H(r, ">");
        h_text(r, orgs[i].name);
        H(r, "</label>");
    }
    ui_fieldset_end(r, name, error);
}

static void propose_page(struct request *r, int status, const struct propose_state *st)
{
    struct rg_jurisdiction *j;
    struct rg_org *orgs;
    size_t nj, no;
    if (st_rg_jurisdictions(r->db, r->a, &j, &nj) != DB_OK ||
        st_rg_orgs(r->db, r->a, &orgs, &no) != DB_OK) {
        unavailable(r);
        return;
    }
    struct ui_option *opts = arena_alloc(r->a, (nj ? nj : 1) * sizeof *opts);
    size_t nopts = 0;
    for (size_t i = 0; i < nj; i++)
        if (can(&r->who, RIGHT_CAST_DECIDE, j[i].key))
            opts[nopts++] = (struct ui_option){j[i].key, j[i].name};
    const struct fail *f = st ? st->f : NULL;
    r->status = status;
    page_begin(r, N_("Propose an alliance"));
    H(r, "<p class=\"crumbs\"><a href=\"/alliances\">");
    h_msg(r, "Alliances");
    H(r, "</a></p><h1>");
    h_msg(r, "Propose an alliance");
    H(r, "</h1><section class=\"card\"><p class=\"hint\">");
    h_msg(r, "CAST national societies initiate an alliance (Article 1); its name begins with the "
             "jurisdiction's prefix (Article 18); the CAST standing committee approves its "
             "establishment (Article 21). Registering the proposal opens that request.");
    H(r, "</p><form method=\"post\" action=\"/alliances\" id=\"propose\">");
    h_csrf(r);
    if (f && !f->field)
        ui_fail_banner(r, f);
    ui_select(r, "jurisdiction", N_("Jurisdiction"), opts, nopts, false,
              st ? st->jurisdiction : NULL, ui_field_error(f, "jurisdiction"));
    h_field(r, "name", N_("Name"), "text", st ? st->name : NULL, ui_field_error(f, "name"), "off",
            true);
    org_checkboxes(r, "initiators", N_("Initiating national societies"), orgs, no,
                   "national_society", st ? st->form : NULL, ui_field_error(f, "initiators"));
    h_field(r, "comment", N_("Comment (optional)"), "text", st ? st->comment : NULL,
            ui_field_error(f, "comment"), "off", false);
    H(r, "<button type=\"submit\">");
    h_msg(r, "Register the proposal");
    H(r, "</button></form></section>");
    page_end(r);
}

void page_alliance_new(struct request *r)
{
    propose_page(r, 200, NULL);
}

void page_alliance_create(struct request *r)
{
    struct reg_proposal p = {.jurisdiction = req_form(r, "jurisdiction"),
                             .name = req_form(r, "name"),
                             .comment = req_form(r, "comment")};
    p.initiators = form_get_all(r->a, r->form, "initiators", &p.ninitiators);
    const char *key;
    int64_t req;
    struct fail f = {0};
    if (reg_propose(r->db, r->a, &r->who, &p, &key, &req, &f)) {
        resp_redirect(r, arena_printf(r->a, "/alliances/%s/register", key));
        return;
    }
    struct propose_state st = {&f, p.jurisdiction, p.name, p.comment, r->form};
    propose_page(r, fail_status(f.kind), &st);
}

/* --- an alliance's register page ------------------------------------------------------------- */

/* Which form failed, and how. */
struct reg_state {
    const char *form; /* "rename", "member", "leave", "dissolve" */
    const char *org;  /* the member a leave form was for */
    const struct fail *f;
    const char *value; /* the name typed, the organisation chosen */
    const char *date;
};

static const char *err_of(const struct reg_state *st, const char *form, const char *field)
{
    if (!st || strcmp(st->form, form) != 0)
        return NULL;
    return ui_field_error(st->f, field);
}

static void banner_of(struct request *r, const struct reg_state *st, const char *form)
{
    if (st && strcmp(st->form, form) == 0 && st->f && !st->f->field)
        ui_fail_banner(r, st->f);
}

static void approval_text(struct request *r, const char *date, const char *by, const char *ref)
{
    if (!date) {
        H(r, "—");
        return;
    }
    h_text(r, date);
    if (by) {
        H(r, " ");
        h_msg(r, strcmp(by, "standing_committee") == 0 ? N_("CAST standing committee")
                 : strcmp(by, "cast") == 0             ? N_("CAST")
                 : strcmp(by, "presidium") == 0        ? N_("Presidium")
                                                       : N_("Chair"));
    }
    if (ref) {
        H(r, " ");
        h_text(r, ref);
    }
}

static void member_form(struct request *r, const struct rg_alliance *al, const struct rg_org *orgs,
                        size_t no, const struct rg_member *m, size_t nm, const struct reg_state *st)
{
    H(r, "<section class=\"card\" aria-labelledby=\"h-add-member\"><h2 id=\"h-add-member\">");
    h_msg(r, "Add a member unit");
    H(r, "</h2><p class=\"hint\">");
    h_msg(r, "A member unit accepts the alliance's charter and is registered in China (Article "
             "4). A CAST national society becomes a member only once CAST approves: adding one "
             "sends the request.");
    H(r, "</p><form method=\"post\" id=\"add-member\" action=\"/alliances/");
    h_path_segment(r, al->key);
    H(r, "/members\">");
    h_csrf(r);
    banner_of(r, st, "member");
    struct ui_option *opts = arena_alloc(r->a, (no ? no : 1) * sizeof *opts);
    size_t n = 0;
    for (size_t i = 0; i < no; i++) {
        bool member = false;
        for (size_t k = 0; k < nm && !member; k++)
            member = !m[k].left_on && strcmp(m[k].org_key, orgs[i].key) == 0;
        if (!member)
            opts[n++] = (struct ui_option){orgs[i].key, orgs[i].name};
    }
    ui_select(r, "organisation", N_("Organisation"), opts, n, false,
              st && strcmp(st->form, "member") == 0 ? st->value : NULL,
              err_of(st, "member", "organisation"));
    char t[11];
    today(t);
    h_field(r, "joined_on", N_("Joins on"), "date",
            st && strcmp(st->form, "member") == 0 && st->date ? st->date : t,
            err_of(st, "member", "joined_on"), "off", false);
    /* The acceptance of the charter in force: a box to tick, carrying its version. */
    const char *err = err_of(st, "member", "charter_ack");
    H(r, "<div class=\"field");
    if (err)
        H(r, " invalid");
    H(r, "\"><label><input type=\"checkbox\" id=\"f-charter_ack\" name=\"charter_ack\" value=\"");
    h_int(r, al->charter_version);
    H(r, "\"");
    if (err)
        H(r, " aria-invalid=\"true\" aria-describedby=\"e-charter_ack\"");
    H(r, "> ");
    h_msg(r, "The organisation accepts the alliance's current charter");
    if (al->charter_version) {
        H(r, " (");
        h_msg(r, "version");
        h_textf(r, " %lld)", (long long)al->charter_version);
    }
    H(r, "</label>");
    if (err) {
        H(r, "<p class=\"error\" id=\"e-charter_ack\">");
        h_msg(r, err);
        H(r, "</p>");
    }
    H(r, "</div><button type=\"submit\">");
    h_msg(r, "Add the member");
    H(r, "</button></form></section>");
}

static void members_list(struct request *r, const struct rg_alliance *al, const struct rg_member *m,
                         size_t nm, bool write, const struct reg_state *st)
{
    H(r, "<section class=\"card\" aria-labelledby=\"h-members\"><h2 id=\"h-members\">");
    h_msg(r, "Current members");
    H(r, "</h2><div class=\"scroll\"><table id=\"register-members\"><thead><tr><th scope=\"col\">");
    h_msg(r, "Organisation");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "Role in the alliance");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "Joined");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "CAST approval of joining");
    H(r, "</th>");
    if (write) {
        H(r, "<th scope=\"col\">");
        h_msg(r, "Leaves on");
        H(r, "</th>");
    }
    H(r, "</tr></thead><tbody>");
    for (size_t i = 0; i < nm; i++) {
        if (m[i].left_on)
            continue;
        H(r, "<tr><td>");
        h_text(r, m[i].org_name);
        H(r, "</td><td>");
        h_msg(r, strcmp(m[i].role, "initiator") == 0 ? N_("Initiator") : N_("Member organisation"));
        H(r, "</td><td>");
        h_text(r, m[i].joined_on);
        H(r, "</td><td>");
        approval_text(r, m[i].join_approved_date, NULL, m[i].join_approved_ref);
        H(r, "</td>");
        if (write) {
            H(r, "<td><form method=\"post\" class=\"inline\" action=\"/alliances/");
            h_path_segment(r, al->key);
            H(r, "/members/");
            h_path_segment(r, m[i].org_key);
            H(r, "/leave\">");
            h_csrf(r);
            bool mine = st && strcmp(st->form, "leave") == 0 && st->org &&
                        strcmp(st->org, m[i].org_key) == 0;
            char t[11];
            today(t);
            H(r, "<input type=\"date\" name=\"left_on\" aria-label=\"");
            h_msg(r, "Leaves on");
            H(r, "\" value=\"");
            h_text(r, mine && st->date ? st->date : t);
            H(r, "\"><button type=\"submit\" class=\"small\">");
            h_msg(r, strcmp(m[i].org_kind, "national_society") == 0 ? N_("Ask CAST: leaves")
                                                                    : N_("Leaves"));
            H(r, "</button></form>");
            if (mine)
                ui_fail_banner(r, st->f);
            H(r, "</td>");
        }
        H(r, "</tr>");
    }
    H(r, "</tbody></table></div></section>");
}

static void register_page(struct request *r, int status, const struct reg_state *st)
{
    struct rg_alliance al;
    if (!req_readable_alliance(r, &al))
        return;
    struct rg_member *m;
    struct rg_request *q;
    struct rg_org *orgs;
    size_t nm, nq, no;
    if (st_rg_members(r->db, r->a, al.id, &m, &nm) != DB_OK ||
        st_rg_requests(r->db, r->a, false, al.id, &q, &nq) != DB_OK ||
        st_rg_orgs(r->db, r->a, &orgs, &no) != DB_OK) {
        unavailable(r);
        return;
    }
    bool write = can_alliance(&r->who, RIGHT_ALLIANCE_EDIT, al.jurisdiction, al.key);
    bool officer = can_alliance(&r->who, RIGHT_CAST_DECIDE, al.jurisdiction, al.key);
    bool open = strcmp(al.status, "dissolved") != 0 && strcmp(al.status, "rejected") != 0;
    char t[11];
    today(t);
    r->status = status;
    page_begin(r, al.name);
    crumbs(r, &al);
    H(r, "<h1>");
    h_text(r, al.name);
    H(r, "</h1>");
    alliance_links(r, &al, "/register");
    if (req_query(r, "done"))
        ui_ok_banner(r, N_("Saved."));
    H(r, "<dl class=\"facts\"><dt>");
    h_msg(r, "Status");
    H(r, "</dt><dd id=\"status\">");
    h_msg(r, ui_alliance_status(al.status));
    H(r, "</dd><dt>");
    h_msg(r, "Establishment approved");
    H(r, "</dt><dd>");
    approval_text(r, al.established_date, al.established_by, al.established_ref);
    H(r, "</dd>");
    if (al.dissolved_date) {
        H(r, "<dt>");
        h_msg(r, "Dissolution approved");
        H(r, "</dt><dd>");
        approval_text(r, al.dissolved_date, al.dissolved_by, al.dissolved_ref);
        H(r, "</dd>");
    }
    H(r, "<dt>");
    h_msg(r, "Charter in force");
    H(r, "</dt><dd>");
    if (al.charter_version)
        h_int(r, al.charter_version);
    else
        h_msg(r, "none approved yet");
    H(r, "</dd><dt>");
    h_msg(r, "Current members");
    H(r, "</dt><dd>");
    h_int(r, al.members);
    H(r, "</dd></dl>");

    /* The alliance's requests, newest first. */
    H(r, "<section class=\"card\" aria-labelledby=\"h-requests\"><h2 id=\"h-requests\">");
    h_msg(r, "Requests");
    H(r, "</h2>");
    if (nq == 0) {
        H(r, "<p class=\"hint\">");
        h_msg(r, "No request yet.");
        H(r, "</p>");
    } else {
        H(r, "<ul class=\"requests\">");
        for (size_t i = 0; i < nq; i++) {
            H(r, "<li");
            if (ap_state_of(&q[i]) != AP_PENDING)
                H(r, " class=\"decided\"");
            H(r, "><p><strong>");
            h_text(r, ui_request_label(r, &q[i]));
            H(r, "</strong></p><p class=\"hint\">");
            h_text(r, ui_request_summary(r, &q[i]));
            H(r, "</p><p>");
            ui_request_state(r, &q[i]);
            H(r, "</p>");
            if (ap_state_of(&q[i]) == AP_PENDING && ap_may_decide(r->db, r->a, &r->who, &q[i], t)) {
                H(r, "<p><a href=\"/approvals#request-");
                h_int(r, q[i].id);
                H(r, "\">");
                h_msg(r, "Decide in the approvals inbox");
                H(r, "</a></p>");
            }
            H(r, "</li>");
        }
        H(r, "</ul>");
    }
    H(r, "</section>");

    members_list(r, &al, m, nm, write && open, st);
    if (write && strcmp(al.status, "active") == 0)
        member_form(r, &al, orgs, no, m, nm, st);
    if ((write || officer) && open) {
        H(r, "<section class=\"card\" aria-labelledby=\"h-rename\"><h2 id=\"h-rename\">");
        h_msg(r, "Rename");
        H(r, "</h2><form method=\"post\" id=\"rename\" action=\"/alliances/");
        h_path_segment(r, al.key);
        H(r, "/name\">");
        h_csrf(r);
        banner_of(r, st, "rename");
        h_field(r, "name", N_("Name"), "text",
                st && strcmp(st->form, "rename") == 0 ? st->value : al.name,
                err_of(st, "rename", "name"), "off", true);
        H(r, "<button type=\"submit\">");
        h_msg(r, "Rename");
        H(r, "</button></form></section>");
    }
    if ((write || officer) && strcmp(al.status, "active") == 0) {
        H(r, "<section class=\"card\" aria-labelledby=\"h-dissolve\"><h2 id=\"h-dissolve\">");
        h_msg(r, "Dissolution");
        H(r, "</h2><p class=\"hint\">");
        h_msg(r, "Dissolving an alliance needs the CAST standing committee's approval (Article "
                 "21). Until it decides, the alliance is dissolving.");
        H(r, "</p><form method=\"post\" id=\"dissolve\" action=\"/alliances/");
        h_path_segment(r, al.key);
        H(r, "/dissolution\">");
        h_csrf(r);
        banner_of(r, st, "dissolve");
        h_field(r, "comment", N_("Reason"), "text", NULL, err_of(st, "dissolve", "comment"), "off",
                false);
        H(r, "<button type=\"submit\">");
        h_msg(r, "Ask for dissolution");
        H(r, "</button></form></section>");
    }
    page_end(r);
}

void page_alliance_register(struct request *r)
{
    register_page(r, 200, NULL);
}

static void after(struct request *r, bool ok, struct reg_state *st, struct fail *f)
{
    if (ok) {
        resp_redirect(r, arena_printf(r->a, "/alliances/%s/register?done=1", r->params[0]));
        return;
    }
    st->f = f;
    register_page(r, fail_status(f->kind), st);
}

void page_alliance_rename(struct request *r)
{
    struct fail f = {0};
    const char *name = req_form(r, "name");
    struct reg_state st = {.form = "rename", .value = name};
    after(r, reg_rename(r->db, &r->who, r->params[0], name, &f), &st, &f);
}

void page_alliance_dissolve(struct request *r)
{
    struct fail f = {0};
    int64_t req;
    struct reg_state st = {.form = "dissolve"};
    after(r, reg_dissolve(r->db, &r->who, r->params[0], req_form(r, "comment"), &req, &f), &st, &f);
}

void page_member_add(struct request *r)
{
    struct fail f = {0};
    struct reg_join j = {.organisation = req_form(r, "organisation"),
                         .joined_on = req_form(r, "joined_on")};
    const char *ack = req_form(r, "charter_ack");
    if (ack && *ack) {
        char *end;
        long long v = strtoll(ack, &end, 10);
        j.ack_version = *end || v < 0 ? 0 : v;
    }
    int64_t req;
    struct reg_state st = {.form = "member", .value = j.organisation, .date = j.joined_on};
    after(r, reg_member_add(r->db, &r->who, r->params[0], &j, &req, &f), &st, &f);
}

void page_member_leave(struct request *r)
{
    struct fail f = {0};
    int64_t req;
    const char *left = req_form(r, "left_on");
    struct reg_state st = {.form = "leave", .org = r->params[1], .date = left};
    after(r, reg_member_leave(r->db, &r->who, r->params[0], r->params[1], left, NULL, &req, &f),
          &st, &f);
}

/* --- the charter ----------------------------------------------------------------------------- */

struct charter_state {
    const struct fail *f;
    const char *text;
    int64_t version; /* the version a failed submit was for */
};

static void charter_page(struct request *r, int status, const struct charter_state *st)
{
    struct rg_alliance al;
    if (!req_readable_alliance(r, &al))
        return;
    int64_t want = al.charter_version;
    if (!req_query_int(r, "version", 1, 1000000, &want))
        return;
    struct rg_charter *c, shown = {0};
    struct rg_member *m;
    size_t nc, nm;
    if (st_rg_charters(r->db, r->a, al.id, &c, &nc) != DB_OK ||
        st_rg_members(r->db, r->a, al.id, &m, &nm) != DB_OK) {
        unavailable(r);
        return;
    }
    bool have = false;
    if (want) {
        int rc = st_rg_charter(r->db, r->a, al.id, want, &shown);
        if (rc == DB_ROW)
            have = true;
        else if (rc != DB_DONE) {
            unavailable(r);
            return;
        }
    }
    bool write = can_alliance(&r->who, RIGHT_ALLIANCE_EDIT, al.jurisdiction, al.key) &&
                 strcmp(al.status, "dissolved") != 0 && strcmp(al.status, "rejected") != 0;
    r->status = status;
    page_begin(r, N_("Charter"));
    crumbs(r, &al);
    H(r, "<h1>");
    h_msg(r, "Charter");
    H(r, "</h1>");
    alliance_links(r, &al, "/charter");
    if (req_query(r, "done"))
        ui_ok_banner(r, N_("Saved."));
    H(r, "<section class=\"card\" aria-labelledby=\"h-text\"><h2 id=\"h-text\">");
    if (!have) {
        h_msg(r, "No charter approved yet");
        H(r, "</h2><p class=\"hint\">");
        h_msg(r, "The charter is drafted jointly by the initiating societies and approved by CAST "
                 "(Article 2).");
        H(r, "</p>");
    } else {
        if (shown.version == al.charter_version && shown.approved_date)
            h_msg(r, "The charter in force");
        else
            h_msg(r, "Charter version");
        h_textf(r, " (%lld)", (long long)shown.version);
        H(r, "</h2><p class=\"hint\">");
        h_msg(r, "Drafted by");
        H(r, " ");
        h_text(r, shown.drafters ? shown.drafters : "—");
        if (shown.approved_date) {
            H(r, " · ");
            h_msg(r, "approved by CAST");
            H(r, " ");
            approval_text(r, shown.approved_date, NULL, shown.approved_ref);
        }
        H(r, "</p>");
        h_markdown(r, shown.text);
    }
    H(r, "</section>");

    /* Every version, oldest first: none is ever removed. */
    H(r, "<section class=\"card\" aria-labelledby=\"h-versions\"><h2 id=\"h-versions\">");
    h_msg(r, "Versions");
    H(r, "</h2><div class=\"scroll\"><table id=\"charters\"><thead><tr><th scope=\"col\" "
         "class=\"num\">");
    h_msg(r, "Version");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "Drafted by");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "Submitted on");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "Approved by CAST");
    H(r, "</th><th scope=\"col\"></th></tr></thead><tbody>");
    for (size_t i = 0; i < nc; i++) {
        H(r, "<tr><td class=\"num\"><a href=\"/alliances/");
        h_path_segment(r, al.key);
        h_textf(r, "/charter?version=%lld", (long long)c[i].version);
        H(r, "\">");
        h_int(r, c[i].version);
        H(r, "</a></td><td>");
        h_text(r, c[i].drafters ? c[i].drafters : "—");
        H(r, "</td><td>");
        h_text(r, c[i].submitted_on ? c[i].submitted_on : "—");
        H(r, "</td><td>");
        approval_text(r, c[i].approved_date, NULL, c[i].approved_ref);
        H(r, "</td><td>");
        if (write && !c[i].submitted_on && !c[i].approved_date) {
            H(r, "<form method=\"post\" class=\"inline\" action=\"/alliances/");
            h_path_segment(r, al.key);
            h_textf(r, "/charter/%lld/submit", (long long)c[i].version);
            H(r, "\">");
            h_csrf(r);
            H(r, "<button type=\"submit\" class=\"small\">");
            h_msg(r, "Submit to CAST");
            H(r, "</button></form>");
            if (st && st->version == c[i].version)
                ui_fail_banner(r, st->f);
        }
        H(r, "</td></tr>");
    }
    H(r, "</tbody></table></div></section>");

    if (write) {
        const struct fail *f = st && !st->version ? st->f : NULL;
        H(r, "<section class=\"card\" aria-labelledby=\"h-draft\"><h2 id=\"h-draft\">");
        h_msg(r, "Draft a new version");
        H(r, "</h2><form method=\"post\" id=\"draft\" action=\"/alliances/");
        h_path_segment(r, al.key);
        H(r, "/charter\">");
        h_csrf(r);
        if (f && !f->field)
            ui_fail_banner(r, f);
        struct rg_org *inits = arena_alloc(r->a, (nm ? nm : 1) * sizeof *inits);
        size_t ni = 0;
        for (size_t i = 0; i < nm; i++)
            if (strcmp(m[i].role, "initiator") == 0 && !m[i].left_on)
                inits[ni++] = (struct rg_org){.key = m[i].org_key, .name = m[i].org_name};
        org_checkboxes(r, "drafted_by", N_("Drafted by (none ticked: every initiator)"), inits, ni,
                       NULL, st ? r->form : NULL, ui_field_error(f, "drafted_by"));
        ui_textarea(r, "text", N_("Text (Markdown)"),
                    st && st->text ? st->text : (have ? shown.text : NULL),
                    ui_field_error(f, "text"), true);
        H(r, "<button type=\"submit\">");
        h_msg(r, "Save the draft");
        H(r, "</button></form></section>");
    }
    page_end(r);
}

void page_charter(struct request *r)
{
    charter_page(r, 200, NULL);
}

void page_charter_post(struct request *r)
{
    size_t n;
    const char **drafters = form_get_all(r->a, r->form, "drafted_by", &n);
    const char *text = req_form(r, "text");
    int64_t v;
    struct fail f = {0};
    if (reg_charter_draft(r->db, &r->who, r->params[0], text, drafters, n, &v, &f)) {
        resp_redirect(r, arena_printf(r->a, "/alliances/%s/charter?version=%lld&done=1",
                                      r->params[0], (long long)v));
        return;
    }
    struct charter_state st = {&f, text, 0};
    charter_page(r, fail_status(f.kind), &st);
}

void page_charter_submit(struct request *r)
{
    char *end;
    long long v = strtoll(r->params[1], &end, 10);
    if (!*r->params[1] || *end || v < 1 || strlen(r->params[1]) > 9) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL,
                   "The alliance has no such charter version.");
        return;
    }
    int64_t req;
    struct fail f = {0};
    if (reg_charter_submit(r->db, &r->who, r->params[0], v, NULL, &req, &f)) {
        resp_redirect(r,
                      arena_printf(r->a, "/alliances/%s/register?done=1#h-requests", r->params[0]));
        return;
    }
    struct charter_state st = {&f, NULL, v};
    charter_page(r, fail_status(f.kind), &st);
}

/* --- organisations --------------------------------------------------------------------------- */

static const struct ui_option kind_options[] = {
    {"national_society", N_("National society")},
    {"social_org", N_("Social organisation")},
    {"enterprise", N_("Enterprise")},
    {"research_institute", N_("Research institute")},
    {"university", N_("University")},
    {"other", N_("Other")},
};
#define NKINDS (sizeof kind_options / sizeof kind_options[0])

static const struct {
    const char *msgid;
    enum sheet_kind kind;
    bool export_only;
} org_cols[] = {
    {N_("Key"), SK_TEXT, true},
    {N_("Organisation"), SK_TEXT, false},
    {N_("Kind"), SK_TEXT, false},
    {N_("Unified social credit code"), SK_TEXT, false},
    {N_("Registering authority"), SK_TEXT, false},
    {N_("Category"), SK_TEXT, false},
    {N_("Region code"), SK_TEXT, false},
    {N_("English name"), SK_TEXT, true},
};

struct org_state {
    const struct fail *f;
    struct reg_org o;
};

static void orgs_page(struct request *r, int status, const struct org_state *st)
{
    enum listing_format fmt;
    int64_t offset = 0;
    const char *q;
    if (!listing_params(r, &fmt, &offset, &q))
        return;
    const char *kind = req_query(r, "kind");
    if (kind && !*kind)
        kind = NULL;
    struct rg_org *o;
    size_t n;
    if (st_rg_orgs(r->db, r->a, &o, &n) != DB_OK) {
        unavailable(r);
        return;
    }
    size_t ncols = sizeof org_cols / sizeof org_cols[0];
    struct sheet_col *cols = arena_alloc(r->a, ncols * sizeof *cols);
    for (size_t i = 0; i < ncols; i++)
        cols[i] =
            (struct sheet_col){T(r, org_cols[i].msgid), org_cols[i].kind, org_cols[i].export_only};
    struct sheet *s = sheet_new(r->a, T(r, N_("Organisations")), cols, ncols);
    for (size_t i = 0; i < n; i++) {
        if (kind && strcmp(kind, o[i].kind) != 0)
            continue;
        struct uscc_info info;
        bool decoded = o[i].uscc && uscc_decode(o[i].uscc, &info);
        sheet_row(s);
        sheet_text(s, o[i].key);
        sheet_text(s, o[i].name);
        sheet_text(s, T(r, ui_org_kind(o[i].kind)));
        sheet_text(s, o[i].uscc);
        /* What the code says (GB 32100): who registered the organisation, as what, where. */
        sheet_text(s, decoded ? info.authority : NULL);
        sheet_text(s, decoded ? info.category : NULL);
        sheet_text(s, decoded ? arena_printf(r->a, "%s%s", info.region,
                                             info.national ? T(r, " (national)") : "")
                              : NULL);
        sheet_text(s, o[i].english_name);
    }
    if (q)
        s = sheet_filter(s, q);
    if (fmt != LIST_HTML) {
        listing_send(r, s, fmt, "organisations");
        return;
    }
    r->status = status;
    page_begin(r, N_("Organisations"));
    H(r, "<h1>");
    h_msg(r, "Organisations");
    H(r, "</h1>");
    const char *imported = req_query(r, "imported");
    if (imported)
        ui_ok_banner(r, N_("The organisations have been imported."));
    bool may_add = can(&r->who, RIGHT_ORGANISATIONS, NULL);
    if (may_add) {
        H(r, "<p class=\"actions\"><a href=\"/organisations/import\">");
        h_msg(r, "Import organisations from a file (CSV, XLSX, XLS)");
        H(r, "</a></p>");
    }
    H(r, "<form method=\"get\" action=\"/organisations\" class=\"inline filters\">"
         "<label for=\"f-kind\">");
    h_msg(r, "Kind");
    H(r, "</label><select id=\"f-kind\" name=\"kind\"><option value=\"\">");
    h_msg(r, "All");
    H(r, "</option>");
    for (size_t i = 0; i < NKINDS; i++) {
        H(r, "<option value=\"");
        h_text(r, kind_options[i].value);
        H(r, "\"");
        if (kind && strcmp(kind, kind_options[i].value) == 0)
            H(r, " selected");
        H(r, ">");
        h_msg(r, kind_options[i].label);
        H(r, "</option>");
    }
    H(r, "</select>");
    listing_search_field(r, q);
    H(r, "<button type=\"submit\">");
    h_msg(r, "Filter");
    H(r, "</button></form>");
    const char *base =
        listing_with_query(r, arena_printf(r->a, "/organisations?kind=%s", kind ? kind : ""), q);
    listing_downloads(r, base);
    listing_table(r, s, "organisations", (size_t)offset, PAGE_SIZE);
    listing_pager(r, base, NULL, (size_t)offset, PAGE_SIZE, s->nrows);
    if (may_add) {
        const struct fail *f = st ? st->f : NULL;
        H(r, "<section class=\"card\" aria-labelledby=\"h-new-org\"><h2 id=\"h-new-org\">");
        h_msg(r, "Add an organisation");
        H(r, "</h2><form method=\"post\" action=\"/organisations\" id=\"new-org\">");
        h_csrf(r);
        if (f && !f->field)
            ui_fail_banner(r, f);
        h_field(r, "name", N_("Name"), "text", st ? st->o.name : NULL, ui_field_error(f, "name"),
                "organization", true);
        ui_select(r, "kind", N_("Kind"), kind_options, NKINDS, true, st ? st->o.kind : NULL,
                  ui_field_error(f, "kind"));
        h_field(r, "uscc", N_("Unified social credit code"), "text", st ? st->o.uscc : NULL,
                ui_field_error(f, "uscc"), "off", false);
        h_field(r, "english_name", N_("English name (optional)"), "text",
                st ? st->o.english_name : NULL, ui_field_error(f, "english_name"), "off", false);
        h_field(r, "key", N_("Key (optional; generated when empty)"), "text", st ? st->o.key : NULL,
                ui_field_error(f, "key"), "off", false);
        H(r, "<button type=\"submit\">");
        h_msg(r, "Add");
        H(r, "</button></form></section>");
    }
    page_end(r);
}

void page_organisations(struct request *r)
{
    orgs_page(r, 200, NULL);
}

void page_org_create(struct request *r)
{
    struct org_state st = {.o = {.key = req_form(r, "key"),
                                 .name = req_form(r, "name"),
                                 .kind = req_form(r, "kind"),
                                 .uscc = req_form(r, "uscc"),
                                 .english_name = req_form(r, "english_name")}};
    struct reg_org o = st.o;
    const char *key;
    struct fail f = {0};
    if (reg_org_create(r->db, r->a, &r->who, &o, &key, &f)) {
        resp_redirect(r, "/organisations");
        return;
    }
    st.f = &f;
    orgs_page(r, fail_status(f.kind), &st);
}

/* --- importing organisations ----------------------------------------------------------------- */

static void import_form(struct request *r)
{
    H(r, "<section class=\"card\"><p class=\"hint\">");
    h_msg(r, "The first row names the columns: name, kind, uscc, english_name and key (or 名称, "
             "类型, 统一社会信用代码, 英文名称, 标识). CSV in UTF-8 or GBK, XLSX and XLS are read. "
             "Nothing is imported until every row is good.");
    H(r, "</p><form method=\"post\" action=\"/organisations/import\" "
         "enctype=\"multipart/form-data\" id=\"import\">");
    h_csrf(r);
    H(r, "<div class=\"field\"><label for=\"f-file\">");
    h_msg(r, "File");
    H(r, "</label><input id=\"f-file\" name=\"file\" type=\"file\" required "
         "accept=\".csv,.txt,.xlsx,.xls,text/csv,application/vnd.ms-excel,"
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></div>"
         "<button type=\"submit\">");
    h_msg(r, "Check the file");
    H(r, "</button></form></section>");
}

void page_org_import(struct request *r)
{
    page_begin(r, N_("Import organisations"));
    H(r, "<p class=\"crumbs\"><a href=\"/organisations\">");
    h_msg(r, "Organisations");
    H(r, "</a></p><h1>");
    h_msg(r, "Import organisations");
    H(r, "</h1>");
    import_form(r);
    page_end(r);
}

/* The checked rows as CSV (every field quoted), carried by the confirmation form so that the
 * import reads exactly what the preview showed, whatever the file's format was. */
static const char *rows_as_csv(struct request *r, const struct reg_import *imp)
{
    buf b = {0};
    buf_puts(&b, "\"key\",\"name\",\"kind\",\"uscc\",\"english_name\"\n");
    for (size_t i = 0; i < imp->n; i++) {
        const struct reg_org *o = &imp->orgs[i];
        const char *v[] = {o->key, o->name, o->kind, o->uscc, o->english_name};
        for (size_t k = 0; k < 5; k++) {
            buf_puts(&b, k ? ",\"" : "\"");
            for (const char *p = v[k] ? v[k] : ""; *p; p++) {
                if (*p == '"')
                    buf_putc(&b, '"');
                buf_putc(&b, *p);
            }
            buf_putc(&b, '"');
        }
        buf_putc(&b, '\n');
    }
    const char *s = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return s;
}

void page_org_import_post(struct request *r)
{
    const char *data = r->upload;
    size_t len = r->upload_len;
    const char *confirmed = req_form(r, "data");
    if (confirmed) {
        data = confirmed;
        len = strlen(confirmed);
    }
    struct rows t;
    const char *why = N_("Choose a file to import.");
    struct reg_import imp = {0};
    struct fail f = {0};
    bool read = data && len && rows_read(r->a, data, len, &t, &why);
    bool ok = read && reg_orgs_import(r->db, r->a, &r->who, &t, !confirmed, &imp, &f);
    if (ok && confirmed) {
        resp_redirect(r, arena_printf(r->a, "/organisations?imported=%zu", imp.imported));
        return;
    }
    if (!read)
        fail(&f, FAIL_INVALID, "unreadable_file", "file", why);
    r->status = ok ? 200 : fail_status(f.kind);
    page_begin(r, N_("Import organisations"));
    H(r, "<p class=\"crumbs\"><a href=\"/organisations\">");
    h_msg(r, "Organisations");
    H(r, "</a></p><h1>");
    h_msg(r, "Import organisations");
    H(r, "</h1>");
    if (!ok) {
        ui_fail_banner(r, &f);
        if (imp.nproblems) {
            H(r, "<div class=\"scroll\"><table id=\"problems\"><thead><tr><th scope=\"col\" "
                 "class=\"num\">");
            h_msg(r, "Row");
            H(r, "</th><th scope=\"col\">");
            h_msg(r, "Column");
            H(r, "</th><th scope=\"col\">");
            h_msg(r, "Problem");
            H(r, "</th></tr></thead><tbody>");
            for (size_t i = 0; i < imp.nproblems; i++) {
                H(r, "<tr><td class=\"num\">");
                h_textf(r, "%zu", imp.problems[i].row);
                H(r, "</td><td>");
                h_text(r, imp.problems[i].column ? imp.problems[i].column : "—");
                H(r, "</td><td>");
                h_msg(r, imp.problems[i].message);
                if (imp.problems[i].detail) {
                    H(r, " <code>");
                    h_text(r, imp.problems[i].detail);
                    H(r, "</code>");
                }
                H(r, "</td></tr>");
            }
            H(r, "</tbody></table></div>");
        }
        import_form(r);
        page_end(r);
        return;
    }
    /* Every row is good: show them, and the button that imports exactly these. */
    H(r, "<p class=\"ok banner\" role=\"status\">");
    h_msg(r, "Every row is good. Check them, then import.");
    H(r, "</p><div class=\"scroll\"><table id=\"preview\"><thead><tr><th scope=\"col\" "
         "class=\"num\">");
    h_msg(r, "Row");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "Organisation");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "Kind");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "Unified social credit code");
    H(r, "</th><th scope=\"col\">");
    h_msg(r, "Registering authority");
    H(r, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < imp.n; i++) {
        struct uscc_info info;
        H(r, "<tr><td class=\"num\">");
        h_textf(r, "%zu", imp.rows[i]);
        H(r, "</td><td>");
        h_text(r, imp.orgs[i].name);
        H(r, "</td><td>");
        h_msg(r, ui_org_kind(imp.orgs[i].kind));
        H(r, "</td><td>");
        h_text(r, imp.orgs[i].uscc);
        H(r, "</td><td>");
        if (imp.orgs[i].uscc && uscc_decode(imp.orgs[i].uscc, &info)) {
            h_text(r, info.authority);
            H(r, " ");
            h_text(r, info.category);
        }
        H(r, "</td></tr>");
    }
    H(r, "</tbody></table></div><form method=\"post\" action=\"/organisations/import\" "
         "id=\"confirm-import\">");
    h_csrf(r);
    /* A hidden text area, not an input: it keeps the line breaks. */
    H(r, "<textarea name=\"data\" hidden>");
    h_text(r, rows_as_csv(r, &imp));
    H(r, "</textarea><button type=\"submit\">");
    h_msg(r, "Import these organisations");
    H(r, "</button></form>");
    page_end(r);
}
