/* Tables people send: a spreadsheet or CSV file read into rows of text cells, whatever its format.
 *
 *  - CSV (RFC 4180, comma or, when the first line has none, tab or semicolon separated) in UTF-8
 *    with or without a byte order mark, or in GBK/GB18030 (what Excel saves as "CSV" on a Chinese
 *    Windows), converted with iconv;
 *  - XLSX (Office Open XML), read with libzip and libxml2: the first worksheet, shared and inline
 *    strings, numbers as written;
 *  - XLS (BIFF, Excel 97-2003), read with FreeXL through a private temporary file.
 *
 * The format is told by the bytes (a zip's "PK", an OLE2 signature, else text). Every cell comes
 * back as UTF-8 text (numbers as their shortest decimal text, empty cells as ""), so the caller
 * validates one kind of thing. Rows and cells live in the arena. */
#ifndef LH_ROWS_H
#define LH_ROWS_H
#include "util/arena.h"
#include <stdbool.h>
#include <stddef.h>

#define ROWS_MAX      20000 /* rows in one file */
#define ROWS_COLS_MAX 64    /* columns */
#define ROWS_CELL_MAX 4096  /* bytes of one cell */

struct row {
    const char **cells;
    size_t n;
};

struct rows {
    struct row *rows;
    size_t n;
    const char *format; /* "csv" (UTF-8), "csv-gb18030", "xlsx", "xls" */
};

/* Reads data[0..len). False with an English msgid in *why when the file is none of the formats,
 * is damaged, or exceeds the limits above. */
bool rows_read(arena *a, const void *data, size_t len, struct rows *out, const char **why);

/* The parts on their own, for tests and the fuzz target. */
bool rows_csv(arena *a, const char *data, size_t len, struct rows *out, const char **why);
bool rows_xlsx(arena *a, const void *data, size_t len, struct rows *out, const char **why);
bool rows_xls(arena *a, const void *data, size_t len, struct rows *out, const char **why);

/* The cell at (row, col), "" when the row is shorter. */
const char *rows_cell(const struct rows *t, size_t row, size_t col);

#endif
