/* The tamper-evident audit trail. Every change of data and every sign-in event is one record,
 * appended in the same transaction as the change it records. Each record's hash covers the
 * previous record's hash, so altering, removing or inserting a record behind the program's back
 * breaks the chain at that record, and `lianheti audit verify` names it.
 *
 * The hash is SM3 (GB/T 32905, 国密) where OpenSSL provides it, else SHA-256; each record names
 * its algorithm, so a chain stays verifiable when a later build changes the default. */
#ifndef LH_AUDIT_H
#define LH_AUDIT_H
#include "store/db.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "sm3" or "sha256": what new records use on this build. */
const char *audit_algorithm(void);

/* Appends one record; the caller's write transaction must be open. details is a JSON object as
 * compact text ("{}" when there is nothing to add). Returns DB_OK or a negative db code. */
int audit_append(db *d, const char *actor, const char *action, const char *subject,
                 const char *details);

struct audit_report {
    int64_t checked; /* records read */
    int64_t bad_seq; /* first broken record (0 when intact) */
    char why[200];   /* what is wrong with it: an English msgid */
};

/* Reads the whole chain. Returns 0 when intact, 1 when broken (report says where and why),
 * -1 when the database could not be read. */
int audit_verify(db *d, struct audit_report *rep);

/* The hash of one record as hex into out (129 bytes), for tests and for verify; false when alg
 * is unknown. */
bool audit_hash(const char *alg, const char *prev_hash, int64_t seq, const char *at,
                const char *actor, const char *action, const char *subject, const char *details,
                char out[129]);

#endif
