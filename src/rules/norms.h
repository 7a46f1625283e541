/* What the norms say that is both refused when written (src/domain) and reported as a finding of
 * what was imported (src/rules): one definition here, so the two cannot drift apart. */
#ifndef LH_RULES_NORMS_H
#define LH_RULES_NORMS_H
#include <stdbool.h>
#include <string.h>

/* 第一条: rules.md's default of the jurisdiction parameter min_initiators (第二十二条). */
#define NORM_DEFAULT_MIN_INITIATORS 2

/* 第十八条: an alliance's name begins with its jurisdiction's prefix, "中国科协" for CAST (a local
 * association's own short name, 第二十二条). */
static inline bool norm_name_prefixed(const char *name, const char *prefix)
{
    return strncmp(name, prefix, strlen(prefix)) == 0;
}

#endif
