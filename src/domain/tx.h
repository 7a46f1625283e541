/* What every write operation of the register and the meetings shares (domain/approvals.c,
 * register.c, meetings.c): loading the alliance it is about with the right checked, appending
 * audit records inside the open transaction, then committing, rolling back on any failure so
 * that a refusal or an error leaves nothing behind. */
#ifndef LH_TX_H
#define LH_TX_H
#include "auth/rights.h"
#include "domain/fail.h"
#include "store/db.h"
#include "store/register.h"
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
/* Inside the open transaction: the alliance of that key (today's counts), when who holds right r1
 * or r2 (RIGHT_NONE: only r1) on it. Otherwise rolls back, fills f and returns false: 404 for an
 * unknown key and for a user who may not even read the alliance (its existence is not told), 403
 * for a reader without the right, 409 alliance_ended when `open` asks for an alliance whose
 * record is not closed (dissolved, or rejected at establishment). */
bool tx_alliance(db *d, arena *a, const struct actor *who, const char *key, enum right r1,
                 enum right r2, bool open, struct rg_alliance *al, struct fail *f);

/* Fills f with a refusal that names the article of the norms and the rule behind it; returns
 * false. */
bool fail_norm(struct fail *f, enum fail_kind kind, const char *code, const char *field,
               const char *message, int article, const char *rule);

#endif
