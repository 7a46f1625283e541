/* The one way HTML is written: markup comes only from string literals (H() will not compile with
 * anything else), every value goes through an escaping call. A page cannot smuggle unescaped
 * data into its output without going around this file, and scripts/check-source forbids that. */
#ifndef LH_HTML_H
#define LH_HTML_H
#include "web/request.h"
#include <stddef.h>

void html_raw_(struct request *r, const char *s, size_t n);
/* Literal markup. The "" s "" forces a string literal at compile time. */
#define H(r, s) html_raw_((r), "" s "", sizeof(s) - 1)

/* Escaped text (also safe inside a quoted attribute value). */
void h_text(struct request *r, const char *s);
void h_textf(struct request *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A decimal integer: cheaper than h_textf("%lld"), which lists call once per cell. */
void h_int(struct request *r, int64_t v);
/* A message in the request's language, escaped. */
void h_msg(struct request *r, const char *msgid);
/* A hidden input carrying the CSRF token for forms. */
void h_csrf(struct request *r);
/* Escaped value of a URL path segment (percent-encoded), for links to /admin/users/{login}. */
void h_path_segment(struct request *r, const char *s);

/* A labelled form field with its error (a msgid, may be NULL) shown beside it. type is "text",
 * "password", ...; autocomplete an autocomplete token or NULL. */
void h_field(struct request *r, const char *name, const char *label, const char *type,
             const char *value, const char *error, const char *autocomplete, bool required);
/* Markdown (a charter, minutes, news) rendered by cmark in its safe mode, inside div.markdown:
 * raw HTML never passes and dangerous link schemes are emptied. */
void h_markdown(struct request *r, const char *text);
/* The same Markdown as HTML text in arena a, for documents that carry it escaped (the Atom
 * feed); "" for NULL. */
const char *markdown_html(arena *a, const char *text);
/* A form-level error box (msgid), nothing when NULL. */
void h_error(struct request *r, const char *message);

/* The page frame: <head>, the header with the user's name and roles, the navigation the user's
 * rights allow, then <main>. title is a msgid. */
void page_begin(struct request *r, const char *title);
void page_end(struct request *r);
/* A whole page with one message: the error renderer for pages. */
void page_message(struct request *r, int status, const char *title, const char *message);

#endif
