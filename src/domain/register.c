/* The alliance register's operations (register.h). Each follows accounts.c's pattern:
 *   validate input -> check the right -> BEGIN -> read, decide, write -> audit -> COMMIT,
 * and every refusal that a norm is behind names its article (第N条) and a rule id, in the
 * comment here and in the fail. The effects of decisions (the end of the file) run inside the
 * approval workflow's transaction (approvals.c). */
#include "domain/register.h"
#include "rules/norms.h"
#include "domain/tx.h"
#include "store/register.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/rows.h"
#include "util/text.h"
#include "util/uscc.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void today(char out[11])
{
    clock_date(clock_now(), out);
}

static bool forbidden(struct fail *f)
{
    return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
}

/* --- names ----------------------------------------------------------------------------------- */

/* White space a pasted name may carry at either end: ASCII blanks, U+00A0, U+3000. */
static size_t space_at(const char *s, size_t avail)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
        return 1;
    if (avail >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (avail >= 3 && c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

/* The name without the white space around it, in a (NULL stays NULL). */
static const char *trim(arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s), start = 0, end = n, k;
    while (start < end && (k = space_at(s + start, end - start)))
        start += k;
    for (bool more = true; more && end > start;) {
        more = false;
        for (size_t w = 1; w <= 3 && w <= end - start; w++)
            if (space_at(s + end - w, w) == w) {
                end -= w;
                more = true;
                break;
            }
    }
    return arena_strndup(a, s + start, end - start);
}

/* A name as dataset.md has them: 1 to 200 characters, no control characters. */
static const char *name_shape_problem(const char *name)
{
    if (!name || !*name)
        return N_("A name is required.");
    if (!utf8_valid(name, strlen(name)))
        return N_("The name is not valid UTF-8.");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
            return N_("A name must not contain control characters (line breaks, tabs).");
    if (utf8_len(name) > 200)
        return N_("A name has at most 200 characters.");
    return NULL;
}

const char *reg_name_problem(const char *name, const char *prefix)
{
    const char *why = name_shape_problem(name);
    if (why)
        return why;
    /* 第十八条: the name begins with "中国科协" (a local association's own short name, 第二十二条),
     * and says something after it. */
    if (!norm_name_prefixed(name, prefix) || name[strlen(prefix)] == '\0')
        return N_("The name of an alliance must begin with the jurisdiction's name prefix "
                  "(Article 18), e.g. 中国科协….");
    return NULL;
}

/* The A18 refusal for field `field`. */
static bool refuse_name(struct fail *f, const char *why, const char *field)
{
    bool prefix = strstr(why, "Article 18") != NULL;
    return fail_norm(f, FAIL_INVALID, prefix ? "name_prefix" : "invalid_name", field, why,
                     prefix ? 18 : 0, prefix ? "A18.name-prefix" : NULL);
}

/* --- reading inside a transaction ------------------------------------------------------------ */

static bool ended(const struct rg_alliance *al)
{
    return strcmp(al->status, "dissolved") == 0 || strcmp(al->status, "rejected") == 0;
}

static char *subject_of(arena *a, const char *kind, const char *alliance, const char *rest)
{
    return rest ? arena_printf(a, "%s:%s/%s", kind, alliance, rest)
                : arena_printf(a, "%s:%s", kind, alliance);
}

/* The key "PREFIX-N" not yet taken: N from the table's largest id, then up. exists answers
 * DB_ROW when a key is taken. */
static int new_key(db *d, arena *a, const char *prefix, int (*max_id)(db *, int64_t *),
                   bool (*taken)(db *, arena *, const char *, int *), const char **key)
{
    int64_t n;
    int rc = max_id(d, &n);
    if (rc != DB_OK)
        return rc;
    for (int tries = 0; tries < 1000; tries++) {
        const char *k = arena_printf(a, "%s-%lld", prefix, (long long)(n + 1 + tries));
        int err = DB_OK;
        if (!taken(d, a, k, &err)) {
            if (err != DB_OK)
                return err;
            *key = k;
            return DB_OK;
        }
    }
    return DB_ERR;
}

static bool alliance_taken(db *d, arena *a, const char *key, int *err)
{
    struct rg_alliance al;
    char t[11];
    today(t);
    int rc = st_rg_alliance(d, a, key, t, &al);
    if (rc < 0)
        *err = rc;
    return rc == DB_ROW;
}

static bool org_taken(db *d, arena *a, const char *key, int *err)
{
    struct rg_org o;
    int rc = st_rg_org_by_key(d, a, key, &o);
    if (rc < 0)
        *err = rc;
    return rc == DB_ROW;
}

/* --- alliances ------------------------------------------------------------------------------- */

bool reg_propose(db *d, arena *a, const struct actor *who, const struct reg_proposal *p,
                 const char **key, int64_t *request_id, struct fail *f)
{
    if (!p->jurisdiction || !key_valid(p->jurisdiction))
        return fail(f, FAIL_INVALID, "invalid_key", "jurisdiction",
                    "The jurisdiction key is not valid.");
    /* CAST registers the initiators' proposal in its own jurisdiction (第一条, 第二十二条). */
    if (!can(who, RIGHT_CAST_DECIDE, p->jurisdiction))
        return forbidden(f);
    const char *name = trim(a, p->name);
    if (p->ninitiators == 0)
        return fail_norm(f, FAIL_INVALID, "initiators_too_few", "initiators",
                         "An alliance is initiated by CAST national societies: name them "
                         "(Article 1).",
                         1, "A01.initiators-too-few");
    for (size_t i = 0; i < p->ninitiators; i++) {
        if (!key_valid(p->initiators[i]))
            return fail(f, FAIL_INVALID, "invalid_key", "initiators",
                        "An organisation key is not valid.");
        for (size_t k = 0; k < i; k++)
            if (strcmp(p->initiators[i], p->initiators[k]) == 0)
                return fail(f, FAIL_INVALID, "duplicate_initiator", "initiators",
                            "An initiator is named twice.");
    }
    if (p->comment && utf8_len(p->comment) > COMMENT_MAX)
        return fail(f, FAIL_INVALID, "invalid_comment", "comment",
                    "The comment has at most 2000 characters.");

    int rc = db_begin(d);
    if (rc != DB_OK)
        return fail_db(f, rc);
    struct rg_jurisdiction j;
    rc = st_rg_jurisdiction(d, a, p->jurisdiction, &j);
    if (rc == DB_DONE) {
        tx_refuse(d);
        return fail(f, FAIL_INVALID, "unknown_jurisdiction", "jurisdiction",
                    "There is no such jurisdiction.");
    }
    if (rc != DB_ROW)
        return tx_abort(d, rc, f);
    /* 第十八条 (第二十二条 for a local association's prefix). */
    const char *why = reg_name_problem(name, j.short_name);
    if (why) {
        tx_refuse(d);
        return refuse_name(f, why, "name");
    }
    /* 第一条: initiated by CAST national societies, at least min_initiators of them. */
    int64_t min = j.min_initiators >= 1 ? j.min_initiators : NORM_DEFAULT_MIN_INITIATORS;
    if (j.min_initiators == 0)
        min = 1;
    if ((int64_t)p->ninitiators < min) {
        tx_refuse(d);
        return fail_norm(f, FAIL_INVALID, "initiators_too_few", "initiators",
                         "An alliance needs at least as many initiating national societies as "
                         "its jurisdiction asks (Article 1; two unless the jurisdiction says "
                         "otherwise).",
                         1, "A01.initiators-too-few");
    }
    struct rg_org *orgs = arena_alloc(a, p->ninitiators * sizeof *orgs);
    for (size_t i = 0; i < p->ninitiators; i++) {
        rc = st_rg_org_by_key(d, a, p->initiators[i], &orgs[i]);
        if (rc == DB_DONE) {
            tx_refuse(d);
            return fail(f, FAIL_INVALID, "unknown_organisation", "initiators",
                        "An initiator is not in the register of organisations.");
        }
        if (rc != DB_ROW)
            return tx_abort(d, rc, f);
        if (strcmp(orgs[i].kind, "national_society") != 0) {
            tx_refuse(d);
            return fail_norm(f, FAIL_INVALID, "initiator_not_national_society", "initiators",
                             "Only CAST national societies may initiate an alliance (Article 1).",
                             1, "A01.initiator-not-national-society");
        }
        /* 第四条: members, initiators included, are legally registered in China. */
        if (!orgs[i].uscc || !*orgs[i].uscc) {
            tx_refuse(d);
            return fail_norm(f, FAIL_INVALID, "not_registered", "initiators",
                             "A member must be registered in China: the organisation has no "
                             "unified social credit code (Article 4).",
                             4, "A04.member-not-registered");
        }
    }
    rc = new_key(d, a, "a", st_rg_alliance_max_id, alliance_taken, key);
    int64_t id;
    if (rc == DB_OK)
        rc = st_rg_alliance_insert(d, *key, j.id, name, "proposed", &id);
    if (rc != DB_OK)
        return tx_abort(d, rc, f);
    char t[11];
    today(t);
    json_t *inits = json_array();
    for (size_t i = 0; i < p->ninitiators; i++) {
        int64_t mid;
        rc =
            st_rg_member_insert(d, id, orgs[i].id, "initiator", t, NULL, NULL, NULL, 0, NULL, &mid);
        if (rc != DB_OK) {
            json_decref(inits);
            return tx_abort(d, rc, f);
        }
        json_array_append_new(inits, json_string(orgs[i].key));
    }
    /* 第二十一条: establishment waits for the standing committee. */
    json_t *payload = json_pack("{s:s, s:O}", "name", name, "initiators", inits);
    if (!ap_submit_in_tx(d, who, "establishment", id, subject_of(a, "alliance", *key, NULL),
                         payload, p->comment, request_id, f)) {
        json_decref(inits);
        return false;
    }
    json_t *det = json_pack("{s:s, s:s, s:o, s:I}", "jurisdiction", j.key, "name", name,
                            "initiators", inits, "request", (json_int_t)*request_id);
    return tx_audit(d, who, "alliance.propose", subject_of(a, "alliance", *key, NULL), det, f) &&
           tx_commit(d, f);
}

bool reg_rename(db *d, const struct actor *who, const char *alliance, const char *name,
                struct fail *f)
{
    arena *a = arena_new();
    bool ok = false;
    name = trim(a, name);
    struct rg_alliance al;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    if (!tx_alliance(d, a, who, alliance, RIGHT_CAST_DECIDE, RIGHT_ALLIANCE_EDIT, true, &al, f))
        goto out;
    /* 第十八条, checked on every rename as on creation. */
    const char *why = reg_name_problem(name, al.jurisdiction_short);
    if (why) {
        tx_refuse(d);
        refuse_name(f, why, "name");
        goto out;
    }
    if ((rc = st_rg_alliance_set_name(d, al.id, name)) != DB_OK) {
        tx_abort(d, rc, f);
        goto out;
    }
    ok = tx_audit(d, who, "alliance.rename", subject_of(a, "alliance", al.key, NULL),
                  json_pack("{s:s, s:s}", "from", al.name, "to", name), f) &&
         tx_commit(d, f);
out:
    arena_free(a);
    return ok;
}

bool reg_dissolve(db *d, const struct actor *who, const char *alliance, const char *comment,
                  int64_t *request_id, struct fail *f)
{
    if (comment && utf8_len(comment) > COMMENT_MAX)
        return fail(f, FAIL_INVALID, "invalid_comment", "comment",
                    "The comment has at most 2000 characters.");
    arena *a = arena_new();
    bool ok = false;
    struct rg_alliance al;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    if (!tx_alliance(d, a, who, alliance, RIGHT_ALLIANCE_EDIT, RIGHT_CAST_DECIDE, false, &al, f))
        goto out;
    if (strcmp(al.status, "active") != 0) {
        tx_refuse(d);
        fail(f, FAIL_CONFLICT, "not_active", NULL, "Only an active alliance can be dissolved.");
        goto out;
    }
    /* 第二十一条: dissolving, until the standing committee decides. */
    if ((rc = st_rg_alliance_set_status(d, al.id, "dissolving")) != DB_OK) {
        tx_abort(d, rc, f);
        goto out;
    }
    const char *subj = subject_of(a, "alliance", al.key, NULL);
    ok = ap_submit_in_tx(d, who, "dissolution", al.id, subj, json_object(), comment, request_id,
                         f) &&
         tx_audit(
             d, who, "alliance.dissolve", subj,
             json_pack("{s:s, s:I}", "status", "dissolving", "request", (json_int_t)*request_id),
             f) &&
         tx_commit(d, f);
out:
    arena_free(a);
    return ok;
}

/* --- charters -------------------------------------------------------------------------------- */

/* The current initiators of the alliance (open memberships with role initiator). */
static int initiators_of(db *d, arena *a, int64_t alliance_id, struct rg_member **out, size_t *n)
{
    struct rg_member *m;
    size_t nm;
    int rc = st_rg_members(d, a, alliance_id, &m, &nm);
    if (rc != DB_OK)
        return rc;
    *out = arena_alloc(a, (nm ? nm : 1) * sizeof **out);
    *n = 0;
    for (size_t i = 0; i < nm; i++)
        if (strcmp(m[i].role, "initiator") == 0 && !m[i].left_on)
            (*out)[(*n)++] = m[i];
    return DB_OK;
}

static int org_id_of(db *d, arena *a, const char *key, int64_t *id)
{
    struct rg_org o;
    int rc = st_rg_org_by_key(d, a, key, &o);
    if (rc == DB_ROW)
        *id = o.id;
    return rc;
}

bool reg_charter_draft(db *d, const struct actor *who, const char *alliance, const char *text,
                       const char *const *drafters, size_t ndrafters, int64_t *version,
                       struct fail *f)
{
    if (!text || !*text)
        return fail(f, FAIL_INVALID, "missing_text", "text", "The charter's text is required.");
    if (strlen(text) > MARKDOWN_MAX)
        return fail(f, FAIL_INVALID, "too_long", "text",
                    "The text is larger than 1 MiB (1,048,576 bytes of UTF-8).");
    if (!utf8_valid(text, strlen(text)))
        return fail(f, FAIL_INVALID, "invalid_utf8", "text", "The text is not valid UTF-8.");
    arena *a = arena_new();
    bool ok = false;
    struct rg_alliance al;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    if (!tx_alliance(d, a, who, alliance, RIGHT_ALLIANCE_EDIT, RIGHT_NONE, true, &al, f))
        goto out;
    struct rg_member *init;
    size_t ninit;
    if ((rc = initiators_of(d, a, al.id, &init, &ninit)) != DB_OK) {
        tx_abort(d, rc, f);
        goto out;
    }
    /* 第二条: the charter is drafted jointly by the initiating societies. */
    if (ninit == 0) {
        tx_refuse(d);
        fail_norm(f, FAIL_INVALID, "no_initiators", "drafted_by",
                  "The charter is drafted by the initiating societies, and the alliance has none "
                  "(Article 2).",
                  2, "A02.drafter-not-initiator");
        goto out;
    }
    if (!drafters || ndrafters == 0) {
        const char **all = arena_alloc(a, ninit * sizeof *all);
        for (size_t i = 0; i < ninit; i++)
            all[i] = init[i].org_key;
        drafters = all;
        ndrafters = ninit;
    }
    int64_t *ids = arena_alloc(a, ndrafters * sizeof *ids);
    json_t *keys = json_array();
    for (size_t i = 0; i < ndrafters; i++) {
        bool is_init = false;
        for (size_t k = 0; k < ninit && !is_init; k++)
            is_init = strcmp(init[k].org_key, drafters[i]) == 0;
        for (size_t k = 0; k < i && is_init; k++)
            if (strcmp(drafters[k], drafters[i]) == 0) {
                json_decref(keys);
                tx_refuse(d);
                fail(f, FAIL_INVALID, "duplicate_drafter", "drafted_by",
                     "A drafter is named twice.");
                goto out;
            }
        if (!is_init) {
            json_decref(keys);
            tx_refuse(d);
            fail_norm(f, FAIL_INVALID, "drafter_not_initiator", "drafted_by",
                      "The charter is drafted by the initiating societies: every drafter must be "
                      "a current initiator of the alliance (Article 2).",
                      2, "A02.drafter-not-initiator");
            goto out;
        }
        if ((rc = org_id_of(d, a, drafters[i], &ids[i])) != DB_ROW) {
            json_decref(keys);
            tx_abort(d, rc == DB_DONE ? DB_ERR : rc, f);
            goto out;
        }
        json_array_append_new(keys, json_string(drafters[i]));
    }
    int64_t max, cid;
    rc = st_rg_charter_max_version(d, al.id, &max);
    if (rc == DB_OK)
        rc = st_rg_charter_insert(d, al.id, max + 1, text, &cid);
    for (size_t i = 0; rc == DB_OK && i < ndrafters; i++)
        rc = st_rg_charter_drafter_insert(d, cid, (int64_t)i, ids[i]);
    if (rc != DB_OK) {
        json_decref(keys);
        tx_abort(d, rc, f);
        goto out;
    }
    *version = max + 1;
    ok = tx_audit(d, who, "charter.draft",
                  subject_of(a, "charter", al.key, arena_printf(a, "%lld", (long long)*version)),
                  json_pack("{s:I, s:o, s:I}", "version", (json_int_t)*version, "drafted_by", keys,
                            "bytes", (json_int_t)strlen(text)),
                  f) &&
         tx_commit(d, f);
out:
    arena_free(a);
    return ok;
}

bool reg_charter_submit(db *d, const struct actor *who, const char *alliance, int64_t version,
                        const char *comment, int64_t *request_id, struct fail *f)
{
    if (comment && utf8_len(comment) > COMMENT_MAX)
        return fail(f, FAIL_INVALID, "invalid_comment", "comment",
                    "The comment has at most 2000 characters.");
    arena *a = arena_new();
    bool ok = false;
    struct rg_alliance al;
    struct rg_charter c;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    if (!tx_alliance(d, a, who, alliance, RIGHT_ALLIANCE_EDIT, RIGHT_NONE, true, &al, f))
        goto out;
    rc = st_rg_charter(d, a, al.id, version, &c);
    if (rc != DB_ROW) {
        if (rc == DB_DONE) {
            tx_refuse(d);
            fail(f, FAIL_NOT_FOUND, "not_found", NULL, "The alliance has no such charter version.");
        } else {
            tx_abort(d, rc, f);
        }
        goto out;
    }
    if (c.submitted_on || c.approved_date) {
        tx_refuse(d);
        fail(f, FAIL_CONFLICT, "already_submitted", NULL,
             "This version has been submitted already; draft a new version to change it.");
        goto out;
    }
    char t[11];
    today(t);
    if ((rc = st_rg_charter_submit(d, c.id, t)) != DB_OK) {
        tx_abort(d, rc, f);
        goto out;
    }
    /* 第二条: the charter goes to CAST for approval. */
    const char *subj =
        subject_of(a, "charter", al.key, arena_printf(a, "%lld", (long long)version));
    ok = ap_submit_in_tx(d, who, "charter", al.id, subj,
                         json_pack("{s:I}", "version", (json_int_t)version), comment, request_id,
                         f) &&
         tx_audit(d, who, "charter.submit", subj,
                  json_pack("{s:I, s:s, s:I}", "version", (json_int_t)version, "submitted_on", t,
                            "request", (json_int_t)*request_id),
                  f) &&
         tx_commit(d, f);
out:
    arena_free(a);
    return ok;
}

/* --- members --------------------------------------------------------------------------------- */

static bool date_or_today(const char *in, char t[11], const char **out, const char *field,
                          struct fail *f)
{
    if (!in || !*in) {
        *out = t;
        return true;
    }
    if (!date_valid(in))
        return fail(f, FAIL_INVALID, "invalid_date", field, "Expected a date as YYYY-MM-DD.");
    *out = in;
    return true;
}

bool reg_member_add(db *d, const struct actor *who, const char *alliance, const struct reg_join *j,
                    int64_t *request_id, struct fail *f)
{
    *request_id = 0;
    char t[11];
    today(t);
    const char *joined, *ack_date;
    if (!j->organisation || !key_valid(j->organisation))
        return fail(f, FAIL_INVALID, "invalid_key", "organisation",
                    "The organisation key is not valid.");
    if (!date_or_today(j->joined_on, t, &joined, "joined_on", f))
        return false;
    /* 第四条: a member unit accepts the alliance's charter. */
    if (j->ack_version <= 0)
        return fail_norm(f, FAIL_INVALID, "charter_not_acknowledged", "charter_ack",
                         "A member unit must accept the alliance's charter: record the version "
                         "it accepted (Article 4).",
                         4, "A04.charter-not-acknowledged");
    ack_date = joined;
    if (j->ack_date && *j->ack_date && !date_or_today(j->ack_date, t, &ack_date, "charter_ack", f))
        return false;
    if (j->comment && utf8_len(j->comment) > COMMENT_MAX)
        return fail(f, FAIL_INVALID, "invalid_comment", "comment",
                    "The comment has at most 2000 characters.");
    arena *a = arena_new();
    bool ok = false;
    struct rg_alliance al;
    struct rg_org o;
    struct rg_member m;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    if (!tx_alliance(d, a, who, alliance, RIGHT_ALLIANCE_EDIT, RIGHT_NONE, false, &al, f))
        goto out;
    if (strcmp(al.status, "active") != 0) {
        tx_refuse(d);
        fail(f, FAIL_CONFLICT, "not_active", NULL,
             "Members join an active alliance (one the standing committee has approved).");
        goto out;
    }
    rc = st_rg_org_by_key(d, a, j->organisation, &o);
    if (rc != DB_ROW) {
        if (rc == DB_DONE) {
            tx_refuse(d);
            fail(f, FAIL_INVALID, "unknown_organisation", "organisation",
                 "The organisation is not in the register of organisations.");
        } else {
            tx_abort(d, rc, f);
        }
        goto out;
    }
    /* 第四条: member units are legally registered in China. */
    if (!o.uscc || !*o.uscc) {
        tx_refuse(d);
        fail_norm(f, FAIL_INVALID, "not_registered", "organisation",
                  "A member must be registered in China: the organisation has no unified social "
                  "credit code (Article 4).",
                  4, "A04.member-not-registered");
        goto out;
    }
    rc = st_rg_member_open(d, a, al.id, o.key, &m);
    if (rc == DB_ROW) {
        tx_refuse(d);
        fail(f, FAIL_CONFLICT, "already_member", "organisation",
             "The organisation is a member of the alliance already.");
        goto out;
    }
    if (rc != DB_DONE) {
        tx_abort(d, rc, f);
        goto out;
    }
    /* 第四条: the charter accepted is the alliance's current (approved) one. */
    if (al.charter_version == 0 || j->ack_version != al.charter_version) {
        tx_refuse(d);
        fail_norm(f, FAIL_INVALID, "charter_not_current", "charter_ack",
                  al.charter_version == 0
                      ? N_("The alliance has no approved charter for a member to accept "
                           "(Articles 2 and 4).")
                      : N_("A member unit accepts the alliance's current charter: the version "
                           "given is not the approved one in force (Article 4)."),
                  4, "A04.charter-not-acknowledged");
        goto out;
    }
    const char *subj = subject_of(a, "member", al.key, o.key);
    if (strcmp(o.kind, "national_society") == 0) {
        /* 第四条: a CAST national society joins only with CAST's approval; until then it is
         * not a member. */
        json_t *payload =
            json_pack("{s:s, s:s, s:{s:I, s:s}}", "organisation", o.key, "joined_on", joined,
                      "charter_ack", "version", (json_int_t)j->ack_version, "date", ack_date);
        ok = ap_submit_in_tx(d, who, "join", al.id, subj, payload, j->comment, request_id, f) &&
             tx_commit(d, f);
        goto out;
    }
    int64_t mid;
    rc = st_rg_member_insert(d, al.id, o.id, "member", joined, NULL, NULL, NULL, j->ack_version,
                             ack_date, &mid);
    if (rc != DB_OK) {
        tx_abort(d, rc, f);
        goto out;
    }
    ok = tx_audit(d, who, "member.add", subj,
                  json_pack("{s:s, s:s, s:{s:I, s:s}}", "organisation", o.key, "joined_on", joined,
                            "charter_ack", "version", (json_int_t)j->ack_version, "date", ack_date),
                  f) &&
         tx_commit(d, f);
out:
    arena_free(a);
    return ok;
}

bool reg_member_leave(db *d, const struct actor *who, const char *alliance, const char *org,
                      const char *left_on, const char *comment, int64_t *request_id, struct fail *f)
{
    *request_id = 0;
    char t[11];
    today(t);
    const char *left;
    if (!org || !key_valid(org))
        return fail(f, FAIL_INVALID, "invalid_key", "organisation",
                    "The organisation key is not valid.");
    if (!date_or_today(left_on, t, &left, "left_on", f))
        return false;
    if (comment && utf8_len(comment) > COMMENT_MAX)
        return fail(f, FAIL_INVALID, "invalid_comment", "comment",
                    "The comment has at most 2000 characters.");
    arena *a = arena_new();
    bool ok = false;
    struct rg_alliance al;
    struct rg_member m;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    if (!tx_alliance(d, a, who, alliance, RIGHT_ALLIANCE_EDIT, RIGHT_NONE, false, &al, f))
        goto out;
    rc = st_rg_member_open(d, a, al.id, org, &m);
    if (rc != DB_ROW) {
        if (rc == DB_DONE) {
            tx_refuse(d);
            fail(f, FAIL_NOT_FOUND, "not_member", "organisation",
                 "The organisation is not a current member of the alliance.");
        } else {
            tx_abort(d, rc, f);
        }
        goto out;
    }
    if (strcmp(left, m.joined_on) < 0) {
        tx_refuse(d);
        fail(f, FAIL_INVALID, "left_before_joined", "left_on",
             "A member cannot leave before it joined.");
        goto out;
    }
    const char *subj = subject_of(a, "member", al.key, org);
    if (strcmp(m.org_kind, "national_society") == 0) {
        /* 第四条: leaving, too, needs CAST's approval; the member stays until then. */
        ok = ap_submit_in_tx(d, who, "leave", al.id, subj,
                             json_pack("{s:s, s:s}", "organisation", org, "left_on", left), comment,
                             request_id, f) &&
             tx_commit(d, f);
        goto out;
    }
    if ((rc = st_rg_member_leave(d, m.id, left, NULL, NULL, NULL)) != DB_OK) {
        tx_abort(d, rc, f);
        goto out;
    }
    ok = tx_audit(d, who, "member.leave", subj,
                  json_pack("{s:s, s:s}", "organisation", org, "left_on", left), f) &&
         tx_commit(d, f);
out:
    arena_free(a);
    return ok;
}

/* --- organisations --------------------------------------------------------------------------- */

/* The kinds of dataset.md, and the Chinese names a spreadsheet may use for them. */
static const struct {
    const char *name, *value;
} org_kinds[] = {
    {"national_society", "national_society"},
    {"social_org", "social_org"},
    {"enterprise", "enterprise"},
    {"research_institute", "research_institute"},
    {"university", "university"},
    {"other", "other"},
    {"全国学会", "national_society"},
    {"中国科协所属全国学会", "national_society"},
    {"社会团体", "social_org"},
    {"社会组织", "social_org"},
    {"企业", "enterprise"},
    {"科研机构", "research_institute"},
    {"科研院所", "research_institute"},
    {"高等院校", "university"},
    {"高校", "university"},
    {"其他", "other"},
};

/* The kind as stored, from its value or a Chinese name; NULL when neither. */
static const char *org_kind(const char *s)
{
    for (size_t i = 0; s && i < sizeof org_kinds / sizeof org_kinds[0]; i++)
        if (strcmp(s, org_kinds[i].name) == 0)
            return org_kinds[i].value;
    return NULL;
}

/* Calls report(ctx, field, msgid, detail) for every problem of one organisation's fields,
 * normalising them in o (names trimmed, kind as stored, USCC upper-cased). */
typedef void (*org_report)(void *ctx, const char *field, const char *msgid, const char *detail);

static void org_problems(arena *a, struct reg_org *o, org_report report, void *ctx)
{
    if (o->key && !*o->key)
        o->key = NULL;
    if (o->key && !key_valid(o->key))
        report(ctx, "key",
               N_("A key has 1 to 64 characters of a-z, 0-9, '.', '_' and '-', beginning with a "
                  "letter or digit."),
               o->key);
    o->name = trim(a, o->name);
    const char *why = name_shape_problem(o->name);
    if (why)
        report(ctx, "name", why, NULL);
    const char *raw_kind = trim(a, o->kind);
    o->kind = org_kind(raw_kind);
    if (!o->kind)
        report(ctx, "kind",
               N_("The kind is one of: national_society (全国学会), social_org (社会团体), "
                  "enterprise (企业), research_institute (科研机构), university (高等院校), other "
                  "(其他)."),
               raw_kind && *raw_kind ? raw_kind : NULL);
    const char *u = trim(a, o->uscc);
    if (u && *u) {
        char *up = arena_strdup(a, u);
        for (char *p = up; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        o->uscc = up;
        char expected = 0;
        /* 第四条: members are registered in China; the code must be a real one (GB 32100). */
        switch (uscc_check(up, &expected)) {
        case USCC_OK:
            break;
        case USCC_CHECK:
            report(ctx, "uscc",
                   N_("The unified social credit code has a wrong check character (the last "
                      "one); expected:"),
                   arena_printf(a, "%c", expected));
            break;
        default:
            report(ctx, "uscc",
                   N_("A unified social credit code has 18 characters of 0-9 and A-Z without I, "
                      "O, S, V, Z; characters 3-8 are digits."),
                   up);
        }
    } else {
        o->uscc = NULL;
    }
    const char *en = trim(a, o->english_name);
    o->english_name = en && *en ? en : NULL;
    if (o->english_name && (why = name_shape_problem(o->english_name)))
        report(ctx, "english_name", why, NULL);
}

struct first {
    struct fail *f;
    bool seen;
};

static void first_problem(void *ctx, const char *field, const char *msgid, const char *detail)
{
    struct first *c = ctx;
    (void)detail;
    if (c->seen)
        return;
    c->seen = true;
    if (strcmp(field, "uscc") == 0)
        fail_norm(c->f, FAIL_INVALID, "invalid_uscc", field, msgid, 4, "A04.uscc-invalid");
    else
        fail(c->f, FAIL_INVALID, "invalid_field", field, msgid);
}

bool reg_org_check(arena *a, struct reg_org *o, struct fail *f)
{
    struct first c = {f, false};
    org_problems(a, o, first_problem, &c);
    return !c.seen;
}

static int insert_org(db *d, const struct reg_org *o, int64_t *id)
{
    struct rg_org row = {.key = o->key,
                         .name = o->name,
                         .kind = o->kind,
                         .uscc = o->uscc,
                         .english_name = o->english_name};
    return st_rg_org_insert(d, &row, id);
}

bool reg_org_create(db *d, arena *a, const struct actor *who, struct reg_org *o, const char **key,
                    struct fail *f)
{
    if (!can(who, RIGHT_ORGANISATIONS, NULL))
        return forbidden(f);
    if (!reg_org_check(a, o, f))
        return false;
    int rc = db_begin(d);
    if (rc != DB_OK)
        return fail_db(f, rc);
    struct rg_org other;
    rc = st_rg_org_by_name(d, a, o->name, &other);
    if (rc == DB_ROW) {
        tx_refuse(d);
        return fail(f, FAIL_CONFLICT, "duplicate_name", "name",
                    "An organisation of this name is in the register already.");
    }
    if (rc != DB_DONE)
        return tx_abort(d, rc, f);
    if (o->key) {
        rc = st_rg_org_by_key(d, a, o->key, &other);
        if (rc == DB_ROW) {
            tx_refuse(d);
            return fail(f, FAIL_CONFLICT, "duplicate_key", "key",
                        "An organisation with this key is in the register already.");
        }
        if (rc != DB_DONE)
            return tx_abort(d, rc, f);
    } else if ((rc = new_key(d, a, "o", st_rg_org_max_id, org_taken, &o->key)) != DB_OK) {
        return tx_abort(d, rc, f);
    }
    int64_t id;
    if ((rc = insert_org(d, o, &id)) != DB_OK)
        return tx_abort(d, rc, f);
    *key = o->key;
    json_t *det = json_pack("{s:s, s:s}", "name", o->name, "kind", o->kind);
    if (o->uscc)
        json_object_set_new(det, "uscc", json_string(o->uscc));
    if (o->english_name)
        json_object_set_new(det, "english_name", json_string(o->english_name));
    return tx_audit(d, who, "organisation.create", arena_printf(a, "organisation:%s", o->key), det,
                    f) &&
           tx_commit(d, f);
}

/* --- importing organisations ----------------------------------------------------------------- */

enum col { COL_NONE = -1, COL_KEY, COL_NAME, COL_KIND, COL_USCC, COL_ENGLISH, COL_COUNT };

static const struct {
    enum col col;
    const char *name;
} headings[] = {
    {COL_KEY, "key"},          {COL_KEY, "标识"},
    {COL_KEY, "代码"},         {COL_NAME, "name"},
    {COL_NAME, "名称"},        {COL_NAME, "单位名称"},
    {COL_NAME, "组织名称"},    {COL_KIND, "kind"},
    {COL_KIND, "类型"},        {COL_KIND, "单位类型"},
    {COL_USCC, "uscc"},        {COL_USCC, "统一社会信用代码"},
    {COL_USCC, "信用代码"},    {COL_ENGLISH, "english_name"},
    {COL_ENGLISH, "英文名称"},
};
static const char *const col_fields[COL_COUNT] = {"key", "name", "kind", "uscc", "english_name"};

static enum col heading(arena *a, const char *cell)
{
    const char *h = trim(a, cell);
    char *low = arena_strdup(a, h);
    for (char *p = low; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)
        if (strcmp(low, headings[i].name) == 0)
            return headings[i].col;
    return COL_NONE;
}

#define MAX_PROBLEMS 1000

struct collect {
    arena *a;
    struct reg_import *out;
    size_t cap, row;
};

static void add_problem(struct collect *c, size_t row, const char *column, const char *msgid,
                        const char *detail)
{
    struct reg_import *o = c->out;
    if (o->nproblems == c->cap) {
        if (c->cap >= MAX_PROBLEMS)
            return;
        size_t ncap = c->cap ? c->cap * 2 : 16;
        struct reg_row_problem *p = arena_alloc(c->a, ncap * sizeof *p);
        if (o->nproblems)
            memcpy(p, o->problems, o->nproblems * sizeof *p);
        o->problems = p;
        c->cap = ncap;
    }
    o->problems[o->nproblems++] =
        (struct reg_row_problem){row, column, msgid, detail ? arena_strdup(c->a, detail) : NULL};
}

static void row_problem(void *ctx, const char *field, const char *msgid, const char *detail)
{
    struct collect *c = ctx;
    add_problem(c, c->row, field, msgid, detail);
}

/* Reads the rows into organisations and lists every problem of the file on its own (headings,
 * fields, duplicates within the file). */
static void read_orgs(arena *a, const struct rows *t, struct collect *c)
{
    struct reg_import *o = c->out;
    if (t->n == 0) {
        add_problem(c, 1, NULL, N_("The file has no rows; the first row names the columns."), NULL);
        return;
    }
    int map[ROWS_COLS_MAX];
    bool have[COL_COUNT] = {false};
    const struct row *head = &t->rows[0];
    for (size_t i = 0; i < head->n && i < ROWS_COLS_MAX; i++) {
        map[i] = heading(a, head->cells[i]);
        if (map[i] == COL_NONE) {
            if (*trim(a, head->cells[i]))
                add_problem(c, 1, NULL,
                            N_("Unknown column; the columns are key, name, kind, uscc and "
                               "english_name (or 标识, 名称, 类型, 统一社会信用代码, 英文名称)."),
                            head->cells[i]);
        } else if (have[map[i]]) {
            add_problem(c, 1, col_fields[map[i]], N_("This column is named twice."), NULL);
            map[i] = COL_NONE;
        } else {
            have[map[i]] = true;
        }
    }
    if (!have[COL_NAME] || !have[COL_KIND])
        add_problem(c, 1, !have[COL_NAME] ? "name" : "kind",
                    N_("The first row must name the columns name and kind (名称, 类型)."), NULL);
    if (c->out->nproblems)
        return;
    o->orgs = arena_alloc(a, t->n * sizeof *o->orgs);
    o->rows = arena_alloc(a, t->n * sizeof *o->rows);
    for (size_t r = 1; r < t->n; r++) {
        const struct row *row = &t->rows[r];
        bool blank = true;
        for (size_t i = 0; i < row->n && blank; i++)
            blank = !*trim(a, row->cells[i]);
        if (blank)
            continue;
        const char *v[COL_COUNT] = {NULL};
        for (size_t i = 0; i < head->n && i < ROWS_COLS_MAX; i++)
            if (map[i] != COL_NONE)
                v[map[i]] = rows_cell(t, r, i);
        struct reg_org *g = &o->orgs[o->n];
        *g = (struct reg_org){.key = v[COL_KEY] ? trim(a, v[COL_KEY]) : NULL,
                              .name = v[COL_NAME],
                              .kind = v[COL_KIND],
                              .uscc = v[COL_USCC],
                              .english_name = v[COL_ENGLISH]};
        c->row = r + 1;
        org_problems(a, g, row_problem, c);
        for (size_t k = 0; k < o->n; k++) {
            if (g->key && o->orgs[k].key && strcmp(g->key, o->orgs[k].key) == 0)
                add_problem(c, r + 1, "key", N_("The key is used by an earlier row, number:"),
                            arena_printf(a, "%zu", o->rows[k]));
            if (g->name && o->orgs[k].name && strcmp(g->name, o->orgs[k].name) == 0)
                add_problem(c, r + 1, "name", N_("The name is used by an earlier row, number:"),
                            arena_printf(a, "%zu", o->rows[k]));
        }
        o->rows[o->n++] = r + 1;
    }
    if (o->n == 0 && c->out->nproblems == 0)
        add_problem(c, 2, NULL, N_("The file has no organisations below its heading row."), NULL);
}

/* Checks the organisations against the register (inside a transaction). */
static int against_register(db *d, arena *a, struct collect *c)
{
    struct reg_import *o = c->out;
    for (size_t i = 0; i < o->n; i++) {
        struct rg_org other;
        int rc;
        if (o->orgs[i].key) {
            rc = st_rg_org_by_key(d, a, o->orgs[i].key, &other);
            if (rc == DB_ROW)
                add_problem(c, o->rows[i], "key",
                            N_("An organisation with this key is in the register already."),
                            other.name);
            else if (rc != DB_DONE)
                return rc;
        }
        if (o->orgs[i].name && *o->orgs[i].name) {
            rc = st_rg_org_by_name(d, a, o->orgs[i].name, &other);
            if (rc == DB_ROW)
                add_problem(c, o->rows[i], "name",
                            N_("An organisation of this name is in the register already."),
                            other.key);
            else if (rc != DB_DONE)
                return rc;
        }
    }
    return DB_OK;
}

static int by_row(const void *x, const void *y)
{
    const struct reg_row_problem *p = x, *q = y;
    return (p->row > q->row) - (p->row < q->row);
}

static bool problems_fail(struct reg_import *out, struct fail *f)
{
    /* Problems in row order, each row's in the order found (an insertion sort: stable). */
    for (size_t i = 1; i < out->nproblems; i++)
        for (size_t k = i; k > 0 && by_row(&out->problems[k - 1], &out->problems[k]) > 0; k--) {
            struct reg_row_problem t = out->problems[k];
            out->problems[k] = out->problems[k - 1];
            out->problems[k - 1] = t;
        }
    return fail(f, FAIL_INVALID, "import_problems", NULL,
                "The file has problems; nothing was imported. Correct every row listed and try "
                "again.");
}

bool reg_orgs_import(db *d, arena *a, const struct actor *who, const struct rows *t, bool dry_run,
                     struct reg_import *out, struct fail *f)
{
    memset(out, 0, sizeof *out);
    if (!can(who, RIGHT_ORGANISATIONS, NULL))
        return forbidden(f);
    struct collect c = {.a = a, .out = out};
    read_orgs(a, t, &c);
    if (out->nproblems)
        return problems_fail(out, f);
    int rc = dry_run ? db_begin_read(d) : db_begin(d);
    if (rc != DB_OK)
        return fail_db(f, rc);
    if ((rc = against_register(d, a, &c)) != DB_OK)
        return tx_abort(d, rc, f);
    if (out->nproblems) {
        tx_refuse(d);
        return problems_fail(out, f);
    }
    if (dry_run) {
        tx_refuse(d); /* a read transaction: nothing to keep */
        return true;
    }
    json_t *keys = json_array();
    int64_t next;
    if ((rc = st_rg_org_max_id(d, &next)) != DB_OK) {
        json_decref(keys);
        return tx_abort(d, rc, f);
    }
    for (size_t i = 0; i < out->n; i++) {
        struct reg_org *g = &out->orgs[i];
        /* A generated key is free in the register and not named by any row of the file. */
        while (!g->key) {
            const char *k = arena_printf(a, "o-%lld", (long long)++next);
            bool clash = org_taken(d, a, k, &rc);
            if (rc != DB_OK) {
                json_decref(keys);
                return tx_abort(d, rc, f);
            }
            for (size_t j = 0; j < out->n && !clash; j++)
                clash = out->orgs[j].key && strcmp(out->orgs[j].key, k) == 0;
            if (!clash)
                g->key = k;
        }
        int64_t id;
        rc = insert_org(d, g, &id);
        if (rc != DB_OK) {
            json_decref(keys);
            if (rc == DB_CONSTRAINT) {
                tx_refuse(d);
                return fail(f, FAIL_CONFLICT, "conflict", NULL,
                            "Someone added one of these organisations meanwhile; nothing was "
                            "imported. Try again.");
            }
            return tx_abort(d, rc, f);
        }
        json_array_append_new(keys, json_string(g->key));
    }
    out->imported = out->n;
    json_t *det = json_pack("{s:s, s:I, s:o}", "format", t->format ? t->format : "", "count",
                            (json_int_t)out->n, "keys", keys);
    return tx_audit(d, who, "organisations.import", "organisations", det, f) && tx_commit(d, f);
}

/* --- the effects of decisions ---------------------------------------------------------------- */

/* The alliance a request is about, read inside the decision's transaction; a stale state is a
 * conflict. */
static bool request_alliance(db *d, const struct ap_decision *dc, const char *status,
                             struct rg_alliance *al, struct fail *f)
{
    char t[11];
    today(t);
    int rc = st_rg_alliance(d, dc->a, dc->req->alliance, t, al);
    if (rc != DB_ROW)
        return fail_db(f, rc == DB_DONE ? DB_ERR : rc);
    if (status && strcmp(al->status, status) != 0)
        return fail(f, FAIL_CONFLICT, "stale_state", NULL,
                    "The alliance's state has changed since the request was made.");
    return true;
}

static const char *payload_str(const struct ap_decision *dc, const char *name)
{
    return json_string_value(json_object_get(dc->payload, name));
}

/* The later of two dates: a membership change approved after the date asked for takes effect
 * on the day of the approval (第四条: only with CAST's approval). */
static const char *later(const char *x, const char *y)
{
    return !x ? y : !y ? x : strcmp(x, y) >= 0 ? x : y;
}

/* The alliance leaves status `from` for `to` without an approval to record (a request refused or
 * withdrawn); the new status goes into the audit record's details. */
static bool move_status(db *d, const struct ap_decision *dc, const char *from, const char *to,
                        struct fail *f)
{
    struct rg_alliance al;
    if (!request_alliance(d, dc, from, &al, f))
        return false;
    int rc = st_rg_alliance_set_status(d, al.id, to);
    if (rc != DB_OK)
        return fail_db(f, rc);
    json_object_set_new(dc->details, "status", json_string(to));
    return true;
}

bool reg_on_establishment_approved(db *d, const struct ap_decision *dc, struct fail *f)
{
    struct rg_alliance al;
    if (!request_alliance(d, dc, "proposed", &al, f))
        return false;
    /* 第二条: an alliance works under its charter, approved by CAST: none, no establishment. */
    if (al.charter_version == 0)
        return fail_norm(f, FAIL_INVALID, "charter_missing", NULL,
                         "The alliance has no charter approved by CAST yet; the charter comes "
                         "before establishment (Article 2).",
                         2, "A02.charter-missing");
    /* 第二十一条: established with the standing committee's approval. */
    int rc = st_rg_alliance_established(d, al.id, "active", dc->date, dc->by, dc->ref);
    if (rc != DB_OK)
        return fail_db(f, rc);
    json_object_set_new(dc->details, "status", json_string("active"));
    return true;
}

bool reg_on_establishment_rejected(db *d, const struct ap_decision *dc, struct fail *f)
{
    return move_status(d, dc, "proposed", "rejected", f);
}

bool reg_on_charter_approved(db *d, const struct ap_decision *dc, struct fail *f)
{
    struct rg_alliance al;
    struct rg_charter c;
    if (!request_alliance(d, dc, NULL, &al, f))
        return false;
    if (ended(&al))
        return fail(f, FAIL_CONFLICT, "stale_state", NULL,
                    "The alliance's state has changed since the request was made.");
    json_int_t v = json_integer_value(json_object_get(dc->payload, "version"));
    int rc = st_rg_charter(d, dc->a, al.id, v, &c);
    if (rc == DB_DONE || (rc == DB_ROW && c.approved_date))
        return fail(f, FAIL_CONFLICT, "stale_state", NULL,
                    "The charter version has changed since the request was made.");
    if (rc != DB_ROW)
        return fail_db(f, rc);
    /* 第二条: approved by CAST. */
    if ((rc = st_rg_charter_approve(d, c.id, dc->date, dc->by, dc->ref)) != DB_OK)
        return fail_db(f, rc);
    json_object_set_new(dc->details, "version", json_integer(v));
    return true;
}

bool reg_on_join_approved(db *d, const struct ap_decision *dc, struct fail *f)
{
    struct rg_alliance al;
    struct rg_org o;
    struct rg_member m;
    if (!request_alliance(d, dc, "active", &al, f))
        return false;
    const char *org = payload_str(dc, "organisation");
    int rc = org ? st_rg_org_by_key(d, dc->a, org, &o) : DB_DONE;
    if (rc == DB_DONE)
        return fail(f, FAIL_CONFLICT, "stale_state", NULL,
                    "The organisation is no longer in the register.");
    if (rc != DB_ROW)
        return fail_db(f, rc);
    rc = st_rg_member_open(d, dc->a, al.id, org, &m);
    if (rc == DB_ROW)
        return fail(f, FAIL_CONFLICT, "already_member", NULL,
                    "The organisation is a member of the alliance already.");
    if (rc != DB_DONE)
        return fail_db(f, rc);
    json_t *ack = json_object_get(dc->payload, "charter_ack");
    json_int_t ackv = json_integer_value(json_object_get(ack, "version"));
    const char *ackd = json_string_value(json_object_get(ack, "date"));
    /* 第四条: a member from the day CAST approved it, not before. */
    const char *joined = later(payload_str(dc, "joined_on"), dc->date);
    int64_t mid;
    rc = st_rg_member_insert(d, al.id, o.id, "member", joined, dc->date, dc->by, dc->ref, ackv,
                             later(ackd, NULL), &mid);
    if (rc != DB_OK)
        return fail_db(f, rc);
    json_object_set_new(dc->details, "joined_on", json_string(joined));
    return true;
}

bool reg_on_leave_approved(db *d, const struct ap_decision *dc, struct fail *f)
{
    struct rg_alliance al;
    struct rg_member m;
    if (!request_alliance(d, dc, NULL, &al, f))
        return false;
    const char *org = payload_str(dc, "organisation");
    int rc = org ? st_rg_member_open(d, dc->a, al.id, org, &m) : DB_DONE;
    if (rc == DB_DONE)
        return fail(f, FAIL_CONFLICT, "stale_state", NULL,
                    "The organisation is no longer a member of the alliance.");
    if (rc != DB_ROW)
        return fail_db(f, rc);
    /* 第四条: it leaves once CAST has approved, not before. */
    const char *left = later(payload_str(dc, "left_on"), dc->date);
    if ((rc = st_rg_member_leave(d, m.id, left, dc->date, dc->by, dc->ref)) != DB_OK)
        return fail_db(f, rc);
    json_object_set_new(dc->details, "left_on", json_string(left));
    return true;
}

bool reg_on_dissolution_approved(db *d, const struct ap_decision *dc, struct fail *f)
{
    struct rg_alliance al;
    if (!request_alliance(d, dc, "dissolving", &al, f))
        return false;
    /* 第二十一条: dissolved with the standing committee's approval. */
    int rc = st_rg_alliance_dissolved(d, al.id, "dissolved", dc->date, dc->by, dc->ref);
    if (rc != DB_OK)
        return fail_db(f, rc);
    json_object_set_new(dc->details, "status", json_string("dissolved"));
    return true;
}

bool reg_on_dissolution_ended(db *d, const struct ap_decision *dc, struct fail *f)
{
    /* Rejected or withdrawn: the alliance goes back to work. */
    return move_status(d, dc, "dissolving", "active", f);
}
