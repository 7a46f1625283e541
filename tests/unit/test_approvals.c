/* Unit tests for the approval workflow (domain/approvals.c) and the register operations that use
 * it (domain/register.c), on a real database: the state machine on its own, then establishment,
 * charter, joining, leaving and dissolution through it. Refusals must name the article and rule of
 * the norms, leave the database as it was, and a decided request must stay decided. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Before cmocka.h, whose fail() macro would clash with the inline fail() of domain/fail.h. */
#include "audit/audit.h"
#include "domain/accounts.h"
#include "domain/approvals.h"
#include "domain/register.h"
#include "store/register.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/uscc.h"

#include <setjmp.h>
#include <cmocka.h>

#include "testutil.h"

#define PW "Initial-Pass-1"

struct env {
    struct tmpdb t;
    db *d;
    arena *a;
    struct actor op, officer, officer_bj, secretariat, other_secretariat;
    char today[11];
};

/* A valid USCC from its first 17 characters. */
static const char *uscc(arena *a, const char *first17)
{
    static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (const char *c = alphabet; *c; c++) {
        char *code = arena_printf(a, "%s%c", first17, *c);
        if (uscc_valid(code))
            return code;
    }
    return NULL;
}

static struct actor user(struct env *e, const char *login, const char *role, const char *scope)
{
    struct role_spec r = {role, scope};
    struct fail f = {0};
    char gen[17] = "";
    if (!acct_create(e->d, &e->op, login, NULL, NULL, &r, 1, PW, gen, &f))
        fail_msg("creating %s: %s", login, f.message);
    struct user_row u;
    assert_int_equal(st_user_by_login(e->d, e->a, login, &u), DB_ROW);
    struct actor who;
    assert_true(acct_load(e->d, e->a, u.id, &who));
    return who;
}

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    assert_non_null(e);
    tmpdb_make(&e->t);
    e->d = open_migrated(e->t.path);
    e->a = arena_new();
    e->op = (struct actor){.kind = ACTOR_OPERATOR, .login = "root"};
    clock_date(clock_now(), e->today);
    char *sql = arena_printf(
        e->a,
        "INSERT INTO jurisdictions (key, name, short_name) VALUES "
        "('cast', '中国科学技术协会', '中国科协');"
        "INSERT INTO jurisdictions (key, name, short_name, params_min_initiators) VALUES "
        "('bjast', '北京市科学技术协会', '北京市科协', 3);"
        "INSERT INTO organisations (key, name, kind, uscc) VALUES "
        "('cmes', '中国机械工程学会', 'national_society', '%s'),"
        "('ces', '中国电子学会', 'national_society', '%s'),"
        "('caa', '中国自动化学会', 'national_society', '%s'),"
        "('huawei', '某科技有限公司', 'enterprise', '%s'),"
        "('nouscc', '某未登记学会', 'national_society', NULL);",
        uscc(e->a, "51100000500001234"), uscc(e->a, "51100000500001235"),
        uscc(e->a, "51100000500001236"), uscc(e->a, "91440300708461136"));
    sql_exec(e->t.path, sql);
    e->officer = user(e, "officer", "cast_officer", "cast");
    e->officer_bj = user(e, "bjofficer", "cast_officer", "bjast");
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    struct audit_report rep;
    int v = audit_verify(e->d, &rep);
    arena_free(e->a);
    db_close(e->d);
    tmpdb_remove(&e->t);
    free(e);
    return v == 0 ? 0 : -1;
}

static int64_t count(struct env *e, const char *sql)
{
    return sql_int(e->t.path, sql);
}

static void expect_fail(const struct fail *f, enum fail_kind kind, const char *code, int article,
                        const char *rule)
{
    if (f->kind != kind)
        fail_msg("fail kind %d, expected %d (code %s, message %s)", (int)f->kind, (int)kind,
                 f->code ? f->code : "-", f->message ? f->message : "-");
    assert_string_equal(f->code, code);
    assert_int_equal(f->article, article);
    if (rule)
        assert_string_equal(f->rule ? f->rule : "(none)", rule);
    else
        assert_null(f->rule);
    assert_non_null(f->message);
}

/* --- the state machine ----------------------------------------------------------------------- */

static void test_state_machine(void **state)
{
    (void)state;
    assert_int_equal(ap_next(AP_PENDING, AP_APPROVE), AP_APPROVED);
    assert_int_equal(ap_next(AP_PENDING, AP_REJECT), AP_REJECTED);
    assert_int_equal(ap_next(AP_PENDING, AP_WITHDRAW), AP_WITHDRAWN);
    /* Every decided state is final, whatever is tried. */
    for (int s = AP_APPROVED; s < AP_STATE_COUNT; s++)
        for (int act = AP_APPROVE; act <= AP_WITHDRAW; act++)
            assert_int_equal(ap_next((enum ap_state)s, (enum ap_action)act), AP_STATE_COUNT);
    assert_string_equal(ap_state_name(AP_PENDING), "pending");
    assert_string_equal(ap_state_name(AP_WITHDRAWN), "withdrawn");
    struct rg_request q = {.decision = NULL};
    assert_int_equal(ap_state_of(&q), AP_PENDING);
    q.decision = "rejected";
    assert_int_equal(ap_state_of(&q), AP_REJECTED);
    q.decision = "something else";
    assert_int_equal(ap_state_of(&q), AP_STATE_COUNT);
    enum ap_action a;
    assert_true(ap_action_parse("approve", &a));
    assert_int_equal(a, AP_APPROVE);
    assert_true(ap_action_parse("rejected", &a));
    assert_int_equal(a, AP_REJECT);
    assert_false(ap_action_parse("withdraw", &a)); /* withdrawing is not a decision */
    assert_false(ap_action_parse(NULL, &a));
    assert_string_equal(ap_authority_name(AP_STANDING_COMMITTEE), "standing_committee");
    assert_string_equal(ap_authority_name(AP_CHAIR), "chair");
}

static void test_kinds_table(void **state)
{
    (void)state;
    assert_true(ap_kind_count() >= 5);
    for (size_t i = 0; i < ap_kind_count(); i++) {
        const struct ap_kind *k = ap_kind_at(i);
        assert_non_null(k->name);
        assert_non_null(k->label);
        assert_true(k->authority < AP_AUTHORITY_COUNT);
        assert_true(k->article >= 1 && k->article <= 23);
        assert_non_null(k->on_approve);
        assert_ptr_equal(ap_kind_find(k->name), k);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(ap_kind_at(j)->name, k->name);
    }
    assert_null(ap_kind_at(ap_kind_count()));
    assert_null(ap_kind_find("nonsense"));
    assert_int_equal(ap_kind_find("establishment")->authority, AP_STANDING_COMMITTEE);
    assert_int_equal(ap_kind_find("dissolution")->article, 21);
    assert_int_equal(ap_kind_find("charter")->authority, AP_CAST);
    assert_int_equal(ap_kind_find("join")->article, 4);
    assert_false(ap_kind_find("establishment")->withdrawable);
}

static void test_rights(void **state)
{
    struct env *e = *state;
    struct actor sec = user(e, "sec", "secretariat", "life");
    struct actor admin = user(e, "admin", "sysadmin", NULL);
    /* Who asks does not decide, and who decides does not ask. */
    assert_true(can_alliance(&e->officer, RIGHT_CAST_DECIDE, "cast", "life"));
    assert_false(can_alliance(&e->officer, RIGHT_ALLIANCE_EDIT, "cast", "life"));
    assert_true(can_alliance(&sec, RIGHT_ALLIANCE_EDIT, "cast", "life"));
    assert_false(can_alliance(&sec, RIGHT_ALLIANCE_EDIT, "cast", "other"));
    assert_false(can_alliance(&sec, RIGHT_CAST_DECIDE, "cast", "life"));
    assert_false(can_alliance(&e->officer_bj, RIGHT_CAST_DECIDE, "cast", "life"));
    assert_true(can(&e->officer, RIGHT_ORGANISATIONS, NULL));
    assert_true(can(&sec, RIGHT_ORGANISATIONS, NULL));
    /* The administrator roles have no right on business data. */
    assert_false(can(&admin, RIGHT_ORGANISATIONS, NULL));
    assert_false(can(&admin, RIGHT_CAST_DECIDE, NULL));
    assert_false(can(&admin, RIGHT_ALLIANCE_EDIT, NULL));
}

/* --- the register through the workflow ------------------------------------------------------- */

static const char *const two[] = {"cmes", "ces"};

/* Proposes 中国科协智能制造学会联合体 by cmes and ces; returns its key, *req the request. */
static const char *propose(struct env *e, int64_t *req)
{
    struct reg_proposal p = {"cast", "中国科协智能制造学会联合体", two, 2, NULL};
    const char *key;
    struct fail f = {0};
    if (!reg_propose(e->d, e->a, &e->officer, &p, &key, req, &f))
        fail_msg("propose: %s", f.message);
    return key;
}

static const char *status_of(struct env *e, const char *key)
{
    struct rg_alliance al;
    assert_int_equal(st_rg_alliance(e->d, e->a, key, e->today, &al), DB_ROW);
    return al.status;
}

/* Makes the alliance's charter v1 approved, as the secretariat and the officer would. */
static void approved_charter(struct env *e, const char *key, const struct actor *sec)
{
    struct fail f = {0};
    int64_t v, req;
    assert_true(reg_charter_draft(e->d, sec, key, "# 章程\n\n第一条 ……", NULL, 0, &v, &f));
    assert_true(reg_charter_submit(e->d, sec, key, v, NULL, &req, &f));
    if (!ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, NULL, NULL, &f))
        fail_msg("charter approval: %s", f.message);
}

static void test_name_and_initiators(void **state)
{
    struct env *e = *state;
    struct fail f = {0};
    const char *key;
    int64_t req;
    int64_t before = count(e, "SELECT count(*) FROM audit_log");
    struct reg_proposal p = {"cast", "智能制造学会联合体", two, 2, NULL};
    /* 第十八条 */
    assert_false(reg_propose(e->d, e->a, &e->officer, &p, &key, &req, &f));
    expect_fail(&f, FAIL_INVALID, "name_prefix", 18, "A18.name-prefix");
    assert_string_equal(f.field, "name");
    p.name = "中国科协"; /* the prefix alone names nothing */
    assert_false(reg_propose(e->d, e->a, &e->officer, &p, &key, &req, &f));
    expect_fail(&f, FAIL_INVALID, "name_prefix", 18, "A18.name-prefix");
    /* 第一条: at least two initiators, national societies, registered. */
    p.name = "中国科协智能制造学会联合体";
    p.ninitiators = 1;
    assert_false(reg_propose(e->d, e->a, &e->officer, &p, &key, &req, &f));
    expect_fail(&f, FAIL_INVALID, "initiators_too_few", 1, "A01.initiators-too-few");
    const char *mixed[] = {"cmes", "huawei"};
    p.initiators = mixed;
    p.ninitiators = 2;
    assert_false(reg_propose(e->d, e->a, &e->officer, &p, &key, &req, &f));
    expect_fail(&f, FAIL_INVALID, "initiator_not_national_society", 1,
                "A01.initiator-not-national-society");
    const char *unregistered[] = {"cmes", "nouscc"};
    p.initiators = unregistered;
    assert_false(reg_propose(e->d, e->a, &e->officer, &p, &key, &req, &f));
    expect_fail(&f, FAIL_INVALID, "not_registered", 4, "A04.member-not-registered");
    /* A local association: its own prefix and its own min_initiators (3), 第二十二条. */
    struct reg_proposal bj = {"bjast", "北京市科协智能制造学会联合体", two, 2, NULL};
    assert_false(reg_propose(e->d, e->a, &e->officer_bj, &bj, &key, &req, &f));
    expect_fail(&f, FAIL_INVALID, "initiators_too_few", 1, "A01.initiators-too-few");
    bj.name = "中国科协智能制造学会联合体";
    assert_false(reg_propose(e->d, e->a, &e->officer_bj, &bj, &key, &req, &f));
    expect_fail(&f, FAIL_INVALID, "name_prefix", 18, "A18.name-prefix");
    /* Another jurisdiction's officer may not propose here. */
    p.initiators = two;
    assert_false(reg_propose(e->d, e->a, &e->officer_bj, &p, &key, &req, &f));
    assert_int_equal(f.kind, FAIL_FORBIDDEN);
    /* Nothing was written by any of it. */
    assert_int_equal(count(e, "SELECT count(*) FROM alliances"), 0);
    assert_int_equal(count(e, "SELECT count(*) FROM approval_requests"), 0);
    assert_int_equal(count(e, "SELECT count(*) FROM audit_log"), before);
}

static void test_establishment(void **state)
{
    struct env *e = *state;
    struct fail f = {0};
    int64_t req;
    const char *key = propose(e, &req);
    assert_string_equal(key, "a-1");
    assert_string_equal(status_of(e, key), "proposed");
    assert_int_equal(count(e, "SELECT count(*) FROM members WHERE role = 'initiator'"), 2);
    struct rg_request q;
    assert_int_equal(st_rg_request(e->d, e->a, req, &q), DB_ROW);
    assert_string_equal(q.kind, "establishment");
    assert_string_equal(q.authority, "standing_committee");
    assert_string_equal(q.subject, "alliance:a-1");
    assert_null(q.decision);
    assert_string_equal(q.requested_by, "user:officer");
    e->secretariat = user(e, "sec", "secretariat", key);

    /* The secretariat asks; it does not decide (第二十一条). */
    assert_false(ap_decide(e->d, &e->secretariat, req, AP_APPROVE, NULL, "x", NULL, &f));
    expect_fail(&f, FAIL_FORBIDDEN, "wrong_authority", 21, NULL);
    /* Another jurisdiction's officer is told there is no such request: the id must not reveal
     * an alliance outside their scope. */
    assert_false(ap_decide(e->d, &e->officer_bj, req, AP_APPROVE, NULL, "x", NULL, &f));
    expect_fail(&f, FAIL_NOT_FOUND, "not_found", 0, NULL);
    /* A standing-committee approval names its decision document. */
    assert_false(ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, NULL, NULL, &f));
    expect_fail(&f, FAIL_INVALID, "ref_required", 21, NULL);
    /* 第二条: no approved charter, no establishment. */
    assert_false(
        ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, "科协发学字〔2026〕12号", NULL, &f));
    expect_fail(&f, FAIL_INVALID, "charter_missing", 2, "A02.charter-missing");
    assert_false(ap_decide(e->d, &e->officer, req, AP_APPROVE, "2999-01-01", "x", NULL, &f));
    expect_fail(&f, FAIL_INVALID, "future_date", 0, NULL);
    /* Establishment cannot be withdrawn: it waits for the standing committee. */
    assert_false(ap_withdraw(e->d, &e->secretariat, req, NULL, &f));
    expect_fail(&f, FAIL_INVALID, "not_withdrawable", 21, NULL);
    assert_null(q.decision);
    assert_string_equal(status_of(e, key), "proposed");

    approved_charter(e, key, &e->secretariat);
    int64_t audits = count(e, "SELECT count(*) FROM audit_log");
    assert_true(ap_decide(e->d, &e->officer, req, AP_APPROVE, "2026-01-15",
                          "科协发学字〔2026〕12号", "常委会第十次会议", &f));
    assert_int_equal(count(e, "SELECT count(*) FROM audit_log"), audits + 1);
    assert_string_equal(status_of(e, key), "active");
    struct rg_alliance al;
    assert_int_equal(st_rg_alliance(e->d, e->a, key, e->today, &al), DB_ROW);
    assert_string_equal(al.established_date, "2026-01-15");
    assert_string_equal(al.established_by, "standing_committee");
    assert_string_equal(al.established_ref, "科协发学字〔2026〕12号");
    assert_int_equal(st_rg_request(e->d, e->a, req, &q), DB_ROW);
    assert_string_equal(q.decision, "approved");
    assert_string_equal(q.decided_on, "2026-01-15");
    assert_string_equal(q.decided_by, "user:officer");
    assert_string_equal(q.comment, "常委会第十次会议");

    /* Decided once, decided for good. */
    assert_false(ap_decide(e->d, &e->officer, req, AP_REJECT, NULL, NULL, NULL, &f));
    expect_fail(&f, FAIL_CONFLICT, "already_decided", 0, NULL);
    assert_false(ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, "x", NULL, &f));
    expect_fail(&f, FAIL_CONFLICT, "already_decided", 0, NULL);
    assert_int_equal(count(e, "SELECT count(*) FROM audit_log"), audits + 1);
    assert_false(ap_decide(e->d, &e->officer, 999, AP_APPROVE, NULL, "x", NULL, &f));
    assert_int_equal(f.kind, FAIL_NOT_FOUND);

    /* The audit record of the decision says what was decided. */
    char det[512];
    sql_text(e->t.path, "SELECT action || ' ' || subject FROM audit_log ORDER BY seq DESC LIMIT 1",
             det, sizeof det);
    assert_string_equal(det, "approval.approve approval:1");
}

static void test_rejection(void **state)
{
    struct env *e = *state;
    struct fail f = {0};
    int64_t req;
    const char *key = propose(e, &req);
    assert_true(ap_decide(e->d, &e->officer, req, AP_REJECT, NULL, NULL, "不符合条件", &f));
    assert_string_equal(status_of(e, key), "rejected");
    /* A rejected proposal's record is closed. */
    e->secretariat = user(e, "sec", "secretariat", key);
    int64_t v;
    assert_false(reg_charter_draft(e->d, &e->secretariat, key, "text", NULL, 0, &v, &f));
    assert_int_equal(f.kind, FAIL_CONFLICT);
    assert_false(reg_rename(e->d, &e->officer, key, "中国科协新名称联合体", &f));
    assert_int_equal(f.kind, FAIL_CONFLICT);
}

/* An active alliance with a charter, its secretariat in e->secretariat. */
static const char *active(struct env *e)
{
    struct fail f = {0};
    int64_t req;
    const char *key = propose(e, &req);
    e->secretariat = user(e, "sec", "secretariat", key);
    approved_charter(e, key, &e->secretariat);
    if (!ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, "科协发学字〔2026〕1号", NULL, &f))
        fail_msg("establishment: %s", f.message);
    return key;
}

static void test_charter(void **state)
{
    struct env *e = *state;
    struct fail f = {0};
    const char *key = active(e);
    int64_t v, req;
    /* 第二条: drafted by the initiators only. */
    const char *bad[] = {"cmes", "huawei"};
    assert_false(reg_charter_draft(e->d, &e->secretariat, key, "v2", bad, 2, &v, &f));
    expect_fail(&f, FAIL_INVALID, "drafter_not_initiator", 2, "A02.drafter-not-initiator");
    const char *one[] = {"ces"};
    assert_true(reg_charter_draft(e->d, &e->secretariat, key, "第二版", one, 1, &v, &f));
    assert_int_equal(v, 2);
    /* The officer records decisions; drafting is the alliance's. */
    assert_false(reg_charter_draft(e->d, &e->officer, key, "x", NULL, 0, &v, &f));
    assert_int_equal(f.kind, FAIL_FORBIDDEN);
    assert_true(reg_charter_submit(e->d, &e->secretariat, key, 2, NULL, &req, &f));
    assert_false(reg_charter_submit(e->d, &e->secretariat, key, 2, NULL, &req, &f));
    expect_fail(&f, FAIL_CONFLICT, "already_submitted", 0, NULL);
    /* Sent back: the version stays as it was, v1 stays current. */
    assert_true(ap_decide(e->d, &e->officer, req, AP_REJECT, NULL, NULL, "请修改第三条", &f));
    struct rg_alliance al;
    assert_int_equal(st_rg_alliance(e->d, e->a, key, e->today, &al), DB_ROW);
    assert_int_equal(al.charter_version, 1);
    struct rg_charter *c;
    size_t n;
    assert_int_equal(st_rg_charters(e->d, e->a, al.id, &c, &n), DB_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].drafter_keys, "cmes,ces");
    assert_string_equal(c[1].drafter_keys, "ces");
    assert_non_null(c[1].submitted_on);
    assert_null(c[1].approved_date);
    /* Withdrawing a submitted version is allowed; a third version is approved. */
    assert_true(reg_charter_draft(e->d, &e->secretariat, key, "第三版", NULL, 0, &v, &f));
    assert_true(reg_charter_submit(e->d, &e->secretariat, key, v, NULL, &req, &f));
    assert_true(ap_withdraw(e->d, &e->secretariat, req, "重新起草", &f));
    assert_false(ap_withdraw(e->d, &e->secretariat, req, NULL, &f));
    expect_fail(&f, FAIL_CONFLICT, "already_decided", 0, NULL);
    assert_true(reg_charter_draft(e->d, &e->secretariat, key, "第四版", NULL, 0, &v, &f));
    assert_true(reg_charter_submit(e->d, &e->secretariat, key, v, NULL, &req, &f));
    assert_true(ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, NULL, NULL, &f));
    assert_int_equal(st_rg_alliance(e->d, e->a, key, e->today, &al), DB_ROW);
    assert_int_equal(al.charter_version, 4);
}

static void test_members(void **state)
{
    struct env *e = *state;
    struct fail f = {0};
    const char *key = active(e);
    struct rg_alliance al;
    assert_int_equal(st_rg_alliance(e->d, e->a, key, e->today, &al), DB_ROW);
    int64_t req;
    /* 第四条: a member accepts the current charter. */
    struct reg_join j = {.organisation = "huawei"};
    assert_false(reg_member_add(e->d, &e->secretariat, key, &j, &req, &f));
    expect_fail(&f, FAIL_INVALID, "charter_not_acknowledged", 4, "A04.charter-not-acknowledged");
    j.ack_version = 7;
    assert_false(reg_member_add(e->d, &e->secretariat, key, &j, &req, &f));
    expect_fail(&f, FAIL_INVALID, "charter_not_current", 4, "A04.charter-not-acknowledged");
    /* An enterprise joins at once. */
    j.ack_version = 1;
    assert_true(reg_member_add(e->d, &e->secretariat, key, &j, &req, &f));
    assert_int_equal(req, 0);
    assert_false(reg_member_add(e->d, &e->secretariat, key, &j, &req, &f));
    expect_fail(&f, FAIL_CONFLICT, "already_member", 0, NULL);
    /* A national society only once CAST approves. */
    j.organisation = "caa";
    assert_true(reg_member_add(e->d, &e->secretariat, key, &j, &req, &f));
    assert_true(req > 0);
    struct rg_member m;
    assert_int_equal(st_rg_member_open(e->d, e->a, al.id, "caa", &m), DB_DONE);
    int64_t again;
    assert_false(reg_member_add(e->d, &e->secretariat, key, &j, &again, &f));
    expect_fail(&f, FAIL_CONFLICT, "request_pending", 0, NULL);
    assert_true(
        ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, "科协函学字〔2026〕3号", NULL, &f));
    assert_int_equal(st_rg_member_open(e->d, e->a, al.id, "caa", &m), DB_ROW);
    assert_string_equal(m.role, "member");
    assert_string_equal(m.join_approved_by, "cast");
    assert_string_equal(m.join_approved_ref, "科协函学字〔2026〕3号");
    assert_int_equal(m.charter_ack_version, 1);
    /* Another alliance's secretariat cannot touch this one. */
    struct actor stranger = user(e, "stranger", "secretariat", "other");
    assert_false(reg_member_leave(e->d, &stranger, key, "huawei", NULL, NULL, &req, &f));
    assert_int_equal(f.kind, FAIL_NOT_FOUND);
    /* Leaving: an enterprise at once, a national society with CAST's approval; rows stay. */
    assert_true(reg_member_leave(e->d, &e->secretariat, key, "huawei", NULL, NULL, &req, &f));
    assert_int_equal(req, 0);
    assert_int_equal(st_rg_member_open(e->d, e->a, al.id, "huawei", &m), DB_DONE);
    assert_true(reg_member_leave(e->d, &e->secretariat, key, "caa", NULL, NULL, &req, &f));
    assert_true(req > 0);
    assert_int_equal(st_rg_member_open(e->d, e->a, al.id, "caa", &m), DB_ROW);
    assert_true(ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, NULL, NULL, &f));
    assert_int_equal(st_rg_member_open(e->d, e->a, al.id, "caa", &m), DB_DONE);
    assert_int_equal(count(e, "SELECT count(*) FROM members WHERE left_on IS NOT NULL"), 2);
    assert_int_equal(count(e, "SELECT count(*) FROM members WHERE leave_approved_by = 'cast'"), 1);
    /* Rejoining later is a new row; the history stays. */
    j.organisation = "huawei";
    assert_true(reg_member_add(e->d, &e->secretariat, key, &j, &req, &f));
    assert_int_equal(count(e, "SELECT count(*) FROM members m JOIN organisations o "
                              "ON o.id = m.organisation_id WHERE o.key = 'huawei'"),
                     2);
}

static void test_dissolution(void **state)
{
    struct env *e = *state;
    struct fail f = {0};
    const char *key = active(e);
    int64_t req, req2;
    assert_true(reg_dissolve(e->d, &e->secretariat, key, "任务完成", &req, &f));
    assert_string_equal(status_of(e, key), "dissolving");
    assert_false(reg_dissolve(e->d, &e->secretariat, key, NULL, &req2, &f));
    assert_int_equal(f.kind, FAIL_CONFLICT);
    /* Withdrawn by the secretariat that asked: active again. */
    assert_true(ap_withdraw(e->d, &e->secretariat, req, NULL, &f));
    assert_string_equal(status_of(e, key), "active");
    struct rg_request q;
    assert_int_equal(st_rg_request(e->d, e->a, req, &q), DB_ROW);
    assert_string_equal(q.decision, "withdrawn");
    /* Asked again, rejected: active. Asked a third time, approved: dissolved. */
    assert_true(reg_dissolve(e->d, &e->secretariat, key, NULL, &req, &f));
    assert_true(ap_decide(e->d, &e->officer, req, AP_REJECT, NULL, NULL, NULL, &f));
    assert_string_equal(status_of(e, key), "active");
    assert_true(reg_dissolve(e->d, &e->secretariat, key, NULL, &req, &f));
    assert_false(ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, NULL, NULL, &f));
    expect_fail(&f, FAIL_INVALID, "ref_required", 21, NULL);
    assert_true(
        ap_decide(e->d, &e->officer, req, AP_APPROVE, NULL, "科协发学字〔2027〕2号", NULL, &f));
    assert_string_equal(status_of(e, key), "dissolved");
    struct rg_alliance al;
    assert_int_equal(st_rg_alliance(e->d, e->a, key, e->today, &al), DB_ROW);
    assert_string_equal(al.dissolved_by, "standing_committee");
    assert_string_equal(al.dissolved_ref, "科协发学字〔2027〕2号");
    /* Nothing was deleted: every request is still there. */
    assert_int_equal(count(e, "SELECT count(*) FROM approval_requests WHERE kind = 'dissolution'"),
                     3);
}

static void test_inbox(void **state)
{
    struct env *e = *state;
    struct fail f = {0};
    int64_t req;
    const char *key = propose(e, &req);
    e->secretariat = user(e, "sec", "secretariat", key);
    int64_t v, creq;
    assert_true(reg_charter_draft(e->d, &e->secretariat, key, "章程", NULL, 0, &v, &f));
    assert_true(reg_charter_submit(e->d, &e->secretariat, key, v, NULL, &creq, &f));
    size_t to_decide, mine;
    assert_int_equal(ap_counts(e->d, e->a, &e->officer, e->today, &to_decide, &mine), DB_OK);
    assert_int_equal(to_decide, 2);
    assert_int_equal(mine, 1); /* the officer registered the proposal */
    assert_int_equal(ap_counts(e->d, e->a, &e->secretariat, e->today, &to_decide, &mine), DB_OK);
    assert_int_equal(to_decide, 0);
    assert_int_equal(mine, 1);
    assert_int_equal(ap_counts(e->d, e->a, &e->officer_bj, e->today, &to_decide, &mine), DB_OK);
    assert_int_equal(to_decide + mine, 0);
    struct ap_inbox in;
    assert_int_equal(ap_inbox(e->d, e->a, &e->officer_bj, e->today, &in), DB_OK);
    assert_int_equal(in.n_visible, 0); /* another jurisdiction's requests are not shown */
    assert_int_equal(ap_inbox(e->d, e->a, &e->officer, e->today, &in), DB_OK);
    assert_int_equal(in.n_to_decide, 2);
    assert_int_equal(in.to_decide[0]->id, creq); /* newest first */
    assert_true(ap_may_withdraw(&e->secretariat, in.to_decide[0]));
    assert_false(ap_may_withdraw(&e->officer_bj, in.to_decide[0]));
    assert_true(ap_decide(e->d, &e->officer, creq, AP_APPROVE, NULL, NULL, NULL, &f));
    assert_int_equal(ap_counts(e->d, e->a, &e->officer, e->today, &to_decide, &mine), DB_OK);
    assert_int_equal(to_decide, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_machine),
        cmocka_unit_test(test_kinds_table),
        cmocka_unit_test_setup_teardown(test_rights, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_and_initiators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_establishment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rejection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_charter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_members, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dissolution, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inbox, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
