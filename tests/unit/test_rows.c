/* Unit tests for util/rows: CSV in UTF-8 (with and without BOM), GBK and UTF-16, RFC 4180 quoting;
 * XLSX (the fixture, and the project's own XLSX writer read back); XLS through FreeXL; and the
 * refusals (damaged files, limits). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/rows.h"
#include "util/sheet.h"

#include <cmocka.h>

static char *slurp(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/fixtures/orgs/%s", LH_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return p;
}

static void csv(arena *a, const char *text, struct rows *t)
{
    const char *why = NULL;
    if (!rows_read(a, text, strlen(text), t, &why))
        fail_msg("refused: %s", why);
}

static void test_csv_quoting(void **state)
{
    (void)state;
    arena *a = arena_new();
    struct rows t;
    csv(a, "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\r\n", &t);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.format, "csv");
    assert_int_equal(t.rows[0].n, 3);
    assert_string_equal(rows_cell(&t, 0, 1), "b,c");
    assert_string_equal(rows_cell(&t, 0, 2), "say \"hi\"");
    assert_string_equal(rows_cell(&t, 1, 0), "two\nlines");
    assert_string_equal(rows_cell(&t, 1, 1), "");
    assert_string_equal(rows_cell(&t, 1, 2), "x");
    assert_string_equal(rows_cell(&t, 1, 9), ""); /* beyond the row */
    assert_string_equal(rows_cell(&t, 9, 0), "");
    /* No final newline, LF or CR line ends, trailing blank lines dropped. */
    csv(a, "k\n1\r2\n\n\n", &t);
    assert_int_equal(t.n, 3);
    assert_string_equal(rows_cell(&t, 2, 0), "2");
    /* Tabs or semicolons when the first line has no comma. */
    csv(a, "a\tb\n1\t2", &t);
    assert_string_equal(rows_cell(&t, 1, 1), "2");
    csv(a, "a;b\n1;2", &t);
    assert_string_equal(rows_cell(&t, 1, 1), "2");
    /* A BOM is not part of the first heading. */
    csv(a, "\xEF\xBB\xBFname,kind\n", &t);
    assert_string_equal(rows_cell(&t, 0, 0), "name");
    csv(a, "", &t);
    assert_int_equal(t.n, 0);
    const char *why;
    assert_false(rows_read(a, "a,\"open\n", 8, &t, &why));
    assert_non_null(why);
    arena_free(a);
}

static void test_csv_encodings(void **state)
{
    (void)state;
    arena *a = arena_new();
    size_t len;
    char *data = slurp("gbk.csv", &len);
    struct rows t;
    const char *why;
    assert_true(rows_read(a, data, len, &t, &why));
    assert_string_equal(t.format, "csv-gb18030");
    assert_int_equal(t.n, 4);
    assert_string_equal(rows_cell(&t, 0, 0), "名称");
    assert_string_equal(rows_cell(&t, 1, 0), "中国导入测试学会");
    assert_string_equal(rows_cell(&t, 2, 1), "企业");
    free(data);
    /* UTF-16LE with its BOM, as Excel's "Unicode text". */
    const char u16[] = "\xFF\xFE"
                       "a\0\t\0"
                       "\x2d\x4e\x0a\x00"; /* a<TAB>中<LF> */
    assert_true(rows_read(a, u16, sizeof u16 - 1, &t, &why));
    assert_string_equal(t.format, "csv-utf16");
    assert_string_equal(rows_cell(&t, 0, 1), "中");
    /* Bytes that are neither UTF-8 nor GB18030. */
    assert_false(rows_read(a, "a,\x81\x20", 4, &t, &why));
    assert_false(rows_read(a, "a\0b", 3, &t, &why));
    arena_free(a);
}

static void test_xlsx(void **state)
{
    (void)state;
    arena *a = arena_new();
    size_t len;
    char *data = slurp("orgs.xlsx", &len);
    struct rows t;
    const char *why = NULL;
    if (!rows_read(a, data, len, &t, &why))
        fail_msg("refused: %s", why);
    assert_string_equal(t.format, "xlsx");
    assert_int_equal(t.n, 3);
    assert_string_equal(rows_cell(&t, 0, 3), "统一社会信用代码");
    assert_string_equal(rows_cell(&t, 1, 1), "中国表格测试学会");
    assert_string_equal(rows_cell(&t, 2, 1), "表格测试股份有限公司"); /* an inline string */
    /* Damaged: the zip cut short. */
    assert_false(rows_read(a, data, len / 2, &t, &why));
    assert_non_null(why);
    free(data);

    /* What the project's own XLSX writer makes reads back the same, numbers included. */
    static const struct sheet_col cols[] = {
        {"名称", SK_TEXT, false}, {"数量", SK_INT, false}, {"日期", SK_DATE, false}};
    struct sheet *s = sheet_new(a, "测试", cols, 3);
    sheet_row(s);
    sheet_text(s, "甲 & <乙>");
    sheet_int(s, 42);
    sheet_text(s, "2026-01-15");
    buf out = {0};
    assert_true(sheet_xlsx(s, &out));
    assert_true(rows_read(a, out.data, out.len, &t, &why));
    assert_int_equal(t.n, 2);
    assert_string_equal(rows_cell(&t, 0, 0), "名称");
    assert_string_equal(rows_cell(&t, 1, 0), "甲 & <乙>");
    assert_string_equal(rows_cell(&t, 1, 1), "42");
    buf_free(&out);
    arena_free(a);
}

static void test_xls(void **state)
{
    (void)state;
    arena *a = arena_new();
    size_t len;
    char *data = slurp("orgs.xls", &len);
    struct rows t;
    const char *why = NULL;
    if (!rows_read(a, data, len, &t, &why))
        fail_msg("refused: %s", why);
    assert_string_equal(t.format, "xls");
    assert_int_equal(t.n, 3);
    assert_string_equal(rows_cell(&t, 0, 0), "key");
    assert_string_equal(rows_cell(&t, 1, 1), "中国旧表格测试学会");
    assert_string_equal(rows_cell(&t, 2, 2), "科研机构");
    /* An OLE2 signature with nothing behind it. */
    assert_false(rows_read(a, data, 600, &t, &why));
    free(data);
    arena_free(a);
}

static void test_limits(void **state)
{
    (void)state;
    arena *a = arena_new();
    buf b = {0};
    for (int i = 0; i < 65; i++)
        buf_puts(&b, i ? ",x" : "x");
    struct rows t;
    const char *why = NULL;
    assert_false(rows_read(a, b.data, b.len, &t, &why));
    assert_non_null(why);
    buf_reset(&b);
    for (int i = 0; i <= ROWS_MAX; i++)
        buf_puts(&b, "x\n");
    assert_false(rows_read(a, b.data, b.len, &t, &why));
    buf_reset(&b);
    for (int i = 0; i <= ROWS_CELL_MAX; i++)
        buf_putc(&b, 'x');
    assert_false(rows_read(a, b.data, b.len, &t, &why));
    buf_free(&b);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_quoting), cmocka_unit_test(test_csv_encodings),
        cmocka_unit_test(test_xlsx),        cmocka_unit_test(test_xls),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
