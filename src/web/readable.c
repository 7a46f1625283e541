/* Loading the alliance of a path (readable.h). */
#include "web/readable.h"
#include "util/clock.h"
#include "util/text.h"

bool req_readable_alliance(struct request *r, struct rg_alliance *al)
{
    char t[11];
    clock_date(clock_now(), t);
    const char *key = r->params[0];
    int rc = key && key_valid(key) ? st_rg_alliance(r->db, r->a, key, t, al) : DB_DONE;
    if (rc == DB_ROW && !can_alliance(&r->who, RIGHT_BUSINESS_READ, al->jurisdiction, al->key))
        rc = DB_DONE;
    if (rc == DB_ROW)
        return true;
    if (rc == DB_DONE)
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is no such alliance.");
    else
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
    return false;
}
