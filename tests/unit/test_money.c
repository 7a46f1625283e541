/* Unit tests for util/money: fen shown as ¥1,234.56, and the plain form CSV cells use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/money.h"

static void expect(int64_t fen, unsigned flags, const char *want)
{
    char out[MONEY_MAX];
    memset(out, 'X', sizeof out);
    const char *got = money_format(fen, flags, out);
    assert_ptr_equal(got, out);
    if (strcmp(got, want) != 0)
        fail_msg("money_format(%lld, %u) = \"%s\", expected \"%s\"", (long long)fen, flags, got,
                 want);
    assert_true(strlen(out) < MONEY_MAX);
}

static void test_money_grouped(void **state)
{
    (void)state;
    expect(0, 0, "¥0.00");
    expect(1, 0, "¥0.01");
    expect(10, 0, "¥0.10");
    expect(99, 0, "¥0.99");
    expect(100, 0, "¥1.00");
    expect(123456, 0, "¥1,234.56");
    expect(99999, 0, "¥999.99");
    expect(100000, 0, "¥1,000.00");
    expect(100000000, 0, "¥1,000,000.00");
    expect(12345678901, 0, "¥123,456,789.01");
    expect(-1, 0, "-¥0.01");
    expect(-123456, 0, "-¥1,234.56");
    expect(-100000, 0, "-¥1,000.00");
    /* The extremes: no overflow, no truncation. */
    expect(INT64_MAX, 0, "¥92,233,720,368,547,758.07");
    expect(INT64_MIN, 0, "-¥92,233,720,368,547,758.08");
}

static void test_money_plain(void **state)
{
    (void)state;
    expect(0, MONEY_PLAIN, "0.00");
    expect(5, MONEY_PLAIN, "0.05");
    expect(123456, MONEY_PLAIN, "1234.56");
    expect(100000000, MONEY_PLAIN, "1000000.00");
    expect(-123456, MONEY_PLAIN, "-1234.56");
    expect(INT64_MIN, MONEY_PLAIN, "-92233720368547758.08");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_grouped),
        cmocka_unit_test(test_money_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
