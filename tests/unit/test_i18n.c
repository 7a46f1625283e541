/* Unit tests for util/i18n: the .po parser (values, skipped entries, errors with their line
 * numbers), the embedded catalogues, and the choice of language from Accept-Language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/i18n.h"

static struct po_catalog *parse(const char *text, char *err, size_t errlen)
{
    return po_parse(text, strlen(text), err, errlen);
}

/* The text must not parse, and the error must be exactly `want`. */
static void expect_error(const char *text, const char *want)
{
    char err[128] = "unchanged";
    struct po_catalog *c = parse(text, err, sizeof err);
    assert_null(c);
    assert_string_equal(err, want);
}

static void test_basic_entries(void **state)
{
    (void)state;
    char err[128];
    struct po_catalog *c = parse("# a comment\n"
                                 "msgid \"\"\n"
                                 "msgstr \"\"\n"
                                 "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                                 "\n"
                                 "msgid \"Sign in\"\n"
                                 "msgstr \"登录\"\n"
                                 "\n"
                                 "#: src/web/pages/home.c:12\n"
                                 "msgid \"Sign out\"\n"
                                 "msgstr \"退出\"\n",
                                 err, sizeof err);
    assert_non_null(c);
    assert_string_equal(err, "");
    assert_int_equal(po_count(c), 2);
    assert_string_equal(po_lookup(c, "Sign in"), "登录");
    assert_string_equal(po_lookup(c, "Sign out"), "退出");
    /* The header entry is not a translation of "". */
    assert_null(po_lookup(c, ""));
    assert_null(po_lookup(c, "Sign"));
    assert_null(po_lookup(c, "sign in"));
    assert_null(po_lookup(c, NULL));
    po_free(c);
}

static void test_multiline_and_escapes(void **state)
{
    (void)state;
    struct po_catalog *c = parse("msgid \"\"\n"
                                 "\"Hello, \"\n"
                                 "  \"world\"\n"
                                 "msgstr \"你好，\"\n"
                                 "\"世界\"\t\n"
                                 "msgid \"a\\tb\\n\"\n"
                                 "msgstr \"say \\\"hi\\\" \\\\ bye\"\n",
                                 NULL, 0);
    assert_non_null(c);
    assert_int_equal(po_count(c), 2);
    assert_string_equal(po_lookup(c, "Hello, world"), "你好，世界");
    assert_string_equal(po_lookup(c, "a\tb\n"), "say \"hi\" \\ bye");
    po_free(c);
}

static void test_skipped_entries(void **state)
{
    (void)state;
    struct po_catalog *c = parse("#, fuzzy\n"
                                 "msgid \"\"\n"
                                 "msgstr \"Language: zh_CN\\n\"\n"
                                 "#, c-format, fuzzy\n"
                                 "msgid \"Maybe\"\n"
                                 "msgstr \"也许\"\n"
                                 "msgid \"Untranslated\"\n"
                                 "msgstr \"\"\n"
                                 "#, c-format\n"
                                 "msgid \"%d rows\"\n"
                                 "msgstr \"%d 行\"\n"
                                 "#~ msgid \"Old\"\n"
                                 "#~ msgstr \"旧\"\n",
                                 NULL, 0);
    assert_non_null(c);
    assert_int_equal(po_count(c), 1);
    assert_null(po_lookup(c, "Maybe"));
    assert_null(po_lookup(c, "Untranslated"));
    assert_null(po_lookup(c, "Old"));
    assert_string_equal(po_lookup(c, "%d rows"), "%d 行");
    po_free(c);
}

/* Plural entries are kept under the singular msgid, translated by msgstr[0]. */
static void test_plural(void **state)
{
    (void)state;
    struct po_catalog *c = parse("msgid \"one file\"\n"
                                 "msgid_plural \"%d files\"\n"
                                 "msgstr[0] \"%d 个\"\n"
                                 "\"文件\"\n"
                                 "msgstr[1] \"unused\"\n"
                                 "msgid \"one row\"\n"
                                 "msgid_plural \"%d rows\"\n"
                                 "msgstr[0] \"\"\n"
                                 "msgstr[1] \"rows\"\n",
                                 NULL, 0);
    assert_non_null(c);
    assert_int_equal(po_count(c), 1);
    assert_string_equal(po_lookup(c, "one file"), "%d 个文件");
    assert_null(po_lookup(c, "%d files"));
    assert_null(po_lookup(c, "one row"));
    po_free(c);

    expect_error("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr \"x\"\n", "line 3: unexpected msgstr");
    expect_error("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"x\"\n",
                 "line 3: unexpected msgstr[N]");
    expect_error("msgid \"a\"\nmsgstr[0] \"x\"\n", "line 2: unexpected msgstr[N]");
}

static void test_crlf_bom_and_length(void **state)
{
    (void)state;
    struct po_catalog *c = parse("\xEF\xBB\xBFmsgid \"Yes\"\r\nmsgstr \"是\"\r\n", NULL, 0);
    assert_non_null(c);
    assert_string_equal(po_lookup(c, "Yes"), "是");
    po_free(c);

    /* Only len bytes are read: the text need not be NUL-terminated. */
    const char text[] = "msgid \"No\"\nmsgstr \"否\"\nmsgid \"x\"\nmsgstr \"bad\\q\"\n";
    size_t len = strlen("msgid \"No\"\nmsgstr \"否\"\n");
    char *copy = malloc(len);
    assert_non_null(copy);
    memcpy(copy, text, len);
    c = po_parse(copy, len, NULL, 0);
    free(copy);
    assert_non_null(c);
    assert_int_equal(po_count(c), 1);
    assert_string_equal(po_lookup(c, "No"), "否");
    po_free(c);

    /* A final line without a newline is read too. */
    c = parse("msgid \"Go\"\nmsgstr \"走\"", NULL, 0);
    assert_non_null(c);
    assert_string_equal(po_lookup(c, "Go"), "走");
    po_free(c);
}

static void test_empty(void **state)
{
    (void)state;
    struct po_catalog *c = po_parse("", 0, NULL, 0);
    assert_non_null(c);
    assert_int_equal(po_count(c), 0);
    assert_null(po_lookup(c, "x"));
    po_free(c);
    c = parse("# only a comment\n\nmsgid \"\"\nmsgstr \"Language: en\\n\"\n", NULL, 0);
    assert_non_null(c);
    assert_int_equal(po_count(c), 0);
    po_free(c);
    assert_int_equal(po_count(NULL), 0);
    assert_null(po_lookup(NULL, "x"));
    po_free(NULL);
}

static void test_many_entries_sorted_lookup(void **state)
{
    (void)state;
    /* Entries in reverse order, so the lookup depends on the sorting. */
    char text[8192];
    size_t n = 0;
    for (int i = 199; i >= 0; i--)
        n += (size_t)snprintf(text + n, sizeof text - n, "msgid \"m%03d\"\nmsgstr \"t%d\"\n", i, i);
    assert_true(n < sizeof text);
    struct po_catalog *c = po_parse(text, n, NULL, 0);
    assert_non_null(c);
    assert_int_equal(po_count(c), 200);
    char id[16], want[16];
    for (unsigned i = 0; i < 200; i++) {
        snprintf(id, sizeof id, "m%03u", i);
        snprintf(want, sizeof want, "t%u", i);
        assert_string_equal(po_lookup(c, id), want);
    }
    assert_null(po_lookup(c, "m200"));
    po_free(c);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("msgid \"a\"\nmsgstr \"b\"\nmsgid \"c\\r\"\nmsgstr \"d\"\n",
                 "line 3: unknown escape");
    expect_error("msgid \"a\"\nmsgstr \"\\x41\"\n", "line 2: unknown escape");
    expect_error("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\nmsgstr \"d\"\nmsgid \"a\"\nmsgstr "
                 "\"e\"\n",
                 "line 6: duplicate msgid");
    /* The first duplicate in file order is the one reported. */
    expect_error("msgid \"z\"\nmsgstr \"1\"\nmsgid \"a\"\nmsgstr \"2\"\nmsgid \"z\"\nmsgstr "
                 "\"3\"\nmsgid \"a\"\nmsgstr \"4\"\n",
                 "line 5: duplicate msgid");
    /* A fuzzy or untranslated duplicate is still a duplicate. */
    expect_error("msgid \"a\"\nmsgstr \"b\"\n#, fuzzy\nmsgid \"a\"\nmsgstr \"c\"\n",
                 "line 4: duplicate msgid");
    expect_error("msgid \"a\"\nmsgstr \"\"\nmsgid \"a\"\nmsgstr \"c\"\n",
                 "line 3: duplicate msgid");
    expect_error("msgid \"a\"\nmsgstr \"\xC3\"\n", "line 2: invalid UTF-8");
    expect_error("# \xFF comment\n", "line 1: invalid UTF-8");
    expect_error("msgid \"\xED\xA0\x80\"\nmsgstr \"x\"\n", "line 1: invalid UTF-8"); /* surrogate */
    expect_error("msgid \"a\"\nmsgstr \"b\n", "line 2: unterminated string");
    expect_error("msgid \"a\\\"\nmsgstr \"b\"\n", "line 1: unterminated string");
    expect_error("msgid \"a\" x\nmsgstr \"b\"\n", "line 1: text after string");
    expect_error("msgid a\nmsgstr \"b\"\n", "line 1: expected a string");
    expect_error("msgid \"a\"\n", "line 1: msgid without msgstr");
    expect_error("msgid \"a\"\nmsgid \"b\"\nmsgstr \"c\"\n", "line 1: msgid without msgstr");
    expect_error("msgid \"a\"\n# note\nmsgstr \"b\"\n", "line 1: msgid without msgstr");
    expect_error("msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n", "line 3: unexpected msgstr");
    expect_error("\"orphan\"\n", "line 1: string outside an entry");
    expect_error("msgid \"a\"\nmsgstr \"b\"\n\n#, fuzzy\n\"c\"\n",
                 "line 5: string outside an entry");
    expect_error("msgctxt \"menu\"\nmsgid \"a\"\nmsgstr \"b\"\n",
                 "line 1: msgctxt is not supported");
    expect_error("msgid \"a\"\nmsgstr \"b\"\nmsgids \"c\"\n", "line 3: syntax error");
    expect_error("msgid \"a\"\nmsgstr\"b\"\nhello\n", "line 3: syntax error");

    /* A NUL byte inside the text (not just at its end) is invalid UTF-8 for our purposes. */
    const char nul[] = "msgid \"a\"\nmsgstr \"b\0c\"\n";
    char err[64];
    assert_null(po_parse(nul, sizeof nul - 1, err, sizeof err));
    assert_string_equal(err, "line 2: invalid UTF-8");

    /* A short buffer gets a truncated, still terminated message; no buffer is fine too. */
    char small[8];
    assert_null(parse("msgid \"a\\q\"\nmsgstr \"b\"\n", small, sizeof small));
    assert_string_equal(small, "line 1:");
    assert_null(parse("msgid \"a\\q\"\nmsgstr \"b\"\n", NULL, 0));
}

static void test_embedded_catalogues(void **state)
{
    (void)state;
    assert_true(i18n_init());
    assert_string_equal(i18n_get(LANG_ZH, "Sign in"), "登录");
    /* English falls back to the msgid itself (the same pointer). */
    const char *msgid = "Sign in";
    assert_ptr_equal(i18n_get(LANG_EN, msgid), msgid);
    const char *unknown = "No such message anywhere";
    assert_ptr_equal(i18n_get(LANG_ZH, unknown), unknown);
    assert_ptr_equal(i18n_get(LANG_COUNT, msgid), msgid);
    /* Calling init again replaces the catalogues without leaking. */
    assert_true(i18n_init());
    assert_string_equal(i18n_get(LANG_ZH, "Sign in"), "登录");
    i18n_free();
    assert_ptr_equal(i18n_get(LANG_ZH, msgid), msgid);
    i18n_free();
}

static void test_accept_language(void **state)
{
    (void)state;
    assert_int_equal(lang_from_accept("en-US,en;q=0.9,zh;q=0.8"), LANG_EN);
    assert_int_equal(lang_from_accept("zh-CN,zh;q=0.9,en;q=0.8"), LANG_ZH);
    assert_int_equal(lang_from_accept("en;q=0"), LANG_ZH);
    assert_int_equal(lang_from_accept(NULL), LANG_ZH);
    assert_int_equal(lang_from_accept(""), LANG_ZH);
    assert_int_equal(lang_from_accept("fr"), LANG_ZH);
    assert_int_equal(lang_from_accept("fr-FR,fr;q=0.9,en;q=0.5"), LANG_EN);
    assert_int_equal(lang_from_accept("en"), LANG_EN);
    assert_int_equal(lang_from_accept("EN-gb"), LANG_EN);
    assert_int_equal(lang_from_accept("  en-GB ; Q=0.7 ,\tzh-TW;q=0.3  "), LANG_EN);
    assert_int_equal(lang_from_accept("zh-Hant-TW;q=0.2, en;q=0.1"), LANG_ZH);
    /* A tie is not "strictly higher". */
    assert_int_equal(lang_from_accept("en;q=0.5,zh;q=0.5"), LANG_ZH);
    assert_int_equal(lang_from_accept("en;q=0.501,zh;q=0.5"), LANG_EN);
    assert_int_equal(lang_from_accept("en;q=0.5,zh;q=0"), LANG_EN);
    assert_int_equal(lang_from_accept("zh;q=0,en;q=0"), LANG_ZH);
    /* The highest q of each language counts, not the first. */
    assert_int_equal(lang_from_accept("en;q=0.1,zh;q=0.5,en-US;q=0.9"), LANG_EN);
    /* "*" counts for neither. */
    assert_int_equal(lang_from_accept("*"), LANG_ZH);
    assert_int_equal(lang_from_accept("*;q=1,en;q=0.2"), LANG_EN);
    assert_int_equal(lang_from_accept("en;q=0.2,*"), LANG_EN);
    /* Only the primary subtag "en" counts. */
    assert_int_equal(lang_from_accept("eng"), LANG_ZH);
    assert_int_equal(lang_from_accept("english"), LANG_ZH);
    assert_int_equal(lang_from_accept("enx-US"), LANG_ZH);
    /* Malformed elements are ignored; the rest still counts. */
    assert_int_equal(lang_from_accept("en;q=2"), LANG_ZH);
    assert_int_equal(lang_from_accept("en;q=1.5"), LANG_ZH);
    assert_int_equal(lang_from_accept("en;q=0.0001"), LANG_ZH);
    assert_int_equal(lang_from_accept("en;q=.5"), LANG_ZH);
    assert_int_equal(lang_from_accept("en;q = 0.5"), LANG_ZH);
    assert_int_equal(lang_from_accept("en;level=1"), LANG_ZH);
    assert_int_equal(lang_from_accept("en_US"), LANG_ZH);
    assert_int_equal(lang_from_accept("en-"), LANG_ZH);
    assert_int_equal(lang_from_accept("en-toolongsubtag"), LANG_ZH);
    assert_int_equal(lang_from_accept("en q=0.9"), LANG_ZH);
    assert_int_equal(lang_from_accept("zh;q=bogus,en;q=0.1"), LANG_EN);
    assert_int_equal(lang_from_accept(",,en;q=1.000,,"), LANG_EN);
    assert_int_equal(lang_from_accept("en;q=1.001"), LANG_ZH);
    assert_int_equal(lang_from_accept(";;;===,,,\"\xFF\xFE"), LANG_ZH);
    assert_int_equal(lang_from_accept("\xE4\xB8\xAD\xE6\x96\x87"), LANG_ZH);
}

static void test_accept_language_huge(void **state)
{
    (void)state;
    /* 4 MiB of elements: must finish quickly (linear) and still see the last one. */
    size_t n = 4u << 20;
    char *h = malloc(n + 16);
    assert_non_null(h);
    for (size_t i = 0; i < n; i += 4)
        memcpy(h + i, "fr, ", 4);
    memcpy(h + n, "en;q=0.1", 9);
    assert_int_equal(lang_from_accept(h), LANG_EN);
    /* One huge element with no comma. */
    memset(h, 'a', n);
    h[n] = '\0';
    assert_int_equal(lang_from_accept(h), LANG_ZH);
    free(h);
}

static void test_tags(void **state)
{
    (void)state;
    assert_string_equal(lang_tag(LANG_ZH), "zh-CN");
    assert_string_equal(lang_tag(LANG_EN), "en");
    enum lang l = LANG_COUNT;
    assert_true(lang_parse("zh-CN", &l));
    assert_int_equal(l, LANG_ZH);
    l = LANG_COUNT;
    assert_true(lang_parse("zh-cn", &l));
    assert_int_equal(l, LANG_ZH);
    l = LANG_COUNT;
    assert_true(lang_parse("ZH", &l));
    assert_int_equal(l, LANG_ZH);
    assert_true(lang_parse("En", &l));
    assert_int_equal(l, LANG_EN);
    l = LANG_COUNT;
    assert_false(lang_parse("fr", &l));
    assert_false(lang_parse("en-US", &l));
    assert_false(lang_parse("zh_CN", &l));
    assert_false(lang_parse("", &l));
    assert_false(lang_parse(NULL, &l));
    assert_int_equal(l, LANG_COUNT);
    /* The tags round-trip. */
    for (int i = 0; i < LANG_COUNT; i++) {
        assert_true(lang_parse(lang_tag((enum lang)i), &l));
        assert_int_equal(l, i);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_entries),
        cmocka_unit_test(test_multiline_and_escapes),
        cmocka_unit_test(test_skipped_entries),
        cmocka_unit_test(test_plural),
        cmocka_unit_test(test_crlf_bom_and_length),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_many_entries_sorted_lookup),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_embedded_catalogues),
        cmocka_unit_test(test_accept_language),
        cmocka_unit_test(test_accept_language_huge),
        cmocka_unit_test(test_tags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
