/* What the register's pages share (pages/approvals.c, pages/register.c, pages/home.c): how a
 * request, a state, a status or a kind reads in the user's language, and form pieces the generic
 * renderer lacks (fields with ids unique on a page of many forms, selects, text areas, banners
 * that name the article a refusal enforces). All output goes through html.h. */
#ifndef LH_REGISTER_UI_H
#define LH_REGISTER_UI_H
#include "domain/approvals.h"
#include "store/register.h"
#include "web/request.h"

/* The request's kind as people read it ("A national society joins"), translated. */
const char *ui_request_label(struct request *r, const struct rg_request *q);
/* One line about what was asked: the organisation, the charter version, the initiators. */
const char *ui_request_summary(struct request *r, const struct rg_request *q);
/* The state as a span.state, with who decided when, or who asked when while it waits. */
void ui_request_state(struct request *r, const struct rg_request *q);
const char *ui_state_label(enum ap_state s);        /* msgid */
const char *ui_alliance_status(const char *status); /* msgid, or the value itself */
const char *ui_org_kind(const char *kind);          /* msgid, or the value itself */

/* A labelled input whose id is "f-PREFIX-NAME", so several forms may share a page. */
void ui_field_id(struct request *r, const char *prefix, const char *name, const char *label,
                 const char *type, const char *value, const char *error, bool required);
/* A labelled <select> of value/label pairs (labels are msgids when translate). */
struct ui_option {
    const char *value, *label;
};
void ui_select(struct request *r, const char *name, const char *label, const struct ui_option *opts,
               size_t n, bool translate, const char *selected, const char *error);
/* A labelled <textarea>. */
void ui_textarea(struct request *r, const char *name, const char *label, const char *value,
                 const char *error, bool required);
/* The refusal as a banner, with its article of the norms when it has one. */
void ui_fail_banner(struct request *r, const struct fail *f);
void ui_ok_banner(struct request *r, const char *msgid);
/* A group of checkboxes or inputs named `name` under a legend (a msgid), marked invalid and
 * described by its error (a msgid, or NULL) as h_field marks a single input. Between the two
 * calls, the inputs. */
void ui_fieldset_begin(struct request *r, const char *name, const char *legend, const char *error);
void ui_fieldset_end(struct request *r, const char *name, const char *error);
/* The fail's message when it is about `field`, else NULL: for h_field's error argument. */
const char *ui_field_error(const struct fail *f, const char *field);

#endif
