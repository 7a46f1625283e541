/* 第一条: an alliance is initiated voluntarily by CAST national societies (中国科协所属全国学会)
 * of related disciplines; rules.md asks for at least `min_initiators` of them. */
#include "rules/engine.h"

/* An initiator recorded twice (left and joined again) is still one society. */
static bool first_of_org(const struct md_alliance *al, size_t i, enum md_member_role role)
{
    for (size_t j = 0; j < i; j++)
        if (al->members[j].organisation_id == al->members[i].organisation_id &&
            al->members[j].role == role)
            return false;
    return true;
}

/* 第一条: fewer initiating societies than min_initiators (default 2). Every initiator recorded
 * by D counts, also one that left later: initiation is a fact of the founding. */
static void initiators_too_few(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    int64_t n = 0;
    for (size_t i = 0; i < al->nmembers; i++)
        if (al->members[i].role == MR_INITIATOR && first_of_org(al, i, MR_INITIATOR))
            n++;
    if (n >= c->v->p.min_initiators)
        return;
    struct finding *f = emit(c, r, SUBJ_ALLIANCE, al->key, 0);
    farg_int(c, f, "count", n);
    farg_int(c, f, "min", c->v->p.min_initiators);
}

/* 第一条: an initiator must be a CAST national society. */
static void initiator_not_national_society(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmembers; i++) {
        const struct md_member *m = &al->members[i];
        if (m->role != MR_INITIATOR || !first_of_org(al, i, MR_INITIATOR))
            continue;
        const struct md_organisation *o = model_organisation(c->m, m->organisation_id);
        if (!o || o->kind == ORG_NATIONAL_SOCIETY)
            continue;
        struct finding *f = emit(c, r, SUBJ_ORGANISATION, o->key, 0);
        farg(c, f, "org", o->name);
    }
}

static const struct rule rules[] = {
    {"A01.initiators-too-few", 1, SEV_ERROR, initiators_too_few,
     "发起学会只有 {count} 家，少于规定的 {min} 家",
     "the number of initiating societies ({count}) is below the required {min}"},
    {"A01.initiator-not-national-society", 1, SEV_ERROR, initiator_not_national_society,
     "发起单位“{org}”不是中国科协所属全国学会",
     "the initiator {org} is not a CAST national society"},
};
RULES_TABLE(rules_a01, rules);
