/* The alliance pages, read-only over the imported data: the directory (/alliances) and one
 * alliance with its tabs (/alliances/{key}?tab=...). Tabs are plain links, so every tab reads
 * without JavaScript. Each list is built once as a sheet (util/sheet.h) and then either shown
 * (web/listing.c) or downloaded as CSV or XLSX (?format=), so the page and the file agree.
 *
 * Who sees what is decided by can_alliance() alone: the route needs RIGHT_BUSINESS_READ in some
 * scope; each alliance then needs it for its own key and jurisdiction (a secretariat or member
 * contact of that alliance, a cast_officer of its jurisdiction). People's email and phone appear
 * only with RIGHT_CONTACT_READ for the alliance. Lists of people and organisations are in stroke
 * order (按姓氏笔画), as official Chinese lists are. */
#include "store/register.h"
#include "store/views.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/order.h"
#include "web/pages/compliance_ui.h"
#include "web/pages/meetings.h"
#include <string.h>

#define PAGE_SIZE     50  /* rows per page */
#define MAX_PAGE_SIZE 500 /* ?limit= on an alliance's lists, as the API allows */

/* --- labels: the stored enum values as people read them -------------------------------------- */

struct label {
    const char *value, *msgid;
};

static const struct label alliance_status[] = {
    {"proposed", N_("Proposed")},   {"active", N_("Active")},     {"dissolving", N_("Dissolving")},
    {"dissolved", N_("Dissolved")}, {"rejected", N_("Rejected")},
};
static const struct label org_kind[] = {
    {"national_society", N_("National society")},
    {"social_org", N_("Social organisation")},
    {"enterprise", N_("Enterprise")},
    {"research_institute", N_("Research institute")},
    {"university", N_("University")},
    {"other", N_("Other")},
};
static const struct label member_role[] = {
    {"initiator", N_("Initiator")},
    {"member", N_("Member organisation")},
};
static const struct label body_kind[] = {
    {"presidium", N_("Presidium")},
    {"expert_committee", N_("Expert committee")},
    {"secretariat", N_("Secretariat")},
    {"working_committee", N_("Working committee")},
};
/* Post roles in the order official lists name them. */
static const struct label post_role[] = {
    {"honorary_chair", N_("Honorary chair")},
    {"chair", N_("Chair")},
    {"vice_chair", N_("Vice-chair")},
    {"director", N_("Director")},
    {"deputy_director", N_("Deputy director")},
    {"secretary_general", N_("Secretary-general")},
    {"deputy_secretary_general", N_("Deputy secretary-general")},
    {"head", N_("Head")},
    {"deputy_head", N_("Deputy head")},
    {"member", N_("Member")},
    {"staff", N_("Staff")},
};
static const struct label meeting_kind[] = {
    {"presidium", N_("Presidium meeting")},
    {"special", N_("Special meeting")},
};
static const struct label meeting_status[] = {
    {"planned", N_("Planned")},
    {"held", N_("Held")},
    {"cancelled", N_("Cancelled")},
};
static const struct label plan_kind[] = {
    {"development", N_("Development plan")},
    {"annual", N_("Annual plan")},
};
static const struct label account_type[] = {
    {"asset", N_("Asset")},   {"liability", N_("Liability")}, {"net_assets", N_("Net assets")},
    {"income", N_("Income")}, {"expense", N_("Expense")},
};
static const struct label output_kind[] = {
    {"report", N_("Report")},         {"standard", N_("Standard")}, {"paper", N_("Paper")},
    {"evaluation", N_("Evaluation")}, {"other", N_("Other")},
};
static const struct label release_kind[] = {
    {"publish", N_("Publication")},
    {"use", N_("Use")},
};
static const struct label news_status[] = {
    {"draft", N_("Draft")},
    {"in_review", N_("In review")},
    {"rejected", N_("Rejected")},
    {"published", N_("Published")},
};
/* The five tasks of 第五条. */
static const struct label activity_task[] = {
    {"think_tank", N_("Think tank")},
    {"academic", N_("Academic exchange")},
    {"innovation", N_("Innovation and transfer")},
    {"talent", N_("Talent development")},
    {"reform", N_("Society reform")},
};
static const struct label activity_kind[] = {
    {"research_institute", N_("Specialist research institute")},
    {"research_project", N_("Research project")},
    {"tech_evaluation", N_("Technology evaluation")},
    {"conference", N_("Conference")},
    {"annual_conference", N_("Annual conference")},
    {"journal", N_("Journal")},
    {"intl_organisation", N_("International organisation")},
    {"innovation_programme", N_("Innovation programme")},
    {"standard", N_("Industry standard")},
    {"innovation_community", N_("Innovation community")},
    {"young_talent", N_("Young talent programme")},
    {"talent_recommendation", N_("Talent recommendation")},
    {"award_recommendation", N_("Award recommendation")},
    {"intl_post_recommendation", N_("International post recommendation")},
    {"party_organ", N_("Party organ")},
    {"other", N_("Other")},
};
static const struct label approver[] = {
    {"standing_committee", N_("CAST standing committee")},
    {"cast", N_("CAST")},
    {"presidium", N_("Presidium")},
    {"chair", N_("Chair")},
};

#define COUNT(t)       (sizeof(t) / sizeof((t)[0]))
#define LABEL(r, t, v) label_of((r), (t), COUNT(t), (v))

/* The translated label of v, or v itself when the table does not know it. */
static const char *label_of(struct request *r, const struct label *t, size_t n, const char *v)
{
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(t[i].value, v) == 0)
            return T(r, t[i].msgid);
    return v;
}

static int label_index(const struct label *t, size_t n, const char *v)
{
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(t[i].value, v) == 0)
            return (int)i;
    return (int)n;
}

/* "2024-05-20 中国科协 科协发学字〔2024〕12号": an approval in one cell; NULL when there is none.
 */
static const char *approval(struct request *r, const char *date, const char *by, const char *ref)
{
    if (!date)
        return NULL;
    return arena_printf(r->a, "%s%s%s%s%s", date, by ? " " : "", by ? LABEL(r, approver, by) : "",
                        ref ? " " : "", ref ? ref : "");
}

/* --- sheets ---------------------------------------------------------------------------------- */

struct colspec {
    const char *msgid;
    enum sheet_kind kind;
    bool export_only;
};

/* A sheet titled and headed in the request's language, with the first ncols columns of spec. */
static struct sheet *new_sheet(struct request *r, const char *title, const struct colspec *spec,
                               size_t ncols)
{
    struct sheet_col *cols = arena_alloc(r->a, ncols * sizeof *cols);
    for (size_t i = 0; i < ncols; i++)
        cols[i] = (struct sheet_col){T(r, spec[i].msgid), spec[i].kind, spec[i].export_only};
    return sheet_new(r->a, T(r, title), cols, ncols);
}

static void sheet_date(struct sheet *s, const char *date)
{
    sheet_text(s, date);
}

/* --- the directory --------------------------------------------------------------------------- */

static const struct colspec directory_cols[] = {
    {N_("Key"), SK_TEXT, true},
    {N_("Alliance"), SK_TEXT, false},
    {N_("Status"), SK_TEXT, false},
    {N_("Jurisdiction"), SK_TEXT, false},
    {N_("Current members"), SK_INT, false},
    {N_("Established"), SK_DATE, false},
};

static bool in_labels(const struct label *t, size_t n, const char *v)
{
    return label_index(t, n, v) < (int)n;
}

void page_alliances(struct request *r)
{
    enum listing_format fmt;
    int64_t offset = 0;
    const char *q;
    if (!listing_params(r, &fmt, &offset, &q))
        return;
    const char *jur = req_query(r, "jurisdiction"), *status = req_query(r, "status");
    if (jur && !*jur)
        jur = NULL;
    if (status && !*status)
        status = NULL;
    if (jur && !key_valid(jur)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "jurisdiction",
                   "The jurisdiction key is not valid.");
        return;
    }
    if (status && !in_labels(alliance_status, COUNT(alliance_status), status)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "status", "There is no such status.");
        return;
    }
    char today[11];
    clock_date(clock_now(), today);
    struct rg_alliance *all;
    size_t n;
    if (st_rg_alliances(r->db, r->a, today, &all, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    /* The register is small (tens of alliances per jurisdiction), and who may see an alliance is
     * can_alliance()'s to say, so filtering and paging happen here, after it. */
    struct ordered *rows = arena_alloc(r->a, (n ? n : 1) * sizeof *rows);
    struct rg_alliance **jurs = arena_alloc(r->a, (n ? n : 1) * sizeof *jurs);
    size_t nrows = 0, njurs = 0;
    for (size_t i = 0; i < n; i++) {
        if (!can_alliance(&r->who, RIGHT_BUSINESS_READ, all[i].jurisdiction, all[i].key))
            continue;
        size_t k = 0;
        while (k < njurs && strcmp(jurs[k]->jurisdiction, all[i].jurisdiction) != 0)
            k++;
        if (k == njurs)
            jurs[njurs++] = &all[i];
        if ((jur && strcmp(jur, all[i].jurisdiction) != 0) ||
            (status && strcmp(status, all[i].status) != 0))
            continue;
        rows[nrows++] = (struct ordered){0, all[i].name, &all[i]};
    }
    order_rows(rows, nrows);

    struct sheet *s = new_sheet(r, N_("Alliances"), directory_cols, COUNT(directory_cols));
    for (size_t i = 0; i < nrows; i++) {
        const struct rg_alliance *al = rows[i].row;
        sheet_row(s);
        sheet_text(s, al->key);
        sheet_link(s, al->name, arena_printf(r->a, "/alliances/%s", al->key));
        sheet_text(s, LABEL(r, alliance_status, al->status));
        sheet_text(s, al->jurisdiction_short);
        sheet_int(s, al->members);
        sheet_date(s, al->established_date);
    }
    if (q)
        s = sheet_filter(s, q);
    if (fmt != LIST_HTML) {
        listing_send(r, s, fmt, "alliances");
        return;
    }

    const char *base = listing_with_query(r,
                                          arena_printf(r->a, "/alliances?jurisdiction=%s&status=%s",
                                                       jur ? jur : "", status ? status : ""),
                                          q);
    page_begin(r, N_("Alliances"));
    H(r, "<h1>");
    h_msg(r, "Alliances");
    H(r, "</h1>");
    if (can(&r->who, RIGHT_CAST_DECIDE, NULL)) {
        H(r, "<p class=\"actions\"><a class=\"propose\" href=\"/alliances/new\">");
        h_msg(r, "Propose an alliance");
        H(r, "</a></p>");
    }
    H(r, "<form method=\"get\" action=\"/alliances\" class=\"inline filters\">"
         "<label for=\"f-jurisdiction\">");
    h_msg(r, "Jurisdiction");
    H(r, "</label><select id=\"f-jurisdiction\" name=\"jurisdiction\"><option value=\"\">");
    h_msg(r, "All");
    H(r, "</option>");
    for (size_t i = 0; i < njurs; i++) {
        H(r, "<option value=\"");
        h_text(r, jurs[i]->jurisdiction);
        H(r, "\"");
        if (jur && strcmp(jur, jurs[i]->jurisdiction) == 0)
            H(r, " selected");
        H(r, ">");
        h_text(r, jurs[i]->jurisdiction_short);
        H(r, "</option>");
    }
    H(r, "</select><label for=\"f-status\">");
    h_msg(r, "Status");
    H(r, "</label><select id=\"f-status\" name=\"status\"><option value=\"\">");
    h_msg(r, "All");
    H(r, "</option>");
    for (size_t i = 0; i < COUNT(alliance_status); i++) {
        H(r, "<option value=\"");
        h_text(r, alliance_status[i].value);
        H(r, "\"");
        if (status && strcmp(status, alliance_status[i].value) == 0)
            H(r, " selected");
        H(r, ">");
        h_msg(r, alliance_status[i].msgid);
        H(r, "</option>");
    }
    H(r, "</select>");
    listing_search_field(r, q);
    H(r, "<button type=\"submit\">");
    h_msg(r, "Filter");
    H(r, "</button></form>");
    listing_downloads(r, base);
    listing_table(r, s, "alliances", (size_t)offset, PAGE_SIZE);
    listing_pager(r, base, NULL, (size_t)offset, PAGE_SIZE, s->nrows);
    page_end(r);
}

/* --- one alliance ---------------------------------------------------------------------------- */

/* What the tab builders share: the alliance, and the lists the tab shows. */
#define MAX_LISTS 5
struct view {
    struct request *r;
    const struct rg_alliance *al;
    const char *today;
    bool contact; /* may see people's email and phone */
    size_t nlists;
    const char *ids[MAX_LISTS];
    struct sheet *lists[MAX_LISTS];
    const char *note; /* a msgid shown under the tab's lists, or NULL */
};

static void add_list(struct view *v, const char *id, struct sheet *s)
{
    if (v->nlists < MAX_LISTS) {
        v->ids[v->nlists] = id;
        v->lists[v->nlists++] = s;
    }
}

static const struct colspec member_cols[] = {
    {N_("Organisation key"), SK_TEXT, true},
    {N_("Organisation"), SK_TEXT, false},
    {N_("Kind"), SK_TEXT, false},
    {N_("Role in the alliance"), SK_TEXT, false},
    {N_("Joined"), SK_DATE, false},
    {N_("Left"), SK_DATE, false},
    {N_("Charter version acknowledged"), SK_INT, false},
    {N_("Acknowledged on"), SK_DATE, false},
    {N_("CAST approval of joining"), SK_DATE, false},
    {N_("Unified social credit code"), SK_TEXT, false},
};

static int tab_members(struct view *v)
{
    struct request *r = v->r;
    struct v_member *m;
    size_t n;
    int rc = st_v_members(r->db, r->a, v->al->id, &m, &n);
    if (rc != DB_OK)
        return rc;
    /* Current members first, then those who left; each part in stroke order (as the API). */
    struct ordered *o = order_members(r->a, m, n, v->today);
    struct sheet *s = new_sheet(r, N_("Members"), member_cols, COUNT(member_cols));
    for (size_t i = 0; i < n; i++) {
        const struct v_member *x = o[i].row;
        sheet_row(s);
        sheet_text(s, x->org_key);
        sheet_text(s, x->org_name);
        sheet_text(s, LABEL(r, org_kind, x->org_kind));
        sheet_text(s, LABEL(r, member_role, x->role));
        sheet_date(s, x->joined_on);
        sheet_date(s, x->left_on);
        if (x->charter_ack_version > 0)
            sheet_int(s, x->charter_ack_version);
        else
            sheet_empty(s);
        sheet_date(s, x->charter_ack_date);
        sheet_date(s, x->join_approved_date);
        sheet_text(s, x->uscc);
    }
    add_list(v, "members", s);
    return DB_OK;
}

static const struct colspec body_cols[] = {
    {N_("Body"), SK_TEXT, false},
    {N_("Kind"), SK_TEXT, false},
    {N_("Leading organisation"), SK_TEXT, false},
    {N_("Task"), SK_TEXT, false},
    {N_("Task completed on"), SK_DATE, false},
    {N_("Dissolved on"), SK_DATE, false},
    {N_("Posts held"), SK_INT, false},
};
/* The last two only for those who may see contact data. */
static const struct colspec post_cols[] = {
    {N_("Body"), SK_TEXT, false},
    {N_("Position"), SK_TEXT, false},
    {N_("Person"), SK_TEXT, false},
    {N_("Title"), SK_TEXT, false},
    {N_("Works at"), SK_TEXT, false},
    {N_("From"), SK_DATE, false},
    {N_("To"), SK_DATE, false},
    {N_("Recommended by"), SK_TEXT, false},
    {N_("CAST approval"), SK_TEXT, false},
    {N_("Email"), SK_TEXT, false},
    {N_("Phone"), SK_TEXT, false},
};

static int tab_bodies(struct view *v)
{
    struct request *r = v->r;
    struct v_body *b;
    struct v_post *p;
    size_t nb, np;
    int rc = st_v_bodies(r->db, r->a, v->al->id, v->today, &b, &nb);
    if (rc == DB_OK)
        rc = st_v_posts(r->db, r->a, v->al->id, v->contact, &p, &np);
    if (rc != DB_OK)
        return rc;
    struct sheet *s = new_sheet(r, N_("Bodies"), body_cols, COUNT(body_cols));
    for (size_t i = 0; i < nb; i++) {
        sheet_row(s);
        sheet_text(s, b[i].name);
        sheet_text(s, LABEL(r, body_kind, b[i].kind));
        sheet_text(s, b[i].lead);
        sheet_text(s, b[i].task);
        sheet_date(s, b[i].task_completed_on);
        sheet_date(s, b[i].dissolved_on);
        sheet_int(s, b[i].posts);
    }
    add_list(v, "bodies", s);

    /* Within each body: those in office first, by the rank of their role, then in stroke order. */
    struct ordered *o = arena_alloc(r->a, (np ? np : 1) * sizeof *o);
    for (size_t i = 0; i < np; i++) {
        bool past = p[i].to && strcmp(p[i].to, v->today) < 0;
        int64_t rank = label_index(post_role, COUNT(post_role), p[i].role);
        o[i] = (struct ordered){(p[i].body_seq * 2 + past) * 100 + rank, p[i].person, &p[i]};
    }
    order_rows(o, np);
    s = new_sheet(r, N_("Posts"), post_cols, COUNT(post_cols) - (v->contact ? 0 : 2));
    for (size_t i = 0; i < np; i++) {
        const struct v_post *x = o[i].row;
        sheet_row(s);
        sheet_text(s, x->body);
        sheet_text(s, LABEL(r, post_role, x->role));
        sheet_text(s, x->person);
        sheet_text(s, x->title);
        sheet_text(s, x->organisation);
        sheet_date(s, x->from);
        sheet_date(s, x->to);
        sheet_text(s, x->recommended_by);
        sheet_text(s, approval(r, x->cast_approved_date, NULL, x->cast_approved_ref));
        if (v->contact) {
            sheet_text(s, x->email);
            sheet_text(s, x->phone);
        }
    }
    add_list(v, "posts", s);
    if (!v->contact)
        v->note = N_("Email addresses and telephone numbers are shown only to the jurisdiction's "
                     "officers and the alliance's secretariat.");
    return DB_OK;
}

static const struct colspec meeting_cols[] = {
    {N_("Date"), SK_DATE, false},
    {N_("Kind"), SK_TEXT, false},
    {N_("Title"), SK_TEXT, false},
    {N_("Status"), SK_TEXT, false},
    {N_("Chaired by"), SK_TEXT, false},
    {N_("Minutes signed by"), SK_TEXT, false},
    {N_("Minutes signed on"), SK_DATE, false},
    {N_("Minutes distributed on"), SK_DATE, false},
};

static int tab_meetings(struct view *v)
{
    struct request *r = v->r;
    struct v_meeting *m;
    size_t n;
    int rc = st_v_meetings(r->db, r->a, v->al->id, &m, &n);
    if (rc != DB_OK)
        return rc;
    struct sheet *s = new_sheet(r, N_("Meetings"), meeting_cols, COUNT(meeting_cols));
    for (size_t i = 0; i < n; i++) {
        sheet_row(s);
        sheet_date(s, m[i].date);
        sheet_text(s, LABEL(r, meeting_kind, m[i].kind));
        sheet_text(s, m[i].title);
        sheet_text(s, LABEL(r, meeting_status, m[i].status));
        sheet_text(s, m[i].chaired_by);
        sheet_text(s, m[i].minutes_signed_by);
        sheet_date(s, m[i].minutes_signed_on);
        sheet_date(s, m[i].minutes_distributed_on);
    }
    add_list(v, "meetings", s);
    return DB_OK;
}

static const struct colspec plan_cols[] = {
    {N_("Kind"), SK_TEXT, false},
    {N_("From year"), SK_INT, false},
    {N_("To year"), SK_INT, false},
    {N_("Title"), SK_TEXT, false},
    {N_("Reviewed by the presidium on"), SK_DATE, false},
    {N_("Reviewed at"), SK_TEXT, false},
    {N_("Filed with CAST"), SK_TEXT, false},
};

static int tab_plans(struct view *v)
{
    struct request *r = v->r;
    struct v_plan *p;
    size_t n;
    int rc = st_v_plans(r->db, r->a, v->al->id, &p, &n);
    if (rc != DB_OK)
        return rc;
    struct sheet *s = new_sheet(r, N_("Plans"), plan_cols, COUNT(plan_cols));
    for (size_t i = 0; i < n; i++) {
        sheet_row(s);
        sheet_text(s, LABEL(r, plan_kind, p[i].kind));
        sheet_int(s, p[i].from_year);
        sheet_int(s, p[i].to_year);
        sheet_text(s, p[i].title);
        sheet_date(s, p[i].reviewed_date);
        sheet_text(s, p[i].reviewed_title);
        sheet_text(s, approval(r, p[i].filed_date, NULL, p[i].filed_ref));
    }
    add_list(v, "plans", s);
    return DB_OK;
}

static const struct colspec account_cols[] = {
    {N_("Account key"), SK_TEXT, true},
    {N_("Account"), SK_TEXT, false},
    {N_("Class"), SK_TEXT, false},
    {N_("Balance"), SK_MONEY, false},
};
static const struct colspec fund_cols[] = {
    {N_("Fund key"), SK_TEXT, true},    {N_("Fund"), SK_TEXT, false},
    {N_("Restricted"), SK_TEXT, false}, {N_("Purpose"), SK_TEXT, false},
    {N_("Raised"), SK_MONEY, false},    {N_("Used"), SK_MONEY, false},
    {N_("Balance"), SK_MONEY, false},
};
static const struct colspec posting_cols[] = {
    {N_("Transaction key"), SK_TEXT, true}, {N_("Date"), SK_DATE, false},
    {N_("Voucher"), SK_TEXT, false},        {N_("Memo"), SK_TEXT, false},
    {N_("Account"), SK_TEXT, false},        {N_("Fund"), SK_TEXT, false},
    {N_("Debit"), SK_MONEY, false},         {N_("Credit"), SK_MONEY, false},
};
static const struct colspec report_cols[] = {
    {N_("Year"), SK_INT, false},
    {N_("Submitted on"), SK_DATE, false},
    {N_("Raised"), SK_MONEY, false},
    {N_("Used"), SK_MONEY, false},
};
static const struct colspec report_line_cols[] = {
    {N_("Year"), SK_INT, false},
    {N_("Fund"), SK_TEXT, false},
    {N_("Raised"), SK_MONEY, false},
    {N_("Used"), SK_MONEY, false},
};

static void report_rows(struct sheet *s, const struct v_fund_report *x, size_t n, bool lines)
{
    for (size_t i = 0; i < n; i++) {
        sheet_row(s);
        sheet_int(s, x[i].year);
        if (lines)
            sheet_text(s, x[i].fund);
        else
            sheet_date(s, x[i].submitted_on);
        sheet_money(s, x[i].raised_fen);
        sheet_money(s, x[i].used_fen);
    }
}

static int tab_ledger(struct view *v)
{
    struct request *r = v->r;
    struct v_account *ac;
    struct v_fund *f;
    struct v_posting *p;
    struct v_fund_report *rep, *lines;
    size_t nac, nf, np, nrep, nlines;
    int rc = st_v_accounts(r->db, r->a, v->al->id, &ac, &nac);
    if (rc == DB_OK)
        rc = st_v_funds(r->db, r->a, v->al->id, &f, &nf);
    if (rc == DB_OK)
        rc = st_v_postings(r->db, r->a, v->al->id, &p, &np);
    if (rc == DB_OK)
        rc = st_v_fund_reports(r->db, r->a, v->al->id, &rep, &nrep);
    if (rc == DB_OK)
        rc = st_v_fund_report_lines(r->db, r->a, v->al->id, &lines, &nlines);
    if (rc != DB_OK)
        return rc;

    struct sheet *s = new_sheet(r, N_("Ledger accounts"), account_cols, COUNT(account_cols));
    for (size_t i = 0; i < nac; i++) {
        sheet_row(s);
        sheet_text(s, ac[i].key);
        sheet_text(s, ac[i].name);
        sheet_text(s, LABEL(r, account_type, ac[i].type));
        /* Debits are positive: assets and expenses carry debit balances, the other classes
         * credit balances, each shown the way it is read. */
        bool debit = strcmp(ac[i].type, "asset") == 0 || strcmp(ac[i].type, "expense") == 0;
        sheet_money(s, debit ? ac[i].sum_fen : -ac[i].sum_fen);
    }
    add_list(v, "accounts", s);

    s = new_sheet(r, N_("Funds"), fund_cols, COUNT(fund_cols));
    for (size_t i = 0; i < nf; i++) {
        sheet_row(s);
        sheet_text(s, f[i].key);
        sheet_text(s, f[i].name);
        sheet_text(s, T(r, f[i].restricted ? N_("Yes") : N_("No")));
        sheet_text(s, f[i].purpose);
        sheet_money(s, f[i].raised_fen);
        sheet_money(s, f[i].used_fen);
        sheet_money(s, f[i].raised_fen - f[i].used_fen);
    }
    add_list(v, "funds", s);

    s = new_sheet(r, N_("Transactions"), posting_cols, COUNT(posting_cols));
    for (size_t i = 0; i < np; i++) {
        sheet_row(s);
        sheet_text(s, p[i].tx_key);
        sheet_date(s, p[i].date);
        sheet_text(s, p[i].voucher);
        sheet_text(s, p[i].memo);
        sheet_text(s, p[i].account);
        sheet_text(s, p[i].fund);
        if (p[i].amount_fen >= 0) {
            sheet_money(s, p[i].amount_fen);
            sheet_empty(s);
        } else {
            sheet_empty(s);
            sheet_money(s, -p[i].amount_fen);
        }
    }
    add_list(v, "transactions", s);

    s = new_sheet(r, N_("Fund reports"), report_cols, COUNT(report_cols));
    report_rows(s, rep, nrep, false);
    add_list(v, "fund-reports", s);
    s = new_sheet(r, N_("Fund reports by fund"), report_line_cols, COUNT(report_line_cols));
    report_rows(s, lines, nlines, true);
    add_list(v, "fund-report-lines", s);
    return DB_OK;
}

static const struct colspec output_cols[] = {
    {N_("Output key"), SK_TEXT, true}, {N_("Title"), SK_TEXT, false},
    {N_("Kind"), SK_TEXT, false},      {N_("Date"), SK_DATE, false},
    {N_("Releases"), SK_INT, false},
};
static const struct colspec release_cols[] = {
    {N_("Output"), SK_TEXT, false},   {N_("Released by"), SK_TEXT, false},
    {N_("Date"), SK_DATE, false},     {N_("Kind"), SK_TEXT, false},
    {N_("Approval"), SK_TEXT, false},
};

static int tab_outputs(struct view *v)
{
    struct request *r = v->r;
    struct v_output *o;
    struct v_release *rel;
    size_t no, nrel;
    int rc = st_v_outputs(r->db, r->a, v->al->id, &o, &no);
    if (rc == DB_OK)
        rc = st_v_releases(r->db, r->a, v->al->id, &rel, &nrel);
    if (rc != DB_OK)
        return rc;
    struct sheet *s = new_sheet(r, N_("Outputs"), output_cols, COUNT(output_cols));
    for (size_t i = 0; i < no; i++) {
        sheet_row(s);
        sheet_text(s, o[i].key);
        sheet_text(s, o[i].title);
        sheet_text(s, LABEL(r, output_kind, o[i].kind));
        sheet_date(s, o[i].date);
        sheet_int(s, o[i].releases);
    }
    add_list(v, "outputs", s);
    s = new_sheet(r, N_("Releases"), release_cols, COUNT(release_cols));
    for (size_t i = 0; i < nrel; i++) {
        sheet_row(s);
        sheet_text(s, rel[i].output);
        sheet_text(s, rel[i].by);
        sheet_date(s, rel[i].date);
        sheet_text(s, LABEL(r, release_kind, rel[i].kind));
        sheet_text(s, approval(r, rel[i].approved_date, rel[i].approved_by, rel[i].approved_ref));
    }
    add_list(v, "releases", s);
    return DB_OK;
}

static const struct colspec news_cols[] = {
    {N_("News key"), SK_TEXT, true},      {N_("Title"), SK_TEXT, false},
    {N_("Author"), SK_TEXT, false},       {N_("Status"), SK_TEXT, false},
    {N_("Published on"), SK_DATE, false}, {N_("Reviewed by"), SK_TEXT, false},
    {N_("Approved on"), SK_DATE, false},  {N_("Rejected on"), SK_DATE, false},
};

static int tab_news(struct view *v)
{
    struct request *r = v->r;
    struct v_news *x;
    size_t n;
    int rc = st_v_news(r->db, r->a, v->al->id, &x, &n);
    if (rc != DB_OK)
        return rc;
    struct sheet *s = new_sheet(r, N_("News"), news_cols, COUNT(news_cols));
    for (size_t i = 0; i < n; i++) {
        sheet_row(s);
        sheet_text(s, x[i].key);
        sheet_text(s, x[i].title);
        sheet_text(s, x[i].author);
        sheet_text(s, LABEL(r, news_status, x[i].status));
        sheet_date(s, x[i].published_on);
        sheet_text(s, x[i].reviewer);
        sheet_date(s, x[i].approved_on);
        sheet_date(s, x[i].rejected_on);
    }
    add_list(v, "news", s);
    return DB_OK;
}

static const struct colspec activity_cols[] = {
    {N_("Activity key"), SK_TEXT, true}, {N_("Task"), SK_TEXT, false},
    {N_("Kind"), SK_TEXT, false},        {N_("Title"), SK_TEXT, false},
    {N_("Date"), SK_DATE, false},        {N_("Participating organisations"), SK_INT, false},
};

static int tab_activities(struct view *v)
{
    struct request *r = v->r;
    struct v_activity *x;
    size_t n;
    int rc = st_v_activities(r->db, r->a, v->al->id, &x, &n);
    if (rc != DB_OK)
        return rc;
    struct sheet *s = new_sheet(r, N_("Activities"), activity_cols, COUNT(activity_cols));
    for (size_t i = 0; i < n; i++) {
        sheet_row(s);
        sheet_text(s, x[i].key);
        sheet_text(s, LABEL(r, activity_task, x[i].task));
        sheet_text(s, LABEL(r, activity_kind, x[i].kind));
        sheet_text(s, x[i].title);
        sheet_date(s, x[i].date);
        sheet_int(s, x[i].participants);
    }
    add_list(v, "activities", s);
    return DB_OK;
}

/* The compliance tab lists no records: its findings come from the engine, outside the tab's
 * snapshot (the engine reads the database by itself), and are shown grouped by article. */
static int tab_compliance(struct view *v)
{
    (void)v;
    return DB_OK;
}

struct tab {
    const char *id, *title;
    int (*build)(struct view *v);
};

static const struct tab tabs[] = {
    {"members", N_("Members"), tab_members},
    {"bodies", N_("Bodies and posts"), tab_bodies},
    {"meetings", N_("Meetings"), tab_meetings},
    {"plans", N_("Plans"), tab_plans},
    {"ledger", N_("Ledger and fund reports"), tab_ledger},
    {"outputs", N_("Outputs"), tab_outputs},
    {"news", N_("News"), tab_news},
    {"activities", N_("Activities"), tab_activities},
    {"compliance", N_("Compliance"), tab_compliance},
};

static void summary(struct request *r, const struct rg_alliance *al)
{
    H(r, "<p class=\"crumbs\"><a href=\"/alliances\">");
    h_msg(r, "Alliances");
    H(r, "</a></p><h1>");
    h_text(r, al->name);
    H(r, "</h1><dl class=\"facts\"><dt>");
    h_msg(r, "Jurisdiction");
    H(r, "</dt><dd>");
    h_text(r, al->jurisdiction_name);
    H(r, "</dd><dt>");
    h_msg(r, "Status");
    H(r, "</dt><dd>");
    h_text(r, LABEL(r, alliance_status, al->status));
    H(r, "</dd><dt>");
    h_msg(r, "Establishment approved");
    H(r, "</dt><dd>");
    h_text(r, al->established_date ? approval(r, al->established_date, NULL, al->established_ref)
                                   : "—");
    H(r, "</dd><dt>");
    h_msg(r, "Current members");
    H(r, "</dt><dd id=\"member-count\">");
    h_int(r, al->members);
    H(r, "</dd></dl><p class=\"actions\"><a href=\"/alliances/");
    h_path_segment(r, al->key);
    H(r, "/register\">");
    h_msg(r, "Register and requests");
    H(r, "</a><a href=\"/alliances/");
    h_path_segment(r, al->key);
    H(r, "/charter\">");
    h_msg(r, "Charter");
    H(r, "</a></p>");
}

void page_alliance(struct request *r)
{
    const char *key = r->params[0];
    enum listing_format fmt;
    /* ?offset= and ?limit= (rows per page, up to MAX_PAGE_SIZE) page the list named by ?list=. */
    int64_t offset = 0, limit = PAGE_SIZE;
    const char *q;
    if (!listing_format(r, &fmt) || !req_query_int(r, "offset", 0, INT32_MAX, &offset) ||
        !req_query_int(r, "limit", 1, MAX_PAGE_SIZE, &limit) || !listing_query(r, &q))
        return;
    const struct tab *tab = &tabs[0];
    const char *want = req_query(r, "tab");
    if (want && *want) {
        tab = NULL;
        for (size_t i = 0; i < COUNT(tabs) && !tab; i++)
            if (strcmp(want, tabs[i].id) == 0)
                tab = &tabs[i];
        if (!tab) {
            resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "tab", "There is no such tab.");
            return;
        }
    }
    char today[11];
    clock_date(clock_now(), today);
    struct rg_alliance al;
    struct view v = {.r = r, .al = &al, .today = today};
    bool allowed = false;
    /* The alliance and the tab's queries see one snapshot, so its lists agree with each other. */
    int rc = key_valid(key) ? db_begin_read(r->db) : DB_DONE;
    if (rc == DB_OK) {
        rc = st_rg_alliance(r->db, r->a, key, today, &al);
        if (rc == DB_ROW)
            allowed = can_alliance(&r->who, RIGHT_BUSINESS_READ, al.jurisdiction, al.key);
        if (allowed) {
            v.contact = can_alliance(&r->who, RIGHT_CONTACT_READ, al.jurisdiction, al.key);
            rc = tab->build(&v);
        }
        if (rc < 0)
            db_rollback(r->db);
        else if (db_commit(r->db) != DB_OK)
            rc = DB_ERR;
    }
    if (rc == DB_DONE) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is no such alliance.");
        return;
    }
    if (rc < 0) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    if (!allowed) {
        resp_error(r, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
        return;
    }
    /* ?q= searches every list of the tab; downloads and pages carry it on. */
    for (size_t i = 0; q && i < v.nlists; i++)
        v.lists[i] = sheet_filter(v.lists[i], q);
    /* ?list= names the list a download or the pager is for; the tab's first by default. */
    size_t which = 0;
    const char *list = req_query(r, "list");
    if (list && *list) {
        which = v.nlists;
        for (size_t i = 0; i < v.nlists; i++)
            if (strcmp(list, v.ids[i]) == 0)
                which = i;
        if (which == v.nlists) {
            resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "list",
                       "This tab has no such list.");
            return;
        }
    }
    struct findings fs = {0};
    if (tab->build == tab_compliance) {
        if (fmt != LIST_HTML) {
            resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "format",
                       "This tab has no such list.");
            return;
        }
        if (!ui_findings_today(r, al.key, &fs))
            return;
    }
    if (fmt != LIST_HTML) {
        listing_send(r, v.lists[which], fmt, arena_printf(r->a, "%s-%s", al.key, v.ids[which]));
        return;
    }

    page_begin(r, al.name);
    summary(r, &al);
    H(r, "<nav class=\"tabs\" aria-label=\"");
    h_msg(r, "Sections");
    H(r, "\"><ul>");
    for (size_t i = 0; i < COUNT(tabs); i++) {
        H(r, "<li><a href=\"/alliances/");
        h_path_segment(r, al.key);
        H(r, "?tab=");
        h_text(r, tabs[i].id);
        H(r, "\"");
        if (&tabs[i] == tab)
            H(r, " aria-current=\"page\"");
        H(r, ">");
        h_msg(r, tabs[i].title);
        H(r, "</a></li>");
    }
    H(r, "</ul></nav>");
    if (v.nlists) {
        H(r, "<form method=\"get\" action=\"/alliances/");
        h_path_segment(r, al.key);
        H(r, "\" class=\"inline filters\"><input type=\"hidden\" name=\"tab\" value=\"");
        h_text(r, tab->id);
        H(r, "\">");
        listing_search_field(r, q);
        H(r, "<button type=\"submit\">");
        h_msg(r, "Filter");
        H(r, "</button></form>");
    }
    for (size_t i = 0; i < v.nlists; i++) {
        size_t off = i == which ? (size_t)offset : 0, rows = i == which ? (size_t)limit : PAGE_SIZE;
        const char *base = listing_with_query(
            r,
            rows == PAGE_SIZE
                ? arena_printf(r->a, "/alliances/%s?tab=%s&list=%s", al.key, tab->id, v.ids[i])
                : arena_printf(r->a, "/alliances/%s?tab=%s&list=%s&limit=%zu", al.key, tab->id,
                               v.ids[i], rows),
            q);
        H(r, "<section class=\"list\" aria-labelledby=\"h-");
        h_text(r, v.ids[i]);
        H(r, "\"><h2 id=\"h-");
        h_text(r, v.ids[i]);
        H(r, "\">");
        h_text(r, v.lists[i]->name);
        H(r, "</h2>");
        listing_downloads(r, base);
        listing_table(r, v.lists[i], v.ids[i], off, rows);
        listing_pager(r, base, v.ids[i], off, rows, v.lists[i]->nrows);
        H(r, "</section>");
    }
    if (tab->build == tab_compliance)
        ui_alliance_findings(r, al.key, &fs);
    if (tab->build == tab_meetings && !ui_meetings_tab(r, al.id, al.key, al.jurisdiction)) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    if (tab->build == tab_meetings) { /* the same meetings for a calendar (pages/feeds.c) */
        H(r, "<p class=\"feeds\"><a id=\"meetings-ics\" type=\"text/calendar\" href=\"/alliances/");
        h_path_segment(r, al.key);
        H(r, "/meetings.ics\">");
        h_msg(r, "Meetings calendar (iCalendar)");
        H(r, "</a></p>");
    }
    if (v.note) {
        H(r, "<p class=\"hint\">");
        h_msg(r, v.note);
        H(r, "</p>");
    }
    page_end(r);
}
