/* GET /api/v1/alliances/{key}/members: the JSON twin of an alliance's members tab. The same query
 * (st_v_members), the same order (web/order.h: current members first, then those who left; each
 * part in stroke order) and the same decision on who may read it (can_alliance() for the
 * alliance's key and jurisdiction), paged as every API list: {"items": [...], "total": N} with
 * ?limit= (default 50, max 500) and ?offset=. Absent values (a USCC, a leaving date, a charter
 * acknowledgement) are left out, as in the dataset. */
#include "store/views.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/api/json.h"
#include "web/handlers.h"
#include "web/order.h"

/* Strings from the store are valid UTF-8 (the importer and the forms check it), so the
 * _nocheck setters skip jansson's second validation: this list is the API's largest. */
static void set_str(json_t *o, const char *key, const char *value)
{
    if (value)
        json_object_set_new_nocheck(o, key, json_string_nocheck(value));
}

static json_t *member_json(const struct v_member *m)
{
    json_t *o = json_object();
    set_str(o, "organisation", m->org_key);
    set_str(o, "name", m->org_name);
    set_str(o, "kind", m->org_kind);
    set_str(o, "uscc", m->uscc);
    set_str(o, "role", m->role);
    set_str(o, "joined_on", m->joined_on);
    set_str(o, "left_on", m->left_on);
    if (m->charter_ack_version > 0) {
        json_t *ack = json_object();
        json_object_set_new_nocheck(ack, "version", json_integer(m->charter_ack_version));
        set_str(ack, "date", m->charter_ack_date);
        json_object_set_new_nocheck(o, "charter_ack", ack);
    }
    return o;
}

void api_alliance_members(struct request *r)
{
    const char *key = r->params[0];
    int64_t limit, offset;
    if (!api_paging(r, &limit, &offset))
        return;
    if (!key_valid(key)) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is no such alliance.");
        return;
    }
    char today[11];
    clock_date(clock_now(), today);
    struct v_alliance al;
    struct v_member *m = NULL;
    size_t n = 0;
    bool allowed = false;
    /* One snapshot for the alliance and its members. */
    int rc = db_begin_read(r->db);
    if (rc == DB_OK) {
        rc = st_v_alliance(r->db, r->a, key, today, &al);
        if (rc == DB_ROW)
            allowed = can_alliance(&r->who, RIGHT_BUSINESS_READ, al.jurisdiction, al.key);
        if (allowed)
            rc = st_v_members(r->db, r->a, al.id, &m, &n);
        if (rc < 0)
            db_rollback(r->db);
        else if (db_commit(r->db) != DB_OK)
            rc = DB_ERR;
    }
    if (rc == DB_DONE) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is no such alliance.");
        return;
    }
    if (rc < 0) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    if (!allowed) {
        resp_error(r, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
        return;
    }
    const struct ordered *o = order_members(r->a, m, n, today);
    json_t *items = json_array();
    for (size_t i = (size_t)offset; i < n && i < (size_t)offset + (size_t)limit; i++)
        json_array_append_new(items, member_json(o[i].row));
    resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}
