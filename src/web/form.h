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
/* Whether name was sent with this value (a ticked checkbox); false for a NULL form. */
bool form_has(const struct form *f, const char *name, const char *value);
/* Every value of name, in order, as an array in a; *n of them (0 for a NULL form). */
const char **form_get_all(arena *a, const struct form *f, const char *name, size_t *n);

#endif
