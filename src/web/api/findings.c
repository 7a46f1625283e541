/* GET /api/v1/findings?as_of=&alliance=: the findings document of rules.md, the same that
 * `lianheti check --format json` prints, in the request's language. as_of defaults to today in
 * Asia/Shanghai. The findings cover the alliances the actor may read (can_alliance() with
 * RIGHT_BUSINESS_READ: a CAST officer sees the alliances of their jurisdiction, a secretariat or
 * member contact their alliance); ?alliance= of one they may not read is refused (403). */
#include "rules/rules.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/handlers.h"

void api_findings(struct request *r)
{
    const char *as_of = req_query(r, "as_of");
    char today[11];
    if (!as_of || !*as_of) {
        clock_date(clock_now(), today);
        as_of = today;
    } else if (!date_valid(as_of)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_date", "as_of", "Expected a date as YYYY-MM-DD.");
        return;
    }
    const char *alliance = req_query(r, "alliance");
    if (alliance && !*alliance)
        alliance = NULL;
    if (alliance && !key_valid(alliance)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_key", "alliance", "The alliance key is not valid.");
        return;
    }
    struct findings fs;
    struct fail f = {0};
    if (!rules_check(r->db, &r->who, day_parse(as_of), alliance, r->a, &fs, &f)) {
        resp_fail(r, &f);
        return;
    }
    resp_json(r, 200, findings_json(&fs, r->lang));
}
