/* Unit tests for the compliance engine's helpers: days (util/day), the terms of rules.md (in office
 * on d, the chair on d, current member, full years, deadlines, parameters), the id maps, the view
 * as of D, the rule tables, and message rendering. The rules themselves are tested end to end by
 * scripts/rules-test with the fixtures of tests/rules/. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Before cmocka.h, whose fail() macro would clash with the inline fail() of domain/fail.h. */
#include "rules/engine.h"
#include "rules/view.h"
#include "util/day.h"

#include <setjmp.h>
#include <cmocka.h>

static lh_day d(const char *s)
{
    lh_day x = day_parse(s);
    assert_int_not_equal(x, NO_DAY);
    return x;
}

/* --- days ---------------------------------------------------------------------------------- */
static void test_day_parse_format(void **state)
{
    (void)state;
    const char *dates[] = {"0001-01-01", "1900-02-28", "2000-02-29", "2024-12-31",
                           "2025-01-01", "2025-06-30", "9999-12-31"};
    char out[11];
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        day_format(d(dates[i]), out);
        assert_string_equal(out, dates[i]);
    }
    assert_int_equal(day_parse(NULL), NO_DAY);
    assert_int_equal(day_parse("2023-02-29"), NO_DAY);
    assert_int_equal(day_parse("2025-13-01"), NO_DAY);
    assert_int_equal(day_parse("2025-1-01"), NO_DAY);
    assert_int_equal(day_parse("2025-01-01x"), NO_DAY);
    assert_int_equal(day_parse("0000-01-01"), NO_DAY);
    day_format(NO_DAY, out);
    assert_string_equal(out, "");
}

static void test_day_arithmetic(void **state)
{
    (void)state;
    assert_int_equal(d("2024-03-10") + 30, d("2024-04-09"));
    assert_int_equal(d("2024-02-28") + 1, d("2024-02-29"));
    assert_int_equal(d("2023-02-28") + 1, d("2023-03-01"));
    assert_int_equal(d("2024-12-31") + 1, d("2025-01-01"));
    assert_true(d("1999-12-31") < d("2000-01-01"));
    assert_int_equal(day_year(d("2024-12-31")), 2024);
    assert_int_equal(day_year(d("0001-01-01")), 1);
    /* A deadline on 29 February falls on the 28th in a common year. */
    assert_int_equal(day_from_ymd(2023, 2, 29), d("2023-02-28"));
    assert_int_equal(day_from_ymd(2024, 2, 29), d("2024-02-29"));
    assert_int_equal(day_from_ymd(2024, 13, 1), NO_DAY);
    assert_int_equal(day_of_year_mmdd(2025, "01-31"), d("2025-01-31"));
    assert_int_equal(day_of_year_mmdd(2025, "1-31"), NO_DAY);
    assert_int_equal(day_of_year_mmdd(2025, NULL), NO_DAY);
    assert_int_equal(deadline_in(2025, "03-31"), d("2025-03-31"));
}

/* --- terms --------------------------------------------------------------------------------- */
static struct md_post post(int64_t person, enum md_post_role role, const char *from, const char *to)
{
    return (struct md_post){
        .person_id = person, .role = role, .from = d(from), .to = to ? d(to) : NO_DAY};
}

static void test_in_office(void **state)
{
    (void)state;
    struct md_post p = post(1, PR_CHAIR, "2024-01-01", "2024-12-31");
    assert_false(in_office(&p, d("2023-12-31")));
    assert_true(in_office(&p, d("2024-01-01")));
    assert_true(in_office(&p, d("2024-12-31")));
    assert_false(in_office(&p, d("2025-01-01")));
    struct md_post open = post(1, PR_CHAIR, "2024-01-01", NULL);
    assert_true(in_office(&open, d("2099-01-01")));
}

static void test_chair_on(void **state)
{
    (void)state;
    struct md_post posts[] = {
        post(1, PR_CHAIR, "2021-01-01", "2023-12-31"), /* person 1, first term */
        post(2, PR_VICE_CHAIR, "2021-01-01", NULL),    /* never the chair */
        post(3, PR_CHAIR, "2024-01-02", "2024-12-31"), /* a day without chair before */
        post(4, PR_CHAIR, "2024-06-01", "2024-06-30"), /* a second chair in June 2024 */
        post(5, PR_CHAIR, "2025-01-01", NULL),         /* renewed, overlapping itself: */
        post(5, PR_CHAIR, "2025-03-01", NULL),         /* still one chair */
    };
    struct md_body presidium = {.kind = BK_PRESIDIUM, .posts = posts, .nposts = 6};
    struct view v = {.presidium = &presidium};
    assert_int_equal(chair_on(&v, d("2020-12-31")), 0);
    assert_int_equal(chair_on(&v, d("2021-01-01")), 1);
    assert_int_equal(chair_on(&v, d("2023-12-31")), 1);
    assert_int_equal(chair_on(&v, d("2024-01-01")), 0); /* ended the day before */
    assert_int_equal(chair_on(&v, d("2024-01-02")), 3);
    assert_int_equal(chair_on(&v, d("2024-06-15")), 0); /* two chairs: no "the chair" */
    assert_int_equal(chair_on(&v, d("2024-07-01")), 3);
    assert_int_equal(chair_on(&v, d("2025-04-01")), 5);
    struct view none = {0};
    assert_int_equal(chair_on(&none, d("2025-04-01")), 0);

    assert_true(holds_post(&presidium, 2, PR_VICE_CHAIR, d("2022-01-01")));
    assert_true(holds_post(&presidium, 2, PR_OTHER, d("2022-01-01")));
    assert_false(holds_post(&presidium, 2, PR_CHAIR, d("2022-01-01")));
    assert_false(holds_post(&presidium, 1, PR_OTHER, d("2024-01-01")));
    assert_false(holds_post(NULL, 1, PR_OTHER, d("2022-01-01")));
}

static void test_current_member(void **state)
{
    (void)state;
    struct md_member members[] = {
        {.organisation_id = 10, .joined_on = d("2021-03-01")},
        {.organisation_id = 11, .joined_on = d("2022-01-01"), .left_on = d("2024-06-30")},
        /* left and joined again */
        {.organisation_id = 12, .joined_on = d("2021-01-01"), .left_on = d("2021-12-31")},
        {.organisation_id = 12, .joined_on = d("2023-01-01")},
    };
    struct view v = {.al = {.members = members, .nmembers = 4}};
    assert_false(current_member(&v, 10, d("2021-02-28")));
    assert_true(current_member(&v, 10, d("2021-03-01")));
    assert_true(current_member(&v, 11, d("2024-06-30")));
    assert_false(current_member(&v, 11, d("2024-07-01")));
    assert_true(current_member(&v, 12, d("2021-12-31")));
    assert_false(current_member(&v, 12, d("2022-06-01")));
    assert_true(current_member(&v, 12, d("2023-01-01")));
    assert_false(current_member(&v, 99, d("2023-01-01")));
    assert_false(current_member(&v, 0, d("2023-01-01")));
}

static void test_full_years(void **state)
{
    (void)state;
    int y[MAX_FULL_YEARS];
    /* Established 2021-03-01, as of 2025-06-30: 2022, 2023, 2024. */
    size_t n = full_years(d("2021-03-01"), d("2025-06-30"), 5, y);
    assert_int_equal(n, 3);
    assert_int_equal(y[0], 2022);
    assert_int_equal(y[2], 2024);
    /* Established on 1 January: that year is not full (established.date < Y-01-01 fails). */
    n = full_years(d("2021-01-01"), d("2025-06-30"), 5, y);
    assert_int_equal(n, 3);
    assert_int_equal(y[0], 2022);
    n = full_years(d("2020-12-31"), d("2025-06-30"), 5, y);
    assert_int_equal(n, 4);
    assert_int_equal(y[0], 2021);
    /* As of 31 December the year is not over (Y-12-31 < D fails); as of 1 January it is. */
    n = full_years(d("2021-03-01"), d("2024-12-31"), 5, y);
    assert_int_equal(n, 2);
    assert_int_equal(y[1], 2023);
    n = full_years(d("2021-03-01"), d("2025-01-01"), 5, y);
    assert_int_equal(n, 3);
    assert_int_equal(y[2], 2024);
    /* Only the last lookback_years. */
    n = full_years(d("2010-05-01"), d("2025-06-30"), 5, y);
    assert_int_equal(n, 5);
    assert_int_equal(y[0], 2020);
    assert_int_equal(y[4], 2024);
    n = full_years(d("2010-05-01"), d("2025-06-30"), 1, y);
    assert_int_equal(n, 1);
    assert_int_equal(y[0], 2024);
    assert_int_equal(full_years(d("2010-05-01"), d("2025-06-30"), 0, y), 0);
    assert_int_equal(full_years(NO_DAY, d("2025-06-30"), 5, y), 0);
    assert_int_equal(full_years(d("2025-01-01"), d("2025-06-30"), 5, y), 0);
    /* A huge lookback is capped at what the view holds. */
    n = full_years(d("1900-05-01"), d("2025-06-30"), INT64_MAX, y);
    assert_int_equal(n, MAX_FULL_YEARS);
    assert_int_equal(y[MAX_FULL_YEARS - 1], 2024);
}

static void test_params(void **state)
{
    (void)state;
    struct params p = params_of(NULL);
    assert_int_equal(p.min_initiators, 2);
    assert_int_equal(p.presidium_meetings_min, 1);
    assert_int_equal(p.presidium_meetings_max, 2);
    assert_int_equal(p.minutes_deadline_days, 30);
    assert_int_equal(p.lookback_years, 5);
    assert_string_equal(p.annual_plan_deadline, "03-31");
    assert_string_equal(p.fund_report_deadline, "01-31");
    struct md_jurisdiction j = {.minutes_deadline_days = {true, 20},
                                .lookback_years = {true, 0},
                                .fund_report_deadline = "02-28",
                                .annual_plan_deadline = "bad"};
    p = params_of(&j);
    assert_int_equal(p.minutes_deadline_days, 20);
    assert_int_equal(p.lookback_years, 0);
    assert_int_equal(p.min_initiators, 2);
    assert_string_equal(p.fund_report_deadline, "02-28");
    assert_string_equal(p.annual_plan_deadline, "03-31"); /* not MM-DD: the default */
}

/* --- the model ----------------------------------------------------------------------------- */
static void test_idmap(void **state)
{
    (void)state;
    arena *a = arena_new();
    struct model *m = arena_alloc(a, sizeof *m);
    m->a = a;
    /* Dense ids, and ids far apart (after many replaced alliances): both are found. */
    struct md_person dense[] = {
        {.id = 3, .key = "c"}, {.id = 1, .key = "a"}, {.id = 2, .key = "b"}};
    struct md_organisation sparse[] = {
        {.id = 5000000, .key = "x"}, {.id = 7, .key = "y"}, {.id = 90000000000, .key = "z"}};
    m->people = dense;
    m->npeople = 3;
    m->organisations = sparse;
    m->norganisations = 3;
    model_link(m);
    assert_string_equal(model_person(m, 1)->key, "a");
    assert_string_equal(model_person(m, 3)->key, "c");
    assert_null(model_person(m, 0));
    assert_null(model_person(m, 4));
    assert_null(model_person(m, -1));
    assert_null(m->organisation_ids.dense);
    assert_string_equal(model_organisation(m, 7)->key, "y");
    assert_string_equal(model_organisation(m, 90000000000)->key, "z");
    assert_string_equal(model_organisation(m, 5000000)->key, "x");
    assert_null(model_organisation(m, 8));
    assert_null(model_meeting(m, 1)); /* an empty table */
    arena_free(a);
}

/* A small model in memory: one jurisdiction, one alliance with four members and a presidium. */
struct small {
    struct md_jurisdiction jur[1];
    struct md_organisation orgs[3];
    struct md_person people[2];
    struct md_alliance al[1];
    struct md_member members[4];
    struct md_body bodies[1];
    struct md_post posts[2];
    struct model m;
};

static void small_model(struct small *s, arena *a)
{
    memset(s, 0, sizeof *s);
    s->jur[0] = (struct md_jurisdiction){.id = 1, .key = "cast", .short_name = "中国科协"};
    s->orgs[0] = (struct md_organisation){
        .id = 1, .key = "soc-a", .name = "甲学会", .kind = ORG_NATIONAL_SOCIETY, .uscc = "x"};
    s->orgs[1] = (struct md_organisation){
        .id = 2, .key = "soc-b", .name = "乙学会", .kind = ORG_NATIONAL_SOCIETY, .uscc = "x"};
    s->orgs[2] = (struct md_organisation){
        .id = 3, .key = "ent", .name = "丙公司", .kind = ORG_ENTERPRISE, .uscc = "x"};
    s->people[0] = (struct md_person){.id = 1, .key = "p-a", .name = "张甲"};
    s->people[1] = (struct md_person){.id = 2, .key = "p-b", .name = "李乙"};
    s->al[0] = (struct md_alliance){.id = 1,
                                    .jurisdiction_id = 1,
                                    .key = "t",
                                    .name = "中国科协测试联合体",
                                    .status = AL_PROPOSED};
    s->members[0] = (struct md_member){
        .alliance_id = 1, .organisation_id = 1, .role = MR_INITIATOR, .joined_on = d("2021-03-01")};
    s->members[1] = (struct md_member){
        .alliance_id = 1, .organisation_id = 2, .role = MR_INITIATOR, .joined_on = d("2025-07-01")};
    s->members[2] = (struct md_member){.alliance_id = 1,
                                       .organisation_id = 3,
                                       .role = MR_MEMBER,
                                       .joined_on = d("2022-01-01"),
                                       .left_on = d("2025-08-01"),
                                       .charter_ack = true,
                                       .charter_ack_version = 1,
                                       .charter_ack_date = d("2025-07-15")};
    s->members[3] = (struct md_member){
        .alliance_id = 1, .organisation_id = 1, .role = MR_INITIATOR, .joined_on = d("2021-03-01")};
    s->bodies[0] =
        (struct md_body){.id = 1, .alliance_id = 1, .key = "presidium", .kind = BK_PRESIDIUM};
    s->posts[0] = (struct md_post){.body_id = 1,
                                   .person_id = 1,
                                   .role = PR_CHAIR,
                                   .from = d("2021-03-01"),
                                   .to = d("2025-12-31"),
                                   .cast_approved = {d("2025-07-01"), BY_CAST}};
    s->posts[1] = (struct md_post){
        .body_id = 1, .person_id = 2, .role = PR_VICE_CHAIR, .from = d("2025-07-01")};
    s->m = (struct model){.a = a,
                          .jurisdictions = s->jur,
                          .njurisdictions = 1,
                          .organisations = s->orgs,
                          .norganisations = 3,
                          .people = s->people,
                          .npeople = 2,
                          .alliances = s->al,
                          .nalliances = 1,
                          .members = s->members,
                          .nmembers = 4,
                          .bodies = s->bodies,
                          .nbodies = 1,
                          .posts = s->posts,
                          .nposts = 2};
    model_link(&s->m);
}

static void test_view_as_of(void **state)
{
    (void)state;
    arena *a = arena_new();
    struct small *s = arena_alloc(a, sizeof *s);
    small_model(s, a);
    assert_int_equal(s->al[0].nmembers, 4);
    assert_int_equal(s->bodies[0].nposts, 2);
    struct view v;
    view_build(&v, &s->m, &s->al[0], d("2025-06-30"), a);
    /* Dropped: the member joining after D, the post beginning after D. */
    assert_int_equal(v.al.nmembers, 3);
    assert_int_equal(v.al.members[1].organisation_id, 3);
    assert_non_null(v.presidium);
    assert_int_equal(v.presidium->nposts, 1);
    /* Absent: left_on, charter_ack and the approval after D; a post's end after D. */
    assert_int_equal(v.al.members[1].left_on, NO_DAY);
    assert_false(v.al.members[1].charter_ack);
    assert_int_equal(v.presidium->posts[0].to, NO_DAY);
    assert_int_equal(v.presidium->posts[0].cast_approved.date, NO_DAY);
    /* The model itself is untouched. */
    assert_int_equal(s->members[2].left_on, d("2025-08-01"));
    assert_int_equal(s->posts[0].to, d("2025-12-31"));
    /* No establishment date: full years start at the earliest member. */
    assert_int_equal(v.start, d("2021-03-01"));
    assert_int_equal(v.nfull_years, 3);
    assert_int_equal(v.p.min_initiators, 2);
    /* As of a later day everything is there. */
    view_build(&v, &s->m, &s->al[0], d("2025-08-01"), a);
    assert_int_equal(v.al.nmembers, 4);
    assert_int_equal(v.presidium->nposts, 2);
    assert_int_equal(v.al.members[2].left_on, d("2025-08-01"));
    assert_true(v.al.members[2].charter_ack);
    arena_free(a);
}

static void test_run_and_messages(void **state)
{
    (void)state;
    arena *a = arena_new();
    struct small *s = arena_alloc(a, sizeof *s);
    small_model(s, a);
    struct findings fs;
    /* A proposed alliance gets A01 and A18 only; soc-b joins after D and soc-a is recorded
     * twice: one initiator. */
    rules_run(&s->m, d("2025-06-30"), NULL, NULL, NULL, a, &fs);
    assert_int_equal(fs.alliances, 1);
    assert_int_equal(fs.n, 1);
    assert_string_equal(fs.items[0].rule->id, "A01.initiators-too-few");
    assert_string_equal(fs.items[0].key, "t");
    assert_int_equal(fs.counts[SEV_ERROR], 1);
    buf b = {0};
    finding_message(&fs.items[0], LANG_ZH, &b);
    assert_string_equal(buf_str(&b), "第一条：发起学会只有 1 家，少于规定的 2 家");
    buf_reset(&b);
    finding_message(&fs.items[0], LANG_EN, &b);
    assert_string_equal(
        buf_str(&b), "Article 1: the number of initiating societies (1) is below the required 2");
    /* As of 2025-07-01 soc-b has joined. */
    rules_run(&s->m, d("2025-07-01"), NULL, NULL, NULL, a, &fs);
    assert_int_equal(fs.n, 0);
    /* Another alliance key: nothing checked. */
    rules_run(&s->m, d("2025-07-01"), "nope", NULL, NULL, a, &fs);
    assert_int_equal(fs.alliances, 0);
    /* An established alliance is out of scope before its establishment. */
    s->al[0].status = AL_ACTIVE;
    s->al[0].established = (struct md_approval){d("2025-07-01"), BY_STANDING_COMMITTEE};
    rules_run(&s->m, d("2025-06-30"), NULL, NULL, NULL, a, &fs);
    assert_int_equal(fs.alliances, 0);
    assert_int_equal(fs.n, 0);
    json_t *doc = findings_json(&fs, LANG_ZH);
    assert_string_equal(json_string_value(json_object_get(doc, "format")), "lianheti-findings");
    assert_int_equal(json_integer_value(json_object_get(doc, "version")), 1);
    assert_string_equal(json_string_value(json_object_get(doc, "as_of")), "2025-06-30");
    json_decref(doc);
    buf_free(&b);
    arena_free(a);
}

/* Article numbers in Chinese, money, and the placeholders, through a rule of the test's own. */
static void check_money(const struct rule *r, struct rctx *c)
{
    struct finding *f = emit(c, r, SUBJ_YEAR, "2025", 2025);
    farg_money(c, f, "a", 64802700);
    farg_money(c, f, "b", -5);
    farg_money(c, f, "c", 100);
    farg2(c, f, "w", "中", "en");
}

static void test_message_rendering(void **state)
{
    (void)state;
    static const int articles[] = {1, 9, 10, 13, 20, 21, 22};
    static const char *const zh[] = {"第一条：",   "第九条：",     "第十条：",    "第十三条：",
                                     "第二十条：", "第二十一条：", "第二十二条："};
    arena *a = arena_new();
    struct findings out = {0};
    struct view v = {.al = {.key = "t", .name = "测试"}};
    struct rctx c = {.v = &v, .a = a, .out = &out};
    for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
        struct rule r = {"X",      articles[i], SEV_INFO, check_money, "{a}|{b}|{c}|{w}|{missing}",
                         "{a} {w}"};
        out.n = 0;
        r.check(&r, &c);
        buf b = {0};
        finding_message(&out.items[0], LANG_ZH, &b);
        char want[128];
        snprintf(want, sizeof want, "%s648,027.00|-0.05|1.00|中|{missing}", zh[i]);
        assert_string_equal(buf_str(&b), want);
        buf_reset(&b);
        finding_message(&out.items[0], LANG_EN, &b);
        snprintf(want, sizeof want, "Article %d: 648,027.00 en", articles[i]);
        assert_string_equal(buf_str(&b), want);
        buf_free(&b);
    }
    /* Long texts in messages are cut by characters, never inside one. */
    assert_string_equal(clip(&c, "一二三四五", 3), "一二三…");
    assert_string_equal(clip(&c, "一二三四五", 5), "一二三四五");
    assert_string_equal(clip(&c, "abcdef", 2), "ab…");
    assert_string_equal(clip(&c, NULL, 2), "");
    arena_free(a);
}

/* Every rule: a unique id naming its article, a severity, a check, both templates with the same
 * placeholders. */
static void placeholders(const char *t, char *out, size_t outlen)
{
    out[0] = '\0';
    size_t n = 0;
    for (const char *p = strchr(t, '{'); p; p = strchr(p + 1, '{')) {
        const char *e = strchr(p, '}');
        assert_non_null(e);
        /* Sorted insertion is overkill: the test compares sets by sorting afterwards. */
        n += (size_t)snprintf(out + n, outlen - n, "%.*s;", (int)(e - p - 1), p + 1);
    }
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void sorted_set(const char *list, char *out, size_t outlen)
{
    char copy[512];
    snprintf(copy, sizeof copy, "%s", list);
    const char *items[32];
    size_t n = 0;
    for (char *tok = strtok(copy, ";"); tok && n < 32; tok = strtok(NULL, ";")) {
        bool seen = false;
        for (size_t i = 0; i < n; i++)
            seen = seen || strcmp(items[i], tok) == 0;
        if (!seen)
            items[n++] = tok;
    }
    qsort(items, n, sizeof *items, cmp_str);
    out[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(out + len, outlen - len, "%s;", items[i]);
}

static void test_rule_tables(void **state)
{
    (void)state;
    size_t total = 0;
    for (size_t t = 0; t < rule_table_count; t++) {
        for (size_t i = 0; i < rule_tables[t]->n; i++) {
            const struct rule *r = &rule_tables[t]->rules[i];
            total++;
            char prefix[8];
            snprintf(prefix, sizeof prefix, "A%02d.", r->article);
            assert_memory_equal(r->id, prefix, 4);
            assert_ptr_equal(rule_find(r->id), r);
            assert_non_null(r->check);
            assert_true(r->severity < SEV_COUNT);
            assert_true(strlen(r->zh) > 0 && strlen(r->en) > 0);
            char pz[512], pe[512], sz[512], se[512];
            placeholders(r->zh, pz, sizeof pz);
            placeholders(r->en, pe, sizeof pe);
            sorted_set(pz, sz, sizeof sz);
            sorted_set(pe, se, sizeof se);
            if (strcmp(sz, se) != 0)
                fail_msg("%s: the templates differ in placeholders: %s vs %s", r->id, sz, se);
            /* All rules of one table belong to one article. */
            assert_int_equal(r->article, rule_tables[t]->rules[0].article);
        }
    }
    /* rules.md lists 52 rules. */
    assert_int_equal(total, 52);
    assert_null(rule_find("A99.nothing"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_parse_format),
        cmocka_unit_test(test_day_arithmetic),
        cmocka_unit_test(test_in_office),
        cmocka_unit_test(test_chair_on),
        cmocka_unit_test(test_current_member),
        cmocka_unit_test(test_full_years),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_idmap),
        cmocka_unit_test(test_view_as_of),
        cmocka_unit_test(test_run_and_messages),
        cmocka_unit_test(test_message_rendering),
        cmocka_unit_test(test_rule_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
