/* Unit tests for web/form: the strict application/x-www-form-urlencoded parser the pages' forms
 * go through. The body is always handed over as exactly len bytes with nothing after them, so
 * ASan sees any read past the end. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "util/arena.h"
#include "web/form.h"

#include <setjmp.h>
#include <cmocka.h>

/* Parses a copy of body[0..len) that has no terminating NUL. */
static struct form *parse_n(arena *a, const char *body, size_t len, const char **why)
{
    char *exact = malloc(len ? len : 1);
    assert_non_null(exact);
    memcpy(exact, body, len);
    *why = NULL;
    struct form *f = form_parse(a, exact, len, why);
    free(exact); /* the form must not point into the body */
    if (f) {
        assert_null(*why);
        assert_true(f->n <= FORM_MAX_FIELDS);
    } else {
        assert_non_null(*why);
        assert_true(strlen(*why) > 0);
    }
    return f;
}

static struct form *parse(arena *a, const char *body)
{
    const char *why;
    return parse_n(a, body, strlen(body), &why);
}

static void expect_refused(arena *a, const char *body)
{
    const char *why;
    if (parse_n(a, body, strlen(body), &why))
        fail_msg("accepted \"%s\"", body);
}

static void test_basic(void **state)
{
    (void)state;
    arena *a = arena_new();
    struct form *f = parse(a, "login=zhang.san&password=Secret-Pass-1&csrf=abc");
    assert_non_null(f);
    assert_int_equal(f->n, 3);
    assert_string_equal(f->fields[0].name, "login");
    assert_string_equal(f->fields[0].value, "zhang.san");
    assert_string_equal(form_get(f, "login"), "zhang.san");
    assert_string_equal(form_get(f, "password"), "Secret-Pass-1");
    assert_string_equal(form_get(f, "csrf"), "abc");
    assert_null(form_get(f, "Login"));
    assert_null(form_get(f, "log"));
    assert_null(form_get(f, ""));
    assert_null(form_get(NULL, "login"));

    /* Empty bodies and empty pairs. */
    f = parse(a, "");
    assert_non_null(f);
    assert_int_equal(f->n, 0);
    f = parse(a, "&&&");
    assert_non_null(f);
    assert_int_equal(f->n, 0);
    f = parse(a, "&a=1&&b=2&");
    assert_non_null(f);
    assert_int_equal(f->n, 2);
    assert_string_equal(form_get(f, "a"), "1");
    assert_string_equal(form_get(f, "b"), "2");
    arena_free(a);
}

static void test_decoding(void **state)
{
    (void)state;
    arena *a = arena_new();
    /* '+' is a space, in names and values; %2B is a plus. */
    struct form *f = parse(a, "full+name=Zhang+San&sum=1%2B1&sp=%20x%20");
    assert_non_null(f);
    assert_string_equal(form_get(f, "full name"), "Zhang San");
    assert_string_equal(form_get(f, "sum"), "1+1");
    assert_string_equal(form_get(f, "sp"), " x ");

    /* %XX in either case, including multi-byte UTF-8. */
    f = parse(a, "n=%e5%BC%a0%E4%B8%89&k=%41%62%7e&amp=%26&eq=%3D");
    assert_non_null(f);
    assert_string_equal(form_get(f, "n"), "张三");
    assert_string_equal(form_get(f, "k"), "Ab~");
    assert_string_equal(form_get(f, "amp"), "&");
    assert_string_equal(form_get(f, "eq"), "=");

    /* Raw UTF-8 passes through. */
    f = parse(a, "name=张三");
    assert_non_null(f);
    assert_string_equal(form_get(f, "name"), "张三");

    /* A missing '=' gives an empty value; only the first '=' splits. */
    f = parse(a, "flag&x=a=b&=v&empty=");
    assert_non_null(f);
    assert_int_equal(f->n, 4);
    assert_string_equal(form_get(f, "flag"), "");
    assert_string_equal(form_get(f, "x"), "a=b");
    assert_string_equal(form_get(f, ""), "v");
    assert_string_equal(form_get(f, "empty"), "");
    arena_free(a);
}

static void test_first_value(void **state)
{
    (void)state;
    arena *a = arena_new();
    struct form *f = parse(a, "role=auditor&role=sysadmin&x=1&role=");
    assert_non_null(f);
    assert_int_equal(f->n, 4);
    assert_string_equal(form_get(f, "role"), "auditor");
    /* Encoded and plain spellings of a name are the same name. */
    f = parse(a, "%72ole=first&role=second");
    assert_string_equal(form_get(f, "role"), "first");
    arena_free(a);
}

/* Repeated fields: checkboxes (form_has) and lists (form_get_all), in the order sent. */
static void test_all_values(void **state)
{
    (void)state;
    arena *a = arena_new();
    struct form *f = parse(a, "attended=p-1&x=1&attended=p-3&major=2&attended=");
    size_t n;
    const char **v = form_get_all(a, f, "attended", &n);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "p-1");
    assert_string_equal(v[1], "p-3");
    assert_string_equal(v[2], "");
    form_get_all(a, f, "nothing", &n);
    assert_int_equal(n, 0);
    form_get_all(a, NULL, "attended", &n);
    assert_int_equal(n, 0);
    assert_true(form_has(f, "major", "2"));
    assert_false(form_has(f, "major", "1"));
    assert_false(form_has(f, "x", "2"));
    assert_false(form_has(NULL, "major", "2"));
    arena_free(a);
}

static void test_bad_escapes(void **state)
{
    (void)state;
    arena *a = arena_new();
    expect_refused(a, "a=%");
    expect_refused(a, "a=%4");
    expect_refused(a, "a=%zz");
    expect_refused(a, "a=%4g");
    expect_refused(a, "a=%g4");
    expect_refused(a, "a=% 1");
    expect_refused(a, "a=%%41");
    expect_refused(a, "%=x");
    expect_refused(a, "a%2=x");
    expect_refused(a, "a=1&b=%");
    expect_refused(a, "a=1&b=%4&c=3");
    expect_refused(a, "a=%-1");
    expect_refused(a, "a=%+1");

    /* The body ends inside an escape even though bytes follow in memory. */
    const char *why;
    const char *text = "a=%41";
    assert_null(parse_n(a, text, 4, &why));
    assert_null(parse_n(a, text, 3, &why));
    struct form *f = parse_n(a, text, 5, &why);
    assert_non_null(f);
    assert_string_equal(form_get(f, "a"), "A");
    arena_free(a);
}

static void test_bad_text(void **state)
{
    (void)state;
    arena *a = arena_new();
    /* Invalid UTF-8, raw or escaped, in names or values. */
    expect_refused(a, "a=\xFF");
    expect_refused(a, "\xFF=a");
    expect_refused(a, "a=%FF");
    expect_refused(a, "a=%C3");
    expect_refused(a, "a=%C3%28");
    expect_refused(a, "a=%C0%AF"); /* overlong '/' */
    expect_refused(a, "a=%ED%A0%80");
    expect_refused(a, "a=%E5%BC"); /* truncated */
    expect_refused(a, "%E5%BC=x");
    expect_refused(a, "ok=1&a=\xE5\xBC");
    /* NUL, escaped or raw. */
    expect_refused(a, "a=%00");
    expect_refused(a, "a=x%00y");
    expect_refused(a, "%00=x");
    const char *why;
    const char raw_nul[] = {'a', '=', 'x', '\0', 'y'};
    assert_null(parse_n(a, raw_nul, sizeof raw_nul, &why));
    const char raw_nul_name[] = {'a', '\0', '=', 'x'};
    assert_null(parse_n(a, raw_nul_name, sizeof raw_nul_name, &why));
    arena_free(a);
}

static void test_field_limit(void **state)
{
    (void)state;
    arena *a = arena_new();
    char body[2048];
    size_t n = 0;
    for (int i = 0; i < FORM_MAX_FIELDS; i++)
        n += (size_t)snprintf(body + n, sizeof body - n, "%sf%d=%d", i ? "&" : "", i, i);
    const char *why;
    struct form *f = parse_n(a, body, n, &why);
    assert_non_null(f);
    assert_int_equal(f->n, FORM_MAX_FIELDS);
    assert_string_equal(form_get(f, "f0"), "0");
    assert_string_equal(form_get(f, "f63"), "63");
    /* Empty pairs do not count towards the limit. */
    char with_empties[2200];
    int k = snprintf(with_empties, sizeof with_empties, "&&&%s&&&", body);
    assert_true(k > 0 && (size_t)k < sizeof with_empties);
    assert_non_null(parse_n(a, with_empties, (size_t)k, &why));
    /* One more is refused. */
    n += (size_t)snprintf(body + n, sizeof body - n, "&f%d=x", FORM_MAX_FIELDS);
    assert_null(parse_n(a, body, n, &why));
    assert_non_null(strstr(why, "too many"));
    /* Even when the extra field is empty-named or valueless. */
    k = snprintf(with_empties, sizeof with_empties, "%.*s&x", (int)(n - strlen("&f64=x")), body);
    assert_null(parse_n(a, with_empties, (size_t)k, &why));
    arena_free(a);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),       cmocka_unit_test(test_decoding),
        cmocka_unit_test(test_first_value), cmocka_unit_test(test_bad_escapes),
        cmocka_unit_test(test_bad_text),    cmocka_unit_test(test_field_limit),
        cmocka_unit_test(test_all_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
