/* Unit tests for util/collate: stroke order as official Chinese lists use it, pinyin on request,
 * and the stable sort the pages order their lists with. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/collate.h"

static void test_stroke_order(void **state)
{
    (void)state;
    collator *c = collate_open(COLLATE_STROKE);
    assert_non_null(c);
    /* 王 has 4 strokes, 刘 6, 张 7. */
    assert_true(collate_cmp(c, "王", "刘") < 0);
    assert_true(collate_cmp(c, "刘", "张") < 0);
    assert_true(collate_cmp(c, "王", "张") < 0);
    assert_true(collate_cmp(c, "张", "王") > 0);
    assert_int_equal(collate_cmp(c, "王芳", "王芳"), 0);
    /* The first character decides before the second: 王 + anything before 刘 + anything. */
    assert_true(collate_cmp(c, "王颖", "刘一") < 0);
    /* 中 (4) before 北 (5): 中国科协… before 北京市科协…. */
    assert_true(collate_cmp(c, "中国科协生命科学学会联合体", "北京市科协智能制造学会联合体") < 0);
    assert_true(collate_cmp(c, NULL, "王") < 0);
    assert_true(collate_cmp(c, "王", NULL) > 0);
    assert_int_equal(collate_cmp(c, NULL, NULL), 0);
    collate_close(c);
}

static void test_pinyin_differs(void **state)
{
    (void)state;
    collator *p = collate_open(COLLATE_PINYIN);
    assert_non_null(p);
    /* liu < wang < zhang: where stroke order puts 王 first, pinyin puts 刘 first. */
    assert_true(collate_cmp(p, "刘", "王") < 0);
    assert_true(collate_cmp(p, "王", "张") < 0);
    assert_true(collate_cmp(p, "北京", "中国") < 0); /* bei < zhong */
    collate_close(p);
    /* Neither is code point order: 刘 U+5218 < 张 U+5F20 < 王 U+738B. */
    assert_true(strcmp("张", "王") < 0);
}

struct person {
    int group;
    const char *name;
    int id;
};

static int by_group(const void *a, const void *b)
{
    return ((const struct person *)a)->group - ((const struct person *)b)->group;
}

static const char *name_of(const void *row)
{
    return ((const struct person *)row)->name;
}

static void test_sort(void **state)
{
    (void)state;
    collator *c = collate_open(COLLATE_STROKE);
    struct person p[] = {
        {0, "张伟", 1}, {0, "王芳", 2}, {1, "王五", 3}, {0, "刘洋", 4},
        {0, "王芳", 5}, {1, "丁一", 6}, {0, NULL, 7},
    };
    size_t n = sizeof p / sizeof p[0];
    collate_sort(c, p, n, sizeof p[0], by_group, name_of);
    /* Group 0 then group 1; within each, stroke order; equal names keep their order (2 before 5);
     * a missing name first. */
    static const int want[] = {7, 2, 5, 4, 1, 6, 3};
    for (size_t i = 0; i < n; i++)
        assert_int_equal(p[i].id, want[i]);
    /* Without a first key; and trivial sizes. */
    struct person q[] = {{0, "张", 1}, {0, "刘", 2}, {0, "王", 3}};
    collate_sort(c, q, 3, sizeof q[0], NULL, name_of);
    assert_int_equal(q[0].id, 3);
    assert_int_equal(q[1].id, 2);
    assert_int_equal(q[2].id, 1);
    collate_sort(c, q, 1, sizeof q[0], NULL, name_of);
    collate_sort(c, q, 0, sizeof q[0], NULL, name_of);
    collate_close(c);
    /* Without a collator (ICU unavailable) the order is bytewise, still stable. */
    collate_sort(NULL, q, 3, sizeof q[0], NULL, name_of);
    assert_int_equal(q[0].id, 2); /* 刘 U+5218 */
    collate_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stroke_order),
        cmocka_unit_test(test_pinyin_differs),
        cmocka_unit_test(test_sort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
