/* The approvals inbox (/approvals, 待办): the requests waiting for the signed-in user's decision,
 * each with its decision form; the user's own requests and their state, with a withdraw button
 * while they wait; and every request the user may see, as a list that filters, pages and
 * downloads like every other. Deciding posts to /approvals/{id}/decision; whether the user may is
 * domain/approvals.c's to say, and a refusal comes back beside the form it came from. */
#include "domain/approvals.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/pages/register_ui.h"
#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 50

/* What a failed decision left behind: the request it was about and the fail, with the values the
 * user typed. */
struct attempt {
    int64_t id;
    const struct fail *f;
    const char *date, *ref, *comment;
};

static const char *field_error(const struct attempt *at, int64_t id, const char *field)
{
    if (!at || at->id != id || !at->f || !at->f->field)
        return NULL;
    return strcmp(at->f->field, field) == 0 ? at->f->message : NULL;
}

static void decision_form(struct request *r, const struct rg_request *q, const char *today,
                          const struct attempt *at)
{
    bool mine = at && at->id == q->id;
    H(r, "<form method=\"post\" class=\"decision\" action=\"/approvals/");
    h_int(r, q->id);
    H(r, "/decision\">");
    h_csrf(r);
    const char *idp = arena_printf(r->a, "%lld", (long long)q->id);
    ui_field_id(r, idp, "date", N_("Date of the decision"), "date",
                mine && at->date ? at->date : today, field_error(at, q->id, "date"), false);
    ui_field_id(r, idp, "ref", N_("Decision document (reference)"), "text", mine ? at->ref : NULL,
                field_error(at, q->id, "ref"), false);
    ui_field_id(r, idp, "comment", N_("Comment"), "text", mine ? at->comment : NULL,
                field_error(at, q->id, "comment"), false);
    H(r, "<button type=\"submit\" name=\"decision\" value=\"approved\">");
    h_msg(r, "Approve");
    H(r,
      "</button><button type=\"submit\" name=\"decision\" value=\"rejected\" class=\"secondary\">");
    h_msg(r, "Reject");
    H(r, "</button></form>");
}

static void withdraw_form(struct request *r, const struct rg_request *q)
{
    H(r, "<form method=\"post\" class=\"inline\" action=\"/approvals/");
    h_int(r, q->id);
    H(r, "/withdraw\">");
    h_csrf(r);
    H(r, "<button type=\"submit\" class=\"small\">");
    h_msg(r, "Withdraw");
    H(r, "</button></form>");
}

/* One request as a list item: what, for which alliance, who asked when, its state. */
static void request_item(struct request *r, const struct rg_request *q, const char *today,
                         bool decide, const struct attempt *at)
{
    enum ap_state st = ap_state_of(q);
    H(r, "<li id=\"request-");
    h_int(r, q->id);
    H(r, "\"");
    if (st != AP_PENDING)
        H(r, " class=\"decided\"");
    H(r, "><p><strong>");
    h_text(r, ui_request_label(r, q));
    H(r, "</strong> · <a href=\"/alliances/");
    h_path_segment(r, q->alliance);
    H(r, "\">");
    h_text(r, q->alliance_name);
    H(r, "</a></p><p class=\"hint\">");
    h_text(r, ui_request_summary(r, q));
    H(r, "</p><p>");
    ui_request_state(r, q);
    H(r, "</p>");
    /* A refusal of this request's form: beside its field when it has one, else here. */
    if (at && at->id == q->id && at->f && (!at->f->field || !decide))
        ui_fail_banner(r, at->f);
    if (decide && st == AP_PENDING)
        decision_form(r, q, today, at);
    else if (ap_may_withdraw(&r->who, q))
        withdraw_form(r, q);
    H(r, "</li>");
}

static const struct {
    const char *msgid;
    enum sheet_kind kind;
    bool export_only;
} all_cols[] = {
    {N_("Number"), SK_INT, false},
    {N_("Request"), SK_TEXT, false},
    {N_("Alliance"), SK_TEXT, false},
    {N_("Details"), SK_TEXT, false},
    {N_("Asked by"), SK_TEXT, false},
    {N_("Asked at"), SK_TEXT, false},
    {N_("State"), SK_TEXT, false},
    {N_("Date of the decision"), SK_DATE, false},
    {N_("Decision document"), SK_TEXT, false},
    {N_("Decided by"), SK_TEXT, false},
    {N_("Comment"), SK_TEXT, true},
};

static void inbox(struct request *r, int status, const struct attempt *at)
{
    enum listing_format fmt;
    int64_t offset = 0;
    if (!listing_format(r, &fmt) || !req_query_int(r, "offset", 0, INT32_MAX, &offset))
        return;
    const char *state = req_query(r, "state");
    if (state && !*state)
        state = NULL;
    if (state && strcmp(state, "pending") != 0 && strcmp(state, "approved") != 0 &&
        strcmp(state, "rejected") != 0 && strcmp(state, "withdrawn") != 0) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "state", "There is no such state.");
        return;
    }
    char today[11];
    clock_date(clock_now(), today);
    struct ap_inbox in;
    if (ap_inbox(r->db, r->a, &r->who, today, &in) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    struct sheet_col *cols = arena_alloc(r->a, sizeof all_cols / sizeof all_cols[0] * sizeof *cols);
    size_t ncols = sizeof all_cols / sizeof all_cols[0];
    for (size_t i = 0; i < ncols; i++)
        cols[i] =
            (struct sheet_col){T(r, all_cols[i].msgid), all_cols[i].kind, all_cols[i].export_only};
    struct sheet *s = sheet_new(r->a, T(r, N_("Requests")), cols, ncols);
    for (size_t i = 0; i < in.n_visible; i++) {
        const struct rg_request *q = in.visible[i];
        if (state && strcmp(state, ap_state_name(ap_state_of(q))) != 0)
            continue;
        sheet_row(s);
        sheet_int(s, q->id);
        sheet_text(s, ui_request_label(r, q));
        sheet_link(s, q->alliance_name, arena_printf(r->a, "/alliances/%s", q->alliance));
        sheet_text(s, ui_request_summary(r, q));
        sheet_text(s, q->requested_by);
        sheet_text(s, q->requested_at);
        sheet_text(s, T(r, ui_state_label(ap_state_of(q))));
        sheet_text(s, q->decided_on);
        sheet_text(s, q->ref);
        sheet_text(s, q->decided_by);
        sheet_text(s, q->comment);
    }
    if (fmt != LIST_HTML) {
        listing_send(r, s, fmt, "approvals");
        return;
    }
    r->status = status;
    page_begin(r, N_("Approvals"));
    H(r, "<h1>");
    h_msg(r, "Approvals");
    H(r, "</h1>");
    if (req_query(r, "done"))
        ui_ok_banner(r, N_("The decision has been recorded."));
    H(r, "<section class=\"card\" aria-labelledby=\"h-to-decide\"><h2 id=\"h-to-decide\">");
    h_msg(r, "Waiting for your decision");
    H(r, " <span class=\"count\" id=\"count-to-decide\">");
    h_textf(r, "%zu", in.n_to_decide);
    H(r, "</span></h2>");
    if (in.n_to_decide == 0) {
        H(r, "<p class=\"hint\">");
        h_msg(r, "Nothing is waiting for your decision.");
        H(r, "</p>");
    } else {
        H(r, "<ul class=\"requests\" id=\"to-decide\">");
        for (size_t i = 0; i < in.n_to_decide; i++)
            request_item(r, in.to_decide[i], today, true, at);
        H(r, "</ul>");
    }
    H(r, "</section><section class=\"card\" aria-labelledby=\"h-mine\"><h2 id=\"h-mine\">");
    h_msg(r, "Your requests");
    H(r, "</h2>");
    if (in.n_mine == 0) {
        H(r, "<p class=\"hint\">");
        h_msg(r, "You have asked for no decision.");
        H(r, "</p>");
    } else {
        H(r, "<ul class=\"requests\" id=\"mine\">");
        for (size_t i = 0; i < in.n_mine && i < 20; i++)
            request_item(r, in.mine[i], today, false, at);
        H(r, "</ul>");
    }
    H(r, "</section><section class=\"list\" aria-labelledby=\"h-all\"><h2 id=\"h-all\">");
    h_msg(r, "All requests you can see");
    H(r, "</h2><form method=\"get\" action=\"/approvals\" class=\"inline filters\">"
         "<label for=\"f-state\">");
    h_msg(r, "State");
    H(r, "</label><select id=\"f-state\" name=\"state\"><option value=\"\">");
    h_msg(r, "All");
    H(r, "</option>");
    for (int i = 0; i < AP_STATE_COUNT; i++) {
        H(r, "<option value=\"");
        h_text(r, ap_state_name((enum ap_state)i));
        H(r, "\"");
        if (state && strcmp(state, ap_state_name((enum ap_state)i)) == 0)
            H(r, " selected");
        H(r, ">");
        h_msg(r, ui_state_label((enum ap_state)i));
        H(r, "</option>");
    }
    H(r, "</select><button type=\"submit\">");
    h_msg(r, "Filter");
    H(r, "</button></form>");
    const char *base = arena_printf(r->a, "/approvals?state=%s", state ? state : "");
    listing_downloads(r, base);
    listing_table(r, s, "requests", (size_t)offset, PAGE_SIZE);
    listing_pager(r, base, "h-all", (size_t)offset, PAGE_SIZE, s->nrows);
    H(r, "</section>");
    page_end(r);
}

void page_approvals(struct request *r)
{
    inbox(r, 200, NULL);
}

static bool id_param(struct request *r, int64_t *id)
{
    char *end;
    long long v = strtoll(r->params[0], &end, 10);
    if (!*r->params[0] || *end || v <= 0 || strlen(r->params[0]) > 18) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is no such request.");
        return false;
    }
    *id = v;
    return true;
}

void page_approval_decide(struct request *r)
{
    int64_t id;
    if (!id_param(r, &id))
        return;
    const char *decision = req_form(r, "decision");
    struct attempt at = {.id = id,
                         .date = req_form(r, "date"),
                         .ref = req_form(r, "ref"),
                         .comment = req_form(r, "comment")};
    struct fail f = {0};
    enum ap_action action;
    bool ok;
    if (!ap_action_parse(decision, &action))
        ok = fail(&f, FAIL_INVALID, "invalid_decision", NULL,
                  "The decision is approved or rejected.");
    else
        ok = ap_decide(r->db, &r->who, id, action, at.date, at.ref, at.comment, &f);
    if (ok) {
        resp_redirect(r, arena_printf(r->a, "/approvals?done=%lld#h-to-decide", (long long)id));
        return;
    }
    at.f = &f;
    inbox(r, fail_status(f.kind), &at);
}

void page_approval_withdraw(struct request *r)
{
    int64_t id;
    if (!id_param(r, &id))
        return;
    struct fail f = {0};
    if (ap_withdraw(r->db, &r->who, id, req_form(r, "comment"), &f)) {
        resp_redirect(r, "/approvals#h-mine");
        return;
    }
    struct attempt at = {.id = id, .f = &f};
    inbox(r, fail_status(f.kind), &at);
}
