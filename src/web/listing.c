/* Sheets as HTML tables and as downloads (listing.h). */
#include "web/listing.h"
#include "util/money.h"
#include "util/text.h"
#include "web/html.h"
#include <string.h>

bool listing_format(struct request *r, enum listing_format *out)
{
    const char *f = req_query(r, "format");
    if (!f || !*f || strcmp(f, "html") == 0)
        *out = LIST_HTML;
    else if (strcmp(f, "csv") == 0)
        *out = LIST_CSV;
    else if (strcmp(f, "xlsx") == 0)
        *out = LIST_XLSX;
    else {
        resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "format",
                   "The format must be csv or xlsx.");
        return false;
    }
    return true;
}

#define QUERY_MAX 100 /* characters of a search */

bool listing_query(struct request *r, const char **q)
{
    const char *v = req_query(r, "q");
    *q = NULL;
    if (!v || v[strspn(v, " ")] == '\0')
        return true;
    if (utf8_len(v) > QUERY_MAX) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "q",
                   "A search has at most 100 characters.");
        return false;
    }
    *q = v;
    return true;
}

bool listing_params(struct request *r, enum listing_format *fmt, int64_t *offset, const char **q)
{
    *offset = 0;
    return listing_format(r, fmt) && req_query_int(r, "offset", 0, INT32_MAX, offset) &&
           listing_query(r, q);
}

const char *listing_with_query(struct request *r, const char *href_base, const char *q)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!q)
        return href_base;
    buf b = {0};
    buf_puts(&b, href_base);
    buf_puts(&b, "&q=");
    for (const unsigned char *p = (const unsigned char *)q; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            buf_putc(&b, (char)*p);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(&b, esc, 3);
        }
    }
    const char *out = arena_strndup(r->a, buf_str(&b), b.len);
    buf_free(&b);
    return out;
}

void listing_search_field(struct request *r, const char *q)
{
    H(r, "<label for=\"f-q\">");
    h_msg(r, "Search");
    H(r, "</label><input id=\"f-q\" name=\"q\" type=\"search\" maxlength=\"100\" value=\"");
    h_text(r, q ? q : "");
    H(r, "\">");
}

void listing_table(struct request *r, const struct sheet *s, const char *id, size_t offset,
                   size_t limit)
{
    H(r, "<div class=\"scroll\"><table id=\"");
    h_text(r, id);
    H(r, "\"><thead><tr>");
    for (size_t c = 0; c < s->ncols; c++) {
        if (s->cols[c].export_only)
            continue;
        if (s->cols[c].kind == SK_MONEY || s->cols[c].kind == SK_INT)
            H(r, "<th scope=\"col\" class=\"num\">");
        else
            H(r, "<th scope=\"col\">");
        h_text(r, s->cols[c].title);
        H(r, "</th>");
    }
    H(r, "</tr></thead><tbody>");
    size_t end = offset + limit < s->nrows ? offset + limit : s->nrows;
    for (size_t row = offset; row < end; row++) {
        H(r, "<tr>");
        for (size_t c = 0; c < s->ncols; c++) {
            if (s->cols[c].export_only)
                continue;
            const struct sheet_cell *cell = sheet_at(s, row, c);
            char m[MONEY_MAX];
            switch (s->cols[c].kind) {
            case SK_TEXT:
                H(r, "<td>");
                if (cell->href) {
                    H(r, "<a href=\"");
                    h_text(r, cell->href);
                    H(r, "\">");
                    h_text(r, cell->text);
                    H(r, "</a>");
                } else {
                    h_text(r, cell->text);
                }
                break;
            case SK_DATE:
                H(r, "<td>");
                if (cell->text && *cell->text) {
                    H(r, "<time datetime=\"");
                    h_text(r, cell->text);
                    H(r, "\">");
                    h_text(r, cell->text);
                    H(r, "</time>");
                }
                break;
            case SK_INT:
                H(r, "<td class=\"num\">");
                if (!cell->empty)
                    h_int(r, cell->num);
                break;
            case SK_MONEY:
                H(r, "<td class=\"num\">");
                if (!cell->empty)
                    h_text(r, money_format(cell->num, 0, m));
                break;
            }
            H(r, "</td>");
        }
        H(r, "</tr>");
    }
    if (s->nrows == 0) {
        size_t shown = 0;
        for (size_t c = 0; c < s->ncols; c++)
            shown += !s->cols[c].export_only;
        H(r, "<tr><td class=\"none\" colspan=\"");
        h_textf(r, "%zu", shown);
        H(r, "\">");
        h_msg(r, "No records.");
        H(r, "</td></tr>");
    }
    H(r, "</tbody></table></div>");
}

void listing_send(struct request *r, const struct sheet *s, enum listing_format f,
                  const char *basename)
{
    buf out = {0};
    const char *ctype, *ext;
    if (f == LIST_XLSX) {
        if (!sheet_xlsx(s, &out)) {
            buf_free(&out);
            resp_error(r, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
            return;
        }
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        ext = "xlsx";
    } else {
        sheet_csv(s, &out);
        ctype = "text/csv; charset=utf-8";
        ext = "csv";
    }
    resp_text(r, 200, ctype, buf_str(&out), out.len);
    buf_free(&out);
    resp_header(r, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"%s.%s\"", basename, ext));
}

void listing_downloads(struct request *r, const char *href_base)
{
    H(r, "<p class=\"downloads\">");
    h_msg(r, "Download:");
    H(r, " <a href=\"");
    h_text(r, href_base);
    H(r, "&amp;format=csv\" download>CSV</a> · <a href=\"");
    h_text(r, href_base);
    H(r, "&amp;format=xlsx\" download>XLSX</a></p>");
}

static void pager_link(struct request *r, const char *href_base, const char *anchor, size_t offset,
                       const char *label)
{
    H(r, "<a href=\"");
    h_text(r, href_base);
    h_textf(r, "&offset=%zu", offset);
    if (anchor) {
        H(r, "#");
        h_text(r, anchor);
    }
    H(r, "\">");
    h_msg(r, label);
    H(r, "</a>");
}

void listing_pager(struct request *r, const char *href_base, const char *anchor, size_t offset,
                   size_t limit, size_t total)
{
    if (total <= limit && offset == 0)
        return;
    H(r, "<nav class=\"pager\" aria-label=\"");
    h_msg(r, "Pages");
    H(r, "\">");
    if (offset > 0)
        pager_link(r, href_base, anchor, offset > limit ? offset - limit : 0, N_("Previous"));
    size_t last = offset + limit < total ? offset + limit : total;
    H(r, "<span>");
    h_textf(r, "%zu–%zu / %zu", offset < total ? offset + 1 : 0, last, total);
    H(r, "</span>");
    if (offset + limit < total)
        pager_link(r, href_base, anchor, offset + limit, N_("Next"));
    H(r, "</nav>");
}
