/* Unit tests for web/router: the route table's order and declared policies, and route_match:
 * path parameters, 405 for a known path with another method, 404 for unknown paths, HEAD. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* Before cmocka.h, whose fail() macro would clash with the inline fail() of domain/fail.h. */
#include "web/router.h"

#include <setjmp.h>
#include <cmocka.h>

static int find(const char *method, const char *pattern)
{
    for (size_t i = 0; i < route_count; i++)
        if (strcmp(routes[i].method, method) == 0 && strcmp(routes[i].pattern, pattern) == 0)
            return (int)i;
    fail_msg("no route %s %s in the table", method, pattern);
    return -100;
}

struct fixture {
    struct request r;
};

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->r.a = arena_new();
    fx->r.route_index = -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    arena_free(fx->r.a);
    free(fx);
    return 0;
}

static void test_sorted(void **state)
{
    (void)state;
    assert_true(route_count > 0);
    assert_true(routes_sorted());
    /* routes_sorted really compares: pattern first, then method, strictly. */
    for (size_t i = 1; i < route_count; i++) {
        int c = strcmp(routes[i - 1].pattern, routes[i].pattern);
        assert_true(c < 0 || (c == 0 && strcmp(routes[i - 1].method, routes[i].method) < 0));
    }
}

static void test_table_policies(void **state)
{
    (void)state;
    for (size_t i = 0; i < route_count; i++) {
        const struct route *rt = &routes[i];
        assert_non_null(rt->fn);
        bool body = (rt->flags & (RF_FORM | RF_JSON | RF_UPLOAD)) != 0;
        /* A route that reads a body has a limit; one that does not, has none. */
        if (body != (rt->body_limit > 0))
            fail_msg("%s %s: body flags and body_limit disagree", rt->method, rt->pattern);
        /* Only unsafe methods take bodies; a route takes one kind of body. */
        if (body)
            assert_true(strcmp(rt->method, "GET") != 0);
        assert_false((rt->flags & RF_FORM) && (rt->flags & RF_JSON));
        /* Everything under /api/ speaks JSON, errors included. */
        if (strncmp(rt->pattern, "/api/", 5) == 0 && !(rt->flags & RF_API))
            fail_msg("%s %s is under /api/ without RF_API", rt->method, rt->pattern);
        /* Forms are for the pages, never the API. */
        if ((rt->flags & RF_API) && (rt->flags & RF_FORM))
            fail_msg("%s %s mixes API and form", rt->method, rt->pattern);
        /* Administration needs more than being signed in. */
        if (strncmp(rt->pattern, "/admin/", 7) == 0 ||
            strncmp(rt->pattern, "/api/v1/users", 13) == 0)
            assert_true(rt->right != RIGHT_NONE && rt->right != RIGHT_SIGNED_IN);
        /* Unsafe routes that anyone may call are only the two ways of signing in. */
        if (strcmp(rt->method, "GET") != 0 && rt->right == RIGHT_NONE)
            assert_true(strcmp(rt->pattern, "/login") == 0 ||
                        strcmp(rt->pattern, "/api/v1/session") == 0);
    }
    assert_int_equal(routes[find("POST", "/admin/users/{login}/roles")].right, RIGHT_ROLES);
    assert_int_equal(routes[find("POST", "/admin/users")].right, RIGHT_ACCOUNTS);
    assert_int_equal(routes[find("GET", "/api/v1/audit")].right, RIGHT_AUDIT);
    assert_true(routes[find("POST", "/login")].flags & RF_ANON_FORM);
}

static void test_match_params(void **state)
{
    struct fixture *fx = *state;
    struct request *r = &fx->r;
    int i = route_match(r, "POST", "/admin/users/zhang.san/roles");
    assert_int_equal(i, find("POST", "/admin/users/{login}/roles"));
    assert_int_equal(r->nparams, 1);
    assert_string_equal(r->params[0], "zhang.san");

    i = route_match(r, "POST", "/admin/users/li-si/roles/revoke");
    assert_int_equal(i, find("POST", "/admin/users/{login}/roles/revoke"));
    assert_int_equal(r->nparams, 1);
    assert_string_equal(r->params[0], "li-si");

    /* A parameter is one whole segment, whatever it holds. */
    i = route_match(r, "POST", "/api/v1/users/%E5%BC%A0/unlock");
    assert_int_equal(i, find("POST", "/api/v1/users/{login}/unlock"));
    assert_string_equal(r->params[0], "%E5%BC%A0");
    i = route_match(r, "GET", "/assets/app.js");
    assert_int_equal(i, find("GET", "/assets/{name}"));
    assert_int_equal(r->nparams, 1);
    assert_string_equal(r->params[0], "app.js");

    /* Routes without parameters leave none behind, even after one that had some. */
    i = route_match(r, "GET", "/admin/users");
    assert_int_equal(i, find("GET", "/admin/users"));
    assert_int_equal(r->nparams, 0);
    i = route_match(r, "GET", "/");
    assert_int_equal(i, find("GET", "/"));
    assert_int_equal(r->nparams, 0);
}

static void test_match_method(void **state)
{
    struct fixture *fx = *state;
    struct request *r = &fx->r;
    /* A known path with a method it does not have: -2 (405), and no parameters. */
    assert_int_equal(route_match(r, "GET", "/admin/users/zhang.san/roles"), -2);
    assert_int_equal(r->nparams, 0);
    assert_int_equal(route_match(r, "PUT", "/admin/users"), -2);
    assert_int_equal(route_match(r, "DELETE", "/login"), -2);
    assert_int_equal(route_match(r, "PATCH", "/api/v1/session"), -2);
    assert_int_equal(route_match(r, "post", "/login"), -2); /* methods are case-sensitive */

    /* The same path with two methods picks the right one. */
    assert_int_equal(route_match(r, "GET", "/login"), find("GET", "/login"));
    assert_int_equal(route_match(r, "POST", "/login"), find("POST", "/login"));
    assert_int_equal(route_match(r, "DELETE", "/api/v1/session"),
                     find("DELETE", "/api/v1/session"));
    assert_int_equal(route_match(r, "POST", "/api/v1/session"), find("POST", "/api/v1/session"));
    assert_int_equal(route_match(r, "DELETE", "/api/v1/users/x1/roles"),
                     find("DELETE", "/api/v1/users/{login}/roles"));
    assert_int_equal(route_match(r, "POST", "/api/v1/users/x1/roles"),
                     find("POST", "/api/v1/users/{login}/roles"));

    /* HEAD answers wherever GET does, and nowhere else. */
    assert_int_equal(route_match(r, "HEAD", "/"), find("GET", "/"));
    assert_int_equal(route_match(r, "HEAD", "/login"), find("GET", "/login"));
    assert_int_equal(route_match(r, "HEAD", "/assets/style.css"), find("GET", "/assets/{name}"));
    assert_string_equal(r->params[0], "style.css");
    assert_int_equal(route_match(r, "HEAD", "/logout"), -2);
    assert_int_equal(route_match(r, "HEAD", "/admin/users/x1/disable"), -2);
}

static void test_match_unknown(void **state)
{
    struct fixture *fx = *state;
    struct request *r = &fx->r;
    static const char *const unknown[] = {
        "",
        "/nope",
        "/admin",
        "/admin/",
        "/admin/users/",
        "/admin/users//roles",        /* an empty parameter */
        "/admin/users/a/b/roles",     /* a parameter spans one segment */
        "/admin/users/a/roles/",      /* trailing slash */
        "/admin/users/a/rolesx",      /* longer literal */
        "/admin/users/a/role",        /* shorter literal */
        "/assets/",                   /* empty name */
        "/assets/a/b",                /* two segments */
        "/api/v1/users/x/roles/more", /* extra segment */
        "//",
        "/LOGIN",
        "login",
        "/login?x=1",
        "/healthz/",
    };
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        int got = route_match(r, "GET", unknown[i]);
        if (got != -1)
            fail_msg("GET \"%s\" gave %d, expected -1", unknown[i], got);
        assert_int_equal(r->nparams, 0);
        got = route_match(r, "POST", unknown[i]);
        if (got != -1)
            fail_msg("POST \"%s\" gave %d, expected -1", unknown[i], got);
    }
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sorted),
        cmocka_unit_test(test_table_policies),
        cmocka_unit_test_setup_teardown(test_match_params, setup, teardown),
        cmocka_unit_test_setup_teardown(test_match_method, setup, teardown),
        cmocka_unit_test_setup_teardown(test_match_unknown, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
