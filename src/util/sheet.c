/* Sheets (sheet.h): building them, and the CSV and XLSX writers every download goes through. */
#include "util/sheet.h"
#include "util/money.h"
#include <assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct sheet *sheet_new(arena *a, const char *name, const struct sheet_col *cols, size_t ncols)
{
    struct sheet *s = arena_alloc(a, sizeof *s);
    s->a = a;
    s->name = name;
    s->cols = cols;
    s->ncols = ncols;
    return s;
}

void sheet_row(struct sheet *s)
{
    assert(s->filled == s->nrows * s->ncols); /* the previous row is complete */
    if (s->nrows == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 32;
        struct sheet_cell *c = arena_alloc(s->a, ncap * s->ncols * sizeof *c);
        if (s->nrows)
            memcpy(c, s->cells, s->nrows * s->ncols * sizeof *c);
        s->cells = c;
        s->cap = ncap;
    }
    s->nrows++;
}

static struct sheet_cell *next(struct sheet *s)
{
    assert(s->nrows > 0 && s->filled < s->nrows * s->ncols);
    struct sheet_cell *c = &s->cells[s->filled++];
    *c = (struct sheet_cell){0};
    return c;
}

void sheet_text(struct sheet *s, const char *text)
{
    next(s)->text = text;
}

void sheet_link(struct sheet *s, const char *text, const char *href)
{
    struct sheet_cell *c = next(s);
    c->text = text;
    c->href = href;
}

void sheet_int(struct sheet *s, int64_t n)
{
    next(s)->num = n;
}

void sheet_money(struct sheet *s, int64_t fen)
{
    next(s)->num = fen;
}

void sheet_empty(struct sheet *s)
{
    struct sheet_cell *c = next(s);
    c->empty = true;
}

const struct sheet_cell *sheet_at(const struct sheet *s, size_t row, size_t col)
{
    return &s->cells[row * s->ncols + col];
}

/* --- CSV ------------------------------------------------------------------------------------ */

/* Does word[0..n) occur in text, ASCII letters in either case? */
static bool contains(const char *text, const char *word, size_t n)
{
    for (; *text; text++) {
        size_t i = 0;
        while (i < n && text[i] &&
               (text[i] == word[i] ||
                (isascii((unsigned char)text[i]) &&
                 tolower((unsigned char)text[i]) == tolower((unsigned char)word[i]))))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

static bool row_has(const struct sheet *s, size_t row, const char *word, size_t n)
{
    for (size_t c = 0; c < s->ncols; c++) {
        const struct sheet_cell *cell = sheet_at(s, row, c);
        switch (s->cols[c].kind) {
        case SK_TEXT:
        case SK_DATE:
            if (cell->text && contains(cell->text, word, n))
                return true;
            break;
        case SK_INT: {
            char d[24];
            snprintf(d, sizeof d, "%" PRId64, cell->num);
            if (!cell->empty && contains(d, word, n))
                return true;
            break;
        }
        case SK_MONEY:
            break;
        }
    }
    return false;
}

struct sheet *sheet_filter(const struct sheet *s, const char *q)
{
    struct sheet *out = sheet_new(s->a, s->name, s->cols, s->ncols);
    for (size_t row = 0; row < s->nrows; row++) {
        bool keep = true;
        for (const char *w = q; keep && w && *w;) {
            w += strspn(w, " ");
            size_t n = strcspn(w, " ");
            if (n)
                keep = row_has(s, row, w, n);
            w += n;
        }
        if (!keep)
            continue;
        sheet_row(out);
        memcpy(&out->cells[out->filled], &s->cells[row * s->ncols], s->ncols * sizeof *s->cells);
        out->filled += s->ncols;
    }
    return out;
}

static void csv_field(buf *out, const char *v, bool guard)
{
    if (!v)
        return;
    /* A spreadsheet runs a cell beginning with these as a formula; a leading ' makes it text. */
    bool formula = guard && v[0] && strchr("=+-@\t\r", v[0]);
    if (!formula && !strpbrk(v, ",\"\r\n")) {
        buf_puts(out, v);
        return;
    }
    buf_putc(out, '"');
    if (formula)
        buf_putc(out, '\'');
    for (; *v; v++) {
        if (*v == '"')
            buf_putc(out, '"');
        buf_putc(out, *v);
    }
    buf_putc(out, '"');
}

void sheet_csv(const struct sheet *s, buf *out)
{
    buf_puts(out, "\xEF\xBB\xBF");
    for (size_t c = 0; c < s->ncols; c++) {
        if (c)
            buf_putc(out, ',');
        csv_field(out, s->cols[c].title, true);
    }
    buf_puts(out, "\r\n");
    for (size_t r = 0; r < s->nrows; r++) {
        for (size_t c = 0; c < s->ncols; c++) {
            const struct sheet_cell *cell = sheet_at(s, r, c);
            if (c)
                buf_putc(out, ',');
            char m[MONEY_MAX];
            switch (s->cols[c].kind) {
            case SK_TEXT:
                csv_field(out, cell->text, true);
                break;
            case SK_DATE:
                csv_field(out, cell->text, false);
                break;
            case SK_INT:
                if (!cell->empty)
                    buf_printf(out, "%lld", (long long)cell->num);
                break;
            case SK_MONEY:
                if (!cell->empty)
                    buf_puts(out, money_format(cell->num, MONEY_PLAIN, m));
                break;
            }
        }
        buf_puts(out, "\r\n");
    }
}

/* --- XLSX ----------------------------------------------------------------------------------- */

/* Roughly how many character widths Excel needs for s: CJK and other wide characters take two. */
static double display_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue; /* continuation byte */
        w += *p >= 0xE0 ? 2.0 : 1.0;
    }
    return w;
}

static bool parse_date(const char *s, lxw_datetime *dt)
{
    int y, m, d;
    char end;
    if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
        return false;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    *dt = (lxw_datetime){.year = y, .month = m, .day = d};
    return true;
}

static bool write_workbook(const struct sheet *s, const char *path)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return false;
    const char *name = s->name;
    if (!name || workbook_validate_sheet_name(wb, name) != LXW_NO_ERROR)
        name = NULL; /* "Sheet1" */
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    lxw_format *head = workbook_add_format(wb);
    lxw_format *money = workbook_add_format(wb);
    lxw_format *date = workbook_add_format(wb);
    if (!ws || !head || !money || !date) {
        workbook_close(wb);
        return false;
    }
    format_set_bold(head);
    format_set_num_format(money, "\"\xC2\xA5\"#,##0.00;\\-\"\xC2\xA5\"#,##0.00");
    format_set_num_format(date, "yyyy-mm-dd");
    bool ok = true;
    for (size_t c = 0; c < s->ncols; c++) {
        double width = display_width(s->cols[c].title) + 2;
        if (s->cols[c].kind == SK_DATE && width < 12)
            width = 12;
        if (s->cols[c].kind == SK_MONEY && width < 16)
            width = 16;
        ok &= worksheet_write_string(ws, 0, (lxw_col_t)c, s->cols[c].title, head) == LXW_NO_ERROR;
        for (size_t r = 0; r < s->nrows; r++) {
            const struct sheet_cell *cell = sheet_at(s, r, c);
            lxw_row_t row = (lxw_row_t)(r + 1);
            lxw_col_t col = (lxw_col_t)c;
            lxw_datetime dt;
            switch (s->cols[c].kind) {
            case SK_TEXT:
                if (cell->text && *cell->text) {
                    /* Strings are stored as strings: a text starting with = is never a formula. */
                    ok &= worksheet_write_string(ws, row, col, cell->text, NULL) == LXW_NO_ERROR;
                    double w = display_width(cell->text) + 2;
                    width = w > width ? w : width;
                }
                break;
            case SK_DATE:
                if (parse_date(cell->text, &dt))
                    ok &= worksheet_write_datetime(ws, row, col, &dt, date) == LXW_NO_ERROR;
                else if (cell->text && *cell->text)
                    ok &= worksheet_write_string(ws, row, col, cell->text, NULL) == LXW_NO_ERROR;
                break;
            case SK_INT:
                if (!cell->empty)
                    ok &= worksheet_write_number(ws, row, col, (double)cell->num, NULL) ==
                          LXW_NO_ERROR;
                break;
            case SK_MONEY:
                if (!cell->empty)
                    ok &= worksheet_write_number(ws, row, col, (double)cell->num / 100.0, money) ==
                          LXW_NO_ERROR;
                break;
            }
        }
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width > 60 ? 60 : width, NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (s->ncols)
        worksheet_autofilter(ws, 0, 0, (lxw_row_t)s->nrows, (lxw_col_t)(s->ncols - 1));
    ok &= workbook_close(wb) == LXW_NO_ERROR;
    return ok;
}

bool sheet_xlsx(const struct sheet *s, buf *out)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/lianheti-xlsx-XXXXXX", dir);
    if (n < 0 || (size_t)n >= sizeof path)
        return false;
    /* mkstemp makes the file ours alone (0600, O_EXCL); the library then rewrites it by name and
     * we read it back through the descriptor we kept. */
    int fd = mkstemp(path);
    if (fd < 0)
        return false;
    bool ok = write_workbook(s, path);
    if (ok && lseek(fd, 0, SEEK_SET) == 0) {
        char chunk[65536];
        ssize_t got;
        while ((got = read(fd, chunk, sizeof chunk)) > 0)
            buf_append(out, chunk, (size_t)got);
        ok = got == 0;
    } else {
        ok = false;
    }
    unlink(path);
    close(fd);
    return ok;
}
