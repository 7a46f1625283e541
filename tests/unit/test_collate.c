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

/* The sort computes each name's sort key once (and remembers keys per thread): its order must be
 * the one collate_cmp() gives pair by pair, over many names, with names longer than the key
 * code's stack buffer, names the collator finds equal (full-width and half-width forms: then byte
 * order), and with both collations one after the other on the same names (the remembered keys
 * must not leak from one collation into the other). */
static void test_sort_agrees_with_cmp(void **state)
{
    (void)state;
    static const char *const parts[] = {"王", "刘", "张",   "中国", "北京", "学会",
                                        "Ａ", "A",  "科协", "丁",   "a",    "联合体",
                                        "１", "1",  "医学", "工程"};
    enum { N = 600 };
    static char names[N][1200];
    static struct person p[N];
    uint32_t x = 12345;
    for (int i = 0; i < N; i++) {
        size_t len = 0, parts_n = 1 + (i % 5);
        if (i % 97 == 0)
            parts_n = 300; /* about 900 bytes: past the 256 UTF-16 units on the stack */
        names[i][0] = '\0';
        for (size_t k = 0; k < parts_n; k++) {
            x = x * 1103515245u + 12345u;
            const char *part = parts[(x >> 16) % (sizeof parts / sizeof *parts)];
            size_t pl = strlen(part);
            if (len + pl + 1 > sizeof names[i])
                break;
            memcpy(names[i] + len, part, pl + 1);
            len += pl;
        }
        p[i] = (struct person){0, names[i], i};
    }
    for (int round = 0; round < 4; round++) {
        enum collation how = round % 2 ? COLLATE_PINYIN : COLLATE_STROKE;
        collator *c = collate_open(how);
        assert_non_null(c);
        collate_sort(c, p, N, sizeof p[0], NULL, name_of);
        for (int i = 1; i < N; i++) {
            int d = collate_cmp(c, p[i - 1].name, p[i].name);
            assert_true(d < 0 || (d == 0 && p[i - 1].id < p[i].id));
        }
        collate_close(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stroke_order),
        cmocka_unit_test(test_pinyin_differs),
        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_sort_agrees_with_cmp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
