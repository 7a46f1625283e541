/* The audit trail for auditors: the records, and whether the chain is intact. */
#include "audit/audit.h"
#include "web/api/json.h"
#include "util/clock.h"
#include "web/handlers.h"
#include <string.h>

void api_audit(struct request *r)
{
    int64_t limit, offset;
    if (!api_paging(r, &limit, &offset))
        return;
    const char *since = req_query(r, "since");
    if (since && !*since)
        since = NULL; /* an empty date field in the filter form */
    if (since && !date_valid(since)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_date", "since", "Expected a date as YYYY-MM-DD.");
        return;
    }
    struct audit_row *rows;
    size_t n;
    int64_t total;
    if (st_audit_page(r->db, r->a, since, limit, offset, &rows, &n, &total) != DB_OK) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *det = json_loads(rows[i].details, 0, NULL);
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "seq",
                             (json_int_t)rows[i].seq, "at", rows[i].at, "actor", rows[i].actor,
                             "action", rows[i].action, "subject", rows[i].subject, "details",
                             det ? det : json_string(rows[i].details), "alg", rows[i].alg,
                             "prev_hash", rows[i].prev_hash, "hash", rows[i].hash));
    }
    resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total));
}

void api_audit_verify(struct request *r)
{
    struct audit_report rep;
    int rc = audit_verify(r->db, &rep);
    if (rc < 0) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
        return;
    }
    json_t *o = json_pack("{s:b, s:I}", "intact", rc == 0, "checked", (json_int_t)rep.checked);
    if (rc == 1) {
        json_object_set_new(o, "first_broken", json_integer(rep.bad_seq));
        json_object_set_new(o, "reason", json_string(T(r, rep.why)));
    }
    resp_json(r, 200, o);
}
