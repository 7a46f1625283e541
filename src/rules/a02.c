/* 第二条: the charter is drafted jointly by the initiating societies and approved by CAST. */
#include "rules/engine.h"
#include <stdio.h>

static bool approved_by_cast(const struct md_charter *ch)
{
    return ch->approved.date != NO_DAY && ch->approved.by == BY_CAST;
}

/* 第二条: no charter approved by CAST (an approval by anyone else does not count; for a local
 * alliance "cast" is its jurisdiction's association, 第二十二条). */
static void charter_missing(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->ncharters; i++)
        if (approved_by_cast(&al->charters[i]))
            return;
    struct finding *f = emit(c, r, SUBJ_ALLIANCE, al->key, 0);
    farg_assoc(c, f);
}

/* 第二条 (联合制定): the latest approved charter (highest version) lacks an initiator among
 * its drafters. A warning: the drafting record may be incomplete rather than the charter. */
static void charter_not_joint(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    const struct md_charter *latest = NULL;
    for (size_t i = 0; i < al->ncharters; i++)
        if (approved_by_cast(&al->charters[i]) &&
            (!latest || al->charters[i].version >= latest->version))
            latest = &al->charters[i];
    if (!latest)
        return;
    buf zh = {0}, en = {0};
    for (size_t i = 0; i < al->nmembers; i++) {
        const struct md_member *m = &al->members[i];
        if (m->role != MR_INITIATOR)
            continue;
        bool drafted = false, listed = false;
        for (size_t k = 0; k < latest->ndrafters && !drafted; k++)
            drafted = latest->drafters[k].ref_id == m->organisation_id;
        for (size_t j = 0; j < i && !listed; j++)
            listed = al->members[j].role == MR_INITIATOR &&
                     al->members[j].organisation_id == m->organisation_id;
        if (drafted || listed)
            continue;
        const char *name = org_name(c->m, m->organisation_id);
        buf_puts(&zh, zh.len ? "、“" : "“");
        buf_puts(&zh, name);
        buf_puts(&zh, "”");
        buf_puts(&en, en.len ? ", " : "");
        buf_puts(&en, name);
    }
    if (zh.len) {
        char version[24];
        snprintf(version, sizeof version, "%lld", (long long)latest->version);
        struct finding *f = emit(c, r, SUBJ_CHARTER, version, 0);
        farg(c, f, "version", version);
        farg2(c, f, "orgs", buf_str(&zh), buf_str(&en));
    }
    buf_free(&zh);
    buf_free(&en);
}

static const struct rule rules[] = {
    {"A02.charter-missing", 2, SEV_ERROR, charter_missing, "没有经{assoc}批准的章程",
     "there is no charter approved by {assoc}"},
    {"A02.charter-not-joint", 2, SEV_WARNING, charter_not_joint,
     "第 {version} 版章程不是由发起学会联合制定：起草单位中没有{orgs}",
     "charter version {version} was not drafted jointly by the initiators: {orgs} not among "
     "its drafters"},
};
RULES_TABLE(rules_a02, rules);
