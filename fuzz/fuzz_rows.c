/* libFuzzer target for util/rows: the reader of tables people upload (CSV in UTF-8, GB18030 or
 * UTF-16, XLSX through libzip and libxml2, XLS through FreeXL). Whatever the bytes, it must not
 * read out of bounds or leak, and an accepted table must keep the reader's promises: at most
 * ROWS_MAX rows and ROWS_COLS_MAX cells a row, every cell valid UTF-8 of at most ROWS_CELL_MAX
 * bytes. The seeds are the import fixtures (tests/fixtures/orgs). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/rows.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new();
    struct rows t;
    const char *why = NULL;
    if (rows_read(a, data, size, &t, &why)) {
        if (t.n > ROWS_MAX)
            abort();
        for (size_t r = 0; r < t.n; r++) {
            if (t.rows[r].n > ROWS_COLS_MAX)
                abort();
            for (size_t c = 0; c < t.rows[r].n; c++) {
                const char *s = rows_cell(&t, r, c);
                size_t n = strlen(s);
                if (n > ROWS_CELL_MAX || !utf8_valid(s, n))
                    abort();
            }
        }
    } else if (!why) {
        abort(); /* a refusal always says why */
    }
    arena_free(a);
    return 0;
}
