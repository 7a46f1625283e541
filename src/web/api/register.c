/* The alliance register through the API (docs/openapi.yaml): alliances (GET and POST
 * /api/v1/alliances, GET and PATCH /api/v1/alliances/{key}, POST .../dissolution), their charters,
 * their members, and the register of organisations with its bulk import. The handlers read and
 * shape input and output; every rule is in domain/register.c. */
#include "domain/register.h"
#include "util/clock.h"
#include "util/rows.h"
#include "util/text.h"
#include "util/uscc.h"
#include "web/api/json.h"
#include "web/api/register.h"
#include "web/handlers.h"
#include "web/readable.h"
#include <stdlib.h>
#include <string.h>

static void today(char out[11])
{
    clock_date(clock_now(), out);
}

static void set_opt(json_t *o, const char *name, const char *v)
{
    if (v)
        json_object_set_new(o, name, json_string(v));
}

static void set_approval(json_t *o, const char *name, const char *date, const char *by,
                         const char *ref)
{
    json_t *a = json_approval(date, by, ref);
    if (a)
        json_object_set_new(o, name, a);
}

/* --- alliances ------------------------------------------------------------------------------- */

/* An alliance as the list and the detail show it. The compliance engine's counts per severity
 * ("findings": {"error": n, "warning": n, "info": n}) belong here too, beside "members", once it
 * offers them per alliance: the list's items and the detail are built by this one function. */
static json_t *json_alliance(const struct rg_alliance *al)
{
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s, s:I}", "key", al->key, "name", al->name, "jurisdiction",
                  al->jurisdiction, "status", al->status, "members", (json_int_t)al->members);
    set_approval(o, "established", al->established_date, al->established_by, al->established_ref);
    set_approval(o, "dissolved", al->dissolved_date, al->dissolved_by, al->dissolved_ref);
    if (al->charter_version)
        json_object_set_new(o, "charter_version", json_integer(al->charter_version));
    return o;
}

void api_alliances_list(struct request *r)
{
    int64_t limit, offset;
    if (!api_paging(r, &limit, &offset))
        return;
    const char *status = req_query(r, "status"), *jur = req_query(r, "jurisdiction");
    char t[11];
    today(t);
    struct rg_alliance *all;
    size_t n;
    if (st_rg_alliances(r->db, r->a, t, &all, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    json_t *items = json_array();
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!can_alliance(&r->who, RIGHT_BUSINESS_READ, all[i].jurisdiction, all[i].key) ||
            (status && *status && strcmp(status, all[i].status) != 0) ||
            (jur && *jur && strcmp(jur, all[i].jurisdiction) != 0))
            continue;
        if (total >= (size_t)offset && total < (size_t)(offset + limit))
            json_array_append_new(items, json_alliance(&all[i]));
        total++;
    }
    resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

/* The alliance in detail: its members now, its charter versions and its open requests. */
static void answer_alliance(struct request *r, int status, const char *key)
{
    char t[11];
    today(t);
    struct rg_alliance al;
    struct rg_member *m;
    struct rg_request *q;
    size_t nm, nq;
    if (st_rg_alliance(r->db, r->a, key, t, &al) != DB_ROW ||
        st_rg_members(r->db, r->a, al.id, &m, &nm) != DB_OK ||
        st_rg_requests(r->db, r->a, true, al.id, &q, &nq) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    json_t *o = json_alliance(&al);
    json_object_set_new(o, "jurisdiction_name", json_string(al.jurisdiction_name));
    json_t *inits = json_array();
    for (size_t i = 0; i < nm; i++)
        if (strcmp(m[i].role, "initiator") == 0 && !m[i].left_on)
            json_array_append_new(inits, json_string(m[i].org_key));
    json_object_set_new(o, "initiators", inits);
    json_t *reqs = json_array();
    for (size_t i = 0; i < nq; i++)
        json_array_append_new(reqs, json_request(r, &q[i], t));
    json_object_set_new(o, "requests", reqs);
    resp_json(r, status, o);
}

void api_alliance_get(struct request *r)
{
    struct rg_alliance al;
    if (req_readable_alliance(r, &al))
        answer_alliance(r, 200, al.key);
}

/* A JSON array of keys into an arena array; false after answering 400. */
static bool read_keys(struct request *r, const char *name, bool required, const char ***out,
                      size_t *n)
{
    json_t *v = json_object_get(r->json, name);
    *out = NULL;
    *n = 0;
    if (!v || json_is_null(v)) {
        if (!required)
            return true;
        resp_error(r, FAIL_BAD_INPUT, "missing_field", name, "A required field is missing.");
        return false;
    }
    if (!json_is_array(v) || json_array_size(v) > 200) {
        resp_error(r, FAIL_BAD_INPUT, "wrong_type", name,
                   "The field must be a list of keys (at most 200).");
        return false;
    }
    *out = arena_alloc(r->a, (json_array_size(v) + 1) * sizeof **out);
    size_t i;
    json_t *k;
    json_array_foreach(v, i, k)
    {
        if (!json_is_string(k)) {
            resp_error(r, FAIL_BAD_INPUT, "wrong_type", name,
                       "The field must be a list of keys (at most 200).");
            return false;
        }
        (*out)[i] = json_string_value(k);
    }
    *n = json_array_size(v);
    return true;
}

void api_alliances_create(struct request *r)
{
    static const char *const fields[] = {"jurisdiction", "name", "initiators", "comment", NULL};
    struct reg_proposal p = {0};
    const char **inits;
    if (!req_json_only(r, fields) || !req_json_str(r, "jurisdiction", true, 64, &p.jurisdiction) ||
        !req_json_str(r, "name", true, 400, &p.name) ||
        !req_json_str(r, "comment", false, 4000, &p.comment) ||
        !read_keys(r, "initiators", true, &inits, &p.ninitiators))
        return;
    p.initiators = inits;
    const char *key;
    int64_t req;
    struct fail f = {0};
    if (!reg_propose(r->db, r->a, &r->who, &p, &key, &req, &f)) {
        resp_api_fail(r, &f);
        return;
    }
    resp_header(r, "Location", arena_printf(r->a, "/api/v1/alliances/%s", key));
    answer_alliance(r, 201, key);
}

void api_alliance_patch(struct request *r)
{
    static const char *const fields[] = {"name", NULL};
    const char *name;
    if (!req_json_only(r, fields) || !req_json_str(r, "name", true, 400, &name))
        return;
    struct fail f = {0};
    if (!reg_rename(r->db, &r->who, r->params[0], name, &f))
        resp_api_fail(r, &f);
    else
        answer_alliance(r, 200, r->params[0]);
}

void api_alliance_dissolve(struct request *r)
{
    static const char *const fields[] = {"comment", NULL};
    const char *comment = NULL;
    if (!req_json_only(r, fields) || !req_json_str(r, "comment", false, 4000, &comment))
        return;
    int64_t req;
    struct fail f = {0};
    if (!reg_dissolve(r->db, &r->who, r->params[0], comment, &req, &f))
        resp_api_fail(r, &f);
    else
        answer_request(r, req);
}

/* --- charters -------------------------------------------------------------------------------- */

static json_t *json_charter(const struct rg_charter *c, bool current)
{
    json_t *o = json_pack("{s:I, s:b}", "version", (json_int_t)c->version, "current", current);
    json_t *drafters = json_array();
    if (c->drafter_keys) {
        const char *p = c->drafter_keys;
        while (*p) {
            const char *comma = strchr(p, ',');
            size_t n = comma ? (size_t)(comma - p) : strlen(p);
            json_array_append_new(drafters, json_stringn(p, n));
            p += n + (comma ? 1 : 0);
        }
    }
    json_object_set_new(o, "drafted_by", drafters);
    set_opt(o, "submitted_on", c->submitted_on);
    set_approval(o, "approved", c->approved_date, c->approved_by, c->approved_ref);
    set_opt(o, "text", c->text);
    return o;
}

void api_charters_list(struct request *r)
{
    struct rg_alliance al;
    if (!req_readable_alliance(r, &al))
        return;
    struct rg_charter *c;
    size_t n;
    if (st_rg_charters(r->db, r->a, al.id, &c, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            items, json_charter(&c[i], c[i].version == al.charter_version && c[i].approved_date));
    resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

/* The {version} path parameter; false after answering 404. */
static bool version_param(struct request *r, int64_t *v)
{
    const char *s = r->params[1];
    char *end;
    long long n = strtoll(s, &end, 10);
    if (!*s || *end || n < 1 || strlen(s) > 9) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL,
                   "The alliance has no such charter version.");
        return false;
    }
    *v = n;
    return true;
}

static void answer_charter(struct request *r, int status, const struct rg_alliance *al,
                           int64_t version)
{
    struct rg_charter c;
    int rc = st_rg_charter(r->db, r->a, al->id, version, &c);
    if (rc == DB_DONE) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL,
                   "The alliance has no such charter version.");
        return;
    }
    if (rc != DB_ROW) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    resp_json(r, status, json_charter(&c, c.version == al->charter_version && c.approved_date));
}

void api_charter_get(struct request *r)
{
    struct rg_alliance al;
    int64_t v;
    if (req_readable_alliance(r, &al) && version_param(r, &v))
        answer_charter(r, 200, &al, v);
}

void api_charters_create(struct request *r)
{
    static const char *const fields[] = {"text", "drafted_by", NULL};
    const char *text;
    const char **drafters;
    size_t n;
    if (!req_json_only(r, fields) || !req_json_str(r, "text", true, MARKDOWN_MAX, &text) ||
        !read_keys(r, "drafted_by", false, &drafters, &n))
        return;
    int64_t version;
    struct fail f = {0};
    if (!reg_charter_draft(r->db, &r->who, r->params[0], text, drafters, n, &version, &f)) {
        resp_api_fail(r, &f);
        return;
    }
    struct rg_alliance al;
    if (req_readable_alliance(r, &al))
        answer_charter(r, 201, &al, version);
}

void api_charter_submit(struct request *r)
{
    static const char *const fields[] = {"comment", NULL};
    const char *comment = NULL;
    int64_t v, req;
    if (!version_param(r, &v) || !req_json_only(r, fields) ||
        !req_json_str(r, "comment", false, 4000, &comment))
        return;
    struct fail f = {0};
    if (!reg_charter_submit(r->db, &r->who, r->params[0], v, comment, &req, &f))
        resp_api_fail(r, &f);
    else
        answer_request(r, req);
}

/* --- members --------------------------------------------------------------------------------- */

static json_t *json_member(const struct rg_member *m)
{
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s, s:s}", "organisation", m->org_key, "name", m->org_name,
                  "kind", m->org_kind, "role", m->role, "joined_on", m->joined_on);
    set_approval(o, "join_approved", m->join_approved_date, m->join_approved_by,
                 m->join_approved_ref);
    if (m->charter_ack_version)
        json_object_set_new(o, "charter_ack",
                            json_pack("{s:I, s:s?}", "version", (json_int_t)m->charter_ack_version,
                                      "date", m->charter_ack_date));
    set_opt(o, "left_on", m->left_on);
    set_approval(o, "leave_approved", m->leave_approved_date, m->leave_approved_by,
                 m->leave_approved_ref);
    return o;
}

/* Answers the organisation's current membership (or, having left, its latest). */
static void answer_member(struct request *r, int status, const char *org)
{
    char t[11];
    today(t);
    struct rg_alliance al;
    struct rg_member *m;
    size_t n;
    if (st_rg_alliance(r->db, r->a, r->params[0], t, &al) != DB_ROW ||
        st_rg_members(r->db, r->a, al.id, &m, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    for (size_t i = n; i-- > 0;)
        if (strcmp(m[i].org_key, org) == 0) {
            resp_json(r, status, json_pack("{s:o}", "member", json_member(&m[i])));
            return;
        }
    resp_error(r, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
}

void api_members_add(struct request *r)
{
    static const char *const fields[] = {"organisation", "joined_on", "charter_ack", "comment",
                                         NULL};
    struct reg_join j = {0};
    if (!req_json_only(r, fields) || !req_json_str(r, "organisation", true, 64, &j.organisation) ||
        !req_json_str(r, "joined_on", false, 10, &j.joined_on) ||
        !req_json_str(r, "comment", false, 4000, &j.comment))
        return;
    json_t *ack = json_object_get(r->json, "charter_ack");
    if (ack && !json_is_null(ack)) {
        json_t *v = json_object_get(ack, "version"), *date = json_object_get(ack, "date");
        if (!json_is_object(ack) || !json_is_integer(v) ||
            (date && !json_is_null(date) && !json_is_string(date)) ||
            json_object_size(ack) > (date ? 2u : 1u)) {
            resp_error(r, FAIL_BAD_INPUT, "wrong_type", "charter_ack",
                       "The field must be {\"version\": N, \"date\": \"YYYY-MM-DD\"}.");
            return;
        }
        j.ack_version = json_integer_value(v);
        j.ack_date = json_is_string(date) ? json_string_value(date) : NULL;
    }
    int64_t req;
    struct fail f = {0};
    if (!reg_member_add(r->db, &r->who, r->params[0], &j, &req, &f))
        resp_api_fail(r, &f);
    else if (req)
        answer_request(r, req);
    else
        answer_member(r, 201, j.organisation);
}

void api_member_leave(struct request *r)
{
    static const char *const fields[] = {"left_on", "comment", NULL};
    const char *left_on = NULL, *comment = NULL;
    if (!req_json_only(r, fields) || !req_json_str(r, "left_on", false, 10, &left_on) ||
        !req_json_str(r, "comment", false, 4000, &comment))
        return;
    int64_t req;
    struct fail f = {0};
    if (!reg_member_leave(r->db, &r->who, r->params[0], r->params[1], left_on, comment, &req, &f))
        resp_api_fail(r, &f);
    else if (req)
        answer_request(r, req);
    else
        answer_member(r, 200, r->params[1]);
}

/* --- organisations --------------------------------------------------------------------------- */

static json_t *json_org(const struct rg_org *o)
{
    json_t *j = json_pack("{s:s?, s:s, s:s}", "key", o->key, "name", o->name, "kind", o->kind);
    set_opt(j, "uscc", o->uscc);
    set_opt(j, "english_name", o->english_name);
    struct uscc_info info;
    if (o->uscc && uscc_decode(o->uscc, &info))
        json_object_set_new(j, "registration",
                            json_pack("{s:s, s:s, s:s, s:b}", "authority", info.authority,
                                      "category", info.category, "region", info.region, "national",
                                      info.national));
    return j;
}

void api_orgs_list(struct request *r)
{
    int64_t limit, offset;
    if (!api_paging(r, &limit, &offset))
        return;
    const char *kind = req_query(r, "kind");
    struct rg_org *o;
    size_t n;
    if (st_rg_orgs(r->db, r->a, &o, &n) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    json_t *items = json_array();
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (kind && *kind && strcmp(kind, o[i].kind) != 0)
            continue;
        if (total >= (size_t)offset && total < (size_t)(offset + limit))
            json_array_append_new(items, json_org(&o[i]));
        total++;
    }
    resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

void api_org_get(struct request *r)
{
    struct rg_org o;
    int rc = key_valid(r->params[0]) ? st_rg_org_by_key(r->db, r->a, r->params[0], &o) : DB_DONE;
    if (rc == DB_DONE)
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is no such organisation.");
    else if (rc != DB_ROW)
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
    else
        resp_json(r, 200, json_org(&o));
}

void api_orgs_create(struct request *r)
{
    static const char *const fields[] = {"key", "name", "kind", "uscc", "english_name", NULL};
    struct reg_org o = {0};
    if (!req_json_only(r, fields) || !req_json_str(r, "key", false, 64, &o.key) ||
        !req_json_str(r, "name", true, 400, &o.name) ||
        !req_json_str(r, "kind", true, 64, &o.kind) ||
        !req_json_str(r, "uscc", false, 64, &o.uscc) ||
        !req_json_str(r, "english_name", false, 400, &o.english_name))
        return;
    const char *key;
    struct fail f = {0};
    if (!reg_org_create(r->db, r->a, &r->who, &o, &key, &f)) {
        resp_api_fail(r, &f);
        return;
    }
    struct rg_org row;
    if (st_rg_org_by_key(r->db, r->a, key, &row) != DB_ROW) {
        resp_error(r, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
        return;
    }
    resp_header(r, "Location", arena_printf(r->a, "/api/v1/organisations/%s", key));
    resp_json(r, 201, json_org(&row));
}

/* The problems of an import as {"row", "field", "message", "value"} objects. */
static json_t *json_problems(struct request *r, const struct reg_import *imp)
{
    json_t *a = json_array();
    for (size_t i = 0; i < imp->nproblems; i++) {
        const struct reg_row_problem *p = &imp->problems[i];
        json_t *o = json_pack("{s:I, s:s}", "row", (json_int_t)p->row, "message", T(r, p->message));
        set_opt(o, "field", p->column);
        set_opt(o, "value", p->detail);
        json_array_append_new(a, o);
    }
    return a;
}

/* POST /api/v1/organisations/import[?dry_run=1]: the body is the file itself (CSV, XLSX or XLS).
 * Every row is checked; with any problem nothing is imported and the answer (422) lists every
 * problem by row. A dry run answers the rows as they would be imported. */
void api_orgs_import(struct request *r)
{
    int64_t dry_run = 0;
    if (!req_query_int(r, "dry_run", 0, 1, &dry_run))
        return;
    struct rows t;
    const char *why;
    if (!rows_read(r->a, buf_str(&r->body), r->body.len, &t, &why)) {
        resp_error(r, FAIL_INVALID, "unreadable_file", NULL, why);
        return;
    }
    struct reg_import imp;
    struct fail f = {0};
    if (!reg_orgs_import(r->db, r->a, &r->who, &t, dry_run != 0, &imp, &f)) {
        if (imp.nproblems) {
            json_t *e =
                json_pack("{s:s, s:s, s:s, s:o}", "code", f.code, "message", T(r, f.message),
                          "format", t.format, "details", json_problems(r, &imp));
            resp_json(r, fail_status(f.kind), json_pack("{s:o}", "error", e));
        } else {
            resp_api_fail(r, &f);
        }
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < imp.n; i++) {
        struct rg_org o = {.key = imp.orgs[i].key,
                           .name = imp.orgs[i].name,
                           .kind = imp.orgs[i].kind,
                           .uscc = imp.orgs[i].uscc,
                           .english_name = imp.orgs[i].english_name};
        json_t *j = json_org(&o);
        if (!o.key) /* generated when imported */
            json_object_del(j, "key");
        json_object_set_new(j, "row", json_integer((json_int_t)imp.rows[i]));
        json_array_append_new(items, j);
    }
    resp_json(r, dry_run ? 200 : 201,
              json_pack("{s:b, s:s, s:I, s:o}", "imported", !dry_run, "format", t.format, "total",
                        (json_int_t)imp.n, "items", items));
}
