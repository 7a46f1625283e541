/* Unit tests for auth/: the password policy, argon2id hashing and generated passwords, the shape
 * and hash of tokens, the whole can() matrix of roles and rights, role scopes, and the separation
 * of the administrator roles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "auth/password.h"
#include "auth/rights.h"
#include "auth/token.h"

/* --- password policy ---------------------------------------------------------------------- */

/* n copies of s (a whole character) followed by tail. */
static char *repeat(const char *s, int n, const char *tail)
{
    size_t k = strlen(s), t = strlen(tail);
    char *out = malloc(k * (size_t)n + t + 1);
    assert_non_null(out);
    for (int i = 0; i < n; i++)
        memcpy(out + k * (size_t)i, s, k);
    memcpy(out + k * (size_t)n, tail, t + 1);
    return out;
}

static void expect_policy(const char *pw, bool ok)
{
    const char *why = password_policy(pw);
    if (ok && why)
        fail_msg("\"%s\" refused: %s", pw, why);
    if (!ok && !why)
        fail_msg("\"%s\" accepted", pw);
}

static void test_policy_length(void **state)
{
    (void)state;
    expect_policy("Abcdefghij1", false); /* 11 */
    expect_policy("Abcdefghij12", true); /* 12 */
    char *p = repeat("a", 61, "A1!");    /* 64 */
    assert_int_equal(strlen(p), 64);
    expect_policy(p, true);
    free(p);
    p = repeat("a", 62, "A1!"); /* 65 */
    expect_policy(p, false);
    assert_non_null(strstr(password_policy(p), "12 to 64"));
    free(p);
    expect_policy("", false);
    assert_non_null(strstr(password_policy("Ab1!"), "12 to 64"));
}

static void test_policy_classes(void **state)
{
    (void)state;
    expect_policy("abcdefghijkl", false); /* lower only */
    expect_policy("abcdefghijk1", false); /* lower, digit */
    expect_policy("ABCDEFGHIJK!", false); /* upper, symbol */
    expect_policy("123456789012", false); /* digits only */
    expect_policy("abcdefghijK1", true);  /* lower, upper, digit */
    expect_policy("abcdefghijk1!", true); /* lower, digit, symbol */
    expect_policy("ABCDEFGHIJK 1", true); /* a space is a symbol */
    expect_policy("Abcdefghijk!", true);  /* lower, upper, symbol */
    expect_policy("aB3$aB3$aB3$", true);  /* all four */
    assert_non_null(strstr(password_policy("abcdefghijk1"), "three"));
}

static void test_policy_chinese(void **state)
{
    (void)state;
    /* Chinese characters count as symbols... */
    expect_policy("abcdefghij中1", true);
    expect_policy("ABCDEFGHIJ中1", true);
    expect_policy("abcdefghijk中", false); /* lower and symbol: two classes */
    /* ...and the length is counted in characters, not bytes. */
    char *p = repeat("中", 10, "A1"); /* 12 characters, 32 bytes */
    expect_policy(p, true);
    free(p);
    p = repeat("中", 9, "A1"); /* 11 characters, 29 bytes */
    expect_policy(p, false);
    free(p);
    p = repeat("中", 62, "A1"); /* 64 characters, 188 bytes */
    expect_policy(p, true);
    free(p);
    p = repeat("中", 63, "A1"); /* 65 characters */
    expect_policy(p, false);
    free(p);
    p = repeat("中", 12, ""); /* one class only */
    expect_policy(p, false);
    free(p);
    p = repeat("\xF0\x9F\x94\x91", 10, "a1"); /* emoji: symbols of 4 bytes */
    expect_policy(p, true);
    free(p);
}

static void test_policy_utf8(void **state)
{
    (void)state;
    expect_policy("Abcdefghij1\xFF", false);
    assert_non_null(strstr(password_policy("Abcdefghij1\xFF"), "UTF-8"));
    expect_policy("Abcdefghij1\xC0\xAF", false);     /* overlong '/' */
    expect_policy("Abcdefghij1\xED\xA0\x80", false); /* surrogate */
    expect_policy("Abcdefghij1\xE4\xB8", false);     /* truncated */
    assert_non_null(strstr(password_policy("\xE4\xB8\xAD"
                                           "Abcdefghij1\x80"),
                           "UTF-8"));
}

static void test_password_hash_verify(void **state)
{
    (void)state;
    char h1[crypto_pwhash_STRBYTES], h2[crypto_pwhash_STRBYTES];
    assert_true(password_hash("Correct-Horse-7", h1));
    assert_true(password_hash("Correct-Horse-7", h2));
    assert_int_equal(strncmp(h1, "$argon2id$", 10), 0);
    assert_string_not_equal(h1, h2); /* salted */
    assert_true(password_verify(h1, "Correct-Horse-7"));
    assert_true(password_verify(h2, "Correct-Horse-7"));
    assert_false(password_verify(h1, "Correct-Horse-8"));
    assert_false(password_verify(h1, "correct-Horse-7"));
    assert_false(password_verify(h1, ""));
    assert_false(password_verify("not a hash", "Correct-Horse-7"));
    password_verify_dummy("anything"); /* must simply not crash or leak */
}

static void test_password_generate(void **state)
{
    (void)state;
    char prev[17] = "";
    int same = 0;
    for (int i = 0; i < 1000; i++) {
        char pw[17];
        memset(pw, 'X', sizeof pw);
        password_generate(pw);
        assert_int_equal(pw[16], '\0');
        assert_int_equal(strlen(pw), 16);
        const char *why = password_policy(pw);
        if (why)
            fail_msg("generated \"%s\" fails the policy: %s", pw, why);
        /* Only unambiguous characters. */
        for (int k = 0; k < 16; k++)
            if (strchr("0O1lI", pw[k]) || !strchr("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
                                                  "23456789#%+-=?@_",
                                                  pw[k]))
                fail_msg("generated \"%s\" has '%c'", pw, pw[k]);
        same += strcmp(pw, prev) == 0;
        memcpy(prev, pw, sizeof prev);
    }
    assert_int_equal(same, 0);
}

/* --- tokens ------------------------------------------------------------------------------- */

static void test_token_new(void **state)
{
    (void)state;
    char a[TOKEN_LEN + 1], b[TOKEN_LEN + 1];
    token_new(a);
    token_new(b);
    assert_int_equal(strlen(a), 43);
    assert_string_not_equal(a, b);
    for (int i = 0; i < 200; i++) {
        token_new(a);
        assert_int_equal(strlen(a), TOKEN_LEN);
        for (int k = 0; k < TOKEN_LEN; k++)
            assert_non_null(
                strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", a[k]));
        assert_true(token_shape_ok(a));
    }
}

static void test_token_shape(void **state)
{
    (void)state;
    char t[TOKEN_LEN + 8];
    token_new(t);
    assert_true(token_shape_ok(t));
    char s[TOKEN_LEN + 8];

    /* Wrong lengths. */
    memcpy(s, t, TOKEN_LEN - 1);
    s[TOKEN_LEN - 1] = '\0';
    assert_false(token_shape_ok(s));
    memcpy(s, t, TOKEN_LEN);
    s[TOKEN_LEN] = 'A';
    s[TOKEN_LEN + 1] = '\0';
    assert_false(token_shape_ok(s));
    assert_false(token_shape_ok(""));
    assert_false(token_shape_ok(NULL));

    /* Padding, in place of the last character or after it. */
    memcpy(s, t, TOKEN_LEN + 1);
    s[TOKEN_LEN - 1] = '=';
    assert_false(token_shape_ok(s));
    memcpy(s, t, TOKEN_LEN);
    s[TOKEN_LEN] = '=';
    s[TOKEN_LEN + 1] = '\0';
    assert_false(token_shape_ok(s));

    /* The standard alphabet's '+' and '/', and other strangers, anywhere. */
    const char *bad = "+/=. \n%~*\"\\";
    for (const char *c = bad; *c; c++)
        for (int pos = 0; pos < TOKEN_LEN; pos += 7) {
            memcpy(s, t, TOKEN_LEN + 1);
            s[pos] = *c;
            if (token_shape_ok(s))
                fail_msg("accepted '%c' at %d", *c, pos);
        }

    /* 43 characters carry 258 bits for 256: the last character's two low bits must be zero, so
     * each token has one spelling. */
    char zeros[TOKEN_LEN + 1];
    memset(zeros, 'A', TOKEN_LEN);
    zeros[TOKEN_LEN] = '\0';
    assert_true(token_shape_ok(zeros));
    zeros[TOKEN_LEN - 1] = 'E'; /* 4: low bits zero */
    assert_true(token_shape_ok(zeros));
    zeros[TOKEN_LEN - 1] = 'B'; /* 1 */
    assert_false(token_shape_ok(zeros));
    zeros[TOKEN_LEN - 1] = '_'; /* 63 */
    assert_false(token_shape_ok(zeros));

    /* A NUL inside is a short string. */
    memcpy(s, t, TOKEN_LEN + 1);
    s[20] = '\0';
    assert_false(token_shape_ok(s));
}

/* Bytes outside ASCII are not base64url either. (libsodium 1.0.18's decoder reads every byte
 * 0x80-0xFF as the digit 63, so token_shape_ok must not rely on it alone.) */
static void test_token_shape_high_bytes(void **state)
{
    (void)state;
    char t[TOKEN_LEN + 1], s[TOKEN_LEN + 1];
    token_new(t);
    for (int b = 0x80; b <= 0xFF; b++)
        for (int pos = 0; pos < TOKEN_LEN; pos += 6) {
            memcpy(s, t, sizeof s);
            s[pos] = (char)b;
            if (token_shape_ok(s))
                fail_msg("accepted byte 0x%02X at %d", (unsigned)b, pos);
        }
}

static void test_token_hash(void **state)
{
    (void)state;
    char h[TOKEN_HASH_LEN + 1];
    token_hash("abc", h); /* FIPS 180-2 example */
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    token_hash("", h);
    assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    char t[TOKEN_LEN + 1], h2[TOKEN_HASH_LEN + 1];
    token_new(t);
    token_hash(t, h);
    token_hash(t, h2);
    assert_string_equal(h, h2);
    assert_int_equal(strlen(h), 64);
    for (int i = 0; i < 64; i++)
        assert_non_null(strchr("0123456789abcdef", h[i]));
    t[0] = t[0] == 'A' ? 'B' : 'A';
    token_hash(t, h2);
    assert_string_not_equal(h, h2);
}

/* --- rights ------------------------------------------------------------------------------- */

static const enum right all_rights[] = {RIGHT_NONE,         RIGHT_SIGNED_IN, RIGHT_ACCOUNTS_READ,
                                        RIGHT_ACCOUNTS,     RIGHT_ROLES,     RIGHT_AUDIT,
                                        RIGHT_BUSINESS_READ};
#define NRIGHTS (sizeof all_rights / sizeof all_rights[0])

static struct actor user_with(const struct role_row *roles, size_t n)
{
    return (struct actor){
        .kind = ACTOR_USER, .user_id = 1, .login = "u", .name = "U", .roles = roles, .nroles = n};
}

static void expect_rights(const struct actor *who, const bool want[NRIGHTS], const char *label)
{
    for (size_t i = 0; i < NRIGHTS; i++)
        if (can(who, all_rights[i], NULL) != want[i])
            fail_msg("%s: can(right %d) is %d, expected %d", label, (int)all_rights[i], !want[i],
                     want[i]);
}

static void test_can_matrix(void **state)
{
    (void)state;
    /* Rights in the order of all_rights:
     *                NONE   SIGNED ACC_RD ACC    ROLES  AUDIT  BUSINESS */
    static const struct {
        const char *role, *scope;
        bool want[NRIGHTS];
    } table[] = {
        {"sysadmin", "", {true, true, true, true, false, false, false}},
        {"secadmin", "", {true, true, true, false, true, false, false}},
        {"auditor", "", {true, true, false, false, false, true, false}},
        {"cast_officer", "bj", {true, true, false, false, false, false, true}},
        {"secretariat", "bj", {true, true, false, false, false, false, true}},
        {"member_contact", "bj/org1", {true, true, false, false, false, false, true}},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        struct role_row r = {table[i].role, table[i].scope};
        struct actor who = user_with(&r, 1);
        expect_rights(&who, table[i].want, table[i].role);
    }
    assert_int_equal(sizeof table / sizeof table[0], ROLE_COUNT);

    /* No administrator role ever reaches business data, whatever the scope asked. */
    for (int r = 0; r < ROLE_COUNT; r++) {
        if (!role_is_admin((enum role)r))
            continue;
        struct role_row row = {role_name((enum role)r), ""};
        struct actor who = user_with(&row, 1);
        assert_false(can(&who, RIGHT_BUSINESS_READ, NULL));
        assert_false(can(&who, RIGHT_BUSINESS_READ, "bj"));
        assert_false(can(&who, RIGHT_BUSINESS_READ, ""));
    }

    /* A signed-in account without roles; nobody; the command-line operator. */
    struct actor none = user_with(NULL, 0);
    const bool want_none[NRIGHTS] = {true, true, false, false, false, false, false};
    expect_rights(&none, want_none, "no roles");
    struct actor anon = {.kind = ACTOR_ANONYMOUS};
    const bool want_anon[NRIGHTS] = {true, false, false, false, false, false, false};
    expect_rights(&anon, want_anon, "anonymous");
    expect_rights(NULL, want_anon, "NULL actor");
    struct actor anon_with_roles = anon;
    struct role_row sys = {"sysadmin", ""};
    anon_with_roles.roles = &sys;
    anon_with_roles.nroles = 1;
    expect_rights(&anon_with_roles, want_anon, "anonymous holding a role");
    struct actor op = {.kind = ACTOR_OPERATOR, .login = "root"};
    const bool want_all[NRIGHTS] = {true, true, true, true, true, true, true};
    expect_rights(&op, want_all, "operator");
    assert_true(can(&op, RIGHT_BUSINESS_READ, "anything"));

    /* Two business roles together. */
    struct role_row two[] = {{"cast_officer", "bj"}, {"secretariat", "sh"}};
    struct actor both = user_with(two, 2);
    assert_true(can(&both, RIGHT_BUSINESS_READ, "bj"));
    assert_true(can(&both, RIGHT_BUSINESS_READ, "sh"));
    assert_false(can(&both, RIGHT_BUSINESS_READ, "gz"));
    assert_false(can(&both, RIGHT_ACCOUNTS_READ, NULL));
}

static void test_can_scopes(void **state)
{
    (void)state;
    struct role_row officer = {"cast_officer", "bj"};
    struct actor o = user_with(&officer, 1);
    assert_true(can(&o, RIGHT_BUSINESS_READ, "bj"));
    assert_false(can(&o, RIGHT_BUSINESS_READ, "sh"));
    assert_false(can(&o, RIGHT_BUSINESS_READ, "b"));
    assert_false(can(&o, RIGHT_BUSINESS_READ, "bjx"));

    /* A member contact's ALLIANCE/ORGANISATION scope covers the alliance and the organisation,
     * not another organisation or an alliance with a longer or shorter key. */
    struct role_row contact = {"member_contact", "bj/org1"};
    struct actor m = user_with(&contact, 1);
    assert_true(can(&m, RIGHT_BUSINESS_READ, "bj"));
    assert_true(can(&m, RIGHT_BUSINESS_READ, "bj/org1"));
    assert_false(can(&m, RIGHT_BUSINESS_READ, "bj/org2"));
    assert_false(can(&m, RIGHT_BUSINESS_READ, "b"));
    assert_false(can(&m, RIGHT_BUSINESS_READ, "bjx"));
    assert_false(can(&m, RIGHT_BUSINESS_READ, "sh"));
    assert_false(can(&m, RIGHT_BUSINESS_READ, "org1"));
}

static void test_role_names(void **state)
{
    (void)state;
    static const char *const names[] = {"sysadmin",     "secadmin",    "auditor",
                                        "cast_officer", "secretariat", "member_contact"};
    for (int i = 0; i < ROLE_COUNT; i++) {
        enum role r = ROLE_COUNT;
        assert_true(role_parse(names[i], &r));
        assert_int_equal(r, i);
        assert_string_equal(role_name(r), names[i]);
        assert_int_equal(role_is_admin(r), i <= ROLE_AUDITOR);
    }
    enum role r = ROLE_COUNT;
    assert_false(role_parse("Sysadmin", &r));
    assert_false(role_parse("root", &r));
    assert_false(role_parse("", &r));
    assert_false(role_parse(NULL, &r));
    assert_int_equal(r, ROLE_COUNT);

    char label[64];
    struct actor u = user_with(NULL, 0);
    assert_string_equal(actor_label(&u, label, sizeof label), "user:u");
    struct actor op = {.kind = ACTOR_OPERATOR, .login = "root"};
    assert_string_equal(actor_label(&op, label, sizeof label), "operator:root");
    struct actor anon = {.kind = ACTOR_ANONYMOUS};
    assert_string_equal(actor_label(&anon, label, sizeof label), "anonymous");
    assert_string_equal(actor_label(NULL, label, sizeof label), "anonymous");
}

static void test_role_scope_problem(void **state)
{
    (void)state;
    for (int r = ROLE_SYSADMIN; r <= ROLE_AUDITOR; r++) {
        assert_null(role_scope_problem((enum role)r, NULL));
        assert_null(role_scope_problem((enum role)r, ""));
        assert_non_null(role_scope_problem((enum role)r, "bj"));
    }
    for (int r = ROLE_CAST_OFFICER; r <= ROLE_SECRETARIAT; r++) {
        assert_non_null(role_scope_problem((enum role)r, NULL));
        assert_non_null(role_scope_problem((enum role)r, ""));
        assert_null(role_scope_problem((enum role)r, "bj"));
        assert_null(role_scope_problem((enum role)r, "beijing-cast.2024"));
        assert_non_null(role_scope_problem((enum role)r, "BJ"));
        assert_non_null(role_scope_problem((enum role)r, "bj/org"));
        assert_non_null(role_scope_problem((enum role)r, "-bj"));
        assert_non_null(role_scope_problem((enum role)r, "北京"));
    }
    enum role mc = ROLE_MEMBER_CONTACT;
    assert_non_null(role_scope_problem(mc, NULL));
    assert_non_null(role_scope_problem(mc, ""));
    assert_non_null(role_scope_problem(mc, "bj"));
    assert_null(role_scope_problem(mc, "bj/org1"));
    assert_non_null(role_scope_problem(mc, "bj/"));
    assert_non_null(role_scope_problem(mc, "/org1"));
    assert_non_null(role_scope_problem(mc, "/"));
    assert_non_null(role_scope_problem(mc, "bj/org1/x"));
    assert_non_null(role_scope_problem(mc, "BJ/org1"));
    assert_non_null(role_scope_problem(mc, "bj/Org1"));
    char s[200];
    memset(s, 'a', 64);
    s[64] = '/';
    memset(s + 65, 'b', 64);
    s[129] = '\0';
    assert_null(role_scope_problem(mc, s)); /* 64-character keys on both sides */
    memset(s, 'a', 65);
    s[65] = '/';
    s[66] = 'b';
    s[67] = '\0';
    assert_non_null(role_scope_problem(mc, s)); /* alliance key of 65 */
    memset(s, 'a', 64);
    s[64] = '/';
    memset(s + 65, 'b', 65);
    s[130] = '\0';
    assert_non_null(role_scope_problem(mc, s)); /* organisation key of 65 */
}

static void test_role_conflict(void **state)
{
    (void)state;
    /* Each administrator role excludes every other role, in both directions. */
    for (int h = 0; h < ROLE_COUNT; h++)
        for (int r = 0; r < ROLE_COUNT; r++) {
            struct role_row held = {role_name((enum role)h), role_is_admin(h) ? "" : "bj"};
            const char *why = role_conflict(&held, 1, (enum role)r);
            bool expect_conflict = h != r && (role_is_admin(h) || role_is_admin(r));
            if (expect_conflict != (why != NULL))
                fail_msg("holding %s, granting %s: %s", role_name((enum role)h),
                         role_name((enum role)r), why ? why : "allowed");
        }
    /* No roles: anything goes. */
    for (int r = 0; r < ROLE_COUNT; r++)
        assert_null(role_conflict(NULL, 0, (enum role)r));
    /* The same business role in another scope is fine; so are two business roles. */
    struct role_row held[] = {{"cast_officer", "bj"}, {"secretariat", "sh"}};
    assert_null(role_conflict(held, 2, ROLE_CAST_OFFICER));
    assert_null(role_conflict(held, 2, ROLE_MEMBER_CONTACT));
    assert_non_null(role_conflict(held, 2, ROLE_AUDITOR));
    /* An admin role anywhere in the list counts. */
    struct role_row mixed[] = {{"cast_officer", "bj"}, {"secadmin", ""}};
    assert_non_null(role_conflict(mixed, 2, ROLE_SECRETARIAT));
    /* Unknown role names in the database are ignored, not fatal. */
    struct role_row odd[] = {{"retired_role", ""}};
    assert_null(role_conflict(odd, 1, ROLE_SYSADMIN));
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy_length),
        cmocka_unit_test(test_policy_classes),
        cmocka_unit_test(test_policy_chinese),
        cmocka_unit_test(test_policy_utf8),
        cmocka_unit_test(test_password_hash_verify),
        cmocka_unit_test(test_password_generate),
        cmocka_unit_test(test_token_new),
        cmocka_unit_test(test_token_shape),
        cmocka_unit_test(test_token_shape_high_bytes),
        cmocka_unit_test(test_token_hash),
        cmocka_unit_test(test_can_matrix),
        cmocka_unit_test(test_can_scopes),
        cmocka_unit_test(test_role_names),
        cmocka_unit_test(test_role_scope_problem),
        cmocka_unit_test(test_role_conflict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
