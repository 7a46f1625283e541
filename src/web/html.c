/* The escaping renderer and the page frame. */
#include "web/html.h"
#include "auth/rights.h"
#include "domain/approvals.h"
#include "util/clock.h"
#include <cmark.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void html_raw_(struct request *r, const char *s, size_t n)
{
    buf_append(&r->out, s, n);
}

void h_text(struct request *r, const char *s)
{
    if (!s)
        return;
    for (;;) {
        size_t run = strcspn(s, "&<>\"'"); /* most text has none of them: copy it whole */
        buf_append(&r->out, s, run);
        s += run;
        const char *rep;
        switch (*s) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            return; /* the terminating NUL */
        }
        buf_puts(&r->out, rep);
        s++;
    }
}

void h_textf(struct request *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(r->a, fmt, ap);
    va_end(ap);
    h_text(r, s);
}

void h_int(struct request *r, int64_t v)
{
    char d[24], *p = d + sizeof d;
    /* Digits from the right, on the magnitude as unsigned so INT64_MIN has one too. */
    uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        *--p = '-';
    buf_append(&r->out, p, (size_t)(d + sizeof d - p));
}

void h_msg(struct request *r, const char *msgid)
{
    h_text(r, T(r, msgid));
}

void h_csrf(struct request *r)
{
    H(r, "<input type=\"hidden\" name=\"csrf\" value=\"");
    h_text(r, r->csrf ? r->csrf : "");
    H(r, "\">");
}

void h_path_segment(struct request *r, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.') {
            buf_putc(&r->out, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_append(&r->out, e, 3);
        }
    }
}

void h_field(struct request *r, const char *name, const char *label, const char *type,
             const char *value, const char *error, const char *autocomplete, bool required)
{
    H(r, "<div class=\"field");
    if (error)
        H(r, " invalid");
    H(r, "\"><label for=\"f-");
    h_text(r, name);
    H(r, "\">");
    h_msg(r, label);
    H(r, "</label><input id=\"f-");
    h_text(r, name);
    H(r, "\" name=\"");
    h_text(r, name);
    H(r, "\" type=\"");
    h_text(r, type);
    H(r, "\"");
    if (value) {
        H(r, " value=\"");
        h_text(r, value);
        H(r, "\"");
    }
    if (autocomplete) {
        H(r, " autocomplete=\"");
        h_text(r, autocomplete);
        H(r, "\"");
    }
    if (required)
        H(r, " required");
    if (error) {
        H(r, " aria-invalid=\"true\" aria-describedby=\"e-");
        h_text(r, name);
        H(r, "\"><p class=\"error\" id=\"e-");
        h_text(r, name);
        H(r, "\">");
        h_msg(r, error);
        H(r, "</p>");
    } else {
        H(r, ">");
    }
    H(r, "</div>");
}

void h_error(struct request *r, const char *message)
{
    if (!message)
        return;
    H(r, "<p class=\"error banner\" role=\"alert\">");
    h_msg(r, message);
    H(r, "</p>");
}

const char *markdown_html(arena *a, const char *text)
{
    if (!text)
        return "";
    /* CommonMark in cmark's safe mode (the default since 0.29, where CMARK_OPT_SAFE says it for
     * older versions; never CMARK_OPT_UNSAFE): raw HTML is replaced by a comment and links to
     * javascript:, vbscript:, file: and data: URLs are emptied. cmark escapes all other text
     * itself, so its output may be written as it comes. */
    char *html = cmark_markdown_to_html(text, strlen(text), CMARK_OPT_SAFE);
    if (!html)
        return "";
    const char *copy = arena_strdup(a, html);
    free(html);
    return copy;
}

void h_markdown(struct request *r, const char *text)
{
    if (!text)
        return;
    H(r, "<div class=\"markdown\">");
    buf_puts(&r->out, markdown_html(r->a, text)); /* the one audited raw write of Markdown */
    H(r, "</div>");
}

struct nav_item {
    const char *href, *label;
    enum right right;
    bool counts; /* show the approvals waiting for the user */
};

static const struct nav_item nav[] = {
    {"/", N_("Dashboard"), RIGHT_SIGNED_IN, false},
    {"/alliances", N_("Alliances"), RIGHT_BUSINESS_READ, false},
    {"/approvals", N_("Approvals"), RIGHT_BUSINESS_READ, true},
    {"/organisations", N_("Organisations"), RIGHT_BUSINESS_READ, false},
    {"/findings", N_("Findings"), RIGHT_BUSINESS_READ, false},
    {"/admin/users", N_("Accounts"), RIGHT_ACCOUNTS_READ, false},
    {"/audit", N_("Audit trail"), RIGHT_AUDIT, false},
    {"/directory", N_("Public directory"), RIGHT_SIGNED_IN, false},
    {"/news", N_("Alliance news"), RIGHT_SIGNED_IN, false},
};

/* The approvals inbox's numbers beside its link: requests waiting for the user's decision, and
 * the user's own requests still waiting. Nothing when both are zero or the query fails. */
static void nav_counts(struct request *r)
{
    char today[11];
    clock_date(clock_now(), today);
    size_t to_decide = 0, mine = 0;
    if (!r->db || ap_counts(r->db, r->a, &r->who, today, &to_decide, &mine) != DB_OK)
        return;
    if (to_decide) {
        H(r, " <span class=\"badge\" title=\"");
        h_msg(r, "Waiting for your decision");
        H(r, "\"><span class=\"visually-hidden\">");
        h_msg(r, "Waiting for your decision");
        H(r, " </span>");
        h_textf(r, "%zu", to_decide);
        H(r, "</span>");
    }
    if (mine) {
        H(r, " <span class=\"badge mine\" title=\"");
        h_msg(r, "Your requests waiting for a decision");
        H(r, "\"><span class=\"visually-hidden\">");
        h_msg(r, "Your requests waiting for a decision");
        H(r, " </span>");
        h_textf(r, "%zu", mine);
        H(r, "</span>");
    }
}

static void role_list(struct request *r)
{
    for (size_t i = 0; i < r->who.nroles; i++) {
        if (i)
            H(r, "、");
        h_msg(r, r->who.roles[i].role);
        if (*r->who.roles[i].scope) {
            H(r, "（");
            h_text(r, r->who.roles[i].scope);
            H(r, "）");
        }
    }
}

void page_begin(struct request *r, const char *title)
{
    r->content_type = "text/html; charset=utf-8";
    buf_reserve(&r->out, 32 * 1024); /* a page with a list is tens of kB */
    H(r, "<!DOCTYPE html>\n<html lang=\"");
    h_text(r, lang_tag(r->lang));
    H(r, "\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>");
    h_msg(r, title);
    H(r, " · ");
    h_msg(r, "lianheti");
    H(r, "</title><link rel=\"stylesheet\" href=\"/assets/style.css\">"
         "<script src=\"/assets/app.js\" defer></script></head><body>"
         "<header class=\"top\"><a class=\"brand\" href=\"/\">");
    h_msg(r, "lianheti");
    H(r, "</a>");
    if (r->who.kind == ACTOR_USER) {
        H(r, "<nav aria-label=\"");
        h_msg(r, "Main");
        H(r, "\"><ul>");
        for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
            if (!can(&r->who, nav[i].right, NULL) || r->who.must_change)
                continue;
            H(r, "<li><a href=\"");
            h_text(r, nav[i].href);
            if (strcmp(r->path, nav[i].href) == 0)
                H(r, "\" aria-current=\"page\">");
            else
                H(r, "\">");
            h_msg(r, nav[i].label);
            if (nav[i].counts)
                nav_counts(r);
            H(r, "</a></li>");
        }
        H(r, "</ul></nav><div class=\"who\"><span class=\"name\">");
        h_text(r, r->who.name);
        H(r, "</span> <span class=\"roles\">");
        role_list(r);
        H(r, "</span><form method=\"post\" action=\"/logout\">");
        h_csrf(r);
        H(r, "<button type=\"submit\" class=\"link\">");
        h_msg(r, "Sign out");
        H(r, "</button></form></div>");
    } else {
        /* What anyone may read (第十七条), and the way in. */
        H(r, "<nav aria-label=\"");
        h_msg(r, "Main");
        H(r, "\"><ul><li><a href=\"/directory\">");
        h_msg(r, "Public directory");
        H(r, "</a></li><li><a href=\"/news\">");
        h_msg(r, "Alliance news");
        H(r, "</a></li><li><a href=\"/login\">");
        h_msg(r, "Sign in");
        H(r, "</a></li></ul></nav>");
    }
    H(r, "</header><main>");
}

void page_end(struct request *r)
{
    H(r, "</main><footer>");
    h_msg(r, "lianheti: society alliances under the CAST norms");
    H(r, "</footer></body></html>\n");
}

void page_message(struct request *r, int status, const char *title, const char *message)
{
    buf_reset(&r->out);
    r->status = status;
    page_begin(r, title);
    H(r, "<h1>");
    h_msg(r, title);
    H(r, "</h1><p>");
    h_msg(r, message);
    H(r, "</p><p><a href=\"/\">");
    h_msg(r, "Back to the dashboard");
    H(r, "</a></p>");
    page_end(r);
}
