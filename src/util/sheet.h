/* A list as data: column headings and rows of typed cells, built once and then written as an
 * HTML table (web/listing.c), as CSV or as an XLSX workbook (here). Every list a page shows is a
 * sheet, so the page and its downloads can never disagree, and there is one CSV writer and one
 * XLSX writer for all of them.
 *
 * A sheet and everything in it live in the arena it was made with; cell text is not copied, so
 * it must live at least as long (arena strings or literals). */
#ifndef LH_SHEET_H
#define LH_SHEET_H
#include "util/arena.h"
#include "util/buf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sheet_kind {
    SK_TEXT,  /* text as is */
    SK_INT,   /* an integer */
    SK_MONEY, /* integer fen: ¥1,234.56 on pages, 1234.56 in CSV, a number formatted in XLSX */
    SK_DATE,  /* YYYY-MM-DD: a real date cell in XLSX */
};

struct sheet_col {
    const char *title; /* already translated */
    enum sheet_kind kind;
    bool export_only; /* in CSV and XLSX but not on the page (keys, say) */
};

struct sheet_cell {
    const char *text; /* SK_TEXT, SK_DATE; NULL: empty */
    const char *href; /* a link on the page; NULL: none */
    int64_t num;      /* SK_INT, SK_MONEY */
    bool empty;       /* SK_INT, SK_MONEY: no value */
};

struct sheet {
    arena *a;
    const char *name; /* the worksheet's name (translated; Excel allows 31 characters) */
    const struct sheet_col *cols;
    size_t ncols;
    struct sheet_cell *cells; /* nrows * ncols, row by row */
    size_t nrows, cap, filled;
};

/* A sheet with these columns (the array must outlive it) and no rows. */
struct sheet *sheet_new(arena *a, const char *name, const struct sheet_col *cols, size_t ncols);
/* Starts a row; then give exactly ncols cells, left to right. */
void sheet_row(struct sheet *s);
void sheet_text(struct sheet *s, const char *text);
void sheet_link(struct sheet *s, const char *text, const char *href);
void sheet_int(struct sheet *s, int64_t n);
void sheet_money(struct sheet *s, int64_t fen);
void sheet_empty(struct sheet *s);
const struct sheet_cell *sheet_at(const struct sheet *s, size_t row, size_t col);

/* The rows of s that match a search, in a new sheet on the same arena sharing s's columns and
 * cell text: every word of q (words are separated by spaces) must occur in some cell of the row,
 * export-only columns included (a key or a credit code finds its row). Letters A-Z match either
 * case; anything else, Chinese included, matches as written. Integers match as decimal digits;
 * money does not take part. An empty q, or one of spaces only, keeps every row. */
struct sheet *sheet_filter(const struct sheet *s, const char *q);

/* RFC 4180 CSV in UTF-8 with a byte order mark (so Excel reads it as UTF-8): CRLF line ends, a
 * field quoted when it holds a comma, a quote, CR or LF (quotes doubled). A text cell that a
 * spreadsheet would take for a formula (= + - @ at the start) is prefixed with ' (CSV injection).
 */
void sheet_csv(const struct sheet *s, buf *out);
/* The sheet as an XLSX workbook of one worksheet: a bold, frozen, filterable heading row. Written
 * through a private temporary file (libxlsxwriter 1.1.4 cannot write to memory) that is removed
 * before returning. False when the library or the file system fails. */
bool sheet_xlsx(const struct sheet *s, buf *out);

#endif
