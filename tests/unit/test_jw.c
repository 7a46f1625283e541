/* Unit tests for util/jw: the streaming writer must give byte for byte what jansson's
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) gives for the same values, since the API writes
 * some answers with one and the rest with the other, and clients parse both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "util/jw.h"

static void assert_same(json_t *want, const buf *got)
{
    char *s = json_dumps(want, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_non_null(s);
    assert_string_equal(buf_str(got), s);
    free(s);
    json_decref(want);
}

/* Every byte that jansson escapes, and some it does not (DEL, '/', UTF-8 of two to four bytes). */
static void test_strings_escape_as_jansson(void **state)
{
    (void)state;
    char all[0x21 + 16];
    size_t n = 0;
    for (int c = 1; c < 0x20; c++)
        all[n++] = (char)c;
    memcpy(all + n, "\"\\/\x7f", 4);
    n += 4;
    all[n] = '\0';
    static const char *samples[] = {"",        "plain",     "中国科协学会联合体",
                                    "a\"b\\c", "tab\there", "line\r\nend",
                                    "😀 emoji", "<&>'",      NULL};
    for (size_t i = 0; i <= sizeof samples / sizeof *samples; i++) {
        const char *s = i < sizeof samples / sizeof *samples ? samples[i] : all;
        if (!s)
            continue;
        buf b = {0};
        jw w;
        jw_init(&w, &b);
        jw_array(&w);
        jw_string(&w, s);
        jw_array_end(&w);
        assert_same(json_pack("[s]", s), &b);
        buf_free(&b);
    }
}

/* Nesting, commas, absent members left out, integers at both ends, booleans and null. */
static void test_structure_as_jansson(void **state)
{
    (void)state;
    buf b = {0};
    jw w;
    jw_init(&w, &b);
    jw_object(&w);
    jw_key(&w, "items");
    jw_array(&w);
    for (int i = 0; i < 3; i++) {
        jw_object(&w);
        jw_member_string(&w, "name", i == 1 ? NULL : "名");
        jw_member_int(&w, "n", i);
        jw_key(&w, "empty");
        jw_array(&w);
        jw_array_end(&w);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    jw_key(&w, "min");
    jw_int(&w, INT64_MIN);
    jw_key(&w, "max");
    jw_int(&w, INT64_MAX);
    jw_key(&w, "flags");
    jw_array(&w);
    jw_bool(&w, true);
    jw_bool(&w, false);
    jw_null(&w);
    jw_string(&w, NULL);
    jw_array_end(&w);
    jw_key(&w, "o");
    jw_object(&w);
    jw_object_end(&w);
    jw_object_end(&w);

    json_t *items = json_array();
    for (int i = 0; i < 3; i++) {
        json_t *o = json_object();
        if (i != 1)
            json_object_set_new(o, "name", json_string("名"));
        json_object_set_new(o, "n", json_integer(i));
        json_object_set_new(o, "empty", json_array());
        json_array_append_new(items, o);
    }
    json_t *want =
        json_pack("{s:o, s:I, s:I, s:[b, b, n, n], s:{}}", "items", items, "min",
                  (json_int_t)INT64_MIN, "max", (json_int_t)INT64_MAX, "flags", 1, 0, "o");
    assert_same(want, &b);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings_escape_as_jansson),
        cmocka_unit_test(test_structure_as_jansson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
