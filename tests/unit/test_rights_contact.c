/* Unit tests for the alliance-scoped rights: can_alliance() (a jurisdiction's officer reaches the
 * alliances of that jurisdiction, an alliance's own roles reach that alliance only) and
 * RIGHT_CONTACT_READ, who may see people's email and phone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "auth/rights.h"

static struct actor user_with(const struct role_row *roles, size_t n)
{
    return (struct actor){
        .kind = ACTOR_USER, .user_id = 1, .login = "u", .name = "U", .roles = roles, .nroles = n};
}

static void test_business_read_by_alliance(void **state)
{
    (void)state;
    /* The cast officer of "cast" reads cast's alliances, not those of bjast (a local association
     * below cast: its alliances are its own, 第二十二条), and is not matched by an alliance that
     * happens to have the jurisdiction's key. */
    struct role_row officer = {"cast_officer", "cast"};
    struct actor o = user_with(&officer, 1);
    assert_true(can_alliance(&o, RIGHT_BUSINESS_READ, "cast", "life"));
    assert_true(can_alliance(&o, RIGHT_BUSINESS_READ, "cast", "eco-env"));
    assert_false(can_alliance(&o, RIGHT_BUSINESS_READ, "bjast", "bj-smart-mfg"));
    assert_false(can_alliance(&o, RIGHT_BUSINESS_READ, "bjast", "cast"));
    assert_false(can_alliance(&o, RIGHT_BUSINESS_READ, "cas", "life"));

    /* A secretariat reads its alliance, whatever the jurisdiction is called. */
    struct role_row sec = {"secretariat", "life"};
    struct actor s = user_with(&sec, 1);
    assert_true(can_alliance(&s, RIGHT_BUSINESS_READ, "cast", "life"));
    assert_false(can_alliance(&s, RIGHT_BUSINESS_READ, "cast", "eco-env"));
    assert_false(can_alliance(&s, RIGHT_BUSINESS_READ, "life", "eco-env"));
    assert_false(can_alliance(&s, RIGHT_BUSINESS_READ, "cast", "lif"));
    assert_false(can_alliance(&s, RIGHT_BUSINESS_READ, "cast", "life2"));

    /* A member contact ("alliance/organisation") reads its alliance. */
    struct role_row mc = {"member_contact", "life/zoology"};
    struct actor m = user_with(&mc, 1);
    assert_true(can_alliance(&m, RIGHT_BUSINESS_READ, "cast", "life"));
    assert_false(can_alliance(&m, RIGHT_BUSINESS_READ, "cast", "info-tech"));
    assert_false(can_alliance(&m, RIGHT_BUSINESS_READ, "life", "zoology"));
    assert_false(can_alliance(&m, RIGHT_BUSINESS_READ, "cast", "lif"));

    /* Administrators never; nobody never; the operator always. A check without its alliance is
     * refused rather than read as "any scope". */
    static const char *const admins[] = {"sysadmin", "secadmin", "auditor"};
    for (size_t i = 0; i < 3; i++) {
        struct role_row a = {admins[i], ""};
        struct actor who = user_with(&a, 1);
        assert_false(can_alliance(&who, RIGHT_BUSINESS_READ, "cast", "life"));
        assert_false(can_alliance(&who, RIGHT_CONTACT_READ, "cast", "life"));
    }
    struct actor anon = {.kind = ACTOR_ANONYMOUS};
    assert_false(can_alliance(&anon, RIGHT_BUSINESS_READ, "cast", "life"));
    assert_false(can_alliance(NULL, RIGHT_BUSINESS_READ, "cast", "life"));
    struct actor op = {.kind = ACTOR_OPERATOR, .login = "root"};
    assert_true(can_alliance(&op, RIGHT_BUSINESS_READ, "cast", "life"));
    assert_true(can_alliance(&op, RIGHT_CONTACT_READ, "cast", "life"));
    assert_false(can_alliance(&o, RIGHT_BUSINESS_READ, NULL, "life"));
    assert_false(can_alliance(&o, RIGHT_BUSINESS_READ, "cast", NULL));

    /* Other rights keep their own rules through the same decision. */
    assert_true(can_alliance(&o, RIGHT_DATASET, "cast", "life"));
    assert_false(can_alliance(&s, RIGHT_DATASET, "cast", "life"));
    assert_true(can_alliance(&s, RIGHT_SIGNED_IN, "cast", "life"));
    assert_false(can_alliance(&s, RIGHT_AUDIT, "cast", "life"));
}

static void test_contact_read(void **state)
{
    (void)state;
    struct role_row officer = {"cast_officer", "cast"};
    struct actor o = user_with(&officer, 1);
    assert_true(can_alliance(&o, RIGHT_CONTACT_READ, "cast", "life"));
    assert_false(can_alliance(&o, RIGHT_CONTACT_READ, "bjast", "bj-smart-mfg"));
    assert_true(can(&o, RIGHT_CONTACT_READ, NULL));
    assert_true(can(&o, RIGHT_CONTACT_READ, "cast"));
    assert_false(can(&o, RIGHT_CONTACT_READ, "bjast"));

    struct role_row sec = {"secretariat", "life"};
    struct actor s = user_with(&sec, 1);
    assert_true(can_alliance(&s, RIGHT_CONTACT_READ, "cast", "life"));
    assert_false(can_alliance(&s, RIGHT_CONTACT_READ, "cast", "eco-env"));
    assert_true(can(&s, RIGHT_CONTACT_READ, "life"));

    /* A member organisation's contact reads the alliance but not people's contact data. */
    struct role_row mc = {"member_contact", "life/zoology"};
    struct actor m = user_with(&mc, 1);
    assert_true(can_alliance(&m, RIGHT_BUSINESS_READ, "cast", "life"));
    assert_false(can_alliance(&m, RIGHT_CONTACT_READ, "cast", "life"));
    assert_false(can(&m, RIGHT_CONTACT_READ, NULL));
    assert_false(can(&m, RIGHT_CONTACT_READ, "life"));

    /* A member contact of one alliance who is also the secretariat of another sees contact data
     * of the second only. */
    struct role_row two[] = {{"member_contact", "life/zoology"}, {"secretariat", "eco-env"}};
    struct actor both = user_with(two, 2);
    assert_false(can_alliance(&both, RIGHT_CONTACT_READ, "cast", "life"));
    assert_true(can_alliance(&both, RIGHT_CONTACT_READ, "cast", "eco-env"));

    struct actor none = user_with(NULL, 0);
    assert_false(can(&none, RIGHT_CONTACT_READ, NULL));
    assert_false(can_alliance(&none, RIGHT_CONTACT_READ, "cast", "life"));
    struct actor anon = {.kind = ACTOR_ANONYMOUS};
    assert_false(can(&anon, RIGHT_CONTACT_READ, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_business_read_by_alliance),
        cmocka_unit_test(test_contact_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
