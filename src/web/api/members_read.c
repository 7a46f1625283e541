/* GET /api/v1/alliances/{key}/members: the JSON twin of an alliance's members tab. The same query
 * (st_v_members), the same order (web/order.h: current members first, then those who left; each
 * part in stroke order) and the same decision on who may read it (can_alliance() for the
 * alliance's key and jurisdiction), paged as every API list: {"items": [...], "total": N} with
 * ?limit= (default 50, max 500) and ?offset=. Absent values (a USCC, a leaving date, a charter
 * acknowledgement) are left out, as in the dataset. */
#include "store/register.h"
#include "store/views.h"
#include "util/clock.h"
#include "util/jw.h"
#include "util/text.h"
#include "web/api/json.h"
#include "web/handlers.h"
#include "web/order.h"

/* Written with the streaming writer (util/jw.h): this list is the API's largest. */
static void member_json(jw *w, const struct v_member *m)
{
    jw_object(w);
    jw_member_string(w, "organisation", m->org_key);
    jw_member_string(w, "name", m->org_name);
    jw_member_string(w, "kind", m->org_kind);
    jw_member_string(w, "uscc", m->uscc);
    jw_member_string(w, "role", m->role);
    jw_member_string(w, "joined_on", m->joined_on);
    jw_member_string(w, "left_on", m->left_on);
    if (m->charter_ack_version > 0) {
        jw_key(w, "charter_ack");
        jw_object(w);
        jw_member_int(w, "version", m->charter_ack_version);
        jw_member_string(w, "date", m->charter_ack_date);
        jw_object_end(w);
    }
    jw_object_end(w);
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
    struct rg_alliance al;
    struct v_member *m = NULL;
    size_t n = 0;
    bool allowed = false;
    /* One snapshot for the alliance and its members. */
    int rc = db_begin_read(r->db);
    if (rc == DB_OK) {
        rc = st_rg_alliance(r->db, r->a, key, today, &al);
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
    jw w;
    resp_json_writer(r, 200, &w);
    jw_object(&w);
    jw_key(&w, "items");
    jw_array(&w);
    for (size_t i = (size_t)offset; i < n && i < (size_t)offset + (size_t)limit; i++)
        member_json(&w, o[i].row);
    jw_array_end(&w);
    jw_member_int(&w, "total", (int64_t)n);
    jw_object_end(&w);
}
