/* A string-keyed hash map on an arena: the key sets the validator checks references against and
 * the key-to-id maps the importer resolves them with. Keys are not copied: they must live as long
 * as the map (they point into the parsed document or the same arena). */
#ifndef LH_KEYMAP_H
#define LH_KEYMAP_H
#include "util/arena.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct keymap keymap;

keymap *keymap_new(arena *a);
/* Adds key with value; when the key is there already, leaves it and returns false with the
 * existing value in *old (when old is not NULL). */
bool keymap_add(keymap *m, const char *key, int64_t value, int64_t *old);
/* Sets key to value, adding it when absent. */
void keymap_set(keymap *m, const char *key, int64_t value);
bool keymap_get(const keymap *m, const char *key, int64_t *value);

#endif
