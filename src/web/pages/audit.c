/* The audit trail page for auditors: the chain's state, then the records, newest first. */
#include "audit/audit.h"
#include "store/store.h"
#include "util/clock.h"
#include "web/handlers.h"
#include "web/html.h"
#include <inttypes.h>

#define PAGE_SIZE 50

/* Keeps the date filter on the pager's links. */
static void since_arg(struct request *r, const char *since)
{
    if (!since || !*since)
        return;
    H(r, "&amp;since=");
    h_path_segment(r, since);
}

void page_audit(struct request *r)
{
    int64_t offset = 0;
    if (!req_query_int(r, "offset", 0, INT32_MAX, &offset))
        return;
    const char *since = req_query(r, "since");
    if (since && !*since)
        since = NULL; /* an empty date field in the filter form */
    if (since && !date_valid(since)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_date", "since", "Expected a date as YYYY-MM-DD.");
        return;
    }
    struct audit_report rep;
    int verified = audit_verify(r->db, &rep);
    struct audit_row *rows;
    size_t n;
    int64_t total;
    if (st_audit_page(r->db, r->a, since, PAGE_SIZE, offset, &rows, &n, &total) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    page_begin(r, N_("Audit trail"));
    H(r, "<h1>");
    h_msg(r, "Audit trail");
    H(r, "</h1>");
    if (verified == 0) {
        H(r, "<p class=\"ok banner\" id=\"chain-state\">");
        h_msg(r, "The chain is intact.");
        H(r, " ");
        h_textf(r, "%" PRId64, rep.checked);
        H(r, " ");
        h_msg(r, "records checked.");
    } else {
        H(r, "<p class=\"error banner\" id=\"chain-state\">");
        h_msg(r, "The chain is broken at record");
        h_textf(r, " %" PRId64 ": ", rep.bad_seq);
        h_msg(r, rep.why);
    }
    H(r, "</p><form method=\"get\" action=\"/audit\" class=\"inline\"><label for=\"since\">");
    h_msg(r, "Since");
    H(r, "</label> <input id=\"since\" name=\"since\" type=\"date\" value=\"");
    h_text(r, since ? since : "");
    H(r, "\"> <button type=\"submit\">");
    h_msg(r, "Filter");
    H(r, "</button></form><div class=\"scroll\"><table><thead><tr><th>#</th><th>");
    h_msg(r, "Time");
    H(r, "</th><th>");
    h_msg(r, "Actor");
    H(r, "</th><th>");
    h_msg(r, "Action");
    H(r, "</th><th>");
    h_msg(r, "Subject");
    H(r, "</th><th>");
    h_msg(r, "Details");
    H(r, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        H(r, "<tr><td>");
        h_textf(r, "%" PRId64, rows[i].seq);
        H(r, "</td><td><time datetime=\"");
        h_text(r, rows[i].at);
        H(r, "\">");
        h_text(r, rows[i].at);
        H(r, "</time></td><td>");
        h_text(r, rows[i].actor);
        H(r, "</td><td>");
        h_text(r, rows[i].action);
        H(r, "</td><td>");
        h_text(r, rows[i].subject);
        H(r, "</td><td><code>");
        h_text(r, rows[i].details);
        H(r, "</code></td></tr>");
    }
    H(r, "</tbody></table></div><nav class=\"pager\">");
    if (offset > 0) {
        H(r, "<a href=\"/audit?offset=");
        h_textf(r, "%" PRId64, offset > PAGE_SIZE ? offset - PAGE_SIZE : 0);
        since_arg(r, since);
        H(r, "\">");
        h_msg(r, "Newer");
        H(r, "</a> ");
    }
    h_textf(r, "%" PRId64 "–%" PRId64 " / %" PRId64, n ? offset + 1 : 0, offset + (int64_t)n,
            total);
    if (offset + PAGE_SIZE < total) {
        H(r, " <a href=\"/audit?offset=");
        h_textf(r, "%" PRId64, offset + PAGE_SIZE);
        since_arg(r, since);
        H(r, "\">");
        h_msg(r, "Older");
        H(r, "</a>");
    }
    H(r, "</nav>");
    page_end(r);
}
