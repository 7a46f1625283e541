/* Money as people read it: amounts are integer fen everywhere (dataset.md), shown as yuan with a
 * thousands separator, "¥1,234.56". The one formatter; nothing else divides by 100. */
#ifndef LH_MONEY_H
#define LH_MONEY_H
#include <stdint.h>

/* Enough for any int64_t amount: "-¥92,233,720,368,547,758.08" and the NUL. */
#define MONEY_MAX 32

enum money_flags {
    MONEY_PLAIN = 1 << 0, /* "-1234.56": no symbol, no grouping (CSV cells a spreadsheet reads
                             as numbers) */
};

/* Writes fen as "¥1,234.56" ("-¥1,234.56" when negative, "¥0.00" for zero) into out and returns
 * out. Exact for every int64_t, INT64_MIN included. */
const char *money_format(int64_t fen, unsigned flags, char out[MONEY_MAX]);

#endif
