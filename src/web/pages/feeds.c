/* Feeds for readers and calendars: the Atom feed of the published news (/news.atom, RFC 4287;
 * public like the news, 第十七条) and one alliance's meetings as iCalendar
 * (/alliances/{key}/meetings.ics, RFC 5545; for those who may read the alliance, as its pages).
 *
 * Both documents are built in a buffer of their own, every value through its escaper
 * (util/xml.h, util/ical.h), and answered whole by resp_text().
 *
 * Links: with `serve --base-url` they are absolute; without it the Atom links are relative to
 * the feed's own address (RFC 4287 allows it; most readers resolve them) and the calendar has no
 * URL property (it must be absolute). The Atom ids do not depend on the base URL: a tag: URI per
 * item, so setting or changing the base URL later does not make readers see every item anew. */
#include "store/meetings.h"
#include "store/public.h"
#include "util/clock.h"
#include "util/ical.h"
#include "util/xml.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/readable.h"
#include <string.h>
#include <time.h>

#define TAG "tag:lianheti,2026:" /* the authority of the Atom ids; never change it */

/* The base URL without a trailing slash, or "" for relative links. */
static const char *base(struct request *r)
{
    const char *b = r->cfg && r->cfg->base_url ? r->cfg->base_url : "";
    size_t n = strlen(b);
    while (n && b[n - 1] == '/')
        n--;
    return arena_strndup(r->a, b, n);
}

/* <name>escaped text</name> */
static void element(buf *b, const char *name, const char *text)
{
    buf_printf(b, "<%s>", name);
    xml_escape(b, text);
    buf_printf(b, "</%s>", name);
}

/* A published date as an Atom date: the start of that day in China. */
static const char *atom_date(struct request *r, const char *date)
{
    return arena_printf(r->a, "%sT00:00:00+08:00", date);
}

void page_news_atom(struct request *r)
{
    char today[11];
    clock_date(clock_now(), today);
    struct pub_news *x;
    size_t n;
    if (st_pub_news_feed(r->db, r->a, today, &x, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    const char *site = base(r);
    buf b = {0};
    buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                 "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    xml_escape(&b, lang_tag(r->lang));
    buf_puts(&b, "\">");
    element(&b, "id", TAG "news");
    element(&b, "title", T(r, "Alliance news"));
    /* The newest item's date; with none, today's. Rows come newest first. */
    element(&b, "updated", atom_date(r, n ? x[0].published_on : today));
    buf_puts(&b, "<link rel=\"self\" type=\"application/atom+xml\" href=\"");
    xml_escape(&b, arena_printf(r->a, "%s/news.atom", site));
    buf_puts(&b, "\"/><link rel=\"alternate\" type=\"text/html\" href=\"");
    xml_escape(&b, arena_printf(r->a, "%s/news", site));
    buf_puts(&b, "\"/><generator>lianheti</generator>");
    for (size_t i = 0; i < n; i++) {
        buf_puts(&b, "<entry>");
        element(&b, "id", arena_printf(r->a, TAG "news/%s/%s", x[i].alliance, x[i].key));
        element(&b, "title", x[i].title);
        element(&b, "updated", atom_date(r, x[i].published_on));
        buf_puts(&b, "<link rel=\"alternate\" type=\"text/html\" href=\"");
        xml_escape(&b, arena_printf(r->a, "%s/news/%s/%s", site, x[i].alliance, x[i].key));
        buf_puts(&b, "\"/><author>");
        element(&b, "name", x[i].alliance_name);
        buf_puts(&b, "</author><content type=\"html\">");
        /* The HTML the news page shows (cmark's safe mode), as escaped text. */
        xml_escape(&b, markdown_html(r->a, x[i].text));
        buf_puts(&b, "</content></entry>");
    }
    buf_puts(&b, "</feed>\n");
    resp_text(r, 200, "application/atom+xml; charset=utf-8", buf_str(&b), b.len);
    buf_free(&b);
}

/* --- the meetings calendar ------------------------------------------------------------------- */

static const struct {
    const char *status, *ical;
} event_status[] = {
    {"held", "CONFIRMED"},
    {"planned", "TENTATIVE"},
    {"cancelled", "CANCELLED"},
};

static const struct {
    const char *kind, *msgid;
} event_kind[] = {
    {"presidium", N_("Presidium meeting")},
    {"special", N_("Special meeting")},
};

/* "2026-12-08" as "20261208" (an iCalendar DATE). */
static const char *ical_date(struct request *r, const char *date)
{
    if (!date || strlen(date) != 10)
        return "";
    return arena_printf(r->a, "%.4s%.2s%.2s", date, date + 5, date + 8);
}

void page_meetings_ics(struct request *r)
{
    struct rg_alliance al;
    if (!req_readable_alliance(r, &al))
        return;
    struct mt_meeting *m;
    size_t n;
    if (st_mt_list(r->db, r->a, al.id, &m, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    /* DTSTAMP: when this copy of the calendar was made, in UTC as RFC 5545 requires. */
    time_t t = (time_t)clock_now();
    struct tm tm;
    gmtime_r(&t, &tm);
    char stamp[20];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    const char *site = base(r);
    buf b = {0};
    ical_line(&b, "BEGIN", "VCALENDAR");
    ical_line(&b, "VERSION", "2.0");
    ical_line(&b, "PRODID", "-//lianheti//lianheti//ZH");
    ical_line(&b, "CALSCALE", "GREGORIAN");
    ical_line(&b, "METHOD", "PUBLISH");
    ical_text(&b, "X-WR-CALNAME", al.name);
    for (size_t i = 0; i < n; i++) {
        const char *status = NULL, *kind = m[i].kind;
        for (size_t k = 0; k < sizeof event_status / sizeof *event_status; k++)
            if (strcmp(m[i].status, event_status[k].status) == 0)
                status = event_status[k].ical;
        for (size_t k = 0; k < sizeof event_kind / sizeof *event_kind; k++)
            if (strcmp(m[i].kind, event_kind[k].kind) == 0)
                kind = T(r, event_kind[k].msgid);
        ical_line(&b, "BEGIN", "VEVENT");
        /* Stable across exports and edits: the meeting's key within its alliance's key. */
        ical_line(&b, "UID", arena_printf(r->a, "m-%s.%s@lianheti", m[i].key, al.key));
        ical_line(&b, "DTSTAMP", stamp);
        ical_line(&b, "DTSTART;VALUE=DATE", ical_date(r, m[i].date));
        ical_text(&b, "SUMMARY", arena_printf(r->a, "%s · %s", m[i].title, kind));
        ical_text(&b, "CATEGORIES", kind);
        if (status)
            ical_line(&b, "STATUS", status);
        if (*site)
            ical_line(&b, "URL",
                      arena_printf(r->a, "%s/alliances/%s/meetings/%s", site, al.key, m[i].key));
        ical_line(&b, "END", "VEVENT");
    }
    ical_line(&b, "END", "VCALENDAR");
    resp_text(r, 200, "text/calendar; charset=utf-8", buf_str(&b), b.len);
    buf_free(&b);
}
