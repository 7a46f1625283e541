/* Reading tables people send (rows.h): CSV in UTF-8, GB18030 (GBK's superset) or UTF-16; XLSX
 * through libzip and libxml2; XLS through FreeXL. Every limit is checked before the memory it
 * guards is spent: an XLSX part's declared size before it is inflated, rows and columns as they
 * are read. FreeXL runs in a child process (see rows_xls). */
#include "util/rows.h"
#ifdef LH_FUZZ
#include <sanitizer/common_interface_defs.h>
#endif
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include <errno.h>
#include <freexl.h>
#include <iconv.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#define XLSX_PART_MAX (64u * 1024 * 1024) /* bytes of one inflated XML part */

const char *rows_cell(const struct rows *t, size_t row, size_t col)
{
    if (row >= t->n || col >= t->rows[row].n)
        return "";
    return t->rows[row].cells[col] ? t->rows[row].cells[col] : "";
}

/* --- building rows --------------------------------------------------------------------------- */

struct builder {
    arena *a;
    struct rows *out;
    size_t cap;
    const char **cells; /* the row being built */
    size_t ncells, cells_cap;
    const char *why;
};

static bool add_cell(struct builder *b, const char *text, size_t len)
{
    if (len > ROWS_CELL_MAX) {
        b->why = N_("A cell of the file is longer than 4096 bytes.");
        return false;
    }
    if (b->ncells == ROWS_COLS_MAX) {
        b->why = N_("A row of the file has more than 64 columns.");
        return false;
    }
    if (b->ncells == b->cells_cap) {
        size_t ncap = b->cells_cap ? b->cells_cap * 2 : 8;
        const char **c = arena_alloc(b->a, ncap * sizeof *c);
        if (b->ncells)
            memcpy(c, b->cells, b->ncells * sizeof *c);
        b->cells = c;
        b->cells_cap = ncap;
    }
    b->cells[b->ncells++] = arena_strndup(b->a, text, len);
    return true;
}

/* Puts the cell at column col (0-based), padding with empty cells. */
static bool put_cell(struct builder *b, size_t col, const char *text, size_t len)
{
    if (col >= ROWS_COLS_MAX) {
        b->why = N_("A row of the file has more than 64 columns.");
        return false;
    }
    while (b->ncells < col)
        if (!add_cell(b, "", 0))
            return false;
    if (b->ncells > col) /* a cell given twice: the later wins */
        b->ncells = col;
    return add_cell(b, text, len);
}

static bool end_row(struct builder *b)
{
    struct rows *o = b->out;
    if (o->n == ROWS_MAX) {
        b->why = N_("The file has more than 20,000 rows.");
        return false;
    }
    if (o->n == b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 64;
        struct row *r = arena_alloc(b->a, ncap * sizeof *r);
        if (o->n)
            memcpy(r, o->rows, o->n * sizeof *r);
        o->rows = r;
        b->cap = ncap;
    }
    o->rows[o->n++] = (struct row){b->cells, b->ncells};
    b->cells = NULL;
    b->ncells = b->cells_cap = 0;
    return true;
}

/* Drops empty rows at the end (a spreadsheet's trailing blank lines). */
static void trim_rows(struct rows *o)
{
    while (o->n > 0) {
        const struct row *r = &o->rows[o->n - 1];
        bool blank = true;
        for (size_t i = 0; i < r->n && blank; i++)
            blank = !r->cells[i] || !*r->cells[i];
        if (!blank)
            break;
        o->n--;
    }
}

/* --- CSV ------------------------------------------------------------------------------------- */

/* data converted from `from` to UTF-8 with iconv into a NUL-terminated arena string; NULL when
 * the bytes are not valid in that encoding. */
static char *convert(arena *a, const char *from, const char *data, size_t len, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16; /* GB18030 and UTF-16 never grow by more than 2x into UTF-8 */
    char *out = malloc(cap);
    if (!out) {
        iconv_close(cd);
        return NULL;
    }
    char *in = (char *)data, *o = out;
    size_t inleft = len, outleft = cap - 1;
    size_t rc = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    char *res = NULL;
    if (rc != (size_t)-1 && inleft == 0) {
        *outlen = (size_t)(o - out);
        res = arena_strndup(a, out, *outlen);
    }
    free(out);
    return res;
}

/* The separator: a comma, unless the first line has none and has tabs (or semicolons). */
static char separator(const char *s, size_t n)
{
    size_t commas = 0, tabs = 0, semis = 0;
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            commas++;
        else if (!quoted && c == '\t')
            tabs++;
        else if (!quoted && c == ';')
            semis++;
    }
    return commas ? ',' : tabs ? '\t' : semis ? ';' : ',';
}

static bool parse_csv(struct builder *b, const char *s, size_t n)
{
    char sep = separator(s, n);
    buf field = {0};
    size_t i = 0;
    bool ok = true;
    if (n == 0)
        return true;
    while (ok && i <= n) {
        buf_reset(&field);
        if (i < n && s[i] == '"') {
            i++;
            for (;;) {
                if (i >= n) {
                    b->why = N_("A quoted field of the CSV file is not closed.");
                    ok = false;
                    break;
                }
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') {
                        buf_putc(&field, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                buf_putc(&field, s[i++]);
            }
            if (!ok)
                break;
        }
        /* Unquoted text (or what follows a closing quote, kept as Excel does). */
        while (i < n && s[i] != sep && s[i] != '\n' && s[i] != '\r')
            buf_putc(&field, s[i++]);
        if (!add_cell(b, buf_str(&field), field.len)) {
            ok = false;
            break;
        }
        if (i >= n) {
            ok = end_row(b);
            break;
        }
        if (s[i] == sep) {
            i++;
            continue;
        }
        /* a line end: CRLF, LF or CR */
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
            i++;
        i++;
        ok = end_row(b);
        if (i >= n)
            break;
    }
    buf_free(&field);
    return ok;
}

bool rows_csv(arena *a, const char *data, size_t len, struct rows *out, const char **why)
{
    memset(out, 0, sizeof *out);
    struct builder b = {.a = a, .out = out};
    const char *s = data;
    size_t n = len;
    out->format = "csv";
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3; /* UTF-8 with a byte order mark, as Excel writes "CSV UTF-8" */
        n -= 3;
    } else if (n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)) {
        /* UTF-16 ("Unicode text" from Excel: tab separated) */
        size_t m = 0;
        s = convert(a, s[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE", s + 2, n - 2, &m);
        n = m;
        out->format = "csv-utf16";
    } else if (!utf8_valid(s, n)) {
        /* Not UTF-8: GBK as saved by a Chinese Windows, read as GB18030 (its superset). */
        size_t m = 0;
        s = memchr(s, '\0', n) ? NULL : convert(a, "GB18030", s, n, &m);
        n = s ? m : 0;
        out->format = "csv-gb18030";
    }
    if (!s || !utf8_valid(s, n)) {
        *why = N_("The file is not a spreadsheet and not text in UTF-8 or GBK/GB18030.");
        return false;
    }
    if (!parse_csv(&b, s, n)) {
        *why = b.why;
        return false;
    }
    trim_rows(out);
    return true;
}

/* --- XLSX ------------------------------------------------------------------------------------ */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

/* One part of the package, inflated into a malloc'ed buffer; NULL when absent or too large. */
static char *zip_part(zip_t *z, const char *name, size_t *len)
{
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_PART_MAX)
        return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return NULL;
    char *p = malloc(st.size + 1);
    zip_int64_t got = p ? zip_fread(f, p, st.size) : -1;
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        free(p);
        return NULL;
    }
    p[st.size] = '\0';
    *len = st.size;
    return p;
}

/* Parses XML without the network and without expanding external entities. */
static xmlDocPtr xml_doc(const char *p, size_t len)
{
    if (len > INT32_MAX)
        return NULL;
    return xmlReadMemory(p, (int)len, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static bool named(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The text of every <t> below n, except phonetic runs (<rPh>), appended to out. */
static void text_of(xmlNodePtr n, buf *out)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (named(c, "rPh"))
            continue;
        if (named(c, "t")) {
            xmlChar *s = xmlNodeGetContent(c);
            if (s)
                buf_puts(out, (const char *)s);
            xmlFree(s);
        } else if (c->type == XML_ELEMENT_NODE) {
            text_of(c, out);
        }
    }
}

static char *attr(arena *a, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s = v ? arena_strdup(a, (const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* The path of the first worksheet: workbook.xml's first <sheet>, through the relationships. */
static const char *first_sheet(arena *a, zip_t *z)
{
    const char *fallback = "xl/worksheets/sheet1.xml";
    size_t len;
    char *wb = zip_part(z, "xl/workbook.xml", &len);
    if (!wb)
        return fallback;
    xmlDocPtr doc = xml_doc(wb, len);
    free(wb);
    char *rid = NULL;
    for (xmlNodePtr n = doc ? xmlDocGetRootElement(doc)->children : NULL; n && !rid; n = n->next)
        if (named(n, "sheets"))
            for (xmlNodePtr s = n->children; s && !rid; s = s->next)
                if (named(s, "sheet")) {
                    xmlChar *v = xmlGetNsProp(s, (const xmlChar *)"id",
                                              (const xmlChar *)"http://schemas.openxmlformats.org/"
                                                               "officeDocument/2006/relationships");
                    rid = v ? arena_strdup(a, (const char *)v) : NULL;
                    xmlFree(v);
                }
    xmlFreeDoc(doc);
    if (!rid)
        return fallback;
    char *rels = zip_part(z, "xl/_rels/workbook.xml.rels", &len);
    if (!rels)
        return fallback;
    doc = xml_doc(rels, len);
    free(rels);
    const char *path = NULL;
    for (xmlNodePtr n = doc ? xmlDocGetRootElement(doc)->children : NULL; n && !path; n = n->next) {
        if (!named(n, "Relationship"))
            continue;
        char *id = attr(a, n, "Id"), *target = attr(a, n, "Target");
        if (id && target && strcmp(id, rid) == 0)
            path =
                target[0] == '/' ? arena_strdup(a, target + 1) : arena_printf(a, "xl/%s", target);
    }
    xmlFreeDoc(doc);
    return path ? path : fallback;
}

/* The column of a cell reference ("C7" -> 2); -1 when it has none. */
static long ref_col(const char *r)
{
    long c = 0;
    size_t i = 0;
    for (; r && r[i] >= 'A' && r[i] <= 'Z' && i < 4; i++)
        c = c * 26 + (r[i] - 'A' + 1);
    return i == 0 ? -1 : c - 1;
}

bool rows_xlsx(arena *a, const void *data, size_t len, struct rows *out, const char **why)
{
    memset(out, 0, sizeof *out);
    out->format = "xlsx";
    pthread_once(&xml_once, xml_init);
    *why = N_("The XLSX file is damaged or not a workbook.");
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
    if (!z) {
        if (src)
            zip_source_free(src);
        zip_error_fini(&err);
        return false;
    }
    zip_error_fini(&err);

    /* Shared strings (absent when every cell is inline or a number). */
    const char **shared = NULL;
    size_t nshared = 0;
    size_t plen;
    char *part = zip_part(z, "xl/sharedStrings.xml", &plen);
    if (part) {
        xmlDocPtr doc = xml_doc(part, plen);
        free(part);
        if (!doc) {
            zip_discard(z);
            return false;
        }
        size_t cap = 0;
        buf t = {0};
        for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
            if (!named(n, "si"))
                continue;
            if (nshared == cap) {
                cap = cap ? cap * 2 : 64;
                const char **s = arena_alloc(a, cap * sizeof *s);
                if (nshared)
                    memcpy(s, shared, nshared * sizeof *s);
                shared = s;
            }
            buf_reset(&t);
            text_of(n, &t);
            shared[nshared++] = arena_strdup(a, buf_str(&t));
        }
        buf_free(&t);
        xmlFreeDoc(doc);
    }

    const char *sheet = first_sheet(a, z);
    part = zip_part(z, sheet, &plen);
    zip_discard(z);
    if (!part)
        return false;
    xmlDocPtr doc = xml_doc(part, plen);
    free(part);
    if (!doc)
        return false;
    struct builder b = {.a = a, .out = out};
    bool ok = true;
    buf t = {0};
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root ? root->children : NULL; n && ok; n = n->next) {
        if (!named(n, "sheetData"))
            continue;
        for (xmlNodePtr row = n->children; row && ok; row = row->next) {
            if (!named(row, "row"))
                continue;
            /* Rows skipped by the file (r jumps) are empty rows here, so numbers match. */
            char *rn = attr(a, row, "r");
            long want = rn ? strtol(rn, NULL, 10) : (long)out->n + 1;
            if (want > ROWS_MAX) {
                b.why = N_("The file has more than 20,000 rows.");
                ok = false;
                break;
            }
            while (ok && (long)out->n + 1 < want)
                ok = end_row(&b);
            size_t col = 0;
            for (xmlNodePtr c = row->children; c && ok; c = c->next) {
                if (!named(c, "c"))
                    continue;
                char *r = attr(a, c, "r"), *type = attr(a, c, "t");
                long rc = ref_col(r);
                if (rc >= 0)
                    col = (size_t)rc;
                buf_reset(&t);
                if (type && strcmp(type, "inlineStr") == 0) {
                    for (xmlNodePtr is = c->children; is; is = is->next)
                        if (named(is, "is"))
                            text_of(is, &t);
                } else {
                    for (xmlNodePtr v = c->children; v; v = v->next)
                        if (named(v, "v")) {
                            xmlChar *s = xmlNodeGetContent(v);
                            if (s)
                                buf_puts(&t, (const char *)s);
                            xmlFree(s);
                        }
                    if (type && strcmp(type, "s") == 0) {
                        char *end;
                        errno = 0;
                        unsigned long k = strtoul(buf_str(&t), &end, 10);
                        if (errno || *end || t.len == 0 || k >= nshared) {
                            b.why = N_("The XLSX file is damaged or not a workbook.");
                            ok = false;
                            break;
                        }
                        buf_reset(&t);
                        buf_puts(&t, shared[k]);
                    } else if (type && strcmp(type, "b") == 0) {
                        const char *v = strcmp(buf_str(&t), "1") == 0 ? "TRUE" : "FALSE";
                        buf_reset(&t);
                        buf_puts(&t, v);
                    }
                }
                ok = put_cell(&b, col, buf_str(&t), t.len);
                col++;
            }
            if (ok)
                ok = end_row(&b);
        }
    }
    buf_free(&t);
    xmlFreeDoc(doc);
    if (!ok) {
        *why = b.why;
        return false;
    }
    trim_rows(out);
    return true;
}

/* --- XLS ----------------------------------------------------------------------------------- */

/* FreeXL 1.0.6 reads past its buffers on some malformed files (found by fuzz/fuzz_rows.c), and an
 * upload is anyone's file. So it runs in a child process of its own, which writes the cells into
 * a pipe and exits: a file that makes FreeXL crash, hang (10 s) or run wild costs that child, not
 * the server. The child's exit status says why it gave up. */
enum { XLS_OK, XLS_DAMAGED, XLS_ROWS, XLS_COLS, XLS_IO };

static bool put_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        c += w;
        n -= (size_t)w;
    }
    return true;
}

/* In the child: every row as a count of cells, every cell as a length and its UTF-8 bytes. */
static int xls_child(const char *path, int out)
{
    const void *h = NULL;
    if (freexl_open(path, &h) != FREEXL_OK)
        return XLS_DAMAGED;
    unsigned int nrows = 0, sheets = 0;
    unsigned short ncols = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK || sheets == 0 ||
        freexl_select_active_worksheet(h, 0) != FREEXL_OK ||
        freexl_worksheet_dimensions(h, &nrows, &ncols) != FREEXL_OK)
        return XLS_DAMAGED;
    if (nrows > ROWS_MAX)
        return XLS_ROWS;
    if (ncols > ROWS_COLS_MAX)
        return XLS_COLS;
    for (unsigned int r = 0; r < nrows; r++) {
        uint32_t n = ncols;
        if (!put_all(out, &n, sizeof n))
            return XLS_IO;
        for (unsigned short c = 0; c < ncols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
                return XLS_DAMAGED;
            char num[64];
            const char *s = "";
            switch (v.type) {
            case FREEXL_CELL_INT:
                snprintf(num, sizeof num, "%d", v.value.int_value);
                s = num;
                break;
            case FREEXL_CELL_DOUBLE:
                snprintf(num, sizeof num, "%.15g", v.value.double_value);
                s = num;
                break;
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
            case FREEXL_CELL_DATE:
            case FREEXL_CELL_DATETIME:
            case FREEXL_CELL_TIME:
                s = v.value.text_value ? v.value.text_value : "";
                break;
            default:
                break;
            }
            uint32_t len = (uint32_t)strnlen(s, ROWS_CELL_MAX + 1);
            if (!put_all(out, &len, sizeof len) || !put_all(out, s, len))
                return XLS_IO;
        }
    }
    freexl_close(h);
    return XLS_OK;
}

/* Reads what the child wrote into b, at most max bytes. */
static bool take_all(int fd, buf *b, size_t max)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        if (n == 0)
            return true;
        if (b->len + (size_t)n > max)
            return false;
        buf_append(b, chunk, (size_t)n);
    }
}

/* Turns the child's records into rows; false when they are not what the child writes. */
static bool xls_records(struct builder *b, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cells, len;
        if (n - i < sizeof cells)
            return false;
        memcpy(&cells, p + i, sizeof cells);
        i += sizeof cells;
        for (uint32_t c = 0; c < cells; c++) {
            if (n - i < sizeof len)
                return false;
            memcpy(&len, p + i, sizeof len);
            i += sizeof len;
            if (n - i < len)
                return false;
            if (!utf8_valid(p + i, len)) {
                b->why = N_("The XLS file is damaged, protected or not a workbook.");
                return false;
            }
            if (!add_cell(b, p + i, len))
                return false;
            i += len;
        }
        if (!end_row(b))
            return false;
    }
    return true;
}

bool rows_xls(arena *a, const void *data, size_t len, struct rows *out, const char **why)
{
    memset(out, 0, sizeof *out);
    out->format = "xls";
    *why = N_("The XLS file is damaged, protected or not a workbook.");
    /* FreeXL reads only files: a private temporary one, removed once the child is done. */
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/lianheti-xls-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return false;
    bool written = put_all(fd, data, len);
    close(fd);
    int pipefd[2];
    if (!written || pipe(pipefd) != 0) {
        unlink(path);
        return false;
    }
    pid_t pid = fork();
    if (pid == 0) {
#ifdef LH_FUZZ
        /* A crash here is the contained failure the child exists for (FreeXL misreads hostile
         * files), not a finding of the fuzzer that forked it: keep libFuzzer from saving it. */
        __sanitizer_set_death_callback(NULL);
#endif
        close(pipefd[0]);
        alarm(10);
        _exit(xls_child(path, pipefd[1]));
    }
    close(pipefd[1]);
    buf got = {0};
    bool complete = pid > 0 && take_all(pipefd[0], &got, (size_t)ROWS_MAX * 4 * 1024);
    close(pipefd[0]);
    int status = 0;
    if (pid > 0) {
        if (!complete)
            kill(pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    unlink(path);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : XLS_DAMAGED;
    bool ok = false;
    if (pid > 0 && complete && code == XLS_OK) {
        struct builder b = {.a = a, .out = out};
        ok = xls_records(&b, buf_str(&got), got.len);
        if (!ok && b.why)
            *why = b.why;
    } else if (code == XLS_ROWS) {
        *why = N_("The file has more than 20,000 rows.");
    } else if (code == XLS_COLS) {
        *why = N_("A row of the file has more than 64 columns.");
    }
    buf_free(&got);
    if (ok)
        trim_rows(out);
    return ok;
}

/* --- any of them ----------------------------------------------------------------------------- */

bool rows_read(arena *a, const void *data, size_t len, struct rows *out, const char **why)
{
    const unsigned char *p = data;
    if (len >= 4 && memcmp(p, "PK\x03\x04", 4) == 0)
        return rows_xlsx(a, data, len, out, why);
    if (len >= 8 && memcmp(p, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return rows_xls(a, data, len, out, why);
    return rows_csv(a, data, len, out, why);
}
