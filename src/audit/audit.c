/* Hash chain over the audit records. The hash input is every field of the record, each preceded
 * by its length, so no choice of field contents can make two different records hash alike. */
#include "audit/audit.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/i18n.h"
#include <openssl/evp.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const char *default_alg = "sha256";
static pthread_once_t alg_once = PTHREAD_ONCE_INIT;

static void pick_alg(void)
{
    EVP_MD *md = EVP_MD_fetch(NULL, "SM3", NULL);
    if (md) {
        default_alg = "sm3";
        EVP_MD_free(md);
    }
}

const char *audit_algorithm(void)
{
    pthread_once(&alg_once, pick_alg);
    return default_alg;
}

static void feed(EVP_MD_CTX *ctx, const char *s)
{
    char len[24];
    size_t n = s ? strlen(s) : 0;
    int k = snprintf(len, sizeof len, "%zu:", n);
    EVP_DigestUpdate(ctx, len, (size_t)k);
    if (n)
        EVP_DigestUpdate(ctx, s, n);
}

bool audit_hash(const char *alg, const char *prev_hash, int64_t seq, const char *at,
                const char *actor, const char *action, const char *subject, const char *details,
                char out[129])
{
    const char *name = strcmp(alg, "sm3") == 0      ? "SM3"
                       : strcmp(alg, "sha256") == 0 ? "SHA256"
                                                    : NULL;
    if (!name)
        return false;
    EVP_MD *md = EVP_MD_fetch(NULL, name, NULL);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = md && ctx && EVP_DigestInit_ex(ctx, md, NULL);
    if (ok) {
        char seqs[24];
        snprintf(seqs, sizeof seqs, "%" PRId64, seq);
        feed(ctx, alg);
        feed(ctx, prev_hash);
        feed(ctx, seqs);
        feed(ctx, at);
        feed(ctx, actor);
        feed(ctx, action);
        feed(ctx, subject);
        feed(ctx, details);
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        ok = EVP_DigestFinal_ex(ctx, digest, &len) && len * 2 < 129;
        for (unsigned i = 0; ok && i < len; i++)
            snprintf(out + 2 * i, 3, "%02x", digest[i]);
    }
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
    return ok;
}

int audit_append(db *d, const char *actor, const char *action, const char *subject,
                 const char *details)
{
    if (!db_in_transaction(d)) {
        fprintf(stderr, "lianheti: audit record outside a transaction\n");
        return DB_ERR;
    }
    struct audit_row r = {.actor = actor,
                          .action = action,
                          .subject = subject,
                          .details = details ? details : "{}",
                          .alg = audit_algorithm()};
    char prev[129], hash[129], at[32];
    int rc = st_audit_advance(d, &r.seq, prev);
    if (rc != DB_OK)
        return rc;
    clock_rfc3339(clock_now(), at);
    r.at = at;
    r.prev_hash = prev;
    if (!audit_hash(r.alg, prev, r.seq, r.at, r.actor, r.action, r.subject, r.details, hash))
        return DB_ERR;
    r.hash = hash;
    rc = st_audit_insert(d, &r);
    if (rc != DB_DONE)
        return rc < 0 ? rc : DB_ERR;
    rc = st_audit_set_head(d, hash);
    return rc == DB_DONE ? DB_OK : rc;
}

struct walk {
    struct audit_report *rep;
    int64_t expect_seq;
    char prev[129];
};

static bool check_one(const struct audit_row *r, void *ctx)
{
    struct walk *w = ctx;
    w->rep->checked++;
    char hash[129];
    const char *why = NULL;
    if (r->seq != w->expect_seq)
        why = r->seq > w->expect_seq ? N_("records before it are missing")
                                     : N_("sequence out of order");
    else if (strcmp(r->prev_hash ? r->prev_hash : "", w->prev) != 0)
        why = N_("its previous hash does not match the record before it");
    else if (!audit_hash(r->alg ? r->alg : "", r->prev_hash, r->seq, r->at, r->actor, r->action,
                         r->subject, r->details, hash))
        why = N_("unknown hash algorithm");
    else if (strcmp(hash, r->hash ? r->hash : "") != 0)
        why = N_("its contents do not match its hash");
    if (why) {
        /* A gap is reported at the first missing number: that is the record that was removed. */
        w->rep->bad_seq = r->seq > w->expect_seq ? w->expect_seq : r->seq;
        snprintf(w->rep->why, sizeof w->rep->why, "%s", why);
        return false;
    }
    snprintf(w->prev, sizeof w->prev, "%s", r->hash);
    w->expect_seq++;
    return true;
}

static int verify_in_snapshot(db *d, struct audit_report *rep);

/* The records and the head are read in one snapshot: a write committed between the two reads
 * must not look like records missing from the end. */
int audit_verify(db *d, struct audit_report *rep)
{
    bool own = !db_in_transaction(d);
    if (own && db_begin_read(d) != DB_OK)
        return -1;
    int rc = verify_in_snapshot(d, rep);
    if (own)
        db_rollback(d); /* nothing was written: ending the read is all */
    return rc;
}

static int verify_in_snapshot(db *d, struct audit_report *rep)
{
    memset(rep, 0, sizeof *rep);
    struct walk w = {.rep = rep, .expect_seq = 1};
    memset(w.prev, '0', 64);
    w.prev[64] = '\0';
    if (st_audit_each(d, check_one, &w) != DB_OK)
        return -1;
    if (rep->bad_seq)
        return 1;
    int64_t head_seq;
    char head_hash[129];
    if (st_audit_head(d, &head_seq, head_hash) != DB_ROW) {
        snprintf(rep->why, sizeof rep->why, N_("the chain's head record is missing"));
        rep->bad_seq = w.expect_seq;
        return 1;
    }
    int64_t last = w.expect_seq - 1;
    if (head_seq < last) {
        /* Records past the head were added behind the program's back: the first of them. */
        rep->bad_seq = head_seq + 1;
        snprintf(rep->why, sizeof rep->why, N_("it was added after the trail's last record"));
        return 1;
    }
    if (head_seq > last) {
        rep->bad_seq = last + 1;
        snprintf(rep->why, sizeof rep->why, N_("records at the end of the trail are missing"));
        return 1;
    }
    if (strcmp(head_hash, w.prev) != 0) {
        rep->bad_seq = last > 0 ? last : 1;
        snprintf(rep->why, sizeof rep->why, N_("it does not match the trail's head"));
        return 1;
    }
    return 0;
}
