/* Unit tests for util/sheet: the CSV writer (BOM, RFC 4180 quoting, CRLF, formula guard) and the
 * XLSX writer (a zip holding one worksheet, its temporary file removed) every list download uses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/sheet.h"

static const struct sheet_col cols[] = {
    {"键", SK_TEXT, true},   {"名称", SK_TEXT, false},  {"日期", SK_DATE, false},
    {"数量", SK_INT, false}, {"金额", SK_MONEY, false},
};

static struct sheet *sample(arena *a)
{
    struct sheet *s = sheet_new(a, "成员单位", cols, 5);
    sheet_row(s);
    sheet_text(s, "k1");
    sheet_link(s, "中国动物学会", "/x");
    sheet_text(s, "2024-06-01");
    sheet_int(s, 12);
    sheet_money(s, 123456);
    sheet_row(s);
    sheet_text(s, "k2");
    sheet_text(s, "a \"quoted\", name\r\nnext line");
    sheet_text(s, NULL);
    sheet_empty(s);
    sheet_money(s, -5);
    sheet_row(s);
    sheet_text(s, "k3");
    sheet_text(s, "=HYPERLINK(\"http://evil\")");
    sheet_text(s, "2025-01-31");
    sheet_int(s, -3);
    sheet_empty(s);
    return s;
}

static void test_csv(void **state)
{
    (void)state;
    arena *a = arena_new();
    struct sheet *s = sample(a);
    assert_int_equal(s->nrows, 3);
    assert_string_equal(sheet_at(s, 0, 1)->href, "/x");
    buf out = {0};
    sheet_csv(s, &out);
    const char *want = "\xEF\xBB\xBF"
                       "键,名称,日期,数量,金额\r\n"
                       "k1,中国动物学会,2024-06-01,12,1234.56\r\n"
                       "k2,\"a \"\"quoted\"\", name\r\nnext line\",,,-0.05\r\n"
                       "k3,\"'=HYPERLINK(\"\"http://evil\"\")\",2025-01-31,-3,\r\n";
    assert_int_equal(out.len, strlen(want));
    assert_memory_equal(out.data, want, out.len);
    buf_free(&out);

    /* A sheet without rows is its heading line alone. */
    struct sheet *e = sheet_new(a, "空", cols, 2);
    sheet_csv(e, &out);
    assert_string_equal(buf_str(&out), "\xEF\xBB\xBF键,名称\r\n");
    buf_free(&out);
    arena_free(a);
}

/* memmem is a GNU extension; this is the same for a test's needs. */
static bool contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return true;
    return false;
}

static size_t files_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void test_xlsx(void **state)
{
    (void)state;
    /* A private TMPDIR, to see that the temporary file goes away. */
    char dir[] = "/tmp/lh-sheet-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *old = getenv("TMPDIR");
    char *saved = old ? strdup(old) : NULL;
    setenv("TMPDIR", dir, 1);

    arena *a = arena_new();
    struct sheet *s = sample(a);
    buf out = {0};
    assert_true(sheet_xlsx(s, &out));
    assert_true(out.len > 1000);
    assert_memory_equal(out.data, "PK\x03\x04", 4); /* a zip */
    assert_true(contains(out.data, out.len, "xl/worksheets/sheet1.xml"));
    assert_int_equal(files_in(dir), 0);
    buf_free(&out);

    /* A name Excel refuses ([]:*?/\ or over 31 characters) falls back to the default. */
    s->name = "a/b";
    assert_true(sheet_xlsx(s, &out));
    assert_memory_equal(out.data, "PK", 2);
    buf_free(&out);

    /* A directory that cannot hold the file: a clean failure. */
    setenv("TMPDIR", "/nonexistent/lianheti", 1);
    assert_false(sheet_xlsx(s, &out));
    assert_int_equal(out.len, 0);
    buf_free(&out);
    arena_free(a);

    if (saved) {
        setenv("TMPDIR", saved, 1);
        free(saved);
    } else {
        unsetenv("TMPDIR");
    }
    assert_int_equal(rmdir(dir), 0);
}

/* Names of the rows sheet_filter keeps, by their keys. */
static void keys_of(const struct sheet *s, char *out, size_t n)
{
    out[0] = '\0';
    for (size_t r = 0; r < s->nrows; r++) {
        strncat(out, sheet_at(s, r, 0)->text, n - strlen(out) - 1);
        strncat(out, " ", n - strlen(out) - 1);
    }
}

static void test_filter(void **state)
{
    (void)state;
    arena *a = arena_new();
    struct sheet *s = sample(a);
    char got[64];
    static const struct {
        const char *q, *want;
    } cases[] = {
        {NULL, "k1 k2 k3 "},
        {"", "k1 k2 k3 "},
        {"   ", "k1 k2 k3 "},
        {"动物", "k1 "},           /* Chinese as written */
        {"QUOTED", "k2 "},         /* ASCII letters in either case */
        {"hyperlink EVIL", "k3 "}, /* every word, in any cell */
        {"动物 evil", ""},         /* both words, but not in one row */
        {"k2", "k2 "},             /* an export-only column counts */
        {"2025-01", "k3 "},        /* dates as written */
        {"-3", "k3 "},             /* integers as decimal digits */
        {"1234", ""},              /* money does not take part */
        {"nothing-like-it", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct sheet *f = sheet_filter(s, cases[i].q);
        keys_of(f, got, sizeof got);
        assert_string_equal(got, cases[i].want);
        /* The rows kept are the original cells, links included. */
        if (f->nrows && strcmp(sheet_at(f, 0, 0)->text, "k1") == 0)
            assert_string_equal(sheet_at(f, 0, 1)->href, "/x");
    }
    /* A filtered sheet writes as any other. */
    buf out = {0};
    sheet_csv(sheet_filter(s, "k3"), &out);
    assert_non_null(strstr(buf_str(&out), "k3,"));
    assert_null(strstr(buf_str(&out), "k1,"));
    buf_free(&out);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
