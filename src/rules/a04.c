/* 第四条: members are the initiating societies and member units that accept the charter and are
 * legally registered in China (national social organisations, enterprises, institutes,
 * universities...); a CAST national society joins or leaves only with CAST's approval. */
#include "rules/engine.h"
#include <string.h>

typedef bool (*member_test)(const struct rctx *c, const struct md_member *m,
                            const struct md_organisation *o);

/* One finding per organisation: the first of its member records (an organisation that left and
 * joined again has two) that breaches. */
static const struct md_member *breaching(const struct rctx *c, size_t i, member_test test,
                                         const struct md_organisation **org)
{
    const struct md_alliance *al = &c->v->al;
    const struct md_member *m = &al->members[i];
    const struct md_organisation *o = model_organisation(c->m, m->organisation_id);
    if (!o || !test(c, m, o))
        return NULL;
    for (size_t j = 0; j < i; j++)
        if (al->members[j].organisation_id == m->organisation_id && test(c, &al->members[j], o))
            return NULL;
    *org = o;
    return m;
}

static bool current(const struct rctx *c, const struct md_member *m)
{
    return m->left_on == NO_DAY || m->left_on >= c->v->D;
}

static bool unregistered(const struct rctx *c, const struct md_member *m,
                         const struct md_organisation *o)
{
    return current(c, m) && (!o->uscc || !*o->uscc);
}

/* 第四条 (在中国境内合法注册登记): a current member without a unified social credit code. */
static void member_not_registered(const struct rule *r, struct rctx *c)
{
    for (size_t i = 0; i < c->v->al.nmembers; i++) {
        const struct md_organisation *o;
        if (!breaching(c, i, unregistered, &o))
            continue;
        struct finding *f = emit(c, r, SUBJ_ORGANISATION, o->key, 0);
        farg(c, f, "org", o->name);
    }
}

/* Characters 3-8 of a USCC are the registering authority's area code: 100000 is national. */
static bool local_social_org(const struct rctx *c, const struct md_member *m,
                             const struct md_organisation *o)
{
    return current(c, m) && o->kind == ORG_SOCIAL_ORG && o->uscc && strlen(o->uscc) >= 8 &&
           strncmp(o->uscc + 2, "100000", 6) != 0;
}

/* 第四条 (全国性社会团体): a social organisation member registered locally, not nationally. A
 * warning: the norms list kinds of member "等" (and so on). */
static void social_org_not_national(const struct rule *r, struct rctx *c)
{
    for (size_t i = 0; i < c->v->al.nmembers; i++) {
        const struct md_organisation *o;
        if (!breaching(c, i, local_social_org, &o))
            continue;
        struct finding *f = emit(c, r, SUBJ_ORGANISATION, o->key, 0);
        farg(c, f, "org", o->name);
        farg(c, f, "uscc", o->uscc);
    }
}

static bool no_ack(const struct rctx *c, const struct md_member *m, const struct md_organisation *o)
{
    (void)c;
    (void)o;
    return m->role == MR_MEMBER && !m->charter_ack;
}

/* 第四条 (承认学会联合体章程): a member unit with no charter acknowledgement. */
static void charter_not_acknowledged(const struct rule *r, struct rctx *c)
{
    for (size_t i = 0; i < c->v->al.nmembers; i++) {
        const struct md_organisation *o;
        const struct md_member *m = breaching(c, i, no_ack, &o);
        if (!m)
            continue;
        struct finding *f = emit(c, r, SUBJ_ORGANISATION, o->key, 0);
        farg(c, f, "org", o->name);
        farg_day(c, f, "joined", m->joined_on);
    }
}

static bool join_unapproved(const struct rctx *c, const struct md_member *m,
                            const struct md_organisation *o)
{
    (void)c;
    return m->role == MR_MEMBER && o->kind == ORG_NATIONAL_SOCIETY &&
           !(m->join_approved.date != NO_DAY && m->join_approved.by == BY_CAST);
}

/* 第四条 (加入须经中国科协批准): a national society that joined as a member without CAST's
 * approval (an approval by anyone else does not count). */
static void join_not_approved(const struct rule *r, struct rctx *c)
{
    for (size_t i = 0; i < c->v->al.nmembers; i++) {
        const struct md_organisation *o;
        const struct md_member *m = breaching(c, i, join_unapproved, &o);
        if (!m)
            continue;
        struct finding *f = emit(c, r, SUBJ_ORGANISATION, o->key, 0);
        farg(c, f, "org", o->name);
        farg_day(c, f, "joined", m->joined_on);
        farg_assoc(c, f);
    }
}

static bool leave_unapproved(const struct rctx *c, const struct md_member *m,
                             const struct md_organisation *o)
{
    (void)c;
    return o->kind == ORG_NATIONAL_SOCIETY && m->left_on != NO_DAY &&
           !(m->leave_approved.date != NO_DAY && m->leave_approved.by == BY_CAST);
}

/* 第四条 (退出须经中国科协批准): a national society (initiator or member) that left by D
 * without CAST's approval. */
static void leave_not_approved(const struct rule *r, struct rctx *c)
{
    for (size_t i = 0; i < c->v->al.nmembers; i++) {
        const struct md_organisation *o;
        const struct md_member *m = breaching(c, i, leave_unapproved, &o);
        if (!m)
            continue;
        struct finding *f = emit(c, r, SUBJ_ORGANISATION, o->key, 0);
        farg(c, f, "org", o->name);
        farg_day(c, f, "left", m->left_on);
        farg_assoc(c, f);
    }
}

static const struct rule rules[] = {
    {"A04.member-not-registered", 4, SEV_ERROR, member_not_registered,
     "成员单位“{org}”没有统一社会信用代码，无法证明其在中国境内合法注册登记",
     "the member {org} has no unified social credit code, so its legal registration in China "
     "is not shown"},
    {"A04.social-org-not-national", 4, SEV_WARNING, social_org_not_national,
     "成员单位“{org}”的统一社会信用代码 {uscc} 不是全国性社会团体的登记代码",
     "the member {org} is a social organisation whose credit code {uscc} is not a national "
     "registration"},
    {"A04.charter-not-acknowledged", 4, SEV_ERROR, charter_not_acknowledged,
     "成员单位“{org}”（{joined} 加入）没有承认学会联合体章程的记录",
     "the member {org} (joined {joined}) has no record of accepting the charter"},
    {"A04.join-not-approved", 4, SEV_ERROR, join_not_approved,
     "全国学会“{org}”于 {joined} 加入，未经{assoc}批准",
     "the national society {org} joined on {joined} without the approval of {assoc}"},
    {"A04.leave-not-approved", 4, SEV_ERROR, leave_not_approved,
     "全国学会“{org}”于 {left} 退出，未经{assoc}批准",
     "the national society {org} left on {left} without the approval of {assoc}"},
};
RULES_TABLE(rules_a04, rules);
