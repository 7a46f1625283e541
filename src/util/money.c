/* The money formatter (money.h). Integer arithmetic only: a float never touches an amount. */
#include "util/money.h"
#include <stddef.h>

const char *money_format(int64_t fen, unsigned flags, char out[MONEY_MAX])
{
    /* The magnitude as unsigned, so INT64_MIN has one too. */
    uint64_t mag = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    uint64_t yuan = mag / 100;
    unsigned cents = (unsigned)(mag % 100);
    /* Digits of the yuan part, backwards, with a comma every three unless plain. */
    char rev[MONEY_MAX];
    size_t n = 0, digits = 0;
    do {
        if (digits && digits % 3 == 0 && !(flags & MONEY_PLAIN))
            rev[n++] = ',';
        rev[n++] = (char)('0' + yuan % 10);
        yuan /= 10;
        digits++;
    } while (yuan);
    size_t k = 0;
    if (fen < 0)
        out[k++] = '-';
    if (!(flags & MONEY_PLAIN)) {
        out[k++] = '\xC2'; /* U+00A5 YEN SIGN, the sign of the yuan as well */
        out[k++] = '\xA5';
    }
    while (n)
        out[k++] = rev[--n];
    out[k++] = '.';
    out[k++] = (char)('0' + cents / 10);
    out[k++] = (char)('0' + cents % 10);
    out[k] = '\0';
    return out;
}
