/* Unit tests for the escapers of the feeds: util/xml (the Atom feed's text) and util/ical (the
 * meetings calendar's content lines: TEXT escaping, CRLF, folding at 75 octets). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Project headers before cmocka.h, whose fail() macro would clash with domain/fail.h. */
#include "util/buf.h"
#include "util/ical.h"
#include "util/xml.h"

#include <cmocka.h>

static buf out;

static const char *xml_of(const char *s)
{
    buf_reset(&out);
    xml_escape(&out, s);
    return buf_str(&out);
}

static void test_xml_escapes_markup(void **state)
{
    (void)state;
    assert_string_equal(xml_of("plain 中文"), "plain 中文");
    assert_string_equal(xml_of("a < b & c > \"d\" 'e'"),
                        "a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;");
    assert_string_equal(xml_of("&amp;"), "&amp;amp;"); /* an entity in the data is data */
    assert_string_equal(xml_of("]]>"), "]]&gt;");
    assert_string_equal(xml_of(""), "");
    assert_string_equal(xml_of(NULL), "");
    buf_free(&out);
}

static void test_xml_drops_forbidden_controls(void **state)
{
    (void)state;
    /* Tab, LF and CR are characters of XML 1.0; the other C0 controls make a document
     * ill-formed, so they are left out. */
    assert_string_equal(xml_of("a\tb\nc\rd"), "a\tb\nc\rd");
    assert_string_equal(xml_of("x\x01y\x08z\x1f!"), "xyz!");
    buf_free(&out);
}

/* The content lines written by f(name, value). */
static const char *ical_of(void (*f)(buf *, const char *, const char *), const char *name,
                           const char *value)
{
    buf_reset(&out);
    f(&out, name, value);
    return buf_str(&out);
}

static void test_ical_text_escapes(void **state)
{
    (void)state;
    assert_string_equal(ical_of(ical_text, "SUMMARY", "a, b; c\\d"),
                        "SUMMARY:a\\, b\\; c\\\\d\r\n");
    assert_string_equal(ical_of(ical_text, "DESCRIPTION", "one\ntwo\r\nthree"),
                        "DESCRIPTION:one\\ntwo\\nthree\r\n");
    assert_string_equal(ical_of(ical_text, "SUMMARY", "tab\there\x01"), "SUMMARY:tab\there\r\n");
    /* A value written as it is keeps its punctuation (parameters, dates, enumerations). */
    assert_string_equal(ical_of(ical_line, "DTSTART;VALUE=DATE", "20261208"),
                        "DTSTART;VALUE=DATE:20261208\r\n");
    assert_string_equal(ical_of(ical_text, "SUMMARY", NULL), "");
    buf_free(&out);
}

/* Checks the folded lines of out: each at most 75 octets before its CRLF, continuations start
 * with a space, no fold inside a UTF-8 character; and that unfolding gives `want` back. */
static void check_folded(const char *want)
{
    const char *s = buf_str(&out);
    size_t len = strlen(s);
    assert_true(len >= 2 && memcmp(s + len - 2, "\r\n", 2) == 0);
    buf unfolded = {0};
    size_t lines = 0;
    for (const char *p = s; *p;) {
        const char *end = strstr(p, "\r\n");
        assert_non_null(end);
        size_t n = (size_t)(end - p);
        assert_true(n <= 75);
        assert_true(n > 0);
        if (lines++) {
            assert_int_equal(p[0], ' ');
            p++, n--;
        }
        /* A line never starts with a UTF-8 continuation byte. */
        assert_true(n == 0 || ((unsigned char)p[0] & 0xC0) != 0x80);
        buf_append(&unfolded, p, n);
        p = end + 2;
    }
    assert_string_equal(buf_str(&unfolded), want);
    buf_free(&unfolded);
}

static void test_ical_folds_at_75_octets(void **state)
{
    (void)state;
    /* ASCII: exactly 75 octets stay on one line, 76 fold. */
    char v[200];
    memset(v, 'x', sizeof v);
    v[75 - 8] = '\0'; /* "SUMMARY:" is 8 octets */
    ical_of(ical_text, "SUMMARY", v);
    assert_int_equal(strlen(buf_str(&out)), 75 + 2);
    v[75 - 8] = 'x';
    v[76 - 8] = '\0';
    ical_of(ical_text, "SUMMARY", v);
    assert_string_equal(buf_str(&out) + 75, "\r\n x\r\n");
    v[190] = '\0';
    ical_of(ical_text, "SUMMARY", v);
    buf want = {0};
    buf_puts(&want, "SUMMARY:");
    buf_puts(&want, v);
    check_folded(buf_str(&want));
    buf_free(&want);

    /* Chinese (3 octets a character) and an escape near a fold: the escaped text comes back
     * whole, no character split. */
    const char *zh = "2025年度中国生命科学领域十大进展终评会，暨第二届主席团第三次会议；"
                     "学会联合体\\年度工作总结与2026年工作计划审议";
    ical_of(ical_text, "SUMMARY", zh);
    check_folded("SUMMARY:2025年度中国生命科学领域十大进展终评会，暨第二届主席团第三次会议；"
                 "学会联合体\\\\年度工作总结与2026年工作计划审议");
    /* A four-octet character (an emoji) across the boundary. */
    buf long4 = {0};
    for (int i = 0; i < 40; i++)
        buf_puts(&long4, "a\xF0\x9F\x98\x80");
    ical_of(ical_text, "X", buf_str(&long4));
    buf want4 = {0};
    buf_puts(&want4, "X:");
    buf_puts(&want4, buf_str(&long4));
    check_folded(buf_str(&want4));
    buf_free(&want4);
    buf_free(&long4);
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml_escapes_markup),
        cmocka_unit_test(test_xml_drops_forbidden_controls),
        cmocka_unit_test(test_ical_text_escapes),
        cmocka_unit_test(test_ical_folds_at_75_octets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
