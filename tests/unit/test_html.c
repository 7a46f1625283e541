/* Unit tests for the escaping renderer's primitives (web/html.h): every page's text goes through
 * h_text, and lists write their numbers with h_int. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Before cmocka.h, whose fail() macro would clash with domain/fail.h. */
#include "web/html.h"

#include <cmocka.h>

static struct request tr; /* its body holds the last text_of() */

static const char *text_of(const char *in)
{
    buf_reset(&tr.out);
    h_text(&tr, in);
    return buf_str(&tr.out);
}

static void test_text_escapes_the_five(void **state)
{
    (void)state;
    assert_string_equal(text_of("plain 中文"), "plain 中文");
    assert_string_equal(text_of(""), "");
    assert_string_equal(text_of("<script>alert('x')</script>"),
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assert_string_equal(text_of("a & b \"c\""), "a &amp; b &quot;c&quot;");
    /* At both ends, and one after another. */
    assert_string_equal(text_of("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;");
    assert_string_equal(text_of("x&"), "x&amp;");
    assert_string_equal(text_of("&x"), "&amp;x");
    /* NULL writes nothing. */
    assert_string_equal(text_of(NULL), "");
    buf_free(&tr.out);
}

static void test_int(void **state)
{
    (void)state;
    static const struct {
        int64_t v;
        const char *want;
    } cases[] = {
        {0, "0"},
        {7, "7"},
        {-7, "-7"},
        {200, "200"},
        {INT64_MAX, "9223372036854775807"},
        {INT64_MIN, "-9223372036854775808"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct request r = {0};
        H(&r, "<td>");
        h_int(&r, cases[i].v);
        assert_string_equal(buf_str(&r.out) + 4, cases[i].want);
        buf_free(&r.out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_escapes_the_five),
        cmocka_unit_test(test_int),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
