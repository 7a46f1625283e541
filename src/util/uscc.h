/* The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from
 * 0123456789ABCDEFGHJKLMNPQRTUWXY (no I, O, S, V, Z). Position 1 is the registering authority,
 * 2 the category under it, 3-8 the region (GB/T 2260; 100000 = national registration), 9-17 the
 * organisation code and 18 a check character over the first 17. Organisations are identified by
 * it (第四条 asks for registered legal persons), so import checks it and pages decode it. */
#ifndef LH_USCC_H
#define LH_USCC_H
#include <stdbool.h>

enum uscc_problem {
    USCC_OK,
    USCC_LENGTH,  /* not 18 characters */
    USCC_CHARSET, /* a character outside the alphabet (lower case, I, O, S, V, Z, ...) */
    USCC_REGION,  /* characters 3-8 are not digits */
    USCC_CHECK,   /* the check character is wrong */
};

/* Checks a code; on USCC_CHECK, *expected (when not NULL) is the right check character. */
enum uscc_problem uscc_check(const char *code, char *expected);
static inline bool uscc_valid(const char *code)
{
    return uscc_check(code, (char *)0) == USCC_OK;
}

struct uscc_info {
    const char *authority; /* "民政", "机构编制", "工商/市场监管", ... (Chinese, for display) */
    const char *category; /* "社会团体", "事业单位", ...; "" when the standard names none */
    char region[7];       /* GB/T 2260 code, e.g. "100000" */
    bool national;        /* region 100000: registered nationally */
};

/* Decodes a valid code; false (info untouched) when it is not valid. */
bool uscc_decode(const char *code, struct uscc_info *info);

#endif
