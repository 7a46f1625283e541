#include "domain/tx.h"
#include <string.h>
#include "util/text.h"
#include "util/clock.h"
#include "audit/audit.h"
#include <stdlib.h>

bool tx_audit(db *d, const struct actor *who, const char *action, const char *subject,
              json_t *details, struct fail *f)
{
    char label[96];
    if (!details)
        details = json_object();
    char *det = json_dumps(details, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(details);
    int rc =
        det ? audit_append(d, actor_label(who, label, sizeof label), action, subject, det) : DB_ERR;
    free(det);
    return rc == DB_OK ? true : tx_abort(d, rc, f);
}

bool tx_commit(db *d, struct fail *f)
{
    int rc = db_commit(d);
    return rc == DB_OK ? true : tx_abort(d, rc, f);
}

bool tx_abort(db *d, int rc, struct fail *f)
{
    db_rollback(d);
    return fail_db(f, rc);
}

bool tx_refuse(db *d)
{
    db_rollback(d);
    return false;
}

bool fail_norm(struct fail *f, enum fail_kind kind, const char *code, const char *field,
               const char *message, int article, const char *rule)
{
    fail(f, kind, code, field, message);
    if (f) {
        f->article = article;
        f->rule = rule;
    }
    return false;
}

bool tx_alliance(db *d, arena *a, const struct actor *who, const char *key, enum right r1,
                 enum right r2, bool open, struct rg_alliance *al, struct fail *f)
{
    char t[11];
    clock_date(clock_now(), t);
    int rc = key && key_valid(key) ? st_rg_alliance(d, a, key, t, al) : DB_DONE;
    if (rc != DB_ROW && rc != DB_DONE)
        return tx_abort(d, rc, f);
    if (rc == DB_DONE || !can_alliance(who, RIGHT_BUSINESS_READ, al->jurisdiction, al->key)) {
        tx_refuse(d);
        return fail(f, FAIL_NOT_FOUND, "not_found", NULL, "There is no such alliance.");
    }
    if (!can_alliance(who, r1, al->jurisdiction, al->key) &&
        (r2 == RIGHT_NONE || !can_alliance(who, r2, al->jurisdiction, al->key))) {
        tx_refuse(d);
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    }
    if (open && (strcmp(al->status, "dissolved") == 0 || strcmp(al->status, "rejected") == 0)) {
        tx_refuse(d);
        return fail(f, FAIL_CONFLICT, "alliance_ended", NULL,
                    "The alliance has been dissolved or was not approved: its record is closed.");
    }
    return true;
}
