/* Lists on pages and as downloads: a util/sheet.h sheet written as an HTML table (inside
 * div.scroll, so a wide table scrolls by itself and never the page), or answered as a CSV or XLSX
 * file. Every page that lists records goes through here, so all lists look and export alike. */
#ifndef LH_LISTING_H
#define LH_LISTING_H
#include "util/sheet.h"
#include "web/request.h"

enum listing_format { LIST_HTML, LIST_CSV, LIST_XLSX };

/* Reads ?format= (absent: HTML; "csv"; "xlsx"). On anything else answers 400 and returns false. */
bool listing_format(struct request *r, enum listing_format *out);

/* What a page of one list takes: ?format= (listing_format), ?offset= (0 to INT32_MAX) and ?q=
 * (listing_query). On anything wrong answers 400 and returns false. */
bool listing_params(struct request *r, enum listing_format *fmt, int64_t *offset, const char **q);

/* Reads ?q=, the words a list is searched for (util/sheet.h sheet_filter): *q is NULL when it is
 * absent or blank. Longer than 100 characters: answers 400 and returns false. */
bool listing_query(struct request *r, const char **q);
/* href_base with "&q=" and q percent-encoded appended, for the pager and the downloads; href_base
 * itself when q is NULL. */
const char *listing_with_query(struct request *r, const char *href_base, const char *q);
/* The search box of a filter form: a label and an input named q holding q. */
void listing_search_field(struct request *r, const char *q);

/* Rows [offset, offset + limit) of the sheet as a table with id `id` (a literal or a key). The
 * columns marked export_only are left out; SK_MONEY cells show as ¥1,234.56. */
void listing_table(struct request *r, const struct sheet *s, const char *id, size_t offset,
                   size_t limit);

/* Answers the whole sheet as a download: "BASENAME.csv" or "BASENAME.xlsx", as an attachment.
 * basename must be ASCII without quotes (keys and literals are). */
void listing_send(struct request *r, const struct sheet *s, enum listing_format f,
                  const char *basename);

/* "CSV · XLSX" links to href_base (a URL that already has a query string) plus "&format=...". */
void listing_downloads(struct request *r, const char *href_base);

/* The pager under a table: previous and next links to href_base + "&offset=N" (+ "#anchor" when
 * not NULL), and "first–last / total". */
void listing_pager(struct request *r, const char *href_base, const char *anchor, size_t offset,
                   size_t limit, size_t total);

#endif
