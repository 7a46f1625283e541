#include "domain/fail.h"
#include "store/db.h"

bool fail_db(struct fail *f, int rc)
{
    if (rc == DB_CONSTRAINT)
        return fail(f, FAIL_CONFLICT, "conflict", NULL,
                    "The record conflicts with one that exists.");
    if (rc == DB_BUSY || rc == DB_UNAVAILABLE)
        return fail(f, FAIL_UNAVAILABLE, "unavailable", NULL,
                    "The database is busy. Nothing was changed; please try again.");
    return fail(f, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
}
