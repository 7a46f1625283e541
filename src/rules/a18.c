/* 第十八条: an alliance's name begins with "中国科协" (for a local jurisdiction, its own prefix,
 * 第二十二条). */
#include "rules/engine.h"
#include "rules/norms.h"

/* 第十八条 (名称前应冠有“中国科协”字样): the name does not begin with the jurisdiction's
 * short_name. */
static void name_prefix(const struct rule *r, struct rctx *c)
{
    const struct md_jurisdiction *j = c->v->jur;
    const struct md_alliance *al = &c->v->al;
    if (!j || !j->short_name || !al->name || norm_name_prefixed(al->name, j->short_name))
        return;
    struct finding *f = emit(c, r, SUBJ_ALLIANCE, al->key, 0);
    farg(c, f, "name", al->name);
    farg(c, f, "prefix", j->short_name);
}

static const struct rule rules[] = {
    {"A18.name-prefix", 18, SEV_ERROR, name_prefix, "名称“{name}”前没有冠以“{prefix}”字样",
     "the name \"{name}\" does not begin with \"{prefix}\""},
};
RULES_TABLE(rules_a18, rules);
