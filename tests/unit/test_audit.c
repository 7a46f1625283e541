/* Unit tests for the audit trail: appending needs a transaction, an untouched chain verifies, and
 * every way of tampering with the file behind the program's back (editing, removing, forging a
 * record, relinking it) is caught at the right record. The hash itself is checked against an
 * independent computation with OpenSSL following the encoding audit.c documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <inttypes.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <sqlite3.h>

#include "audit/audit.h"
#include "store/db.h"
#include "store/store.h"
#include "testutil.h"

#define N_RECORDS  5
#define ZERO_HASH  "0000000000000000000000000000000000000000000000000000000000000000"
#define OTHER_HASH "1000000000000000000000000000000000000000000000000000000000000000"
#define FAKE_HASH  "abababababababababababababababababababababababababababababababab"

/* --- an independent implementation of the record hash ------------------------------------- */

static void feed(EVP_MD_CTX *ctx, const char *s)
{
    char len[32];
    size_t n = s ? strlen(s) : 0;
    int k = snprintf(len, sizeof len, "%zu:", n);
    assert_int_equal(EVP_DigestUpdate(ctx, len, (size_t)k), 1);
    if (n)
        assert_int_equal(EVP_DigestUpdate(ctx, s, n), 1);
}

/* The hash of a record as audit.c documents it: every field, each preceded by its length in
 * decimal and a colon, in the order alg, prev_hash, seq, at, actor, action, subject, details. */
static void reference_hash(const char *md_name, const char *alg, const char *prev, int64_t seq,
                           const char *at, const char *actor, const char *action,
                           const char *subject, const char *details, char out[129])
{
    EVP_MD *md = EVP_MD_fetch(NULL, md_name, NULL);
    assert_non_null(md);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    assert_non_null(ctx);
    assert_int_equal(EVP_DigestInit_ex(ctx, md, NULL), 1);
    char seqs[32];
    snprintf(seqs, sizeof seqs, "%" PRId64, seq);
    feed(ctx, alg);
    feed(ctx, prev);
    feed(ctx, seqs);
    feed(ctx, at);
    feed(ctx, actor);
    feed(ctx, action);
    feed(ctx, subject);
    feed(ctx, details);
    unsigned char dig[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    assert_int_equal(EVP_DigestFinal_ex(ctx, dig, &len), 1);
    for (unsigned i = 0; i < len; i++)
        snprintf(out + 2 * i, 3, "%02x", dig[i]);
    out[2 * len] = '\0';
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
}

static void digest_hex(const char *md_name, const char *data, char out[129])
{
    unsigned char dig[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_MD *md = EVP_MD_fetch(NULL, md_name, NULL);
    assert_non_null(md);
    assert_int_equal(EVP_Digest(data, strlen(data), dig, &len, md, NULL), 1);
    EVP_MD_free(md);
    for (unsigned i = 0; i < len; i++)
        snprintf(out + 2 * i, 3, "%02x", dig[i]);
    out[2 * len] = '\0';
}

/* --- helpers ------------------------------------------------------------------------------ */

struct chain {
    struct tmpdb t;
    db *d;
};

/* A fresh database with N_RECORDS committed records. */
static void chain_make(struct chain *c)
{
    tmpdb_make(&c->t);
    c->d = open_migrated(c->t.path);
    assert_int_equal(db_begin(c->d), DB_OK);
    for (int i = 1; i <= N_RECORDS; i++) {
        char action[32], subject[32], details[64];
        snprintf(action, sizeof action, "test.action%d", i);
        snprintf(subject, sizeof subject, "user:u%d", i);
        snprintf(details, sizeof details, "{\"n\":%d,\"name\":\"\\u5f20\"}", i);
        assert_int_equal(audit_append(c->d, "operator:test", action, subject, details), DB_OK);
    }
    assert_int_equal(db_commit(c->d), DB_OK);
}

static void chain_free(struct chain *c)
{
    db_close(c->d);
    tmpdb_remove(&c->t);
}

/* As cmocka fixtures, so a failing assertion still closes and removes the database. */
static int chain_setup(void **state)
{
    struct chain *c = calloc(1, sizeof *c);
    assert_non_null(c);
    chain_make(c);
    *state = c;
    return 0;
}

static int chain_teardown(void **state)
{
    struct chain *c = *state;
    chain_free(c);
    free(c);
    return 0;
}

static int64_t count_records(const char *path)
{
    return sql_int(path, "SELECT count(*) FROM audit_log");
}

/* Verifies and expects a break at bad_seq, with `why` containing the given words. */
static void expect_broken(db *d, int64_t bad_seq, const char *why)
{
    struct audit_report rep;
    assert_int_equal(audit_verify(d, &rep), 1);
    assert_int_equal(rep.bad_seq, bad_seq);
    if (why && !strstr(rep.why, why))
        fail_msg("why is \"%s\", expected it to mention \"%s\"", rep.why, why);
}

/* --- tests -------------------------------------------------------------------------------- */

static void test_algorithm(void **state)
{
    (void)state;
    /* OpenSSL 3 on this machine has SM3, so new records use it. */
    assert_string_equal(audit_algorithm(), "sm3");
    /* And EVP's SM3 is the real one (GB/T 32905 example 1: "abc"). */
    char h[129];
    digest_hex("SM3", "abc", h);
    assert_string_equal(h, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

static void test_hash_known_and_stable(void **state)
{
    (void)state;
    const char *prev = ZERO_HASH;
    char a[129], b[129], ref[129];
    assert_true(audit_hash("sm3", prev, 1, "2026-11-29T18:38:07+08:00", "user:admin",
                           "account.create", "user:zhang.san", "{\"name\":\"\\u5f20\\u4e09\"}", a));
    assert_true(audit_hash("sm3", prev, 1, "2026-11-29T18:38:07+08:00", "user:admin",
                           "account.create", "user:zhang.san", "{\"name\":\"\\u5f20\\u4e09\"}", b));
    assert_string_equal(a, b);
    assert_int_equal(strlen(a), 64); /* SM3 is 256 bits */
    for (size_t i = 0; i < 64; i++)
        assert_non_null(strchr("0123456789abcdef", a[i]));
    reference_hash("SM3", "sm3", prev, 1, "2026-11-29T18:38:07+08:00", "user:admin",
                   "account.create", "user:zhang.san", "{\"name\":\"\\u5f20\\u4e09\"}", ref);
    assert_string_equal(a, ref);

    /* SHA-256 records stay verifiable too. */
    assert_true(audit_hash("sha256", prev, 7, "t", "actor", "action", "subject", "{}", a));
    reference_hash("SHA256", "sha256", prev, 7, "t", "actor", "action", "subject", "{}", ref);
    assert_string_equal(a, ref);
    assert_int_equal(strlen(a), 64);

    /* Unknown algorithms are refused. */
    assert_false(audit_hash("md5", prev, 1, "t", "a", "b", "c", "{}", a));
    assert_false(audit_hash("SM3", prev, 1, "t", "a", "b", "c", "{}", a));
    assert_false(audit_hash("", prev, 1, "t", "a", "b", "c", "{}", a));

    /* Every field counts, and the length prefixes keep field boundaries apart. */
    char base[129], x[129];
    assert_true(audit_hash("sm3", prev, 1, "t", "ab", "c", "s", "{}", base));
    assert_true(audit_hash("sm3", prev, 1, "t", "a", "bc", "s", "{}", x));
    assert_string_not_equal(base, x);
    assert_true(audit_hash("sm3", prev, 2, "t", "ab", "c", "s", "{}", x));
    assert_string_not_equal(base, x);
    assert_true(audit_hash("sm3", prev, 1, "u", "ab", "c", "s", "{}", x));
    assert_string_not_equal(base, x);
    assert_true(audit_hash("sm3", prev, 1, "t", "ab", "c", "s2", "{}", x));
    assert_string_not_equal(base, x);
    assert_true(audit_hash("sm3", prev, 1, "t", "ab", "c", "s", "{ }", x));
    assert_string_not_equal(base, x);
    assert_true(audit_hash("sm3", OTHER_HASH, 1, "t", "ab", "c", "s", "{}", x));
    assert_string_not_equal(base, x);
    assert_true(audit_hash("sha256", prev, 1, "t", "ab", "c", "s", "{}", x));
    assert_string_not_equal(base, x);
}

static void test_append_needs_transaction(void **state)
{
    (void)state;
    struct tmpdb t;
    tmpdb_make(&t);
    db *d = open_migrated(t.path);
    assert_int_equal(audit_append(d, "operator:x", "a", "s", "{}"), DB_ERR);
    assert_int_equal(count_records(t.path), 0);
    assert_int_equal(sql_int(t.path, "SELECT seq FROM audit_head"), 0);

    /* A record appended in a transaction that rolls back leaves no trace either. */
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(audit_append(d, "operator:x", "a", "s", "{}"), DB_OK);
    db_rollback(d);
    assert_int_equal(count_records(t.path), 0);
    struct audit_report rep;
    assert_int_equal(audit_verify(d, &rep), 0);
    assert_int_equal(rep.checked, 0);
    assert_int_equal(rep.bad_seq, 0);

    /* Inside a transaction it works; NULL details are stored as "{}". */
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(audit_append(d, "operator:x", "a", "s", NULL), DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    assert_int_equal(count_records(t.path), 1);
    char det[64];
    sql_text(t.path, "SELECT details FROM audit_log WHERE seq = 1", det, sizeof det);
    assert_string_equal(det, "{}");
    assert_int_equal(audit_verify(d, &rep), 0);
    assert_int_equal(rep.checked, 1);
    db_close(d);
    tmpdb_remove(&t);
}

struct collected {
    int n;
    int64_t seq[N_RECORDS + 2];
    char prev[N_RECORDS + 2][129], hash[N_RECORDS + 2][129];
    bool ok;
};

/* Checks each stored record against the reference hash and collects the links. */
static bool collect(const struct audit_row *r, void *ctx)
{
    struct collected *c = ctx;
    char ref[129];
    reference_hash("SM3", r->alg, r->prev_hash, r->seq, r->at, r->actor, r->action, r->subject,
                   r->details, ref);
    if (strcmp(r->alg, "sm3") != 0 || strcmp(ref, r->hash) != 0)
        c->ok = false;
    c->seq[c->n] = r->seq;
    snprintf(c->prev[c->n], 129, "%s", r->prev_hash);
    snprintf(c->hash[c->n], 129, "%s", r->hash);
    c->n++;
    return c->n < N_RECORDS + 2;
}

static void test_chain_verifies(void **state)
{
    struct chain *c = *state;
    struct audit_report rep;
    assert_int_equal(audit_verify(c->d, &rep), 0);
    assert_int_equal(rep.checked, N_RECORDS);
    assert_int_equal(rep.bad_seq, 0);
    assert_int_equal(count_records(c->t.path), N_RECORDS);

    /* Each record's hash is the reference hash of its fields, and links to the one before. */
    struct collected got = {.ok = true};
    assert_int_equal(st_audit_each(c->d, collect, &got), DB_OK);
    assert_true(got.ok);
    assert_int_equal(got.n, N_RECORDS);
    for (int i = 0; i < N_RECORDS; i++) {
        assert_int_equal(got.seq[i], i + 1);
        assert_string_equal(got.prev[i], i == 0 ? ZERO_HASH : got.hash[i - 1]);
    }
    /* The head names the last record. */
    int64_t head_seq;
    char head_hash[129];
    assert_int_equal(st_audit_head(c->d, &head_seq, head_hash), DB_ROW);
    assert_int_equal(head_seq, N_RECORDS);
    assert_string_equal(head_hash, got.hash[N_RECORDS - 1]);

    /* A later append continues the chain. */
    assert_int_equal(db_begin(c->d), DB_OK);
    assert_int_equal(audit_append(c->d, "user:x", "more", "user:y", "{}"), DB_OK);
    assert_int_equal(db_commit(c->d), DB_OK);
    assert_int_equal(audit_verify(c->d, &rep), 0);
    assert_int_equal(rep.checked, N_RECORDS + 1);
}

static void test_tamper_update_details(void **state)
{
    struct chain *c = *state;
    sql_exec(c->t.path, "UPDATE audit_log SET details = '{\"n\":99}' WHERE seq = 3");
    expect_broken(c->d, 3, "contents");
}

static void test_tamper_update_other_fields(void **state)
{
    (void)state;
    static const char *const edits[] = {
        "UPDATE audit_log SET actor = 'operator:someone' WHERE seq = 2",
        "UPDATE audit_log SET action = 'nothing' WHERE seq = 2",
        "UPDATE audit_log SET subject = 'user:other' WHERE seq = 2",
        "UPDATE audit_log SET at = '2020-01-01T00:00:00+08:00' WHERE seq = 2",
        "UPDATE audit_log SET hash = '" ZERO_HASH "' WHERE seq = 2",
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        struct chain c;
        chain_make(&c);
        sql_exec(c.t.path, edits[i]);
        expect_broken(c.d, 2, NULL);
        chain_free(&c);
    }
    /* Switching a record to an algorithm verify does not know. */
    struct chain c;
    chain_make(&c);
    sql_exec(c.t.path, "UPDATE audit_log SET alg = 'md5' WHERE seq = 4");
    expect_broken(c.d, 4, "algorithm");
    chain_free(&c);
}

static void test_tamper_delete_middle(void **state)
{
    (void)state;
    struct chain c;
    chain_make(&c);
    sql_exec(c.t.path, "DELETE FROM audit_log WHERE seq = 3");
    expect_broken(c.d, 3, "missing");
    chain_free(&c);

    /* The first record too. */
    chain_make(&c);
    sql_exec(c.t.path, "DELETE FROM audit_log WHERE seq = 1");
    expect_broken(c.d, 1, "missing");
    chain_free(&c);
}

static void test_tamper_delete_last(void **state)
{
    (void)state;
    struct chain c;
    chain_make(&c);
    sql_exec(c.t.path, "DELETE FROM audit_log WHERE seq = 5");
    expect_broken(c.d, 5, "missing");
    chain_free(&c);

    /* The last two. */
    chain_make(&c);
    sql_exec(c.t.path, "DELETE FROM audit_log WHERE seq >= 4");
    expect_broken(c.d, 4, "missing");
    chain_free(&c);

    /* All of them. */
    chain_make(&c);
    sql_exec(c.t.path, "DELETE FROM audit_log");
    expect_broken(c.d, 1, NULL);
    chain_free(&c);
}

static void test_tamper_insert_forged(void **state)
{
    struct chain *c = *state;
    char last[129], sql[1024];
    sql_text(c->t.path, "SELECT hash FROM audit_log WHERE seq = 5", last, sizeof last);
    /* The next number, linked to the real last record, but with a made-up hash. */
    snprintf(sql, sizeof sql,
             "INSERT INTO audit_log (seq, at, actor, action, subject, details, alg, prev_hash, "
             "hash) VALUES (6, '2026-01-01T00:00:00+08:00', 'user:mallory', 'role.grant', "
             "'user:mallory', '{}', 'sm3', '%s', '%s')",
             last, FAKE_HASH);
    sql_exec(c->t.path, sql);
    expect_broken(c->d, 6, "contents");
}

/* A forger who knows the algorithm computes a correct hash for the extra record but cannot move
 * the head without it showing elsewhere; the record past the head is the one to report. */
static void test_tamper_insert_forged_with_valid_hash(void **state)
{
    struct chain *c = *state;
    char last[129], forged[129], sql[1024];
    sql_text(c->t.path, "SELECT hash FROM audit_log WHERE seq = 5", last, sizeof last);
    const char *at = "2026-01-01T00:00:00+08:00";
    assert_true(
        audit_hash("sm3", last, 6, at, "user:mallory", "role.grant", "user:mallory", "{}", forged));
    snprintf(sql, sizeof sql,
             "INSERT INTO audit_log (seq, at, actor, action, subject, details, alg, prev_hash, "
             "hash) VALUES (6, '%s', 'user:mallory', 'role.grant', 'user:mallory', '{}', 'sm3', "
             "'%s', '%s')",
             at, last, forged);
    sql_exec(c->t.path, sql);
    struct audit_report rep;
    assert_int_equal(audit_verify(c->d, &rep), 1);
    assert_int_equal(rep.checked, 6);
    /* Records 1-5 are intact and end where the head says; record 6 is the forgery. */
    assert_int_equal(rep.bad_seq, 6);
}

static void test_tamper_prev_hash(void **state)
{
    (void)state;
    struct chain c;
    chain_make(&c);
    sql_exec(c.t.path, "UPDATE audit_log SET prev_hash = '" ZERO_HASH "' WHERE seq = 4");
    expect_broken(c.d, 4, "previous hash");
    chain_free(&c);

    /* Relinking with the hash recomputed to match still breaks at that record: its prev_hash no
     * longer names the record before it. */
    chain_make(&c);
    char at[64], fixed[129], sql[512];
    sql_text(c.t.path, "SELECT at FROM audit_log WHERE seq = 4", at, sizeof at);
    assert_true(audit_hash("sm3", ZERO_HASH, 4, at, "operator:test", "test.action4", "user:u4",
                           "{\"n\":4,\"name\":\"\\u5f20\"}", fixed));
    snprintf(sql, sizeof sql,
             "UPDATE audit_log SET prev_hash = '" ZERO_HASH "', hash = '%s' WHERE seq = 4", fixed);
    sql_exec(c.t.path, sql);
    expect_broken(c.d, 4, "previous hash");
    chain_free(&c);
}

static void test_tamper_head(void **state)
{
    (void)state;
    struct chain c;
    chain_make(&c);
    sql_exec(c.t.path, "UPDATE audit_head SET hash = '" ZERO_HASH "'");
    struct audit_report rep;
    assert_int_equal(audit_verify(c.d, &rep), 1);
    assert_true(rep.bad_seq >= 1);
    chain_free(&c);

    chain_make(&c);
    sql_exec(c.t.path, "DELETE FROM audit_head");
    assert_int_equal(audit_verify(c.d, &rep), 1);
    assert_non_null(strstr(rep.why, "head"));
    /* And appending refuses rather than starting a new chain. */
    assert_int_equal(db_begin(c.d), DB_OK);
    assert_int_not_equal(audit_append(c.d, "operator:x", "a", "s", "{}"), DB_OK);
    db_rollback(c.d);
    chain_free(&c);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_algorithm),
        cmocka_unit_test(test_hash_known_and_stable),
        cmocka_unit_test(test_append_needs_transaction),
        cmocka_unit_test_setup_teardown(test_chain_verifies, chain_setup, chain_teardown),
        cmocka_unit_test_setup_teardown(test_tamper_update_details, chain_setup, chain_teardown),
        cmocka_unit_test(test_tamper_update_other_fields),
        cmocka_unit_test(test_tamper_delete_middle),
        cmocka_unit_test(test_tamper_delete_last),
        cmocka_unit_test_setup_teardown(test_tamper_insert_forged, chain_setup, chain_teardown),
        cmocka_unit_test_setup_teardown(test_tamper_insert_forged_with_valid_hash, chain_setup,
                                        chain_teardown),
        cmocka_unit_test(test_tamper_prev_hash),
        cmocka_unit_test(test_tamper_head),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
