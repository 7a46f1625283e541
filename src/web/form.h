/* application/x-www-form-urlencoded bodies (the pages' forms), parsed strictly: a malformed
 * percent escape, invalid UTF-8, a NUL or too many fields refuse the whole body. */
#ifndef LH_FORM_H
#define LH_FORM_H
#include "util/arena.h"
#include <stdbool.h>
#include <stddef.h>

#define FORM_MAX_FIELDS 64

struct form_field {
    const char *name, *value;
};

struct form {
    struct form_field fields[FORM_MAX_FIELDS];
    size_t n;
};

/* Parses body[0..len) into a form allocated in a. Returns NULL and a reason (a static English
 * string) in *why when the body is malformed. */
struct form *form_parse(arena *a, const char *body, size_t len, const char **why);
/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);

#endif
