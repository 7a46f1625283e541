/* A streaming JSON writer into a buf, for the API's long lists: building a jansson tree of
 * hundreds of objects, one malloc per value, and dumping it cost more than the query behind it.
 * The output is what json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) would give for the same
 * values: no spaces, members in the order written, strings escaped as jansson escapes them (",
 * \ and control characters; UTF-8 left as it is). Strings must be valid UTF-8, as every string
 * from the store is (the importer and the forms check). Nesting is limited to 64 levels. */
#ifndef LH_JW_H
#define LH_JW_H
#include "util/buf.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct jw {
    buf *b;
    unsigned depth;
    uint64_t filled; /* bit d: the container at depth d has a member already (a comma is due) */
    bool after_key;  /* a key was written; its value comes next, without a comma */
} jw;

void jw_init(jw *w, buf *b);
void jw_object(jw *w);
void jw_object_end(jw *w);
void jw_array(jw *w);
void jw_array_end(jw *w);
void jw_key(jw *w, const char *key);
void jw_string(jw *w, const char *s); /* NULL writes null */
void jw_int(jw *w, int64_t v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
/* A member with a string value, left out when the value is NULL (absent values are left out
 * rather than written as null, as in the dataset). */
void jw_member_string(jw *w, const char *key, const char *s);
void jw_member_int(jw *w, const char *key, int64_t v);

#endif
