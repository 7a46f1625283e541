/* Shared pieces of the register's pages (register_ui.h). */
#include "web/pages/register_ui.h"
#include "web/html.h"
#include <jansson.h>
#include <string.h>

const char *ui_request_label(struct request *r, const struct rg_request *q)
{
    const struct ap_kind *k = ap_kind_find(q->kind);
    return k ? T(r, k->label) : q->kind;
}

const char *ui_request_summary(struct request *r, const struct rg_request *q)
{
    json_error_t err;
    json_t *p = json_loads(q->payload ? q->payload : "{}", 0, &err);
    const char *out = "";
    if (p) {
        const char *org = json_string_value(json_object_get(p, "organisation"));
        json_t *v = json_object_get(p, "version"), *inits = json_object_get(p, "initiators");
        const char *joined = json_string_value(json_object_get(p, "joined_on"));
        const char *left = json_string_value(json_object_get(p, "left_on"));
        if (org)
            out = arena_printf(r->a, "%s: %s", T(r, "Organisation"), org);
        if (joined)
            out = arena_printf(r->a, "%s; %s: %s", out, T(r, "Joins on"), joined);
        if (left)
            out = arena_printf(r->a, "%s; %s: %s", out, T(r, "Leaves on"), left);
        if (json_is_integer(v))
            out = arena_printf(r->a, "%s %lld", T(r, "Charter version"),
                               (long long)json_integer_value(v));
        if (json_is_array(inits)) {
            out = arena_printf(r->a, "%s:", T(r, "Initiators"));
            size_t i;
            json_t *k;
            json_array_foreach(inits, i, k)
            {
                out = arena_printf(r->a, "%s%s%s", out, i ? ", " : " ", json_string_value(k));
            }
        }
        json_decref(p);
    }
    if (q->decision == NULL && q->comment)
        out = *out ? arena_printf(r->a, "%s. %s", out, q->comment) : q->comment;
    return out;
}

const char *ui_state_label(enum ap_state s)
{
    switch (s) {
    case AP_PENDING:
        return N_("Waiting for a decision");
    case AP_APPROVED:
        return N_("Approved");
    case AP_REJECTED:
        return N_("Rejected");
    case AP_WITHDRAWN:
        return N_("Withdrawn");
    case AP_STATE_COUNT:
        break;
    }
    return N_("Unknown");
}

void ui_request_state(struct request *r, const struct rg_request *q)
{
    enum ap_state s = ap_state_of(q);
    H(r, "<span class=\"state ");
    h_text(r, ap_state_name(s));
    H(r, "\">");
    h_msg(r, ui_state_label(s));
    H(r, "</span> · ");
    if (s == AP_PENDING) {
        h_msg(r, "asked by");
        H(r, " ");
        h_text(r, q->requested_by);
        H(r, " ");
        h_text(r, q->requested_at);
        return;
    }
    if (q->decided_on) {
        h_text(r, q->decided_on);
        H(r, " ");
    }
    if (q->ref) {
        h_text(r, q->ref);
        H(r, " ");
    }
    H(r, "(");
    h_text(r, q->decided_by);
    H(r, ")");
    if (q->comment) {
        H(r, " · ");
        h_text(r, q->comment);
    }
}

static const struct ui_option statuses[] = {
    {"proposed", N_("Proposed")},   {"active", N_("Active")},     {"dissolving", N_("Dissolving")},
    {"dissolved", N_("Dissolved")}, {"rejected", N_("Rejected")},
};
static const struct ui_option kinds[] = {
    {"national_society", N_("National society")},
    {"social_org", N_("Social organisation")},
    {"enterprise", N_("Enterprise")},
    {"research_institute", N_("Research institute")},
    {"university", N_("University")},
    {"other", N_("Other")},
};

static const char *lookup(const struct ui_option *t, size_t n, const char *v)
{
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(t[i].value, v) == 0)
            return t[i].label;
    return v;
}

const char *ui_alliance_status(const char *status)
{
    return lookup(statuses, sizeof statuses / sizeof statuses[0], status);
}

const char *ui_org_kind(const char *kind)
{
    return lookup(kinds, sizeof kinds / sizeof kinds[0], kind);
}

static void label_and_error_open(struct request *r, const char *id, const char *label,
                                 const char *error)
{
    H(r, "<div class=\"field");
    if (error)
        H(r, " invalid");
    H(r, "\"><label for=\"");
    h_text(r, id);
    H(r, "\">");
    h_msg(r, label);
    H(r, "</label>");
}

/* Closes the control's attributes: marks it invalid and describes it by its error. */
static void invalid_attrs(struct request *r, const char *id, const char *error)
{
    if (!error)
        return;
    H(r, " aria-invalid=\"true\" aria-describedby=\"e-");
    h_text(r, id);
    H(r, "\"");
}

static void error_after(struct request *r, const char *id, const char *error)
{
    if (error) {
        H(r, "<p class=\"error\" id=\"e-");
        h_text(r, id);
        H(r, "\">");
        h_msg(r, error);
        H(r, "</p>");
    }
    H(r, "</div>");
}

void ui_field_id(struct request *r, const char *prefix, const char *name, const char *label,
                 const char *type, const char *value, const char *error, bool required)
{
    const char *id = arena_printf(r->a, "f-%s-%s", prefix, name);
    label_and_error_open(r, id, label, error);
    H(r, "<input id=\"");
    h_text(r, id);
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
    if (required)
        H(r, " required");
    invalid_attrs(r, id, error);
    H(r, ">");
    error_after(r, id, error);
}

void ui_select(struct request *r, const char *name, const char *label, const struct ui_option *opts,
               size_t n, bool translate, const char *selected, const char *error)
{
    const char *id = arena_printf(r->a, "f-%s", name);
    label_and_error_open(r, id, label, error);
    H(r, "<select id=\"");
    h_text(r, id);
    H(r, "\" name=\"");
    h_text(r, name);
    H(r, "\"");
    invalid_attrs(r, id, error);
    H(r, ">");
    for (size_t i = 0; i < n; i++) {
        H(r, "<option value=\"");
        h_text(r, opts[i].value);
        H(r, "\"");
        if (selected && strcmp(selected, opts[i].value) == 0)
            H(r, " selected");
        H(r, ">");
        if (translate)
            h_msg(r, opts[i].label);
        else
            h_text(r, opts[i].label);
        H(r, "</option>");
    }
    H(r, "</select>");
    error_after(r, id, error);
}

void ui_textarea(struct request *r, const char *name, const char *label, const char *value,
                 const char *error, bool required)
{
    const char *id = arena_printf(r->a, "f-%s", name);
    label_and_error_open(r, id, label, error);
    H(r, "<textarea id=\"");
    h_text(r, id);
    H(r, "\" name=\"");
    h_text(r, name);
    H(r, "\" rows=\"16\"");
    if (required)
        H(r, " required");
    invalid_attrs(r, id, error);
    H(r, ">");
    h_text(r, value);
    H(r, "</textarea>");
    error_after(r, id, error);
}

void ui_fail_banner(struct request *r, const struct fail *f)
{
    if (!f || !f->message)
        return;
    H(r, "<p class=\"error banner\" role=\"alert\">");
    h_msg(r, f->message);
    if (f->rule) {
        H(r, " <code class=\"rule\">");
        h_text(r, f->rule);
        H(r, "</code>");
    }
    H(r, "</p>");
}

void ui_ok_banner(struct request *r, const char *msgid)
{
    H(r, "<p class=\"ok banner\" role=\"status\">");
    h_msg(r, msgid);
    H(r, "</p>");
}

const char *ui_field_error(const struct fail *f, const char *field)
{
    return f && f->field && field && strcmp(f->field, field) == 0 ? f->message : NULL;
}

void ui_fieldset_begin(struct request *r, const char *name, const char *legend, const char *error)
{
    H(r, "<div class=\"field");
    if (error)
        H(r, " invalid");
    H(r, "\"><fieldset id=\"f-");
    h_text(r, name);
    H(r, "\"");
    if (error) {
        H(r, " aria-describedby=\"e-");
        h_text(r, name);
        H(r, "\"");
    }
    H(r, "><legend>");
    h_msg(r, legend);
    H(r, "</legend>");
}

void ui_fieldset_end(struct request *r, const char *name, const char *error)
{
    H(r, "</fieldset>");
    if (error) {
        H(r, "<p class=\"error\" id=\"e-");
        h_text(r, name);
        H(r, "\">");
        h_msg(r, error);
        H(r, "</p>");
    }
    H(r, "</div>");
}
