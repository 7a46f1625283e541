/* The end of every write operation of the register, shared by domain/approvals.c and
 * domain/register.c: append audit records inside the open transaction, then commit, rolling back
 * on any failure so that a refusal or an error leaves nothing behind. */
#ifndef LH_TX_H
#define LH_TX_H
#include "auth/rights.h"
#include "domain/fail.h"
#include "store/db.h"
#include <jansson.h>

/* Appends one audit record (details: a JSON object, taken over and freed). On failure rolls the
 * transaction back and fills f. */
bool tx_audit(db *d, const struct actor *who, const char *action, const char *subject,
              json_t *details, struct fail *f);
/* Commits; on failure rolls back and fills f. */
bool tx_commit(db *d, struct fail *f);
/* Rolls back and fills f from a database result code; returns false. */
bool tx_abort(db *d, int rc, struct fail *f);
/* Rolls back and returns false: for refusals already written into f. */
bool tx_refuse(db *d);
/* Fills f with a refusal that names the article of the norms and the rule behind it; returns
 * false. */
bool fail_norm(struct fail *f, enum fail_kind kind, const char *code, const char *field,
               const char *message, int article, const char *rule);

#endif
