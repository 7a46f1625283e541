/* 第六条: an alliance has a presidium, an expert committee and a secretariat; their leaders are
 * recommended by the member societies and approved by CAST. */
#include "rules/engine.h"

/* 第六条 (设立主席团、专家委员会和秘书处): one finding per missing body. */
static void body_missing(const struct rule *r, struct rctx *c)
{
    const struct {
        const struct md_body *body;
        enum md_body_kind kind;
        const char *key;
    } kinds[] = {
        {c->v->presidium, BK_PRESIDIUM, "presidium"},
        {c->v->expert_committee, BK_EXPERT_COMMITTEE, "expert_committee"},
        {c->v->secretariat, BK_SECRETARIAT, "secretariat"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (kinds[i].body)
            continue;
        struct finding *f = emit(c, r, SUBJ_BODY_KIND, kinds[i].key, 0);
        farg2(c, f, "kind", body_kind_zh(kinds[i].kind), body_kind_en(kinds[i].kind));
    }
}

/* The leaders of 第六条: the chair and vice-chairs, the expert committee's director, the
 * secretary-general, each in the body where the role belongs. */
static bool leader(const struct md_body *b, const struct md_post *p)
{
    switch (b->kind) {
    case BK_PRESIDIUM:
        return p->role == PR_CHAIR || p->role == PR_VICE_CHAIR;
    case BK_EXPERT_COMMITTEE:
        return p->role == PR_DIRECTOR;
    case BK_SECRETARIAT:
        return p->role == PR_SECRETARY_GENERAL;
    case BK_WORKING_COMMITTEE:
    case BK_OTHER:
        return false;
    }
    return false;
}

/* 第六条 (负责人由各成员学会推举): a leader in office on D with no recommending society, or one
 * that was not a current member when the post began. */
static void leader_not_recommended(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t b = 0; b < al->nbodies; b++)
        for (size_t i = 0; i < al->bodies[b].nposts; i++) {
            const struct md_body *body = &al->bodies[b];
            const struct md_post *p = &body->posts[i];
            if (!leader(body, p) || !in_office(p, c->v->D))
                continue;
            bool none = p->recommended_by_id == 0;
            if (!none && current_member(c->v, p->recommended_by_id, p->from))
                continue;
            struct finding *f = emit(c, r, SUBJ_POST, post_key(c, body, p), 0);
            farg_post(c, f, body, p);
            if (none) {
                farg2(c, f, "why", "没有成员学会推举", "was not recommended by a member society");
            } else {
                const char *org = org_name(c->m, p->recommended_by_id);
                buf zh = {0}, en = {0};
                buf_printf(&zh, "的推举单位“%s”在其任职之初不是成员", org);
                buf_printf(&en, "was recommended by %s, not a member when the post began", org);
                farg2(c, f, "why", buf_str(&zh), buf_str(&en));
                buf_free(&zh);
                buf_free(&en);
            }
        }
}

/* 第六条 (报中国科协批准): a leader in office on D without CAST's approval (an approval by
 * anyone else does not count). */
static void leader_not_approved(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t b = 0; b < al->nbodies; b++)
        for (size_t i = 0; i < al->bodies[b].nposts; i++) {
            const struct md_body *body = &al->bodies[b];
            const struct md_post *p = &body->posts[i];
            if (!leader(body, p) || !in_office(p, c->v->D))
                continue;
            if (p->cast_approved.date != NO_DAY && p->cast_approved.by == BY_CAST)
                continue;
            struct finding *f = emit(c, r, SUBJ_POST, post_key(c, body, p), 0);
            farg_post(c, f, body, p);
            farg_assoc(c, f);
        }
}

static const struct rule rules[] = {
    {"A06.body-missing", 6, SEV_ERROR, body_missing, "没有设立{kind}", "there is no {kind}"},
    {"A06.leader-not-recommended", 6, SEV_ERROR, leader_not_recommended, "{post}{why}",
     "the {post} {why}"},
    {"A06.leader-not-approved", 6, SEV_ERROR, leader_not_approved, "{post}未经{assoc}批准",
     "the {post} has not been approved by {assoc}"},
};
RULES_TABLE(rules_a06, rules);
