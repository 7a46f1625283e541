/* An alliance's meetings on the web: the form "记录会议" under the meetings tab (POST
 * /alliances/{key}/meetings), a meeting's page (GET /alliances/{key}/meetings/{mkey}: its
 * chair, agenda, attendance, decisions and minutes) with the secretariat's actions on it (held,
 * cancelled, minutes: POST .../held, .../cancel, .../minutes).
 *
 * As the register's pages: every form posts to a handler that calls one domain operation
 * (domain/meetings.h); a refusal re-renders the form with the message beside the field it is
 * about (naming the article behind it), a success redirects (303) to the meeting's page. Forms
 * show only to those who hold RIGHT_ALLIANCE_EDIT on the alliance; the domain refuses the rest
 * whatever the page shows. */
#include "web/pages/meetings.h"
#include "domain/meetings.h"
#include "store/meetings.h"
#include "store/register.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/readable.h"
#include "web/html.h"
#include "web/pages/register_ui.h"
#include <string.h>

#define AGENDA_ROWS   5 /* agenda items a form offers */
#define DECISION_ROWS 4 /* decisions a form offers */

static const struct ui_option kinds[] = {
    {"presidium", N_("Presidium meeting")},
    {"special", N_("Special meeting")},
};
static const struct ui_option statuses[] = {
    {"planned", N_("Planned")},
    {"held", N_("Held")},
    {"cancelled", N_("Cancelled")},
};

static const char *label_of(const struct ui_option *t, size_t n, const char *v)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].value, v) == 0)
            return t[i].label;
    return v;
}

static void unavailable(struct request *r)
{
    resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
}

/* A form field's value, NULL when absent or empty (the domain reads NULL as "not given"). */
static const char *given(struct request *r, const char *name)
{
    const char *v = req_form(r, name);
    return v && *v ? v : NULL;
}

/* The rows of text inputs `name` with their "major" boxes (`name`.major, valued by row number),
 * the empty rows left out. */
static const struct mtg_item *form_items(struct request *r, const char *name, const char *major,
                                         size_t *n)
{
    size_t rows;
    const char **texts = form_get_all(r->a, r->form, name, &rows);
    struct mtg_item *items = arena_alloc(r->a, (rows ? rows : 1) * sizeof *items);
    *n = 0;
    for (size_t i = 0; i < rows; i++)
        if (*texts[i])
            items[(*n)++] = (struct mtg_item){
                texts[i], form_has(r->form, major, arena_printf(r->a, "%zu", i + 1))};
    return items;
}

/* --- pieces of the forms --------------------------------------------------------------------- */

struct people {
    struct mt_person *p;
    size_t n;
};

static const char *name_of(const struct people *pp, const char *key)
{
    for (size_t i = 0; key && i < pp->n; i++)
        if (strcmp(pp->p[i].key, key) == 0)
            return pp->p[i].name;
    return key;
}

/* A select of the alliance's office holders; `optional` adds an empty choice first. */
static void person_select(struct request *r, const char *name, const char *label,
                          const struct people *pp, bool optional, const char *selected,
                          const struct fail *f)
{
    struct ui_option *opts = arena_alloc(r->a, (pp->n + 1) * sizeof *opts);
    size_t n = 0;
    if (optional)
        opts[n++] = (struct ui_option){"", "—"};
    for (size_t i = 0; i < pp->n; i++)
        opts[n++] = (struct ui_option){pp->p[i].key,
                                       arena_printf(r->a, "%s (%s)", pp->p[i].name, pp->p[i].key)};
    ui_select(r, name, label, opts, n, false, selected, ui_field_error(f, name));
}

/* Checkboxes of the office holders, ticked as posted. */
static void person_boxes(struct request *r, const char *name, const char *legend,
                         const struct people *pp, const struct form *posted, const struct fail *f)
{
    const char *error = ui_field_error(f, name);
    ui_fieldset_begin(r, name, legend, error);
    for (size_t i = 0; i < pp->n; i++) {
        H(r, "<label><input type=\"checkbox\" name=\"");
        h_text(r, name);
        H(r, "\" value=\"");
        h_text(r, pp->p[i].key);
        H(r, "\"");
        if (form_has(posted, name, pp->p[i].key))
            H(r, " checked");
        H(r, ">");
        h_text(r, pp->p[i].name);
        H(r, "</label>");
    }
    ui_fieldset_end(r, name, error);
}

/* `rows` lines of a text input and a "major" box: agenda items or decisions. */
static void item_rows(struct request *r, const char *name, const char *major, const char *legend,
                      const char *text_label, size_t rows, const struct form *posted,
                      const struct fail *f)
{
    const char *error = ui_field_error(f, name);
    size_t nposted;
    const char **texts = form_get_all(r->a, r->form, name, &nposted);
    if (!posted)
        nposted = 0;
    ui_fieldset_begin(r, name, legend, error);
    for (size_t i = 0; i < rows; i++) {
        const char *n = arena_printf(r->a, "%zu", i + 1);
        H(r, "<p><input type=\"text\" name=\"");
        h_text(r, name);
        H(r, "\" aria-label=\"");
        h_msg(r, text_label);
        h_textf(r, " %zu", i + 1);
        H(r, "\"");
        if (i < nposted) {
            H(r, " value=\"");
            h_text(r, texts[i]);
            H(r, "\"");
        }
        H(r, "><label><input type=\"checkbox\" name=\"");
        h_text(r, major);
        H(r, "\" value=\"");
        h_text(r, n);
        H(r, "\"");
        if (form_has(posted, major, n))
            H(r, " checked");
        H(r, "> ");
        h_msg(r, "Major matter");
        H(r, "</label></p>");
    }
    ui_fieldset_end(r, name, error);
}

/* The banner of a refusal whose field is not among the form's own. */
static void banner_unless(struct request *r, const struct fail *f, const char *const *fields)
{
    if (!f)
        return;
    for (size_t i = 0; f->field && fields[i]; i++)
        if (strcmp(f->field, fields[i]) == 0)
            return;
    ui_fail_banner(r, f);
}

static void outcome_fields(struct request *r, const struct people *pp, const struct form *posted,
                           const struct fail *f)
{
    person_boxes(r, "attended", N_("Present"), pp, posted, f);
    item_rows(r, "decisions", "decisions.major", N_("Decisions"), N_("Decision"), DECISION_ROWS,
              posted, f);
    H(r, "<p class=\"hint\">");
    h_msg(r, "Major matters are decided by the presidium (Article 7): a special meeting takes no "
             "major decision.");
    H(r, "</p>");
}

static void form_open(struct request *r, const char *id, const char *alliance, const char *meeting,
                      const char *action)
{
    H(r, "<form method=\"post\" id=\"");
    h_text(r, id);
    H(r, "\" action=\"/alliances/");
    h_path_segment(r, alliance);
    H(r, "/meetings");
    if (meeting) {
        H(r, "/");
        h_path_segment(r, meeting);
        H(r, "/");
        h_text(r, action);
    }
    H(r, "\">");
    h_csrf(r);
}

/* The form "记录会议"; posted and f after a refusal. */
static void record_form(struct request *r, const char *alliance, const struct people *pp,
                        const struct form *posted, const struct fail *f)
{
    static const char *const fields[] = {"kind",
                                         "title",
                                         "date",
                                         "status",
                                         "chaired_by",
                                         "delegated_by",
                                         "agenda.proposed_by",
                                         "agenda.approved_by",
                                         "agenda.approved_on",
                                         "agenda.items",
                                         "attended",
                                         "decisions",
                                         NULL};
    char t[11];
    clock_date(clock_now(), t);
    H(r,
      "<section class=\"card\" aria-labelledby=\"h-record-meeting\"><h2 id=\"h-record-meeting\">");
    h_msg(r, "Record a meeting");
    H(r, "</h2><p class=\"hint\">");
    h_msg(r, "The chair chairs a presidium meeting (Article 11); a special meeting is chaired by "
             "the chair or by a vice-chair the chair delegates (Article 12).");
    H(r, "</p>");
    form_open(r, "record-meeting", alliance, NULL, NULL);
    banner_unless(r, f, fields);
    const char *v;
    ui_select(r, "kind", N_("Kind"), kinds, 2, true, posted ? form_get(posted, "kind") : NULL,
              ui_field_error(f, "kind"));
    h_field(r, "title", N_("Title"), "text", posted ? form_get(posted, "title") : NULL,
            ui_field_error(f, "title"), "off", true);
    v = posted ? form_get(posted, "date") : NULL;
    h_field(r, "date", N_("Date"), "date", v ? v : t, ui_field_error(f, "date"), "off", true);
    ui_select(r, "status", N_("Status"), statuses, 3, true,
              posted ? form_get(posted, "status") : NULL, ui_field_error(f, "status"));
    person_select(r, "chaired_by", N_("Chaired by"), pp, false,
                  posted ? form_get(posted, "chaired_by") : NULL, f);
    person_select(r, "delegated_by", N_("Delegated by (special meetings chaired by a vice-chair)"),
                  pp, true, posted ? form_get(posted, "delegated_by") : NULL, f);
    person_select(r, "agenda.proposed_by", N_("Agenda proposed by"), pp, true,
                  posted ? form_get(posted, "agenda.proposed_by") : NULL, f);
    person_select(r, "agenda.approved_by", N_("Agenda approved by"), pp, true,
                  posted ? form_get(posted, "agenda.approved_by") : NULL, f);
    h_field(r, "agenda.approved_on", N_("Agenda approved on"), "date",
            posted ? form_get(posted, "agenda.approved_on") : NULL,
            ui_field_error(f, "agenda.approved_on"), "off", false);
    item_rows(r, "agenda.items", "agenda.major", N_("Agenda items"), N_("Agenda item"), AGENDA_ROWS,
              posted, f);
    H(r, "<h3>");
    h_msg(r, "If the meeting has been held");
    H(r, "</h3>");
    outcome_fields(r, pp, posted, f);
    H(r, "<button type=\"submit\">");
    h_msg(r, "Record the meeting");
    H(r, "</button></form></section>");
}

/* --- the meetings tab ------------------------------------------------------------------------ */

bool ui_meetings_tab(struct request *r, int64_t alliance_id, const char *alliance,
                     const char *jurisdiction)
{
    struct mt_meeting *m;
    size_t n;
    struct people pp = {0};
    bool write = can_alliance(&r->who, RIGHT_ALLIANCE_EDIT, jurisdiction, alliance);
    if (st_mt_list(r->db, r->a, alliance_id, &m, &n) != DB_OK ||
        (write && st_mt_post_holders(r->db, r->a, alliance_id, &pp.p, &pp.n) != DB_OK))
        return false;
    if (n) {
        H(r, "<section class=\"list\" aria-labelledby=\"h-meeting-pages\"><h2 "
             "id=\"h-meeting-pages\">");
        h_msg(r, "Meeting pages");
        H(r, "</h2><ul id=\"meeting-links\">");
        for (size_t i = n; i-- > 0;) {
            H(r, "<li><a href=\"/alliances/");
            h_path_segment(r, alliance);
            H(r, "/meetings/");
            h_path_segment(r, m[i].key);
            H(r, "\">");
            h_text(r, m[i].date);
            H(r, " ");
            h_text(r, m[i].title);
            H(r, "</a> · ");
            h_msg(r, label_of(statuses, 3, m[i].status));
            H(r, "</li>");
        }
        H(r, "</ul></section>");
    }
    if (write)
        record_form(r, alliance, &pp, NULL, NULL);
    return true;
}

/* --- pages ----------------------------------------------------------------------------------- */

static void crumbs(struct request *r, const struct rg_alliance *al)
{
    H(r, "<p class=\"crumbs\"><a href=\"/alliances\">");
    h_msg(r, "Alliances");
    H(r, "</a> › <a href=\"/alliances/");
    h_path_segment(r, al->key);
    H(r, "?tab=meetings\">");
    h_text(r, al->name);
    H(r, "</a></p>");
}

/* The form after a refusal, on a page of its own. */
static void record_page(struct request *r, const struct fail *f)
{
    struct rg_alliance al;
    struct people pp;
    if (!req_readable_alliance(r, &al))
        return;
    if (st_mt_post_holders(r->db, r->a, al.id, &pp.p, &pp.n) != DB_OK) {
        unavailable(r);
        return;
    }
    r->status = fail_status(f->kind);
    page_begin(r, N_("Record a meeting"));
    crumbs(r, &al);
    H(r, "<h1>");
    h_msg(r, "Record a meeting");
    H(r, "</h1>");
    record_form(r, al.key, &pp, r->form, f);
    page_end(r);
}

void page_meetings_create(struct request *r)
{
    struct mtg_meeting m = {
        .kind = given(r, "kind"),
        .title = req_form(r, "title"),
        .date = given(r, "date"),
        .status = given(r, "status"),
        .chaired_by = given(r, "chaired_by"),
        .delegated_by = given(r, "delegated_by"),
        .agenda_proposed_by = given(r, "agenda.proposed_by"),
        .agenda_approved_by = given(r, "agenda.approved_by"),
        .agenda_approved_on = given(r, "agenda.approved_on"),
    };
    m.items = form_items(r, "agenda.items", "agenda.major", &m.nitems);
    m.held.attended = form_get_all(r->a, r->form, "attended", &m.held.nattended);
    m.held.decisions = form_items(r, "decisions", "decisions.major", &m.held.ndecisions);
    const char *key;
    struct fail f = {0};
    if (mtg_record(r->db, r->a, &r->who, r->params[0], &m, &key, &f))
        resp_redirect(r, arena_printf(r->a, "/alliances/%s/meetings/%s?done=1", r->params[0], key));
    else if (f.kind == FAIL_NOT_FOUND || f.kind == FAIL_FORBIDDEN || f.kind == FAIL_UNAVAILABLE ||
             f.kind == FAIL_INTERNAL)
        resp_fail(r, &f); /* nothing in the form to correct */
    else
        record_page(r, &f);
}

/* Which form of the meeting page failed, with its refusal. */
struct meeting_state {
    const char *form; /* "held", "cancel", "minutes" */
    const struct fail *f;
};

static const struct fail *fail_for(const struct meeting_state *st, const char *form)
{
    return st && strcmp(st->form, form) == 0 ? st->f : NULL;
}

static void facts_row(struct request *r, const char *label, const char *value)
{
    H(r, "<dt>");
    h_msg(r, label);
    H(r, "</dt><dd>");
    h_text(r, value && *value ? value : "—");
    H(r, "</dd>");
}

static void major_mark(struct request *r, bool major)
{
    if (major) {
        H(r, " <span class=\"state\">");
        h_msg(r, "Major matter");
        H(r, "</span>");
    }
}

static void people_list(struct request *r, const struct mt_item *x, size_t n)
{
    if (n == 0) {
        H(r, "<p class=\"hint\">—</p>");
        return;
    }
    H(r, "<ul>");
    for (size_t i = 0; i < n; i++) {
        H(r, "<li>");
        h_text(r, x[i].text);
        H(r, "</li>");
    }
    H(r, "</ul>");
}

static void minutes_form(struct request *r, const struct rg_alliance *al,
                         const struct mt_meeting *m, const struct people *pp, const struct fail *f)
{
    static const char *const fields[] = {"text",           "signed_by",      "signed_on",
                                         "distributed_on", "distributed_to", NULL};
    const struct form *posted = f ? r->form : NULL;
    H(r, "<section class=\"card\" aria-labelledby=\"h-minutes-form\"><h2 id=\"h-minutes-form\">");
    h_msg(r, "Record the minutes");
    H(r, "</h2><p class=\"hint\">");
    h_msg(r, "The chair signs and issues the minutes, which go to every member of the presidium "
             "and the units concerned (Article 13).");
    H(r, "</p>");
    form_open(r, "minutes", al->key, m->key, "minutes");
    banner_unless(r, f, fields);
    ui_textarea(r, "text", N_("Minutes (Markdown)"),
                posted ? form_get(posted, "text") : m->minutes_text, ui_field_error(f, "text"),
                false);
    person_select(r, "signed_by", N_("Signed by"), pp, true,
                  posted ? form_get(posted, "signed_by") : m->minutes_signed_by, f);
    h_field(r, "signed_on", N_("Signed on"), "date",
            posted ? form_get(posted, "signed_on") : m->minutes_signed_on,
            ui_field_error(f, "signed_on"), "off", false);
    h_field(r, "distributed_on", N_("Distributed on"), "date",
            posted ? form_get(posted, "distributed_on") : NULL, ui_field_error(f, "distributed_on"),
            "off", false);
    person_boxes(r, "distributed_to", N_("Distributed to"), pp, posted, f);
    H(r, "<button type=\"submit\">");
    h_msg(r, "Save the minutes");
    H(r, "</button></form></section>");
}

static void meeting_page(struct request *r, int status, const struct meeting_state *st)
{
    struct rg_alliance al;
    if (!req_readable_alliance(r, &al))
        return;
    struct mt_meeting m;
    struct mt_lines l;
    struct people pp;
    int rc = key_valid(r->params[1]) ? st_mt_get(r->db, r->a, al.id, r->params[1], &m) : DB_DONE;
    if (rc == DB_DONE) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "The alliance has no such meeting.");
        return;
    }
    if (rc != DB_ROW || st_mt_lines(r->db, r->a, m.id, &l) != DB_OK ||
        st_mt_post_holders(r->db, r->a, al.id, &pp.p, &pp.n) != DB_OK) {
        unavailable(r);
        return;
    }
    bool write = can_alliance(&r->who, RIGHT_ALLIANCE_EDIT, al.jurisdiction, al.key) &&
                 strcmp(al.status, "dissolved") != 0 && strcmp(al.status, "rejected") != 0;
    r->status = status;
    page_begin(r, m.title);
    crumbs(r, &al);
    H(r, "<h1>");
    h_text(r, m.title);
    H(r, "</h1>");
    if (req_query(r, "done"))
        ui_ok_banner(r, N_("Saved."));
    H(r, "<dl class=\"facts\" id=\"meeting-facts\">");
    facts_row(r, N_("Kind"), T(r, label_of(kinds, 2, m.kind)));
    facts_row(r, N_("Date"), m.date);
    H(r, "<dt>");
    h_msg(r, "Status");
    H(r, "</dt><dd id=\"meeting-status\">");
    h_msg(r, label_of(statuses, 3, m.status));
    H(r, "</dd>");
    facts_row(r, N_("Chaired by"), m.chaired_by_name);
    if (m.delegated_by)
        facts_row(r, N_("Delegated by"), name_of(&pp, m.delegated_by));
    H(r, "</dl>");

    H(r, "<section class=\"card\" aria-labelledby=\"h-agenda\"><h2 id=\"h-agenda\">");
    h_msg(r, "Agenda");
    H(r, "</h2>");
    if (m.agenda_proposed_by) {
        H(r, "<dl class=\"facts\">");
        facts_row(r, N_("Agenda proposed by"), name_of(&pp, m.agenda_proposed_by));
        facts_row(r, N_("Agenda approved by"), name_of(&pp, m.agenda_approved_by));
        facts_row(r, N_("Agenda approved on"), m.agenda_approved_on);
        H(r, "</dl>");
    }
    if (l.nitems) {
        H(r, "<ol id=\"agenda-items\">");
        for (size_t i = 0; i < l.nitems; i++) {
            H(r, "<li>");
            h_text(r, l.items[i].text);
            major_mark(r, l.items[i].major);
            H(r, "</li>");
        }
        H(r, "</ol>");
    } else {
        H(r, "<p class=\"hint\">");
        h_msg(r, "No agenda recorded.");
        H(r, "</p>");
    }
    H(r, "</section>");

    H(r, "<section class=\"card\" aria-labelledby=\"h-attended\"><h2 id=\"h-attended\">");
    h_msg(r, "Present");
    H(r, "</h2>");
    people_list(r, l.attended, l.nattended);
    H(r,
      "</section><section class=\"card\" aria-labelledby=\"h-decisions\"><h2 id=\"h-decisions\">");
    h_msg(r, "Decisions");
    H(r, "</h2>");
    if (l.ndecisions == 0) {
        H(r, "<p class=\"hint\">—</p>");
    } else {
        H(r, "<ol id=\"decisions\">");
        for (size_t i = 0; i < l.ndecisions; i++) {
            H(r, "<li>");
            h_markdown(r, l.decisions[i].text);
            major_mark(r, l.decisions[i].major);
            H(r, "</li>");
        }
        H(r, "</ol>");
    }
    H(r, "</section><section class=\"card\" aria-labelledby=\"h-minutes\"><h2 id=\"h-minutes\">");
    h_msg(r, "Minutes");
    H(r, "</h2><dl class=\"facts\">");
    facts_row(r, N_("Signed by"), m.minutes_signed_by_name);
    facts_row(r, N_("Signed on"), m.minutes_signed_on);
    facts_row(r, N_("Distributed on"), m.minutes_distributed_on);
    H(r, "</dl>");
    if (l.nrecipients) {
        H(r, "<h3>");
        h_msg(r, "Distributed to");
        H(r, "</h3>");
        people_list(r, l.recipients, l.nrecipients);
    }
    if (m.minutes_text)
        h_markdown(r, m.minutes_text);
    H(r, "</section>");

    if (write && strcmp(m.status, "planned") == 0) {
        static const char *const held_fields[] = {"attended", "decisions", NULL};
        const struct fail *f = fail_for(st, "held");
        H(r, "<section class=\"card\" aria-labelledby=\"h-held\"><h2 id=\"h-held\">");
        h_msg(r, "The meeting was held");
        H(r, "</h2>");
        form_open(r, "held", al.key, m.key, "held");
        banner_unless(r, f, held_fields);
        outcome_fields(r, &pp, f ? r->form : NULL, f);
        H(r, "<button type=\"submit\">");
        h_msg(r, "Mark held");
        H(r, "</button></form>");
        f = fail_for(st, "cancel");
        form_open(r, "cancel", al.key, m.key, "cancel");
        if (f)
            ui_fail_banner(r, f);
        H(r, "<button type=\"submit\" class=\"small\">");
        h_msg(r, "Mark cancelled");
        H(r, "</button></form></section>");
    }
    if (write && strcmp(m.status, "held") == 0 && !m.minutes_distributed_on)
        minutes_form(r, &al, &m, &pp, fail_for(st, "minutes"));
    page_end(r);
}

void page_meeting(struct request *r)
{
    meeting_page(r, 200, NULL);
}

static void after(struct request *r, bool ok, const char *form, const struct fail *f)
{
    if (ok) {
        resp_redirect(
            r, arena_printf(r->a, "/alliances/%s/meetings/%s?done=1", r->params[0], r->params[1]));
        return;
    }
    if (f->kind == FAIL_NOT_FOUND || f->kind == FAIL_FORBIDDEN || f->kind == FAIL_UNAVAILABLE ||
        f->kind == FAIL_INTERNAL) {
        resp_fail(r, f);
        return;
    }
    struct meeting_state st = {.form = form, .f = f};
    meeting_page(r, fail_status(f->kind), &st);
}

void page_meeting_held(struct request *r)
{
    struct mtg_outcome o = {0};
    o.attended = form_get_all(r->a, r->form, "attended", &o.nattended);
    o.decisions = form_items(r, "decisions", "decisions.major", &o.ndecisions);
    struct fail f = {0};
    after(r, mtg_held(r->db, &r->who, r->params[0], r->params[1], &o, &f), "held", &f);
}

void page_meeting_cancel(struct request *r)
{
    struct fail f = {0};
    after(r, mtg_cancel(r->db, &r->who, r->params[0], r->params[1], &f), "cancel", &f);
}

void page_meeting_minutes(struct request *r)
{
    struct mtg_minutes m = {
        .text = given(r, "text"),
        .signed_by = given(r, "signed_by"),
        .signed_on = given(r, "signed_on"),
        .distributed_on = given(r, "distributed_on"),
    };
    m.distributed_to = form_get_all(r->a, r->form, "distributed_to", &m.ndistributed_to);
    struct fail f = {0};
    after(r, mtg_minutes(r->db, &r->who, r->params[0], r->params[1], &m, &f), "minutes", &f);
}
