/* Unit tests for util/uscc: the GB 32100-2015 check character over valid public codes and every
 * kind of wrong one (length, forbidden letters, lower case, non-digit region, wrong check
 * character), and the decoding of what the first eight characters say. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/uscc.h"

/* The public examples of data/README.md, and codes whose check character is each kind of value:
 * a digit, a letter, and 0 (sum divisible by 31). */
static void test_valid(void **state)
{
    (void)state;
    assert_true(uscc_valid("12100000400000624D")); /* 清华大学 */
    assert_true(uscc_valid("51100000500002862F")); /* 中国自动化学会 */
    assert_int_equal(uscc_check("12100000400000624D", NULL), USCC_OK);
    assert_true(uscc_valid("911100007109301004")); /* a digit */
    assert_true(uscc_valid("91110000710930957C")); /* a letter */
    assert_true(uscc_valid("91110000MA01AAAA10")); /* 0: the sum is a multiple of 31 */
}

static void test_length(void **state)
{
    (void)state;
    assert_int_equal(uscc_check("", NULL), USCC_LENGTH);
    assert_int_equal(uscc_check("12100000400000624", NULL), USCC_LENGTH);
    assert_int_equal(uscc_check("12100000400000624DD", NULL), USCC_LENGTH);
    assert_int_equal(uscc_check(NULL, NULL), USCC_LENGTH);
    assert_false(uscc_valid("12100000400000624"));
}

/* I, O, S, V and Z are left out of the alphabet (they look like 1, 0, 5, U and 2). */
static void test_forbidden_letters(void **state)
{
    (void)state;
    const char *bad[] = {"91110000MA01AAAI10", "91110000MA01AAAO10",         "91110000MA01AAAS10",
                         "91110000MA01AAAV10", "91110000MA01AAAZ10",         "91110000MA01AAA-10",
                         "91110000MA01AAA 10", "91110000MA01AAA\xe4\xb8\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum uscc_problem p = uscc_check(bad[i], NULL);
        assert_true(p == USCC_CHARSET || p == USCC_LENGTH);
        assert_false(uscc_valid(bad[i]));
    }
    assert_int_equal(uscc_check("91110000MA01AAAI10", NULL), USCC_CHARSET);
}

static void test_lower_case(void **state)
{
    (void)state;
    assert_int_equal(uscc_check("12100000400000624d", NULL), USCC_CHARSET);
    assert_int_equal(uscc_check("91110000ma01aaaa10", NULL), USCC_CHARSET);
}

static void test_region_not_digits(void **state)
{
    (void)state;
    assert_int_equal(uscc_check("511A0000500002862F", NULL), USCC_REGION);
}

/* Every other check character is refused, and the right one is told. */
static void test_wrong_check(void **state)
{
    (void)state;
    const char *alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    char code[19] = "12100000400000624D";
    for (const char *c = alphabet; *c; c++) {
        code[17] = *c;
        char expected = 0;
        enum uscc_problem p = uscc_check(code, &expected);
        if (*c == 'D') {
            assert_int_equal(p, USCC_OK);
        } else {
            assert_int_equal(p, USCC_CHECK);
            assert_int_equal(expected, 'D');
        }
    }
    /* A changed body character breaks the check too. */
    assert_int_equal(uscc_check("51100000500002863F", NULL), USCC_CHECK);
}

static void test_decode(void **state)
{
    (void)state;
    struct uscc_info info;
    assert_true(uscc_decode("51100000500002862F", &info));
    assert_string_equal(info.authority, "民政");
    assert_string_equal(info.category, "社会团体");
    assert_string_equal(info.region, "100000");
    assert_true(info.national);

    assert_true(uscc_decode("12100000400000624D", &info));
    assert_string_equal(info.authority, "机构编制");
    assert_string_equal(info.category, "事业单位");
    assert_true(info.national);

    assert_true(uscc_decode("911100007109301004", &info));
    assert_string_equal(info.authority, "工商/市场监管");
    assert_string_equal(info.category, "企业");
    assert_string_equal(info.region, "110000");
    assert_false(info.national);

    memset(&info, 0x55, sizeof info);
    assert_false(uscc_decode("12100000400000624E", &info));
    assert_int_equal(info.region[0], 0x55); /* untouched */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_length),
        cmocka_unit_test(test_forbidden_letters),
        cmocka_unit_test(test_lower_case),
        cmocka_unit_test(test_region_not_digits),
        cmocka_unit_test(test_wrong_check),
        cmocka_unit_test(test_decode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
