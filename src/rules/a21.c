/* 第二十一条: establishing or dissolving an alliance needs the approval of the CAST standing
 * committee (常务委员会) — for a local alliance, its association's standing committee. */
#include "rules/engine.h"

/* 第二十一条 (成立须经中国科协常务委员会批准): no establishment approval by the standing
 * committee (an approval by anyone else does not count). */
static void establishment_not_approved(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    if (al->established.date != NO_DAY && al->established.by == BY_STANDING_COMMITTEE)
        return;
    struct finding *f = emit(c, r, SUBJ_ALLIANCE, al->key, 0);
    farg_assoc(c, f);
}

/* 第二十一条 (解散须经中国科协常务委员会批准): a dissolved alliance without the standing
 * committee's approval of the dissolution. */
static void dissolution_not_approved(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    if (al->status != AL_DISSOLVED ||
        (al->dissolved.date != NO_DAY && al->dissolved.by == BY_STANDING_COMMITTEE))
        return;
    struct finding *f = emit(c, r, SUBJ_ALLIANCE, al->key, 0);
    farg_assoc(c, f);
}

static const struct rule rules[] = {
    {"A21.establishment-not-approved", 21, SEV_ERROR, establishment_not_approved,
     "成立未经{assoc}常务委员会批准",
     "the establishment was not approved by the standing committee of {assoc}"},
    {"A21.dissolution-not-approved", 21, SEV_ERROR, dissolution_not_approved,
     "解散未经{assoc}常务委员会批准",
     "the dissolution was not approved by the standing committee of {assoc}"},
};
RULES_TABLE(rules_a21, rules);
