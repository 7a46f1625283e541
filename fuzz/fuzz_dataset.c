/* libFuzzer target for the dataset validator (src/dataset/validate.c): arbitrary bytes must never
 * crash it, read out of bounds or leak, and every problem it reports must carry a pointer that
 * starts at the root. A document it accepts must also survive the round trip through a database
 * (an in-memory SQLite): import, export, and the export imported into another empty database
 * exports to the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dataset/dataset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct actor operator_actor = {.kind = ACTOR_OPERATOR, .login = "fuzz"};

/* A fresh migrated in-memory database; aborts when that fails (not the input's fault). */
static db *fresh(void)
{
    db *d = NULL;
    char err[256];
    if (db_open(":memory:", &d, err, sizeof err) != DB_OK ||
        db_migrate(d, err, sizeof err) != DB_OK)
        abort();
    return d;
}

/* Imports text into a new database and exports it into out. */
static void through_db(const char *text, size_t len, buf *out)
{
    db *d = fresh();
    struct ds_report rep;
    ds_report_init(&rep);
    struct fail f = {0};
    if (!ds_import(d, &operator_actor, text, len, 0, &rep, &f))
        abort(); /* valid a moment ago: the writer refused what the validator accepted */
    if (!ds_export(d, &operator_actor, NULL, out, &f))
        abort();
    ds_report_free(&rep);
    db_close(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        if (sodium_init() < 0)
            abort();
        ready = true;
    }
    /* Exactly size bytes with nothing after them, so ASan sees any overread. */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    struct ds_report rep;
    ds_report_init(&rep);
    json_t *doc = ds_validate(text, size, NULL, &rep);
    for (size_t i = 0; i < rep.nerrors; i++)
        if (rep.errors[i].pointer[0] != '\0' && rep.errors[i].pointer[0] != '/')
            abort();
    if (doc) {
        if (rep.nerrors)
            abort();
        json_decref(doc);
        buf first = {0}, second = {0};
        through_db(text, size, &first);
        through_db(first.data, first.len, &second);
        if (first.len != second.len || memcmp(first.data, second.data, first.len) != 0)
            abort();
        buf_free(&first);
        buf_free(&second);
    }
    ds_report_free(&rep);
    free(text);
    return 0;
}
