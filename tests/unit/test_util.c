/* Unit tests for util/arena, util/buf and util/text: the allocator every request uses, the growing
 * buffer response bodies are built in, and the text checks every input edge relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <sodium.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/text.h"

/* --- arena -------------------------------------------------------------------------------- */

static int aligned(const void *p)
{
    return ((uintptr_t)p % _Alignof(max_align_t)) == 0 && ((uintptr_t)p % 16) == 0;
}

/* Thousands of allocations over many chunks: each is zeroed, aligned, and keeps its own bytes
 * (no two overlap), and arena_used counts them. */
static void test_arena_many(void **state)
{
    (void)state;
    enum { N = 5000 };
    arena *a = arena_new();
    assert_int_equal(arena_used(a), 0);
    unsigned char **ptrs = calloc(N, sizeof *ptrs);
    size_t *sizes = calloc(N, sizeof *sizes);
    assert_non_null(ptrs);
    assert_non_null(sizes);
    size_t expect_used = 0;
    for (size_t i = 0; i < N; i++) {
        size_t n = 1 + (i * 37) % 300; /* 1..300 bytes: about 1 MiB in all, ~60 chunks */
        unsigned char *p = arena_alloc(a, n);
        assert_non_null(p);
        assert_true(aligned(p));
        for (size_t k = 0; k < n; k++)
            assert_int_equal(p[k], 0);
        memset(p, (int)(i & 0xFF), n);
        ptrs[i] = p;
        sizes[i] = n;
        expect_used += (n + 15) & ~(size_t)15;
    }
    assert_int_equal(arena_used(a), expect_used);
    for (size_t i = 0; i < N; i++)
        for (size_t k = 0; k < sizes[i]; k++)
            if (ptrs[i][k] != (unsigned char)(i & 0xFF))
                fail_msg("allocation %zu byte %zu was overwritten", i, k);
    free(ptrs);
    free(sizes);
    arena_free(a);
}

/* An allocation bigger than a chunk gets a chunk of its own, and the allocations around it are
 * neither inside it nor disturbed by it. */
static void test_arena_big(void **state)
{
    (void)state;
    arena *a = arena_new();
    char *before = arena_alloc(a, 100);
    memset(before, 'b', 100);
    size_t big_n = 1u << 20; /* 1 MiB, far more than a chunk */
    unsigned char *big = arena_alloc(a, big_n);
    assert_non_null(big);
    assert_true(aligned(big));
    for (size_t k = 0; k < big_n; k++)
        if (big[k] != 0)
            fail_msg("big allocation not zeroed at %zu", k);
    memset(big, 0xAB, big_n);
    char *after = arena_alloc(a, 100);
    memset(after, 'a', 100);
    /* The small ones are not inside the big one. */
    assert_true((unsigned char *)after + 100 <= big || (unsigned char *)after >= big + big_n);
    assert_true((unsigned char *)before + 100 <= big || (unsigned char *)before >= big + big_n);
    /* The current chunk keeps filling after a big one-off: the next small allocation follows
     * the first one in the same chunk. */
    assert_ptr_equal(after, before + 112);
    for (size_t k = 0; k < 100; k++) {
        assert_int_equal(before[k], 'b');
        assert_int_equal(after[k], 'a');
    }
    for (size_t k = 0; k < big_n; k++)
        if (big[k] != 0xAB)
            fail_msg("big allocation overwritten at %zu", k);
    /* A second big one and exactly a chunk's worth. */
    unsigned char *big2 = arena_alloc(a, 3 * big_n);
    memset(big2, 0xCD, 3 * big_n);
    unsigned char *exact = arena_alloc(a, 16384);
    memset(exact, 0xEF, 16384);
    assert_int_equal(big[big_n - 1], 0xAB);
    assert_int_equal(big2[0], 0xCD);
    assert_int_equal(arena_used(a), 112 + big_n + 112 + 3 * big_n + 16384);
    arena_free(a);
}

static void test_arena_alignment(void **state)
{
    (void)state;
    arena *a = arena_new();
    /* Odd sizes must not push the next allocation off alignment. */
    for (size_t n = 0; n < 200; n++) {
        void *p = arena_alloc(a, n);
        assert_non_null(p);
        assert_true(aligned(p));
    }
    /* Zero bytes still gives distinct, usable pointers. */
    char *z1 = arena_alloc(a, 0), *z2 = arena_alloc(a, 0);
    assert_ptr_not_equal(z1, z2);
    /* A long double and a 16-byte vector-like struct stored through the pointers. */
    long double *ld = arena_alloc(a, sizeof *ld);
    *ld = 1.5L;
    assert_true(*ld == 1.5L);
    struct s16 {
        _Alignas(16) unsigned char b[16];
    } *v = arena_alloc(a, sizeof *v);
    memset(v->b, 1, sizeof v->b);
    assert_true(aligned(v));
    arena_free(a);
    arena_free(NULL); /* allowed, like free(NULL) */
}

static void test_arena_strings(void **state)
{
    (void)state;
    arena *a = arena_new();
    char src[] = "hello, 世界";
    char *s = arena_strdup(a, src);
    assert_string_equal(s, "hello, 世界");
    assert_ptr_not_equal(s, src);
    src[0] = 'J'; /* a copy, not an alias */
    assert_string_equal(s, "hello, 世界");
    assert_null(arena_strdup(a, NULL));
    assert_string_equal(arena_strdup(a, ""), "");

    char *n = arena_strndup(a, "abcdef", 3);
    assert_string_equal(n, "abc");
    /* strndup copies exactly n bytes and need not find a NUL. */
    const char raw[4] = {'w', 'x', 'y', 'z'};
    assert_string_equal(arena_strndup(a, raw, 4), "wxyz");
    assert_string_equal(arena_strndup(a, raw, 0), "");

    assert_string_equal(arena_printf(a, "%d-%s-%05.1f", 42, "x", 3.14159), "42-x-003.1");
    assert_string_equal(arena_printf(a, "%s", ""), "");
    /* Output longer than a chunk. */
    size_t big = 40000;
    char *filler = malloc(big + 1);
    assert_non_null(filler);
    memset(filler, 'q', big);
    filler[big] = '\0';
    char *p = arena_printf(a, "<%s>%zu", filler, big);
    assert_int_equal(strlen(p), big + 2 + 5);
    assert_int_equal(p[0], '<');
    assert_int_equal(p[big], 'q');
    assert_string_equal(p + big + 1, ">40000");
    free(filler);
    arena_free(a);
}

/* "Allocation never fails silently: out of memory aborts" (arena.h). A request no machine can
 * satisfy must not come back as a small block. Run in a child so the abort is observable. */
static void expect_alloc_does_not_return(size_t n)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        arena *a = arena_new();
        void *p = arena_alloc(a, n);
        arena_free(a);
        _exit(p ? 42 : 43); /* it returned: that is the failure */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFEXITED(status) && (WEXITSTATUS(status) == 42 || WEXITSTATUS(status) == 43))
        fail_msg("arena_alloc(%zu) returned instead of aborting", n);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

static void test_arena_impossible_size_aborts(void **state)
{
    (void)state;
    expect_alloc_does_not_return(SIZE_MAX);      /* rounding up to 16 wraps to 0 */
    expect_alloc_does_not_return(SIZE_MAX - 40); /* the chunk header plus the size wraps */
}

/* --- buf ---------------------------------------------------------------------------------- */

static void test_buf_append(void **state)
{
    (void)state;
    buf b = {0};
    assert_string_equal(buf_str(&b), "");
    assert_null(b.data);
    buf_puts(&b, "ab");
    buf_putc(&b, 'c');
    buf_append(&b, "d\0e", 3); /* embedded NUL is kept, length counts it */
    assert_int_equal(b.len, 6);
    assert_memory_equal(b.data, "abcd\0e", 7); /* and it stays NUL-terminated */
    buf_append(&b, "", 0);
    assert_int_equal(b.len, 6);

    /* Growth across many reallocations keeps every byte. */
    buf_reset(&b);
    for (int i = 0; i < 20000; i++)
        buf_putc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 20000);
    assert_true(b.cap > b.len);
    assert_int_equal(b.data[20000], '\0');
    for (int i = 0; i < 20000; i++)
        if (b.data[i] != (char)('a' + i % 26))
            fail_msg("byte %d lost in growth", i);

    /* Reset keeps the memory. */
    char *mem = b.data;
    size_t cap = b.cap;
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_ptr_equal(b.data, mem);
    assert_int_equal(b.cap, cap);
    assert_string_equal(buf_str(&b), "");
    buf_puts(&b, "again");
    assert_string_equal(buf_str(&b), "again");

    buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    buf_free(&b); /* twice is harmless */
}

static void test_buf_printf(void **state)
{
    (void)state;
    buf b = {0};
    buf_printf(&b, "%s=%d", "x", 7);
    buf_printf(&b, "; %s", "中文");
    assert_string_equal(buf_str(&b), "x=7; 中文");
    assert_int_equal(b.len, strlen("x=7; 中文"));
    /* An empty expansion changes nothing. */
    buf_printf(&b, "%s", "");
    assert_int_equal(b.len, strlen("x=7; 中文"));
    /* A large expansion grows the buffer in one go. */
    char big[5000];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    buf_printf(&b, "[%s]", big);
    assert_int_equal(b.len, strlen("x=7; 中文") + 2 + 4999);
    assert_int_equal(b.data[b.len - 1], ']');
    assert_int_equal(b.data[b.len], '\0');
    buf_free(&b);

    buf e = {0};
    buf_printf(&e, "%s", "");
    assert_string_equal(buf_str(&e), "");
    buf_free(&e);
}

static void test_buf_steal(void **state)
{
    (void)state;
    buf b = {0};
    buf_puts(&b, "owned");
    char *s = buf_steal(&b);
    assert_string_equal(s, "owned");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    assert_string_equal(buf_str(&b), "");
    /* The buffer is usable again and independent of the stolen memory. */
    buf_puts(&b, "new");
    assert_string_equal(s, "owned");
    assert_string_equal(buf_str(&b), "new");
    free(s);
    buf_free(&b);

    /* Stealing from an empty buffer gives an empty, freeable string, never NULL. */
    buf e = {0};
    char *t = buf_steal(&e);
    assert_non_null(t);
    assert_string_equal(t, "");
    free(t);
}

/* --- text --------------------------------------------------------------------------------- */

static bool v(const char *s)
{
    return utf8_valid(s, strlen(s));
}

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_true(utf8_valid("", 0));
    assert_true(v("plain ASCII ~\x7F"));
    assert_true(v("\xC2\x80"));     /* U+0080, smallest 2-byte */
    assert_true(v("\xDF\xBF"));     /* U+07FF */
    assert_true(v("\xE0\xA0\x80")); /* U+0800, smallest 3-byte */
    assert_true(v("中文 · 汉字"));
    assert_true(v("\xED\x9F\xBF"));     /* U+D7FF, just below the surrogates */
    assert_true(v("\xEE\x80\x80"));     /* U+E000, just above them */
    assert_true(v("\xEF\xBF\xBF"));     /* U+FFFF */
    assert_true(v("\xF0\x90\x80\x80")); /* U+10000, smallest 4-byte */
    assert_true(v("\xF0\x9F\x98\x80")); /* an emoji */
    assert_true(v("\xF4\x8F\xBF\xBF")); /* U+10FFFF, the largest code point */

    /* Overlong forms. */
    assert_false(v("\xC0\x80")); /* NUL in two bytes */
    assert_false(v("\xC0\xAF"));
    assert_false(v("\xC1\xBF"));
    assert_false(v("\xE0\x80\x80"));
    assert_false(v("\xE0\x9F\xBF")); /* U+07FF in three bytes */
    assert_false(v("\xF0\x80\x80\x80"));
    assert_false(v("\xF0\x8F\xBF\xBF")); /* U+FFFF in four bytes */

    /* Surrogates, alone or paired (CESU-8). */
    assert_false(v("\xED\xA0\x80"));
    assert_false(v("\xED\xBF\xBF"));
    assert_false(v("\xED\xA0\xBD\xED\xB8\x80"));

    /* Beyond U+10FFFF and bytes that never occur. */
    assert_false(v("\xF4\x90\x80\x80"));
    assert_false(v("\xF5\x80\x80\x80"));
    assert_false(v("\xF7\xBF\xBF\xBF"));
    assert_false(v("\xF8\x88\x80\x80\x80"));
    assert_false(v("\xFE"));
    assert_false(v("\xFF"));

    /* Stray continuation bytes and truncated sequences, also at the very end. */
    assert_false(v("\x80"));
    assert_false(v("a\xBF"));
    assert_false(v("\xC3"));
    assert_false(v("\xC3x"));
    assert_false(v("\xE4\xB8"));
    assert_false(v("\xE4\xB8x"));
    assert_false(v("\xF0\x9F\x98"));
    assert_false(v("ok\xF0\x9F\x98"));
    assert_false(v("\xE4\xB8\xAD\xE6\x96")); /* 中 then half of 文 */

    /* Only n bytes are looked at: cutting a valid string inside a character makes it invalid,
     * and bytes past n do not count. */
    assert_false(utf8_valid("\xC3\xA9", 1));
    assert_false(utf8_valid("\xE4\xB8\xAD", 2));
    assert_true(utf8_valid("ab\xFF", 2));

    /* NUL is refused anywhere within n. */
    assert_false(utf8_valid("a\0b", 3));
    assert_false(utf8_valid("\0", 1));
    assert_false(utf8_valid("\xE4\xB8\xAD\0", 4));

    assert_int_equal(utf8_len(""), 0);
    assert_int_equal(utf8_len("abc"), 3);
    assert_int_equal(utf8_len("中文a\xF0\x9F\x98\x80"), 4);
}

static void test_key_valid(void **state)
{
    (void)state;
    assert_true(key_valid("a"));
    assert_true(key_valid("0"));
    assert_true(key_valid("beijing-cast.2024_x"));
    char k[70];
    memset(k, 'k', 64);
    k[64] = '\0';
    assert_true(key_valid(k));
    k[64] = 'k';
    k[65] = '\0';
    assert_false(key_valid(k));
    assert_false(key_valid(""));
    assert_false(key_valid(NULL));
    assert_false(key_valid("-a"));
    assert_false(key_valid(".a"));
    assert_false(key_valid("_a"));
    assert_false(key_valid("Abc"));
    assert_false(key_valid("abC"));
    assert_false(key_valid("a b"));
    assert_false(key_valid("a/b"));
    assert_false(key_valid("a\n"));
    assert_false(key_valid("中文"));
    assert_false(key_valid("a\xC3\xA9"));
}

static void test_login_valid(void **state)
{
    (void)state;
    assert_false(login_valid("a")); /* one character is a key but not a login */
    assert_true(login_valid("ab"));
    assert_true(login_valid("zhang.san"));
    assert_true(login_valid("01-admin_x"));
    char l[40];
    memset(l, 'l', 32);
    l[32] = '\0';
    assert_true(login_valid(l));
    l[32] = 'l';
    l[33] = '\0';
    assert_false(login_valid(l));
    assert_false(login_valid(""));
    assert_false(login_valid(NULL));
    assert_false(login_valid("Admin"));
    assert_false(login_valid("-ab"));
    assert_false(login_valid("a b"));
    assert_false(login_valid("a@b"));
    assert_false(login_valid("张三"));
}

static void test_name_valid(void **state)
{
    (void)state;
    assert_true(name_valid("张三", 100));
    assert_true(name_valid("Zhang San", 100));
    assert_true(name_valid("a", 1));
    assert_true(name_valid("张三", 2));
    assert_false(name_valid("张三丰", 2)); /* counted in code points, not bytes */
    assert_true(name_valid("张三丰", 3));
    assert_false(name_valid("", 100));
    assert_false(name_valid(NULL, 100));
    assert_false(name_valid(" a", 100));
    assert_false(name_valid("a ", 100));
    assert_false(name_valid(" ", 100));
    assert_true(name_valid("a b", 100));
    assert_false(name_valid("a\tb", 100));
    assert_false(name_valid("a\nb", 100));
    assert_false(name_valid("a\rb", 100));
    assert_false(name_valid("a\x1B[31m", 100));
    assert_false(name_valid("a\x7F", 100));
    assert_false(name_valid("a\xFF", 100));
    assert_false(name_valid("a\xC0\x80", 100));
    assert_false(name_valid("\xED\xA0\x80", 100));
}

/* C1 control characters (U+0080-U+009F, e.g. U+0085 NEXT LINE) are control characters too;
 * text.h promises names have none. */
static void test_name_valid_c1_controls(void **state)
{
    (void)state;
    assert_false(name_valid("a\xC2\x85z", 100));
    assert_false(name_valid("a\xC2\x80z", 100));
    assert_false(name_valid("a\xC2\x9B[31m", 100));
    assert_true(name_valid("a\xC2\xA0z", 100)); /* U+00A0 is a space, not a control */
}

static void test_str_equal_ct(void **state)
{
    (void)state;
    assert_true(str_equal_ct("", ""));
    assert_true(str_equal_ct("token-value", "token-value"));
    assert_false(str_equal_ct("token-value", "token-valuE"));
    assert_false(str_equal_ct("Token-value", "token-value"));
    assert_false(str_equal_ct("token", "token-value"));
    assert_false(str_equal_ct("token-value", "token"));
    assert_false(str_equal_ct("", "x"));
    assert_false(str_equal_ct("x", ""));
}

/* X-Forwarded-For: the last element, only when it is an address. */
static void test_forwarded_client(void **state)
{
    (void)state;
    char out[FORWARDED_MAX];
    assert_true(forwarded_client("203.0.113.7", out));
    assert_string_equal(out, "203.0.113.7");
    assert_true(forwarded_client("10.0.0.1, 203.0.113.7", out));
    assert_string_equal(out, "203.0.113.7");
    assert_true(forwarded_client("spoofed,\t 2001:db8::5 ", out));
    assert_string_equal(out, "2001:db8::5");
    static const char *const bad[] = {"",
                                      " ",
                                      "203.0.113.7,",
                                      "proxy.example",
                                      "203.0.113.7 junk",
                                      "203.0.113.256",
                                      "1.2.3.4, unknown",
                                      "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255:1234567"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(forwarded_client(bad[i], out));
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_many),
        cmocka_unit_test(test_arena_big),
        cmocka_unit_test(test_arena_alignment),
        cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_arena_impossible_size_aborts),
        cmocka_unit_test(test_buf_append),
        cmocka_unit_test(test_buf_printf),
        cmocka_unit_test(test_buf_steal),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_key_valid),
        cmocka_unit_test(test_login_valid),
        cmocka_unit_test(test_name_valid),
        cmocka_unit_test(test_name_valid_c1_controls),
        cmocka_unit_test(test_str_equal_ct),
        cmocka_unit_test(test_forwarded_client),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
