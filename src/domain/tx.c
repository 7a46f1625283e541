#include "domain/tx.h"
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
