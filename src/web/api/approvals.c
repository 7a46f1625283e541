/* The approval workflow through the API (docs/openapi.yaml):
 *   GET  /api/v1/approvals?state=pending|decided|all&mine=1&to_decide=1&alliance=KEY
 *   GET  /api/v1/approvals/{id}
 *   POST /api/v1/approvals/{id}/decision  {"decision": "approved"|"rejected", "date", "ref",
 *                                          "comment"}
 *   POST /api/v1/approvals/{id}/withdraw  {"comment"}
 * Who may decide is domain/approvals.c's to say: the route only asks for a business role. */
#include "util/clock.h"
#include "util/text.h"
#include "web/api/json.h"
#include "web/api/register.h"
#include "web/handlers.h"
#include <stdlib.h>
#include <string.h>

json_t *json_approval(const char *date, const char *by, const char *ref)
{
    if (!date)
        return NULL;
    json_t *o = json_pack("{s:s}", "date", date);
    if (by)
        json_object_set_new(o, "by", json_string(by));
    if (ref)
        json_object_set_new(o, "ref", json_string(ref));
    return o;
}

static void set_opt(json_t *o, const char *name, const char *v)
{
    if (v)
        json_object_set_new(o, name, json_string(v));
}

json_t *json_request(struct request *r, const struct rg_request *q, const char *today)
{
    const struct ap_kind *k = ap_kind_find(q->kind);
    json_error_t err;
    json_t *payload = json_loads(q->payload ? q->payload : "{}", 0, &err);
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)q->id,
                  "kind", q->kind, "label", T(r, k ? k->label : q->kind), "authority", q->authority,
                  "alliance", q->alliance, "alliance_name", q->alliance_name, "subject", q->subject,
                  "payload", payload ? payload : json_object(), "state",
                  ap_state_name(ap_state_of(q)), "requested_by", q->requested_by);
    json_object_set_new(o, "requested_at", json_string(q->requested_at));
    if (k)
        json_object_set_new(o, "article", json_integer(k->article));
    set_opt(o, "decided_by", q->decided_by);
    set_opt(o, "decided_at", q->decided_at);
    set_opt(o, "date", q->decided_on);
    set_opt(o, "ref", q->ref);
    set_opt(o, "comment", q->comment);
    bool pending = ap_state_of(q) == AP_PENDING;
    json_object_set_new(o, "may_decide",
                        json_boolean(pending && ap_may_decide(r->db, r->a, &r->who, q, today)));
    json_object_set_new(o, "may_withdraw", json_boolean(ap_may_withdraw(&r->who, q)));
    return o;
}

void answer_request(struct request *r, int64_t id)
{
    char today[11];
    clock_date(clock_now(), today);
    struct rg_request q;
    if (st_rg_request(r->db, r->a, id, &q) != DB_ROW) {
        resp_error(r, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
        return;
    }
    resp_json(r, 202, json_pack("{s:o}", "request", json_request(r, &q, today)));
}

/* The {id} path parameter; false after answering 404. */
static bool request_id(struct request *r, int64_t *id)
{
    const char *s = r->params[0];
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0 || strlen(s) > 18) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is no such request.");
        return false;
    }
    *id = v;
    return true;
}

void api_approvals_list(struct request *r)
{
    int64_t limit, offset, mine = 0, to_decide = 0;
    if (!api_paging(r, &limit, &offset) || !req_query_int(r, "mine", 0, 1, &mine) ||
        !req_query_int(r, "to_decide", 0, 1, &to_decide))
        return;
    const char *state = req_query(r, "state"), *alliance = req_query(r, "alliance");
    if (state && *state && strcmp(state, "pending") != 0 && strcmp(state, "decided") != 0 &&
        strcmp(state, "all") != 0) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_parameter", "state",
                   "The state must be pending, decided or all.");
        return;
    }
    if (alliance && *alliance && !key_valid(alliance)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_key", "alliance", "The alliance key is not valid.");
        return;
    }
    char today[11];
    clock_date(clock_now(), today);
    struct ap_inbox in;
    if (ap_inbox(r->db, r->a, &r->who, today, &in) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    const struct rg_request **list = to_decide ? in.to_decide : mine ? in.mine : in.visible;
    size_t n = to_decide ? in.n_to_decide : mine ? in.n_mine : in.n_visible;
    json_t *items = json_array();
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        const struct rg_request *q = list[i];
        bool pending = ap_state_of(q) == AP_PENDING;
        if (state && strcmp(state, "pending") == 0 && !pending)
            continue;
        if (state && strcmp(state, "decided") == 0 && pending)
            continue;
        if (alliance && *alliance && strcmp(alliance, q->alliance) != 0)
            continue;
        if (total >= (size_t)offset && total < (size_t)(offset + limit))
            json_array_append_new(items, json_request(r, q, today));
        total++;
    }
    resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

void api_approval_get(struct request *r)
{
    int64_t id;
    if (!request_id(r, &id))
        return;
    char today[11];
    clock_date(clock_now(), today);
    struct rg_request q;
    int rc = st_rg_request(r->db, r->a, id, &q);
    if (rc == DB_ROW && !ap_may_see(&r->who, &q))
        rc = DB_DONE;
    if (rc == DB_DONE) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is no such request.");
        return;
    }
    if (rc != DB_ROW) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    resp_json(r, 200, json_request(r, &q, today));
}

/* Answers the request as it now is (200). */
static void answer_decided(struct request *r, int64_t id)
{
    char today[11];
    clock_date(clock_now(), today);
    struct rg_request q;
    if (st_rg_request(r->db, r->a, id, &q) != DB_ROW) {
        resp_error(r, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
        return;
    }
    resp_json(r, 200, json_request(r, &q, today));
}

void api_approval_decide(struct request *r)
{
    static const char *const fields[] = {"decision", "date", "ref", "comment", NULL};
    const char *decision, *date = NULL, *ref = NULL, *comment = NULL;
    int64_t id;
    if (!request_id(r, &id) || !req_json_only(r, fields) ||
        !req_json_str(r, "decision", true, 16, &decision) ||
        !req_json_str(r, "date", false, 10, &date) || !req_json_str(r, "ref", false, 200, &ref) ||
        !req_json_str(r, "comment", false, 4000, &comment))
        return;
    enum ap_action action;
    if (!ap_action_parse(decision, &action)) {
        resp_error(r, FAIL_INVALID, "invalid_decision", "decision",
                   "The decision is approved or rejected.");
        return;
    }
    struct fail f = {0};
    if (!ap_decide(r->db, &r->who, id, action, date, ref, comment, &f))
        resp_api_fail(r, &f);
    else
        answer_decided(r, id);
}

void api_approval_withdraw(struct request *r)
{
    static const char *const fields[] = {"comment", NULL};
    const char *comment = NULL;
    int64_t id;
    if (!request_id(r, &id) || !req_json_only(r, fields) ||
        !req_json_str(r, "comment", false, 4000, &comment))
        return;
    struct fail f = {0};
    if (!ap_withdraw(r->db, &r->who, id, comment, &f))
        resp_api_fail(r, &f);
    else
        answer_decided(r, id);
}
