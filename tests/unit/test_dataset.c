/* Unit tests for the dataset format (src/dataset/): one small document per kind of rejection,
 * asserting the exact JSON pointer and message; every problem of a document reported, not only
 * the first; keys scoped as dataset.md says; and, on a real database, import of the fixtures with
 * counts, refusal of existing keys, --replace, --dry-run, rights, export of one alliance and the
 * canonical form (the fixture tests/fixtures/canonical-full.json comes out byte for byte). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* The program's headers before cmocka's, whose fail() macro would shadow domain/fail.h. */
#include "dataset/dataset.h"
#include "util/buf.h"

#include <setjmp.h>
#include <cmocka.h>

#include "testutil.h"

/* Test documents are written with ' for " so they read as JSON; q() turns them back. */
static char *q(const char *s)
{
    char *t = strdup(s);
    assert_non_null(t);
    for (char *p = t; *p; p++)
        if (*p == '\'')
            *p = '"';
    return t;
}

#define HEAD "'format': 'lianheti-dataset', 'version': 1, "
#define JUR                                                                                        \
    "'jurisdictions': [{'key': 'cast', 'name': '中国科学技术协会', 'short_name': '中国科协'}], "
#define ORGS                                                                                         \
    "'organisations': [{'key': 'caa', 'name': '中国自动化学会', 'kind': 'national_society', " \
    "'uscc': '51100000500002862F'}, {'key': 'cmes', 'name': '中国机械工程学会', "            \
    "'kind': 'national_society'}], "
#define PEOPLE "'people': [{'key': 'zhang', 'name': '张三'}, {'key': 'li', 'name': '李四'}], "
/* One alliance with `extra` members. */
#define DOC(extra)                                                                                 \
    "{" HEAD JUR ORGS PEOPLE "'alliances': [{'key': 'im', 'jurisdiction': 'cast', "                \
    "'name': '中国科协智能制造学会联合体', 'status': 'active'" extra "}]}"
#define LEDGER(accounts, funds, transactions)                                                      \
    ", 'ledger': {'accounts': [" accounts "], 'funds': [" funds                                    \
    "], 'transactions': [" transactions "]}"
#define BANK "{'key': 'bank', 'name': '银行存款', 'type': 'asset'}"
#define DUES "{'key': 'dues', 'name': '会费收入', 'type': 'income'}"
#define FUND "{'key': 'general', 'name': '非限定性资金', 'restricted': false}"
#define MEETING                                                                                    \
    "{'key': 'm1', 'kind': 'presidium', 'title': '主席团会议', 'date': '2024-01-10', "        \
    "'status': 'held', 'decisions': [{'key': 'd1', 'text': '任命'}]}"

/* Validates a document (written with '), expecting exactly the problems given as
 * pointer/message pairs, in order. */
static void expect(const char *doc, size_t n, const char *const *problems)
{
    char *text = q(doc);
    struct ds_report rep;
    ds_report_init(&rep);
    json_t *j = ds_validate(text, strlen(text), NULL, &rep);
    bool same = rep.nerrors == n;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(rep.errors[i].pointer, problems[2 * i]) == 0 &&
               strcmp(rep.errors[i].message, problems[2 * i + 1]) == 0;
    for (size_t i = 0; !same && i < rep.nerrors; i++)
        print_message("  got %s: %s\n", rep.errors[i].pointer, rep.errors[i].message);
    assert_int_equal(rep.nerrors, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(rep.errors[i].pointer, problems[2 * i]);
        assert_string_equal(rep.errors[i].message, problems[2 * i + 1]);
    }
    if (n == 0)
        assert_non_null(j);
    else
        assert_null(j);
    json_decref(j);
    ds_report_free(&rep);
    free(text);
}

static void expect_one(const char *doc, const char *pointer, const char *message)
{
    const char *p[] = {pointer, message};
    expect(doc, 1, p);
}

static void expect_valid(const char *doc)
{
    expect(doc, 0, NULL);
}

/* --- rejections, one kind each ------------------------------------------------------------- */
static void test_valid_minimal(void **state)
{
    (void)state;
    expect_valid(DOC(""));
    expect_valid("{" HEAD "'jurisdictions': [], 'organisations': [], 'people': [], "
                 "'alliances': []}");
}

static void test_invalid_json(void **state)
{
    (void)state;
    const char *text = "{\"format\": \"lianheti-dataset\",\n  \"version\": 1,,}";
    struct ds_report rep;
    ds_report_init(&rep);
    assert_null(ds_validate(text, strlen(text), NULL, &rep));
    assert_int_equal(rep.nerrors, 1);
    assert_string_equal(rep.errors[0].pointer, "");
    const char *prefix = "invalid JSON at line 2, column ";
    assert_memory_equal(rep.errors[0].message, prefix, strlen(prefix));
    ds_report_free(&rep);

    expect_one("[1, 2]", "", "expected an object");
    expect_one("", "", "invalid JSON at line 1, column 0: '[' or '{' expected near end of file");
    /* Duplicate member names are refused by the parser: which one was meant? */
    ds_report_init(&rep);
    const char *dup = "{\"format\": \"lianheti-dataset\", \"format\": \"x\"}";
    assert_null(ds_validate(dup, strlen(dup), NULL, &rep));
    assert_int_equal(rep.nerrors, 1);
    assert_non_null(strstr(rep.errors[0].message, "duplicate object key"));
    ds_report_free(&rep);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char *text = "{\"format\":\n \"\xe4\xb8\"}";
    struct ds_report rep;
    ds_report_init(&rep);
    assert_null(ds_validate(text, strlen(text), NULL, &rep));
    assert_int_equal(rep.nerrors, 1);
    assert_string_equal(rep.errors[0].pointer, "");
    assert_string_equal(rep.errors[0].message, "invalid UTF-8 at line 2, column 3 (byte 13)");
    ds_report_free(&rep);
    /* A surrogate encoded in UTF-8 (CESU) is not UTF-8 either. */
    const char *cesu = "{\"a\": \"\xed\xa0\x80\"}";
    ds_report_init(&rep);
    assert_null(ds_validate(cesu, strlen(cesu), NULL, &rep));
    assert_string_equal(rep.errors[0].message, "invalid UTF-8 at line 1, column 8 (byte 7)");
    ds_report_free(&rep);
}

static void test_unknown_field(void **state)
{
    (void)state;
    expect_one("{" HEAD JUR ORGS PEOPLE "'alliances': [], 'extra': 1}", "/extra", "unknown field");
    expect_one(DOC(", 'members': [{'organisation': 'caa', 'role': 'initiator', "
                   "'joined_on': '2024-01-01', 'joined': '2024-01-01'}]"),
               "/alliances/0/members/0/joined", "unknown field");
    /* A member name with '/' and '~' is escaped in the pointer (RFC 6901). */
    expect_one(DOC(", 'a/b~c': 1"), "/alliances/0/a~1b~0c", "unknown field");
}

static void test_wrong_types(void **state)
{
    (void)state;
    const char *p[] = {"/version",
                       "expected an integer",
                       "/alliances/0/name",
                       "expected a string",
                       "/alliances/0/established",
                       "expected an object",
                       "/alliances/0/rotation/chair",
                       "expected true or false",
                       "/alliances/0/members",
                       "expected an array"};
    expect("{'format': 'lianheti-dataset', 'version': '1', " JUR ORGS PEOPLE
           "'alliances': [{'key': 'im', 'jurisdiction': 'cast', 'name': 5, 'status': 'active', "
           "'established': '2024-01-01', 'rotation': {'chair': 'yes'}, 'members': {}}]}",
           5, p);
    expect_one(DOC(", 'members': ['caa']"), "/alliances/0/members/0", "expected an object");
    expect_one(DOC(", 'activities': [{'key': 'a', 'task': 'academic', 'kind': 'conference', "
                   "'title': '年会', 'date': '2024-01-01', 'participants': ['caa', 7]}]"),
               "/alliances/0/activities/0/participants/1", "expected a string");
    expect_one(DOC(", 'plans': [{'key': 'p', 'kind': 'annual', 'from_year': 2024.0, "
                   "'to_year': 2024, 'title': '计划'}]"),
               "/alliances/0/plans/0/from_year", "expected an integer, not a decimal number");
}

static void test_missing_required(void **state)
{
    (void)state;
    expect_one("{" HEAD JUR ORGS PEOPLE
               "'alliances': [{'key': 'im', 'jurisdiction': 'cast', 'name': '联合体'}]}",
               "/alliances/0/status", "required field missing");
    /* null and absent are the same (dataset.md) */
    expect_one("{" HEAD JUR ORGS PEOPLE "'alliances': [{'key': 'im', 'jurisdiction': 'cast', "
               "'name': '联合体', 'status': null}]}",
               "/alliances/0/status", "required field missing");
    expect_one("{" HEAD JUR ORGS "'alliances': []}", "/people", "required field missing");
    expect_one(DOC(", 'established': {'date': '2024-01-01'}"), "/alliances/0/established/by",
               "required field missing");
    expect_one(DOC(", 'meetings': [{'key': 'm', 'kind': 'special', 'title': '会', "
                   "'date': '2024-01-01', 'status': 'held', 'agenda': {'approved_by': 'zhang'}}]"),
               "/alliances/0/meetings/0/agenda/proposed_by", "required field missing");
}

static void test_bad_enum(void **state)
{
    (void)state;
    expect_one("{" HEAD JUR ORGS PEOPLE "'alliances': [{'key': 'im', 'jurisdiction': 'cast', "
               "'name': '联合体', 'status': 'alive'}]}",
               "/alliances/0/status",
               "\"alive\" is not one of: proposed, active, dissolving, dissolved, rejected");
    expect_one("{'format': 'lianheti', 'version': 1, " JUR ORGS PEOPLE "'alliances': []}",
               "/format", "expected \"lianheti-dataset\"");
    expect_one("{'format': 'lianheti-dataset', 'version': 2, " JUR ORGS PEOPLE "'alliances': []}",
               "/version", "must be 1");
    expect_one(DOC(", 'established': {'date': '2024-01-01', 'by': 'mayor'}"),
               "/alliances/0/established/by",
               "\"mayor\" is not one of: standing_committee, cast, presidium, chair");
}

static void test_bad_dates(void **state)
{
    (void)state;
    expect_one(DOC(", 'members': [{'organisation': 'caa', 'role': 'initiator', "
                   "'joined_on': '2018-02-30'}]"),
               "/alliances/0/members/0/joined_on", "\"2018-02-30\" is not a real date");
    expect_one(DOC(", 'members': [{'organisation': 'caa', 'role': 'initiator', "
                   "'joined_on': '2018-2-3'}]"),
               "/alliances/0/members/0/joined_on",
               "expected a date as YYYY-MM-DD, not \"2018-2-3\"");
    expect_one(DOC(", 'members': [{'organisation': 'caa', 'role': 'initiator', "
                   "'joined_on': '2100-02-29'}]"),
               "/alliances/0/members/0/joined_on", "\"2100-02-29\" is not a real date");
    expect_one(DOC(", 'members': [{'organisation': 'caa', 'role': 'initiator', "
                   "'joined_on': '2024-13-01'}]"),
               "/alliances/0/members/0/joined_on", "\"2024-13-01\" is not a real date");
    expect_valid(DOC(", 'members': [{'organisation': 'caa', 'role': 'initiator', "
                     "'joined_on': '2024-02-29'}]"));
    /* MM-DD parameters: a day of some year */
    expect_one("{" HEAD "'jurisdictions': [{'key': 'cast', 'name': '中国科学技术协会', "
               "'short_name': '中国科协', 'params': {'annual_plan_deadline': '02-30'}}], "
               "'organisations': [], 'people': [], 'alliances': []}",
               "/jurisdictions/0/params/annual_plan_deadline",
               "\"02-30\" is not a real day of the year");
    expect_one("{" HEAD "'jurisdictions': [{'key': 'cast', 'name': '中国科学技术协会', "
               "'short_name': '中国科协', 'params': {'minutes_deadline_days': -1}}], "
               "'organisations': [], 'people': [], 'alliances': []}",
               "/jurisdictions/0/params/minutes_deadline_days", "must be at least 0");
    expect_one(DOC(", 'fund_reports': [{'year': 1900, 'raised_fen': 0, 'used_fen': 0}]"),
               "/alliances/0/fund_reports/0/year", "must be from 1949 to 2200");
}

static void test_bad_keys(void **state)
{
    (void)state;
    /* (the message's quotes are ', which q() leaves alone only outside the document) */
    expect_one("{" HEAD JUR ORGS "'people': [{'key': 'Zhang', 'name': '张三'}], 'alliances': []}",
               "/people/0/key",
               "\"Zhang\" is not a valid key: 1 to 64 characters of a-z, 0-9, '.', '_' and '-', "
               "beginning with a letter or digit");
    expect_one("{" HEAD JUR ORGS "'people': [{'key': '-li', 'name': '李'}], 'alliances': []}",
               "/people/0/key",
               "\"-li\" is not a valid key: 1 to 64 characters of a-z, 0-9, '.', '_' and '-', "
               "beginning with a letter or digit");
    expect_one("{" HEAD JUR ORGS "'people': [{'key': "
               "'a234567890123456789012345678901234567890123456789012345678901234x', "
               "'name': '李'}], 'alliances': []}",
               "/people/0/key",
               "\"a23456789012345678901234567890123456789012345678901234567890…\" is not a "
               "valid key: 1 to 64 characters of a-z, 0-9, '.', '_' and '-', beginning with a "
               "letter or digit");
    expect_one(DOC(", 'members': [{'organisation': 'c a a', 'role': 'initiator', 'joined_on': "
                   "'2024-01-01'}]"),
               "/alliances/0/members/0/organisation",
               "\"c a a\" is not a valid key: 1 to 64 characters of a-z, 0-9, '.', '_' and '-', "
               "beginning with a letter or digit");
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    expect_one("{" HEAD JUR "'organisations': [{'key': 'caa', 'name': 'A', 'kind': 'other'}, "
               "{'key': 'caa', 'name': 'B', 'kind': 'other'}], 'people': [], 'alliances': []}",
               "/organisations/1/key",
               "duplicate organisation key \"caa\" (first at /organisations/0)");
    /* organisation names are unique too */
    expect_one("{" HEAD JUR "'organisations': [{'key': 'a', 'name': '学会', 'kind': 'other'}, "
               "{'key': 'b', 'name': ' 学会 ', 'kind': 'other'}], 'people': [], 'alliances': []}",
               "/organisations/1/name",
               "duplicate organisation name \"学会\" (first at /organisations/0)");
    expect_one(DOC(", 'meetings': [" MEETING ", " MEETING "]"), "/alliances/0/meetings/1/key",
               "duplicate meeting key \"m1\" (first at /alliances/0/meetings/0)");
    expect_one(DOC(", 'meetings': [{'key': 'm1', 'kind': 'presidium', 'title': '会', "
                   "'date': '2024-01-10', 'status': 'held', 'decisions': [{'key': 'd1', "
                   "'text': 'a'}, {'key': 'd1', 'text': 'b'}]}]"),
               "/alliances/0/meetings/0/decisions/1/key",
               "duplicate decision key \"d1\" (first at /alliances/0/meetings/0/decisions/0)");
    /* Scoping: the same meeting key in two alliances, the same decision key in two meetings and
     * a body and a plan sharing a key are all fine. */
    expect_valid("{" HEAD JUR ORGS PEOPLE
                 "'alliances': [{'key': 'a1', 'jurisdiction': 'cast', 'name': '甲', "
                 "'status': 'active', 'meetings': [" MEETING ", {'key': 'm2', 'kind': 'special', "
                 "'title': '会', 'date': '2024-01-11', 'status': 'held', 'decisions': [{'key': "
                 "'d1', 'text': 'x'}]}], 'bodies': [{'key': 'x', 'kind': 'presidium', 'name': "
                 "'主席团'}], 'plans': [{'key': 'x', 'kind': 'annual', 'from_year': 2024, "
                 "'to_year': 2024, 'title': '计划'}]}, {'key': 'a2', 'jurisdiction': 'cast', "
                 "'name': '乙', 'status': 'active', 'meetings': [" MEETING "]}]}");
    expect_one("{" HEAD JUR ORGS PEOPLE
               "'alliances': [{'key': 'a', 'jurisdiction': 'cast', 'name': '甲', 'status': "
               "'active'}, {'key': 'a', 'jurisdiction': 'cast', 'name': '乙', 'status': "
               "'active'}]}",
               "/alliances/1/key", "duplicate alliance key \"a\" (first at /alliances/0)");
}

static void test_dangling_references(void **state)
{
    (void)state;
    /* dataset.md's own example */
    expect_one(DOC(", 'members': [{'organisation': 'caa', 'role': 'initiator', 'joined_on': "
                   "'2024-01-01'}, {'organisation': 'cmes', 'role': 'initiator', 'joined_on': "
                   "'2024-01-01'}, {'organisation': 'caa', 'role': 'member', 'joined_on': "
                   "'2024-06-01'}, {'organisation': 'cmes2', 'role': 'member', 'joined_on': "
                   "'2024-06-01'}]"),
               "/alliances/0/members/3/organisation", "unknown organisation key \"cmes2\"");
    expect_one("{" HEAD JUR ORGS "'people': [{'key': 'zhang', 'name': '张三', 'organisation': "
               "'nowhere'}], 'alliances': []}",
               "/people/0/organisation", "unknown organisation key \"nowhere\"");
    expect_one("{" HEAD JUR
               "'organisations': [{'key': 'caa', 'name': '学会', 'kind': 'other', 'president': "
               "'nobody'}], 'people': [], 'alliances': []}",
               "/organisations/0/president", "unknown person key \"nobody\"");
    expect_one("{" HEAD JUR ORGS PEOPLE
               "'alliances': [{'key': 'im', 'jurisdiction': 'bjast', 'name': '联合体', "
               "'status': 'active'}]}",
               "/alliances/0/jurisdiction", "unknown jurisdiction key \"bjast\"");
    expect_one("{" HEAD "'jurisdictions': [{'key': 'bj', 'name': '北京市科学技术协会', "
               "'short_name': '北京市科协', 'parent': 'cast'}], 'organisations': [], "
               "'people': [], 'alliances': []}",
               "/jurisdictions/0/parent", "unknown jurisdiction key \"cast\"");
    expect_one(DOC(", 'bodies': [{'key': 'p', 'kind': 'presidium', 'name': '主席团', 'posts': "
                   "[{'person': 'wang', 'role': 'chair', 'from': '2024-01-01'}]}]"),
               "/alliances/0/bodies/0/posts/0/person", "unknown person key \"wang\"");
    expect_one(DOC(", 'plans': [{'key': 'p', 'kind': 'annual', 'from_year': 2024, 'to_year': "
                   "2024, 'title': '计划', 'reviewed_at': 'm9'}]"),
               "/alliances/0/plans/0/reviewed_at", "unknown meeting key \"m9\"");
    /* A decision is looked up in the meeting named beside it, even when it comes first. */
    expect_one(DOC(", 'bodies': [{'key': 's', 'kind': 'secretariat', 'name': '秘书处', 'posts': "
                   "[{'person': 'li', 'role': 'secretary_general', 'from': '2024-02-01', "
                   "'appointed_at': {'meeting': 'm1', 'decision': 'd2'}}]}], 'meetings': "
                   "[" MEETING "]"),
               "/alliances/0/bodies/0/posts/0/appointed_at/decision",
               "unknown decision key \"d2\" in meeting \"m1\"");
    expect_valid(DOC(", 'bodies': [{'key': 's', 'kind': 'secretariat', 'name': '秘书处', 'posts': "
                     "[{'person': 'li', 'role': 'secretary_general', 'from': '2024-02-01', "
                     "'appointed_at': {'meeting': 'm1', 'decision': 'd1'}}]}], 'meetings': "
                     "[" MEETING "]"));
    /* Meetings are named within their alliance. */
    expect_one("{" HEAD JUR ORGS PEOPLE
               "'alliances': [{'key': 'a1', 'jurisdiction': 'cast', 'name': '甲', 'status': "
               "'active', 'meetings': [" MEETING "]}, {'key': 'a2', 'jurisdiction': 'cast', "
               "'name': '乙', 'status': 'active', 'plans': [{'key': 'p', 'kind': 'annual', "
               "'from_year': 2024, 'to_year': 2024, 'title': '计划', 'reviewed_at': 'm1'}]}]}",
               "/alliances/1/plans/0/reviewed_at", "unknown meeting key \"m1\"");
    expect_one(DOC(LEDGER(BANK ", " DUES, FUND,
                          "{'key': 't1', 'date': '2024-01-01', 'postings': [{'account': 'cash', "
                          "'fund': 'general', 'amount_fen': 100}, {'account': 'dues', 'fund': "
                          "'general', 'amount_fen': -100}]}")),
               "/alliances/0/ledger/transactions/0/postings/0/account",
               "unknown account key \"cash\"");
    expect_one(DOC(LEDGER(BANK ", " DUES, FUND,
                          "") ", 'fund_reports': [{'year': 2024, 'raised_fen': 0, 'used_fen': 0, "
                              "'by_fund': [{'fund': 'special', 'raised_fen': 0, 'used_fen': 0}]}]"),
               "/alliances/0/fund_reports/0/by_fund/0/fund", "unknown fund key \"special\"");
    expect_one(DOC(", 'meetings': [{'key': 'm', 'kind': 'presidium', 'title': '会', 'date': "
                   "'2024-01-01', 'status': 'held', 'minutes': {'distributed_to': ['zhang', "
                   "'zhao']}}]"),
               "/alliances/0/meetings/0/minutes/distributed_to/1", "unknown person key \"zhao\"");
}

static void test_parent_cycle(void **state)
{
    (void)state;
    const char *p[] = {"/jurisdictions/0/parent", "jurisdiction \"a\" would be its own ancestor",
                       "/jurisdictions/1/parent", "jurisdiction \"b\" would be its own ancestor"};
    expect("{" HEAD "'jurisdictions': [{'key': 'a', 'name': '甲', 'short_name': '甲', 'parent': "
           "'b'}, {'key': 'b', 'name': '乙', 'short_name': '乙', 'parent': 'a'}, {'key': 'c', "
           "'name': '丙', 'short_name': '丙', 'parent': 'a'}], 'organisations': [], 'people': [], "
           "'alliances': []}",
           2, p);
}

static void test_uscc(void **state)
{
    (void)state;
    expect_one("{" HEAD JUR "'organisations': [{'key': 'caa', 'name': '中国自动化学会', 'kind': "
               "'national_society', 'uscc': '51100000500002862E'}], 'people': [], "
               "'alliances': []}",
               "/organisations/0/uscc",
               "\"51100000500002862E\" has a wrong check character: expected F");
    expect_one("{" HEAD JUR "'organisations': [{'key': 'caa', 'name': '中国自动化学会', 'kind': "
               "'national_society', 'uscc': '51100000500002862f'}], 'people': [], "
               "'alliances': []}",
               "/organisations/0/uscc",
               "\"51100000500002862f\" is not a unified social credit code: 18 characters of 0-9 "
               "and A-Z without I, O, S, V, Z, characters 3-8 digits");
}

static void test_ledger(void **state)
{
    (void)state;
    expect_one(DOC(LEDGER(BANK ", " DUES, FUND,
                          "{'key': 't1', 'date': '2024-01-01', 'postings': [{'account': 'bank', "
                          "'fund': 'general', 'amount_fen': 100}, {'account': 'dues', 'fund': "
                          "'general', 'amount_fen': -50}]}")),
               "/alliances/0/ledger/transactions/0/postings", "postings sum to 50 fen, not 0");
    expect_one(DOC(LEDGER(BANK, FUND,
                          "{'key': 't1', 'date': '2024-01-01', 'postings': [{'account': 'bank', "
                          "'fund': 'general', 'amount_fen': 0}]}")),
               "/alliances/0/ledger/transactions/0/postings",
               "a transaction needs at least two postings");
    expect_one(DOC(LEDGER(BANK ", " DUES, FUND,
                          "{'key': 't1', 'date': '2024-01-01', 'postings': [{'account': 'bank', "
                          "'fund': 'general', 'amount_fen': 100.0}, {'account': 'dues', 'fund': "
                          "'general', 'amount_fen': -100}]}")),
               "/alliances/0/ledger/transactions/0/postings/0/amount_fen",
               "expected an integer number of fen, not a decimal number");
    expect_one(DOC(LEDGER(BANK ", " DUES, FUND,
                          "{'key': 't1', 'date': '2024-01-01', 'postings': [{'account': 'bank', "
                          "'fund': 'general', 'amount_fen': 9223372036854775807}, {'account': "
                          "'dues', 'fund': 'general', 'amount_fen': 1}]}")),
               "/alliances/0/ledger/transactions/0/postings",
               "the amounts are too large to add up");
    expect_one(DOC(", 'ledger': {'accounts': [], 'funds': []}"), "/alliances/0/ledger/transactions",
               "required field missing");
    expect_valid(DOC(LEDGER(BANK ", " DUES, FUND,
                            "{'key': 't1', 'date': '2024-01-01', 'postings': [{'account': 'bank', "
                            "'fund': 'general', 'amount_fen': 100}, {'account': 'dues', 'fund': "
                            "'general', 'amount_fen': -60}, {'account': 'dues', 'fund': "
                            "'general', 'amount_fen': -40}]}")));
}

static void test_text_limits(void **state)
{
    (void)state;
    /* 201 characters of 汉 (3 bytes each) */
    char name[201 * 3 + 1] = "";
    for (int i = 0; i < 201; i++)
        memcpy(name + 3 * i, "汉", 4);
    buf b = {0};
    buf_puts(&b, "{" HEAD JUR ORGS PEOPLE "'alliances': [{'key': 'im', 'jurisdiction': 'cast', "
                 "'name': '");
    buf_puts(&b, name);
    buf_puts(&b, "', 'status': 'active'}]}");
    expect_one(buf_str(&b), "/alliances/0/name",
               "must have 1 to 200 characters after trimming (has 201)");
    /* 200 are fine, and surrounding spaces (ASCII and U+3000) are trimmed, not counted */
    buf_reset(&b);
    buf_puts(&b, "{" HEAD JUR ORGS PEOPLE "'alliances': [{'key': 'im', 'jurisdiction': 'cast', "
                 "'name': ' \xe3\x80\x80");
    buf_append(&b, name, 200 * 3);
    buf_puts(&b, " ', 'status': 'active'}]}");
    expect_valid(buf_str(&b));
    expect_one("{" HEAD JUR ORGS PEOPLE "'alliances': [{'key': 'im', 'jurisdiction': 'cast', "
               "'name': '   ', 'status': 'active'}]}",
               "/alliances/0/name", "must have 1 to 200 characters after trimming (has 0)");
    expect_one("{" HEAD JUR ORGS PEOPLE "'alliances': [{'key': 'im', 'jurisdiction': 'cast', "
               "'name': '联合\\n体', 'status': 'active'}]}",
               "/alliances/0/name", "must not contain control characters (line breaks, tabs)");
    expect_one(DOC(", 'established': {'date': '2024-01-01', 'by': 'cast', 'ref': '"
                   "123456789012345678901234567890123456789012345678901234567890"
                   "123456789012345678901234567890123456789012345678901234567890"
                   "123456789012345678901234567890123456789012345678901234567890"
                   "123456789012345678901'}"),
               "/alliances/0/established/ref", "must have at most 200 characters (has 201)");
    /* Markdown: 1 MiB, in bytes */
    buf_reset(&b);
    buf_puts(&b, "{" HEAD JUR ORGS PEOPLE "'alliances': [{'key': 'im', 'jurisdiction': 'cast', "
                 "'name': '联合体', 'status': 'active', 'charters': [{'version': 1, 'text': '");
    for (int i = 0; i < 1024 * 1024 + 1; i++)
        buf_putc(&b, 'x');
    buf_puts(&b, "'}]}]}");
    expect_one(buf_str(&b), "/alliances/0/charters/0/text",
               "must be at most 1 MiB (has 1048577 bytes)");
    buf_free(&b);
}

/* The trimmed name is what the document holds afterwards (and what import writes). */
static void test_names_trimmed(void **state)
{
    (void)state;
    char *text = q("{" HEAD JUR ORGS PEOPLE "'alliances': [{'key': 'im', 'jurisdiction': 'cast', "
                   "'name': ' \\u3000联合体\\t', 'status': 'active'}]}");
    struct ds_report rep;
    ds_report_init(&rep);
    json_t *doc = ds_validate(text, strlen(text), NULL, &rep);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(doc, "alliances"), 0), "name")),
                        "联合体");
    json_decref(doc);
    ds_report_free(&rep);
    free(text);
}

static void test_bodies(void **state)
{
    (void)state;
    expect_one(DOC(", 'bodies': [{'key': 'p1', 'kind': 'presidium', 'name': '主席团'}, {'key': "
                   "'w', 'kind': 'working_committee', 'name': '工委'}, {'key': 'w2', 'kind': "
                   "'working_committee', 'name': '工委二'}, {'key': 'p2', 'kind': 'presidium', "
                   "'name': '主席团二'}]"),
               "/alliances/0/bodies/3/kind",
               "at most one body of kind \"presidium\" per alliance (the first is "
               "/alliances/0/bodies/0)");
    expect_one(DOC(", 'bodies': [{'key': 'p', 'kind': 'presidium', 'name': '主席团', 'posts': "
                   "[{'person': 'li', 'role': 'chair', 'from': '2024-01-01'}, {'person': "
                   "'zhang', 'role': 'director', 'from': '2024-01-01'}]}]"),
               "/alliances/0/bodies/0/posts/1/role",
               "\"director\" is not a role in a body of kind \"presidium\": chair, vice_chair, "
               "honorary_chair, member");
}

#define ALIVE "\"alive\" is not one of: proposed, active, dissolving, dissolved, rejected"

/* Every problem is reported, in one pass. */
static void test_all_errors_collected(void **state)
{
    (void)state;
    const char *p[] = {"/organisations/0/uscc",
                       "\"51100000500002862E\" has a wrong check character: expected F",
                       "/people/0/organisation",
                       "unknown organisation key \"nowhere\"",
                       "/alliances/0/status",
                       ALIVE,
                       "/alliances/0/members/0/joined_on",
                       "\"2018-02-30\" is not a real date"};
    expect("{" HEAD JUR "'organisations': [{'key': 'caa', 'name': '中国自动化学会', 'kind': "
           "'national_society', 'uscc': '51100000500002862E'}], 'people': [{'key': 'zhang', "
           "'name': '张三', 'organisation': 'nowhere'}], 'alliances': [{'key': 'im', "
           "'jurisdiction': 'cast', 'name': '联合体', 'status': 'alive', 'members': "
           "[{'organisation': 'caa', 'role': 'initiator', 'joined_on': '2018-02-30'}]}]}",
           4, p);
}

/* A flood of problems is cut at DS_MAX_ERRORS, counting the rest. */
static void test_error_cap(void **state)
{
    (void)state;
    buf b = {0};
    buf_puts(&b, "{\"format\": \"lianheti-dataset\", \"version\": 1, \"jurisdictions\": [], "
                 "\"organisations\": [], \"people\": [");
    for (int i = 0; i < 1500; i++)
        buf_printf(&b, "%s{\"key\": \"P%d\", \"name\": \"x\"}", i ? ", " : "", i);
    buf_puts(&b, "], \"alliances\": []}");
    struct ds_report rep;
    ds_report_init(&rep);
    assert_null(ds_validate(buf_str(&b), b.len, NULL, &rep));
    assert_int_equal(rep.nerrors, DS_MAX_ERRORS);
    assert_int_equal(rep.dropped, 500);
    json_t *details = ds_errors_json(&rep);
    assert_int_equal(json_array_size(details), DS_MAX_ERRORS + 1);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(details, DS_MAX_ERRORS), "message")),
        "500 more problems not listed");
    json_decref(details);
    ds_report_free(&rep);
    buf_free(&b);
}

static void test_too_large(void **state)
{
    (void)state;
    struct ds_report rep;
    ds_report_init(&rep);
    /* Only the length is looked at before refusing. */
    static const char byte = '{';
    assert_null(ds_validate(&byte, (size_t)DS_INPUT_MAX + 1, NULL, &rep));
    assert_int_equal(rep.nerrors, 1);
    assert_string_equal(rep.errors[0].message, "the dataset is larger than 64 MiB");
    ds_report_free(&rep);
}

/* --- on a database ------------------------------------------------------------------------- */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return buf_steal(&b);
}

static const struct actor operator_actor = {.kind = ACTOR_OPERATOR, .login = "test"};

static struct actor user_with(const struct role_row *role)
{
    return (struct actor){.kind = ACTOR_USER, .login = "u", .roles = role, .nroles = 1};
}

static bool import(db *d, const struct actor *who, const char *text, size_t len, unsigned flags,
                   struct fail *f, struct ds_report *rep)
{
    memset(f, 0, sizeof *f);
    ds_report_init(rep);
    return ds_import(d, who, text, len, flags, rep, f);
}

static void test_import_export_fixture(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    size_t len;
    char *text = read_file(LH_SOURCE_DIR "/tests/fixtures/canonical-full.json", &len);
    struct ds_report rep;
    struct fail f;

    /* A dry run writes nothing but counts. */
    assert_true(import(d, &operator_actor, text, len, DS_DRY_RUN, &f, &rep));
    assert_int_equal(rep.import_id, 0);
    assert_int_equal(rep.counts[DS_ALLIANCES], 3);
    ds_report_free(&rep);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM alliances"), 0);

    assert_true(import(d, &operator_actor, text, len, 0, &f, &rep));
    assert_true(rep.import_id > 0);
    assert_int_equal(rep.counts[DS_JURISDICTIONS], 2);
    assert_int_equal(rep.counts[DS_ORGANISATIONS], 5);
    assert_int_equal(rep.counts[DS_PEOPLE], 4);
    assert_int_equal(rep.counts[DS_MEMBERS], 5);
    assert_int_equal(rep.counts[DS_POSTS], 5);
    assert_int_equal(rep.counts[DS_DECISIONS], 2);
    assert_int_equal(rep.counts[DS_POSTINGS], 7);
    assert_int_equal(rep.counts[DS_ATTENDEES], 3);
    unsigned char hash[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(hash, (const unsigned char *)text, len);
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    assert_string_equal(rep.sha256, hex);
    ds_report_free(&rep);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM postings"), 7);
    assert_int_equal(sql_int(t.path, "SELECT sum(amount_fen) FROM postings"), 0);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM audit_log WHERE action = "
                                     "'dataset.import' AND subject = 'import:1'"),
                     1);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM people WHERE import_id = 1"), 4);
    char sha[80];
    sql_text(t.path, "SELECT sha256 FROM imports WHERE id = 1", sha, sizeof sha);
    assert_string_equal(sha, hex);

    /* The export is the fixture, byte for byte (it is written canonically). */
    buf out = {0};
    assert_true(ds_export(d, &operator_actor, NULL, &out, &f));
    assert_int_equal(out.len, len);
    assert_memory_equal(out.data, text, len);
    buf_free(&out);

    /* The same file again: every top-level key exists already; nothing is written. */
    assert_false(import(d, &operator_actor, text, len, 0, &f, &rep));
    assert_int_equal(f.kind, FAIL_INVALID);
    assert_int_equal(rep.nerrors, 2 + 5 + 4 + 3);
    assert_string_equal(rep.errors[0].pointer, "/jurisdictions/0/key");
    assert_string_equal(rep.errors[0].message, "jurisdiction \"cast\" is in the database already "
                                               "(import with replace to update it)");
    assert_string_equal(rep.errors[13].pointer, "/alliances/2/key");
    ds_report_free(&rep);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM imports"), 1);

    /* --replace: the alliances are replaced, with everything in them; no duplicates. */
    assert_true(import(d, &operator_actor, text, len, DS_REPLACE, &f, &rep));
    ds_report_free(&rep);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM postings"), 7);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM members"), 5);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM people WHERE import_id = 2"), 4);
    assert_true(ds_export(d, &operator_actor, NULL, &out, &f));
    assert_memory_equal(out.data, text, len);
    buf_free(&out);

    /* One alliance: it, and the records it names (transitively: the people's organisations and
     * the organisations' presidents, the jurisdiction's parent). */
    assert_true(ds_export(d, &operator_actor, "bj-proposed", &out, &f));
    json_t *one = json_loads(buf_str(&out), 0, NULL);
    assert_non_null(one);
    assert_int_equal(json_array_size(json_object_get(one, "alliances")), 1);
    assert_int_equal(json_array_size(json_object_get(one, "jurisdictions")), 2);
    assert_int_equal(json_array_size(json_object_get(one, "organisations")), 1);
    assert_int_equal(json_array_size(json_object_get(one, "people")), 0);
    json_decref(one);
    buf_free(&out);
    assert_true(ds_export(d, &operator_actor, "smart-mfg", &out, &f));
    one = json_loads(buf_str(&out), 0, NULL);
    assert_int_equal(json_array_size(json_object_get(one, "jurisdictions")), 1);
    assert_int_equal(json_array_size(json_object_get(one, "organisations")), 4);
    assert_int_equal(json_array_size(json_object_get(one, "people")), 4);
    json_decref(one);
    buf_free(&out);
    assert_false(ds_export(d, &operator_actor, "nope", &out, &f));
    assert_int_equal(f.kind, FAIL_NOT_FOUND);
    buf_free(&out);

    db_close(d);
    free(text);
    tmpdb_remove(&t);
}

/* Nothing is written when any record is wrong, even the last. */
static void test_import_atomic(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    char *text = q(DOC(", 'members': [{'organisation': 'caa', 'role': 'initiator', 'joined_on': "
                       "'2024-01-01'}, {'organisation': 'cmes', 'role': 'initiator', "
                       "'joined_on': '2024-01-32'}]"));
    struct ds_report rep;
    struct fail f;
    assert_false(import(d, &operator_actor, text, strlen(text), 0, &f, &rep));
    assert_int_equal(f.kind, FAIL_INVALID);
    assert_int_equal(rep.nerrors, 1);
    ds_report_free(&rep);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM organisations"), 0);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM imports"), 0);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM audit_log"), 0);
    free(text);

    /* An organisation name held by another key in the database is refused up front. */
    text = q("{" HEAD JUR "'organisations': [{'key': 'a', 'name': '学会', 'kind': 'other'}], "
             "'people': [], 'alliances': []}");
    assert_true(import(d, &operator_actor, text, strlen(text), 0, &f, &rep));
    ds_report_free(&rep);
    free(text);
    text = q("{" HEAD "'jurisdictions': [], 'organisations': [{'key': 'b', 'name': '学会', "
             "'kind': 'other'}], 'people': [], 'alliances': []}");
    assert_false(import(d, &operator_actor, text, strlen(text), DS_REPLACE, &f, &rep));
    assert_int_equal(rep.nerrors, 1);
    assert_string_equal(rep.errors[0].pointer, "/organisations/0/name");
    assert_string_equal(rep.errors[0].message,
                        "organisation name \"学会\" belongs to organisation \"a\" in the database");
    ds_report_free(&rep);
    free(text);
    db_close(d);
    tmpdb_remove(&t);
}

/* Import is for CAST officers in the alliances' jurisdictions; administrators have no right on
 * business data at all. Export needs a business role for the alliance or its jurisdiction. */
static void test_rights(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    char *text = q(DOC(""));
    size_t len = strlen(text);
    struct ds_report rep;
    struct fail f;
    const char *admins[] = {"sysadmin", "secadmin", "auditor"};
    for (size_t i = 0; i < 3; i++) {
        struct role_row role = {admins[i], ""};
        struct actor who = user_with(&role);
        assert_false(import(d, &who, text, len, 0, &f, &rep));
        assert_int_equal(f.kind, FAIL_FORBIDDEN);
        ds_report_free(&rep);
        buf out = {0};
        assert_false(ds_export(d, &who, NULL, &out, &f));
        assert_int_equal(f.kind, FAIL_FORBIDDEN);
        buf_free(&out);
    }
    struct role_row other = {"cast_officer", "bjast"};
    struct actor officer_bj = user_with(&other);
    assert_false(import(d, &officer_bj, text, len, 0, &f, &rep));
    assert_int_equal(f.kind, FAIL_FORBIDDEN);
    ds_report_free(&rep);
    struct role_row sec = {"secretariat", "im"};
    struct actor secretariat = user_with(&sec);
    assert_false(import(d, &secretariat, text, len, 0, &f, &rep));
    assert_int_equal(f.kind, FAIL_FORBIDDEN);
    ds_report_free(&rep);
    assert_int_equal(sql_int(t.path, "SELECT count(*) FROM alliances"), 0);

    struct role_row cast = {"cast_officer", "cast"};
    struct actor officer = user_with(&cast);
    assert_true(import(d, &officer, text, len, 0, &f, &rep));
    ds_report_free(&rep);
    char actor[64];
    sql_text(t.path, "SELECT actor FROM imports", actor, sizeof actor);
    assert_string_equal(actor, "user:u");

    buf out = {0};
    assert_true(ds_export(d, &officer, NULL, &out, &f));
    buf_free(&out);
    assert_true(ds_export(d, &secretariat, "im", &out, &f));
    buf_free(&out);
    assert_false(ds_export(d, &secretariat, NULL, &out, &f)); /* everything: not theirs */
    assert_int_equal(f.kind, FAIL_FORBIDDEN);
    assert_false(ds_export(d, &officer_bj, "im", &out, &f));
    assert_int_equal(f.kind, FAIL_FORBIDDEN);
    buf_free(&out);
    free(text);
    db_close(d);
    tmpdb_remove(&t);
}

/* The demo dataset, when the checkout has one, is valid. */
static void test_demo_valid(void **state)
{
    (void)state;
    FILE *f = fopen(LH_SOURCE_DIR "/data/demo.json", "rb");
    if (!f) {
        skip();
        return;
    }
    fclose(f);
    size_t len;
    char *text = read_file(LH_SOURCE_DIR "/data/demo.json", &len);
    struct ds_report rep;
    ds_report_init(&rep);
    json_t *doc = ds_validate(text, len, NULL, &rep);
    for (size_t i = 0; i < rep.nerrors; i++)
        print_message("data/demo.json %s: %s\n", rep.errors[i].pointer, rep.errors[i].message);
    assert_non_null(doc);
    json_decref(doc);
    ds_report_free(&rep);
    free(text);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_minimal),
        cmocka_unit_test(test_invalid_json),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_unknown_field),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_missing_required),
        cmocka_unit_test(test_bad_enum),
        cmocka_unit_test(test_bad_dates),
        cmocka_unit_test(test_bad_keys),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_dangling_references),
        cmocka_unit_test(test_parent_cycle),
        cmocka_unit_test(test_uscc),
        cmocka_unit_test(test_ledger),
        cmocka_unit_test(test_text_limits),
        cmocka_unit_test(test_names_trimmed),
        cmocka_unit_test(test_bodies),
        cmocka_unit_test(test_all_errors_collected),
        cmocka_unit_test(test_error_cap),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_import_export_fixture),
        cmocka_unit_test(test_import_atomic),
        cmocka_unit_test(test_rights),
        cmocka_unit_test(test_demo_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
