/* The compliance engine's findings on pages (compliance_ui.h): the dashboard's counts, an
 * alliance's compliance tab (合规) and GET /findings, the list of all findings a user may read,
 * filtered by jurisdiction, alliance, article (第N条) and severity, and downloadable as CSV or XLSX
 * through web/listing.h. The engine loads the whole database, so each request runs it once. */
#include "web/pages/compliance_ui.h"
#include "store/register.h"
#include "store/views.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/listing.h"
#include "web/order.h"
#include <string.h>

#define PAGE_SIZE 50

static const char *const severity_msgid[SEV_COUNT] = {N_("Error"), N_("Warning"), N_("Info")};

bool ui_findings_today(struct request *r, const char *alliance, struct findings *out)
{
    char today[11];
    clock_date(clock_now(), today);
    struct fail f = {0};
    if (!rules_check(r->db, &r->who, day_parse(today), alliance, r->a, out, &f)) {
        resp_fail(r, &f);
        return false;
    }
    return true;
}

/* "第十三条" / "Article 13", in the arena. */
static const char *article_label(struct request *r, int article)
{
    buf b = {0};
    article_title(article, r->lang, &b);
    const char *s = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return s;
}

/* The finding's message, without the "第N条：" in front when without_article. */
static const char *message(struct request *r, const struct finding *f, bool without_article)
{
    buf b = {0}, prefix = {0};
    finding_message(f, r->lang, &b);
    const char *s = buf_str(&b);
    if (without_article) {
        article_title(f->rule->article, r->lang, &prefix);
        buf_puts(&prefix, r->lang == LANG_EN ? ": " : "：");
        if (strncmp(s, buf_str(&prefix), prefix.len) == 0)
            s += prefix.len;
    }
    const char *out = arena_strdup(r->a, s);
    buf_free(&b);
    buf_free(&prefix);
    return out;
}

/* Where the record a finding is about is shown: the alliance's tab and list. */
static const char *record_href(struct request *r, const struct finding *f)
{
    const char *tab = NULL, *list = NULL;
    switch (f->subject) {
    case SUBJ_ALLIANCE:
        break;
    case SUBJ_CHARTER:
        return arena_printf(r->a, "/alliances/%s/charter", f->alliance);
    case SUBJ_ORGANISATION:
        tab = list = "members";
        break;
    case SUBJ_TASK:
        tab = list = "activities";
        break;
    case SUBJ_BODY_KIND:
    case SUBJ_BODY:
        tab = list = "bodies";
        break;
    case SUBJ_POST:
        tab = "bodies", list = "posts";
        break;
    case SUBJ_DECISION:
    case SUBJ_MEETING:
        tab = list = "meetings";
        break;
    case SUBJ_PLAN:
        tab = list = "plans";
        break;
    case SUBJ_FUND_REPORT:
        tab = "ledger", list = "fund-reports";
        break;
    case SUBJ_TRANSACTION:
        tab = "ledger", list = "transactions";
        break;
    case SUBJ_RELEASE:
        tab = "outputs", list = "releases";
        break;
    case SUBJ_NEWS:
        tab = list = "news";
        break;
    case SUBJ_YEAR: /* the year of 第十一条's meetings, 第十四条's plans, 第十五条's report */
        if (f->rule->article == 11)
            tab = list = "meetings";
        else if (f->rule->article == 14)
            tab = list = "plans";
        else if (f->rule->article == 15)
            tab = "ledger", list = "fund-reports";
        break;
    }
    if (!tab)
        return arena_printf(r->a, "/alliances/%s", f->alliance);
    return arena_printf(r->a, "/alliances/%s?tab=%s#%s", f->alliance, tab, list);
}

/* --- the dashboard ---------------------------------------------------------------------------- */

static const struct sheet_col *summary_cols(struct request *r)
{
    struct sheet_col *c = arena_alloc(r->a, 4 * sizeof *c);
    c[0] = (struct sheet_col){T(r, "Alliance"), SK_TEXT, false};
    c[1] = (struct sheet_col){T(r, "Errors"), SK_INT, false};
    c[2] = (struct sheet_col){T(r, "Warnings"), SK_INT, false};
    c[3] = (struct sheet_col){T(r, "Info"), SK_INT, false};
    return c;
}

#define DUE_SOON_DAYS 30

static bool same_finding(const struct finding *x, const struct finding *y)
{
    return x->rule == y->rule && x->subject == y->subject && x->year == y->year &&
           strcmp(x->alliance, y->alliance) == 0 &&
           (x->key == y->key || (x->key && y->key && strcmp(x->key, y->key) == 0));
}

/* The deadlines of the to-do list: what the check will find DUE_SOON_DAYS from now that it does not
 * find today (minutes to sign, 第十三条; a plan to file, 第十四条; a fund report, 第十五条) unless
 * someone acts first. The engine decides what is due; nothing here knows a deadline of its own. */
static void due_soon(struct request *r, const struct findings *now, const struct findings *later)
{
    H(r, "<section class=\"card\" aria-labelledby=\"h-due\"><h2 id=\"h-due\">");
    h_msg(r, "Due within 30 days");
    H(r, "</h2>");
    size_t shown = 0;
    for (size_t i = 0; i < later->n && shown < 20; i++) {
        const struct finding *x = &later->items[i];
        bool known = false;
        for (size_t k = 0; k < now->n && !known; k++)
            known = same_finding(x, &now->items[k]);
        if (known)
            continue;
        if (shown++ == 0)
            H(r, "<ul class=\"requests\" id=\"due\">");
        H(r, "<li><p><strong>");
        h_text(r, x->alliance_name);
        H(r, "</strong></p><p><a href=\"");
        h_text(r, record_href(r, x));
        H(r, "\">");
        h_text(r, message(r, x, false));
        H(r, "</a></p></li>");
    }
    if (shown)
        H(r, "</ul>");
    else {
        H(r, "<p class=\"hint\">");
        h_msg(r, "Nothing falls due in the next 30 days.");
        H(r, "</p>");
    }
    H(r, "<p class=\"hint\">");
    h_msg(r, "What the compliance check will report in 30 days unless it is done before.");
    H(r, "</p></section>");
}

void ui_compliance_summary(struct request *r)
{
    char today[11];
    clock_date(clock_now(), today);
    /* Today's findings, and those of DUE_SOON_DAYS ahead for what falls due (due_soon()). */
    struct findings both[2], fs;
    lh_day days[2] = {day_parse(today), day_parse(today) + DUE_SOON_DAYS};
    struct fail f = {0};
    struct rg_alliance *all;
    size_t n;
    if (!rules_check_days(r->db, &r->who, days, 2, NULL, r->a, both, &f) ||
        st_rg_alliances(r->db, r->a, today, &all, &n) != DB_OK)
        return;
    fs = both[0];
    struct ordered *rows = arena_alloc(r->a, (n ? n : 1) * sizeof *rows);
    size_t(*counts)[SEV_COUNT] = arena_alloc(r->a, (n ? n : 1) * sizeof *counts);
    size_t nrows = 0;
    for (size_t i = 0; i < n; i++) {
        if (!can_alliance(&r->who, RIGHT_BUSINESS_READ, all[i].jurisdiction, all[i].key))
            continue;
        memset(counts[i], 0, sizeof counts[i]);
        rows[nrows++] = (struct ordered){0, all[i].name, &all[i]};
    }
    /* The findings come grouped by alliance: look each group's alliance up once. */
    for (size_t i = 0, k = n; i < fs.n; i++) {
        if (k == n || strcmp(all[k].key, fs.items[i].alliance) != 0)
            for (k = 0; k < n && strcmp(all[k].key, fs.items[i].alliance) != 0; k++)
                ;
        if (k < n)
            counts[k][fs.items[i].rule->severity]++;
    }
    order_rows(rows, nrows);
    struct sheet *s = sheet_new(r->a, T(r, "Compliance"), summary_cols(r), 4);
    for (size_t i = 0; i < nrows; i++) {
        const struct rg_alliance *al = rows[i].row;
        size_t k = (size_t)(al - all);
        sheet_row(s);
        sheet_link(s, al->name, arena_printf(r->a, "/alliances/%s?tab=compliance", al->key));
        for (int sev = 0; sev < SEV_COUNT; sev++)
            sheet_int(s, (int64_t)counts[k][sev]);
    }
    H(r, "<section class=\"card\" aria-labelledby=\"h-compliance\"><h2 id=\"h-compliance\">");
    h_msg(r, "Compliance");
    H(r, "</h2><p class=\"hint\">");
    h_msg(r, "Findings of the compliance check as of");
    H(r, " <time datetime=\"");
    h_text(r, today);
    H(r, "\">");
    h_text(r, today);
    H(r, "</time></p>");
    listing_table(r, s, "compliance-summary", 0, nrows);
    H(r, "<p><a href=\"/findings\">");
    h_msg(r, "All findings");
    H(r, "</a></p></section>");
    due_soon(r, &both[0], &both[1]);
}

/* --- an alliance's tab ------------------------------------------------------------------------ */

void ui_alliance_findings(struct request *r, const char *alliance, const struct findings *fs)
{
    H(r, "<section class=\"findings\" id=\"compliance\"><p class=\"hint\">");
    h_msg(r, "Findings of the compliance check as of");
    char day[11];
    day_format(fs->as_of, day);
    H(r, " <time datetime=\"");
    h_text(r, day);
    H(r, "\">");
    h_text(r, day);
    H(r, "</time>: ");
    h_textf(r, "%zu ", fs->counts[SEV_ERROR]);
    h_msg(r, "errors");
    h_textf(r, ", %zu ", fs->counts[SEV_WARNING]);
    h_msg(r, "warnings");
    h_textf(r, ", %zu ", fs->counts[SEV_INFO]);
    h_msg(r, "info");
    H(r, ". <a href=\"/findings?alliance=");
    h_text(r, alliance);
    H(r, "\">");
    h_msg(r, "List and download");
    H(r, "</a></p>");
    if (fs->n == 0) {
        H(r, "<p class=\"ok banner\">");
        h_msg(r, "No findings: the alliance meets every rule checked.");
        H(r, "</p>");
    }
    for (int art = 1; art <= ARTICLES; art++) {
        size_t k = 0;
        for (size_t i = 0; i < fs->n; i++)
            k += fs->items[i].rule->article == art;
        if (!k)
            continue;
        H(r, "<section class=\"card article\" id=\"article-");
        h_textf(r, "%d", art);
        H(r, "\"><h2>");
        h_text(r, article_label(r, art));
        H(r, "</h2><blockquote class=\"norm\">");
        h_text(r, article_summary(art, r->lang));
        H(r, "</blockquote><ul class=\"findings\">");
        for (size_t i = 0; i < fs->n; i++) {
            const struct finding *f = &fs->items[i];
            if (f->rule->article != art)
                continue;
            H(r, "<li class=\"finding ");
            h_text(r, severity_name(f->rule->severity));
            H(r, "\" data-rule=\"");
            h_text(r, f->rule->id);
            H(r, "\"><span class=\"severity ");
            h_text(r, severity_name(f->rule->severity));
            H(r, "\">");
            h_msg(r, severity_msgid[f->rule->severity]);
            H(r, "</span> ");
            h_text(r, message(r, f, true));
            H(r, " <a href=\"");
            h_text(r, record_href(r, f));
            H(r, "\">");
            h_msg(r, "Record");
            H(r, "</a> <code>");
            h_text(r, f->rule->id);
            H(r, "</code></li>");
        }
        H(r, "</ul></section>");
    }
    H(r, "</section>");
}

/* --- GET /findings ---------------------------------------------------------------------------- */

static const char *const subject_msgid[] = {
    [SUBJ_ALLIANCE] = N_("Alliance"),
    [SUBJ_ORGANISATION] = N_("Organisation"),
    [SUBJ_CHARTER] = N_("Charter"),
    [SUBJ_TASK] = N_("Task"),
    [SUBJ_BODY_KIND] = N_("Kind of body"),
    [SUBJ_POST] = N_("Post"),
    [SUBJ_BODY] = N_("Body"),
    [SUBJ_DECISION] = N_("Decision"),
    [SUBJ_YEAR] = N_("Year"),
    [SUBJ_MEETING] = N_("Meeting"),
    [SUBJ_PLAN] = N_("Plan"),
    [SUBJ_FUND_REPORT] = N_("Fund report"),
    [SUBJ_TRANSACTION] = N_("Transaction"),
    [SUBJ_RELEASE] = N_("Release"),
    [SUBJ_NEWS] = N_("News"),
};

static const char *const list_cols[] = {
    N_("Alliance key"), N_("Alliance"),    N_("Article"), N_("Rule"),    N_("Severity"),
    N_("Subject"),      N_("Subject key"), N_("Year"),    N_("Message"),
};

static struct sheet *findings_sheet(struct request *r)
{
    size_t n = sizeof list_cols / sizeof list_cols[0];
    struct sheet_col *c = arena_alloc(r->a, n * sizeof *c);
    for (size_t i = 0; i < n; i++)
        c[i] = (struct sheet_col){T(r, list_cols[i]), SK_TEXT, i == 0};
    c[7].kind = SK_INT;
    return sheet_new(r->a, T(r, "Findings"), c, n);
}

static void option(struct request *r, const char *value, const char *label, bool selected)
{
    H(r, "<option value=\"");
    h_text(r, value);
    H(r, "\"");
    if (selected)
        H(r, " selected");
    H(r, ">");
    h_text(r, label);
    H(r, "</option>");
}

static void select_open(struct request *r, const char *name, const char *label)
{
    H(r, "<label for=\"f-");
    h_text(r, name);
    H(r, "\">");
    h_msg(r, label);
    H(r, "</label><select id=\"f-");
    h_text(r, name);
    H(r, "\" name=\"");
    h_text(r, name);
    H(r, "\"><option value=\"\">");
    h_msg(r, "All");
    H(r, "</option>");
}

static const char *empty_null(const char *s)
{
    return s && *s ? s : NULL;
}

void page_findings(struct request *r)
{
    enum listing_format fmt;
    int64_t offset = 0, article = 0;
    if (!listing_format(r, &fmt) || !req_query_int(r, "offset", 0, INT32_MAX, &offset) ||
        !req_query_int(r, "article", 0, ARTICLES, &article))
        return;
    const char *jur = empty_null(req_query(r, "jurisdiction"));
    const char *alliance = empty_null(req_query(r, "alliance"));
    const char *sev_name = empty_null(req_query(r, "severity"));
    if (jur && !key_valid(jur)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "jurisdiction",
                   "The jurisdiction key is not valid.");
        return;
    }
    if (alliance && !key_valid(alliance)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_key", "alliance", "The alliance key is not valid.");
        return;
    }
    int sev = -1;
    for (int i = 0; sev_name && i < SEV_COUNT; i++)
        if (strcmp(sev_name, severity_name((enum severity)i)) == 0)
            sev = i;
    if (sev_name && sev < 0) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "severity",
                   "The severity must be error, warning or info.");
        return;
    }
    struct findings fs;
    if (!ui_findings_today(r, alliance, &fs))
        return;
    char today[11];
    clock_date(clock_now(), today);
    struct rg_alliance *all;
    size_t n;
    if (st_rg_alliances(r->db, r->a, today, &all, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    /* The alliances and jurisdictions the user may read: the filter's choices. */
    struct ordered *als = arena_alloc(r->a, (n ? n : 1) * sizeof *als);
    struct rg_alliance **jurs = arena_alloc(r->a, (n ? n : 1) * sizeof *jurs);
    size_t nals = 0, njurs = 0;
    for (size_t i = 0; i < n; i++) {
        if (!can_alliance(&r->who, RIGHT_BUSINESS_READ, all[i].jurisdiction, all[i].key))
            continue;
        size_t k = 0;
        while (k < njurs && strcmp(jurs[k]->jurisdiction, all[i].jurisdiction) != 0)
            k++;
        if (k == njurs)
            jurs[njurs++] = &all[i];
        als[nals++] = (struct ordered){0, all[i].name, &all[i]};
    }
    order_rows(als, nals);

    struct sheet *s = findings_sheet(r);
    const struct rg_alliance *al = NULL;
    for (size_t i = 0; i < fs.n; i++) {
        const struct finding *f = &fs.items[i];
        if (!al || strcmp(al->key, f->alliance) != 0) {
            al = NULL;
            for (size_t k = 0; k < n && !al; k++)
                if (strcmp(all[k].key, f->alliance) == 0)
                    al = &all[k];
        }
        if ((jur && (!al || strcmp(al->jurisdiction, jur) != 0)) ||
            (article && f->rule->article != article) || (sev >= 0 && (int)f->rule->severity != sev))
            continue;
        sheet_row(s);
        sheet_text(s, f->alliance);
        sheet_link(s, f->alliance_name,
                   arena_printf(r->a, "/alliances/%s?tab=compliance", f->alliance));
        sheet_text(s, article_label(r, f->rule->article));
        sheet_text(s, f->rule->id);
        sheet_text(s, T(r, severity_msgid[f->rule->severity]));
        sheet_text(s, T(r, subject_msgid[f->subject]));
        sheet_link(s, f->key, record_href(r, f));
        if (f->year)
            sheet_int(s, f->year);
        else
            sheet_empty(s);
        sheet_text(s, message(r, f, false));
    }
    if (fmt != LIST_HTML) {
        listing_send(r, s, fmt, "findings");
        return;
    }

    const char *base = arena_printf(
        r->a, "/findings?jurisdiction=%s&alliance=%s&article=%s&severity=%s", jur ? jur : "",
        alliance ? alliance : "", article ? arena_printf(r->a, "%lld", (long long)article) : "",
        sev_name ? sev_name : "");
    page_begin(r, N_("Findings"));
    H(r, "<h1>");
    h_msg(r, "Findings");
    H(r, "</h1><p class=\"hint\">");
    h_msg(r, "Findings of the compliance check as of");
    H(r, " <time datetime=\"");
    h_text(r, today);
    H(r, "\">");
    h_text(r, today);
    H(r, "</time></p><form method=\"get\" action=\"/findings\" class=\"inline filters\">");
    select_open(r, "jurisdiction", N_("Jurisdiction"));
    for (size_t i = 0; i < njurs; i++)
        option(r, jurs[i]->jurisdiction, jurs[i]->jurisdiction_short,
               jur && strcmp(jur, jurs[i]->jurisdiction) == 0);
    H(r, "</select>");
    select_open(r, "alliance", N_("Alliance"));
    for (size_t i = 0; i < nals; i++) {
        const struct rg_alliance *x = als[i].row;
        option(r, x->key, x->name, alliance && strcmp(alliance, x->key) == 0);
    }
    H(r, "</select>");
    select_open(r, "article", N_("Article"));
    for (int i = 1; i <= ARTICLES; i++)
        option(r, arena_printf(r->a, "%d", i), article_label(r, i), article == i);
    H(r, "</select>");
    select_open(r, "severity", N_("Severity"));
    for (int i = 0; i < SEV_COUNT; i++)
        option(r, severity_name((enum severity)i), T(r, severity_msgid[i]), sev == i);
    H(r, "</select><button type=\"submit\">");
    h_msg(r, "Filter");
    H(r, "</button></form>");
    listing_downloads(r, base);
    listing_table(r, s, "findings", (size_t)offset, PAGE_SIZE);
    listing_pager(r, base, NULL, (size_t)offset, PAGE_SIZE, s->nrows);
    page_end(r);
}
