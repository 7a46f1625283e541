/* 第七条: the presidium decides major matters collectively; one chair, several vice-chairs, who
 * are in principle presidents (理事长) of member societies. */
#include "rules/engine.h"

/* Distinct people holding posts of this role in the body on d. */
static int64_t holders(const struct md_body *b, enum md_post_role role, lh_day d)
{
    int64_t n = 0;
    for (size_t i = 0; i < b->nposts; i++) {
        const struct md_post *p = &b->posts[i];
        if (p->role != role || !in_office(p, d))
            continue;
        bool counted = false;
        for (size_t j = 0; j < i && !counted; j++)
            counted = b->posts[j].person_id == p->person_id && b->posts[j].role == role &&
                      in_office(&b->posts[j], d);
        n += !counted;
    }
    return n;
}

/* 第七条 (主席团设主席1名): not exactly one chair in office on D. */
static void chair_count(const struct rule *r, struct rctx *c)
{
    const struct md_body *b = c->v->presidium;
    if (!b)
        return; /* a missing presidium is A06.body-missing alone */
    int64_t n = holders(b, PR_CHAIR, c->v->D);
    if (n == 1)
        return;
    struct finding *f = emit(c, r, SUBJ_BODY, b->key, 0);
    farg_day(c, f, "date", c->v->D);
    farg_int(c, f, "count", n);
}

/* 第七条 (副主席若干名): no vice-chair in office on D. */
static void no_vice_chair(const struct rule *r, struct rctx *c)
{
    const struct md_body *b = c->v->presidium;
    if (!b || holders(b, PR_VICE_CHAIR, c->v->D) > 0)
        return;
    struct finding *f = emit(c, r, SUBJ_BODY, b->key, 0);
    farg_day(c, f, "date", c->v->D);
}

/* 第七条 (主席（副主席）原则上由成员学会理事长担任): a chair or vice-chair in office on D who is
 * not the president of an organisation that is a current member on D. */
static void chair_not_president(const struct rule *r, struct rctx *c)
{
    const struct view *v = c->v;
    const struct md_body *b = v->presidium;
    if (!b)
        return;
    for (size_t i = 0; i < b->nposts; i++) {
        const struct md_post *p = &b->posts[i];
        if ((p->role != PR_CHAIR && p->role != PR_VICE_CHAIR) || !in_office(p, v->D))
            continue;
        bool president = false;
        for (size_t k = 0; k < v->al.nmembers && !president; k++) {
            const struct md_member *m = &v->al.members[k];
            const struct md_organisation *o = model_organisation(c->m, m->organisation_id);
            president = o && o->president_id == p->person_id &&
                        (m->left_on == NO_DAY || m->left_on >= v->D);
        }
        if (president)
            continue;
        struct finding *f = emit(c, r, SUBJ_POST, post_key(c, b, p), 0);
        farg_post(c, f, b, p);
    }
}

/* 第七条 (主席团负责决策重大事项): a major decision recorded in a held meeting that is not a
 * presidium meeting. */
static void major_decision_outside_presidium(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (m->status != MS_HELD || m->kind == MK_PRESIDIUM)
            continue;
        for (size_t k = 0; k < m->ndecisions; k++) {
            const struct md_decision *d = &m->decisions[k];
            if (!d->major)
                continue;
            const char *key = arena_printf(c->a, "%s/%s", m->key, d->key);
            struct finding *f = emit(c, r, SUBJ_DECISION, key, 0);
            farg_meeting(c, f, m);
            farg(c, f, "decision", d->text && *d->text ? clip(c, d->text, 40) : d->key);
        }
    }
}

static const struct rule rules[] = {
    {"A07.chair-count", 7, SEV_ERROR, chair_count, "{date} 主席团在任主席 {count} 名，应为 1 名",
     "on {date} the presidium has {count} chairs in office; it must have exactly one"},
    {"A07.no-vice-chair", 7, SEV_WARNING, no_vice_chair, "{date} 主席团没有在任的副主席",
     "on {date} the presidium has no vice-chair in office"},
    {"A07.chair-not-president", 7, SEV_WARNING, chair_not_president, "{post}不是成员学会的理事长",
     "the {post} is not the president of a member society"},
    {"A07.major-decision-outside-presidium", 7, SEV_ERROR, major_decision_outside_presidium,
     "{date} {meeting}“{title}”作出了重大事项决定“{decision}”，重大事项应由主席团集体讨论决策",
     "the {meeting} \"{title}\" of {date} took the major decision {decision}; major matters are "
     "decided by the presidium"},
};
RULES_TABLE(rules_a07, rules);
