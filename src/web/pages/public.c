/* What anyone may read without signing in (interfaces.md, "Anonymous visitors see only published
 * news and the public directory of active alliances"; 第十七条 on publicity): the directory of
 * active alliances (/directory), one alliance's public page (/directory/{key}), and the published
 * news (/news, /news/{alliance}/{key}); the Atom feed of the news is in feeds.c.
 *
 * These pages show only what an alliance makes public: its name, jurisdiction, date of
 * establishment, current member organisations by name, and news that passed review and whose
 * date has come (store/public.h decides "published"). Never people, contact data, findings, or
 * alliances that are proposed, rejected or dissolved (their news stays readable under /news). */
#include "store/public.h"
#include "store/register.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/order.h"
#include <string.h>

#define PAGE_SIZE 50

static void unavailable(struct request *r)
{
    resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
}

/* A public list's page: title, the search form, the downloads, the table and the pager. */
static void list_page(struct request *r, const char *title, const char *action,
                      const struct sheet *s, const char *id, const char *q, size_t offset)
{
    const char *base = listing_with_query(r, arena_printf(r->a, "%s?list=%s", action, id), q);
    page_begin(r, title);
    H(r, "<h1>");
    h_msg(r, title);
    H(r, "</h1><form method=\"get\" action=\"");
    h_text(r, action);
    H(r, "\" class=\"inline filters\">");
    listing_search_field(r, q);
    H(r, "<button type=\"submit\">");
    h_msg(r, "Filter");
    H(r, "</button></form>");
    listing_downloads(r, base);
    listing_table(r, s, id, offset, PAGE_SIZE);
    listing_pager(r, base, NULL, offset, PAGE_SIZE, s->nrows);
}

/* --- the directory --------------------------------------------------------------------------- */

static const struct sheet_col directory_cols[] = {
    {N_("Key"), SK_TEXT, true},
    {N_("Alliance"), SK_TEXT, false},
    {N_("Jurisdiction"), SK_TEXT, false},
    {N_("Established"), SK_DATE, false},
    {N_("Current members"), SK_INT, false},
};

/* The columns of a sheet in the request's language. */
static struct sheet *new_sheet(struct request *r, const char *title, const struct sheet_col *spec,
                               size_t n)
{
    struct sheet_col *cols = arena_alloc(r->a, n * sizeof *cols);
    for (size_t i = 0; i < n; i++)
        cols[i] = (struct sheet_col){T(r, spec[i].title), spec[i].kind, spec[i].export_only};
    return sheet_new(r->a, T(r, title), cols, n);
}

void page_directory(struct request *r)
{
    enum listing_format fmt;
    int64_t offset = 0;
    const char *q;
    if (!listing_params(r, &fmt, &offset, &q))
        return;
    char today[11];
    clock_date(clock_now(), today);
    struct rg_alliance *all;
    size_t n;
    if (st_rg_alliances(r->db, r->a, today, &all, &n) != DB_OK) {
        unavailable(r);
        return;
    }
    struct ordered *rows = arena_alloc(r->a, (n ? n : 1) * sizeof *rows);
    size_t nrows = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i].status, "active") == 0)
            rows[nrows++] = (struct ordered){0, all[i].name, &all[i]};
    order_rows(rows, nrows);
    struct sheet *s = new_sheet(r, N_("Public directory"), directory_cols,
                                sizeof directory_cols / sizeof *directory_cols);
    for (size_t i = 0; i < nrows; i++) {
        const struct rg_alliance *al = rows[i].row;
        sheet_row(s);
        sheet_text(s, al->key);
        sheet_link(s, al->name, arena_printf(r->a, "/directory/%s", al->key));
        sheet_text(s, al->jurisdiction_short);
        sheet_text(s, al->established_date);
        sheet_int(s, al->members);
    }
    if (q)
        s = sheet_filter(s, q);
    if (fmt != LIST_HTML) {
        listing_send(r, s, fmt, "directory");
        return;
    }
    list_page(r, N_("Public directory"), "/directory", s, "directory", q, (size_t)offset);
    H(r, "<p class=\"hint\">");
    h_msg(r, "The alliances active today, with what they make public.");
    H(r, "</p>");
    page_end(r);
}

/* A date and a linked title per item, newest first. */
static void news_links(struct request *r, const struct pub_news *x, size_t n)
{
    H(r, "<ul class=\"news\">");
    for (size_t i = 0; i < n; i++) {
        H(r, "<li><time datetime=\"");
        h_text(r, x[i].published_on);
        H(r, "\">");
        h_text(r, x[i].published_on);
        H(r, "</time> <a href=\"/news/");
        h_path_segment(r, x[i].alliance);
        H(r, "/");
        h_path_segment(r, x[i].key);
        H(r, "\">");
        h_text(r, x[i].title);
        H(r, "</a></li>");
    }
    H(r, "</ul>");
}

void page_directory_alliance(struct request *r)
{
    const char *key = r->params[0];
    char today[11];
    clock_date(clock_now(), today);
    struct rg_alliance al;
    const char **names = NULL;
    struct pub_news *news = NULL;
    size_t nnames = 0, nnews = 0;
    /* One snapshot: the alliance, its members and its news agree with each other. */
    int rc = key_valid(key) ? db_begin_read(r->db) : DB_DONE;
    if (rc == DB_OK) {
        rc = st_rg_alliance(r->db, r->a, key, today, &al);
        if (rc == DB_ROW && strcmp(al.status, "active") != 0)
            rc = DB_DONE; /* only active alliances are in the directory */
        if (rc == DB_ROW)
            rc = st_pub_member_names(r->db, r->a, al.id, today, &names, &nnames);
        if (rc == DB_OK)
            rc = st_pub_news_of(r->db, r->a, al.id, today, &news, &nnews);
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
        unavailable(r);
        return;
    }
    struct ordered *o = arena_alloc(r->a, (nnames ? nnames : 1) * sizeof *o);
    for (size_t i = 0; i < nnames; i++)
        o[i] = (struct ordered){0, names[i], names[i]};
    order_rows(o, nnames);

    page_begin(r, al.name);
    H(r, "<p class=\"crumbs\"><a href=\"/directory\">");
    h_msg(r, "Public directory");
    H(r, "</a></p><h1>");
    h_text(r, al.name);
    H(r, "</h1><dl class=\"facts\"><dt>");
    h_msg(r, "Jurisdiction");
    H(r, "</dt><dd>");
    h_text(r, al.jurisdiction_name);
    H(r, "</dd><dt>");
    h_msg(r, "Established");
    H(r, "</dt><dd>");
    h_text(r, al.established_date ? al.established_date : "—");
    H(r, "</dd><dt>");
    h_msg(r, "Current members");
    H(r, "</dt><dd>");
    h_int(r, (int64_t)nnames);
    H(r, "</dd></dl><section aria-labelledby=\"h-members\"><h2 id=\"h-members\">");
    h_msg(r, "Members");
    H(r, "</h2><ul id=\"members\">");
    for (size_t i = 0; i < nnames; i++) {
        H(r, "<li>");
        h_text(r, o[i].name);
        H(r, "</li>");
    }
    H(r, "</ul></section><section aria-labelledby=\"h-news\"><h2 id=\"h-news\">");
    h_msg(r, "Alliance news");
    H(r, "</h2>");
    if (nnews)
        news_links(r, news, nnews);
    else {
        H(r, "<p class=\"hint\">");
        h_msg(r, "No news has been published yet.");
        H(r, "</p>");
    }
    H(r, "</section>");
    page_end(r);
}

/* --- news ------------------------------------------------------------------------------------ */

static const struct sheet_col news_cols[] = {
    {N_("Alliance key"), SK_TEXT, true},  {N_("News key"), SK_TEXT, true},
    {N_("Published on"), SK_DATE, false}, {N_("Title"), SK_TEXT, false},
    {N_("Alliance"), SK_TEXT, false},
};

void page_news(struct request *r)
{
    enum listing_format fmt;
    int64_t offset = 0;
    const char *q;
    if (!listing_params(r, &fmt, &offset, &q))
        return;
    char today[11];
    clock_date(clock_now(), today);
    struct pub_news *x;
    size_t n;
    if (st_pub_news(r->db, r->a, today, &x, &n) != DB_OK) {
        unavailable(r);
        return;
    }
    struct sheet *s =
        new_sheet(r, N_("Alliance news"), news_cols, sizeof news_cols / sizeof *news_cols);
    for (size_t i = 0; i < n; i++) {
        sheet_row(s);
        sheet_text(s, x[i].alliance);
        sheet_text(s, x[i].key);
        sheet_text(s, x[i].published_on);
        sheet_link(s, x[i].title, arena_printf(r->a, "/news/%s/%s", x[i].alliance, x[i].key));
        /* Only an active alliance has a page in the directory. */
        if (strcmp(x[i].alliance_status, "active") == 0)
            sheet_link(s, x[i].alliance_name, arena_printf(r->a, "/directory/%s", x[i].alliance));
        else
            sheet_text(s, x[i].alliance_name);
    }
    if (q)
        s = sheet_filter(s, q);
    if (fmt != LIST_HTML) {
        listing_send(r, s, fmt, "news");
        return;
    }
    list_page(r, N_("Alliance news"), "/news", s, "news", q, (size_t)offset);
    H(r, "<p class=\"feeds\"><a href=\"/news.atom\" type=\"application/atom+xml\">");
    h_msg(r, "Atom feed");
    H(r, "</a></p>");
    page_end(r);
}

void page_news_item(struct request *r)
{
    const char *alliance = r->params[0], *key = r->params[1];
    char today[11];
    clock_date(clock_now(), today);
    struct pub_news x;
    int rc = key_valid(alliance) && key_valid(key)
                 ? st_pub_news_get(r->db, r->a, alliance, key, today, &x)
                 : DB_DONE;
    if (rc == DB_DONE) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is no such news item.");
        return;
    }
    if (rc != DB_ROW) {
        unavailable(r);
        return;
    }
    page_begin(r, x.title);
    H(r, "<p class=\"crumbs\"><a href=\"/news\">");
    h_msg(r, "Alliance news");
    H(r, "</a></p><article class=\"news\"><h1>");
    h_text(r, x.title);
    H(r, "</h1><p class=\"byline\">");
    if (strcmp(x.alliance_status, "active") == 0) {
        H(r, "<a href=\"/directory/");
        h_path_segment(r, x.alliance);
        H(r, "\">");
        h_text(r, x.alliance_name);
        H(r, "</a>");
    } else {
        h_text(r, x.alliance_name);
    }
    H(r, " · <time datetime=\"");
    h_text(r, x.published_on);
    H(r, "\">");
    h_text(r, x.published_on);
    H(r, "</time></p>");
    h_markdown(r, x.text);
    H(r, "</article>");
    page_end(r);
}
