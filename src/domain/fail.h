/* How a domain operation says no. The message is an English msgid, translated at the edge (page,
 * API, command line); the kind decides the HTTP status and the exit code there. */
#ifndef LH_FAIL_H
#define LH_FAIL_H
#include <stdbool.h>
#include <stddef.h>

enum fail_kind {
    FAIL_NONE,
    FAIL_BAD_INPUT,   /* 400: malformed */
    FAIL_AUTH,        /* 401: not signed in, or sign-in refused */
    FAIL_FORBIDDEN,   /* 403 */
    FAIL_NOT_FOUND,   /* 404 */
    FAIL_CONFLICT,    /* 409: duplicate, stale state */
    FAIL_INVALID,     /* 422: well-formed but breaks a rule or a norm */
    FAIL_THROTTLED,   /* 429: too many attempts from the client's address */
    FAIL_UNAVAILABLE, /* 503: the database is busy or gone; nothing was written */
    FAIL_INTERNAL,    /* 500 */
};

struct fail {
    enum fail_kind kind;
    const char *code;    /* machine-readable, e.g. "password_policy" */
    const char *field;   /* the input field at fault, or NULL */
    const char *message; /* English msgid */
    int article;         /* 第N条 behind the refusal, 0 when none */
    const char *rule;    /* e.g. "A18.name-prefix", or NULL */
};

/* Fills f and returns false, so operations can `return fail(f, ...)`. */
static inline bool fail(struct fail *f, enum fail_kind kind, const char *code, const char *field,
                        const char *message)
{
    if (f) {
        f->kind = kind;
        f->code = code;
        f->field = field;
        f->message = message;
        f->article = 0;
        f->rule = NULL;
    }
    return false;
}

/* The fail for a database result code that is not success. */
bool fail_db(struct fail *f, int rc);

#endif
