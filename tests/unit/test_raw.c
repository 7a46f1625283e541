/* Unit tests for web/raw: the raw HTTP request parser behind `lianheti test-http`. What the API
 * test cannot see from outside: the decoding of path, query and cookies as libmicrohttpd does it,
 * lookups, the exact 32 KiB boundary and each refusal's message. The request is handed over as
 * exactly len bytes, so ASan sees any read past the end. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "web/raw.h"

#include <setjmp.h>
#include <cmocka.h>

static arena *a;
static char *copy;

/* Parses a copy of text[0..len) with nothing after it; frees the previous copy. */
static bool parse_n(const char *text, size_t len, struct raw_request *q, const char **why)
{
    free(copy);
    copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    *why = NULL;
    bool ok = raw_parse(a, copy, len, q, why);
    if (!ok) {
        assert_non_null(*why);
        assert_true(strlen(*why) > 0);
    }
    return ok;
}

static bool parse(const char *text, struct raw_request *q, const char **why)
{
    return parse_n(text, strlen(text), q, why);
}

/* The refusal's message for text, which must be refused. */
static const char *refusal(const char *text)
{
    struct raw_request q;
    const char *why;
    assert_false(parse(text, &q, &why));
    return why;
}

static int setup(void **state)
{
    (void)state;
    a = arena_new();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_free(a);
    free(copy);
    copy = NULL;
    return 0;
}

static void test_path_and_query(void **state)
{
    (void)state;
    struct raw_request q;
    const char *why;
    assert_true(
        parse("GET /a%2Fb+c%zz%4?x=1+2&y=%E4%B8%AD&flag&&z=&x=2 HTTP/1.1\r\n\r\n", &q, &why));
    assert_string_equal(q.method, "GET");
    /* The path: %XX decoded, '+' kept, a malformed escape left as it is. */
    assert_string_equal(q.path, "/a/b+c%zz%4");
    assert_int_equal(q.nargs, 5); /* the empty segment between && is no argument */
    assert_string_equal(raw_get(q.args, q.nargs, "x"), "1 2"); /* the first x wins */
    assert_string_equal(raw_get(q.args, q.nargs, "y"), "中");
    assert_string_equal(q.args[2].name, "flag");
    assert_null(q.args[2].value); /* a name without '=' */
    assert_string_equal(raw_get(q.args, q.nargs, "z"), "");
    assert_null(raw_get(q.args, q.nargs, "nope"));
    assert_true(parse("GET /only HTTP/1.0\r\n\r\n", &q, &why));
    assert_int_equal(q.nargs, 0);
    assert_null(raw_get(q.args, q.nargs, "x"));
}

static void test_headers_and_cookies(void **state)
{
    (void)state;
    struct raw_request q;
    const char *why;
    assert_true(parse("\r\n\nPOST /x HTTP/1.1\r\nHost: h\r\ncontent-length:  5 \r\n"
                      "Cookie: a=1;  lh_session=\"tok\" ; bad; =v; c=x=y\r\nCookie: d=2\r\n"
                      "X-Empty:\r\nHOST: second\r\n\r\nhelloextra",
                      &q, &why));
    assert_string_equal(q.method, "POST"); /* blank lines before the request line are skipped */
    assert_int_equal(q.nheaders, 6);
    assert_string_equal(raw_get(q.headers, q.nheaders, "host"), "h"); /* any case, first wins */
    assert_string_equal(raw_get(q.headers, q.nheaders, "Content-Length"), "5"); /* trimmed */
    assert_string_equal(raw_get(q.headers, q.nheaders, "x-empty"), "");
    assert_int_equal(q.content_length, 5);
    assert_int_equal(q.body_have, 10);
    assert_memory_equal(q.body, "helloextra", 10);
    /* Cookies of the first Cookie header; pairs without a name or '=' skipped, quotes dropped. */
    assert_int_equal(q.ncookies, 3);
    assert_string_equal(raw_get(q.cookies, q.ncookies, "a"), "1");
    assert_string_equal(raw_get(q.cookies, q.ncookies, "LH_SESSION"), "tok");
    assert_string_equal(raw_get(q.cookies, q.ncookies, "c"), "x=y");
    assert_null(raw_get(q.cookies, q.ncookies, "d"));
    /* Bare LF line ends, no body. */
    assert_true(parse("GET / HTTP/1.1\nA: b\n\n", &q, &why));
    assert_int_equal(q.nheaders, 1);
    assert_int_equal(q.body_have, 0);
    assert_int_equal(q.content_length, 0);
    assert_int_equal(q.ncookies, 0);
}

static void test_content_length(void **state)
{
    (void)state;
    struct raw_request q;
    const char *why;
    assert_true(parse("POST / HTTP/1.1\r\nContent-Length: 9999999999999999999\r\n\r\n", &q, &why));
    assert_true(q.content_length == 9999999999999999999ULL);
    assert_true(
        parse("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", &q, &why));
    assert_int_equal(q.content_length, 3);
    assert_non_null(strstr(
        refusal("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"), "twice"));
    const char *bad[] = {"", "-1", "+3", "3 4", "0x10", "12345678901234567890"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "POST / HTTP/1.1\r\nContent-Length: %s\r\n\r\n", bad[i]);
        assert_non_null(strstr(refusal(text), "Content-Length"));
    }
    assert_non_null(strstr(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
                           "Transfer-Encoding"));
}

static void test_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *text, *says;
    } cases[] = {
        {"", "empty"},
        {"\r\n\r\n", "empty"},
        {"GET / HTTP/1.1\r\n", "blank line"},
        {"GET / HTTP/1.1", "blank line"},
        {"GET /\r\n\r\n", "request line"},
        {"GET  / HTTP/1.1\r\n\r\n", "target"},
        {"G(T / HTTP/1.1\r\n\r\n", "method"},
        {"GET x HTTP/1.1\r\n\r\n", "target"},
        {"GET * HTTP/1.1\r\n\r\n", "target"},
        {"GET /a\tb HTTP/1.1\r\n\r\n", "control"},
        {"GET / HTTP/1.1 \r\n\r\n", "version"},
        {"GET / http/1.1\r\n\r\n", "version"},
        {"GET / HTTP/1.1\r\nNoColon\r\n\r\n", "header line 1"},
        {"GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", "header line 2"},
        {"GET / HTTP/1.1\r\nBad Name: b\r\n\r\n", "not a token"},
        {"GET / HTTP/1.1\r\n: b\r\n\r\n", "not a token"},
        {"GET / HTTP/1.1\r\nA: b\rc\r\n\r\n", "control"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *why = refusal(cases[i].text);
        if (!strstr(why, cases[i].says))
            fail_msg("%s: said \"%s\", not \"%s\"", cases[i].text, why, cases[i].says);
    }
    /* A NUL anywhere in the head is refused, not read as the end of a string. */
    struct raw_request q;
    const char *why;
    assert_false(parse_n("GET /\0 HTTP/1.1\r\n\r\n", 19, &q, &why));
    assert_false(parse_n("GET / HTTP/1.1\r\nA: \0\r\n\r\n", 24, &q, &why));
}

/* The request line and headers may take RAW_HEAD_MAX bytes, blank line included, not one more. */
static void test_head_limit(void **state)
{
    (void)state;
    const char *start = "GET / HTTP/1.1\r\nX: ";
    size_t fixed = strlen(start) + strlen("\r\n\r\n");
    char *text = malloc(RAW_HEAD_MAX + 16);
    assert_non_null(text);
    for (size_t extra = 0; extra < 2; extra++) {
        size_t n = RAW_HEAD_MAX + extra;
        memcpy(text, start, strlen(start));
        memset(text + strlen(start), 'v', n - fixed);
        memcpy(text + n - 4, "\r\n\r\nbody", 8);
        struct raw_request q;
        const char *why;
        bool ok = parse_n(text, n + 4, &q, &why);
        if (extra == 0) {
            assert_true(ok);
            assert_int_equal(q.body_have, 4);
        } else {
            assert_false(ok);
            assert_non_null(strstr(why, "32 KiB"));
        }
    }
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_path_and_query, setup, teardown),
        cmocka_unit_test_setup_teardown(test_headers_and_cookies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_content_length, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_head_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
