/* 第八条: the expert committee has one director and several deputies, nominated by the chair and
 * appointed by the presidium. */
#include "rules/engine.h"

static bool director_post(const struct md_post *p)
{
    return p->role == PR_DIRECTOR || p->role == PR_DEPUTY_DIRECTOR;
}

/* 第八条 (设主任1名): not exactly one director in office on D. */
static void director_count(const struct rule *r, struct rctx *c)
{
    const struct md_body *b = c->v->expert_committee;
    if (!b)
        return; /* a missing committee is A06.body-missing alone */
    int64_t n = 0;
    for (size_t i = 0; i < b->nposts; i++) {
        const struct md_post *p = &b->posts[i];
        if (p->role != PR_DIRECTOR || !in_office(p, c->v->D))
            continue;
        bool counted = false; /* one person with two overlapping posts is one director */
        for (size_t j = 0; j < i && !counted; j++)
            counted = b->posts[j].role == PR_DIRECTOR && b->posts[j].person_id == p->person_id &&
                      in_office(&b->posts[j], c->v->D);
        n += !counted;
    }
    if (n == 1)
        return;
    struct finding *f = emit(c, r, SUBJ_BODY, b->key, 0);
    farg_day(c, f, "date", c->v->D);
    farg_int(c, f, "count", n);
}

/* 第八条 (由主席提名): a director or deputy in office on D not nominated by the chair in office
 * on the day the post began. */
static void not_nominated_by_chair(const struct rule *r, struct rctx *c)
{
    const struct md_body *b = c->v->expert_committee;
    for (size_t i = 0; b && i < b->nposts; i++) {
        const struct md_post *p = &b->posts[i];
        if (!director_post(p) || !in_office(p, c->v->D))
            continue;
        int64_t chair = chair_on(c->v, p->from);
        if (p->nominated_by_id && p->nominated_by_id == chair)
            continue;
        struct finding *f = emit(c, r, SUBJ_POST, post_key(c, b, p), 0);
        farg_post(c, f, b, p);
        if (p->nominated_by_id)
            farg_person(c, f, "by", p->nominated_by_id);
        else
            farg2(c, f, "by", "无记录", "nobody recorded");
    }
}

/* 第八条 (主席团聘任): a director or deputy in office on D not appointed by a decision of a held
 * presidium meeting dated on or before the post's start. */
static void not_appointed_by_presidium(const struct rule *r, struct rctx *c)
{
    const struct md_body *b = c->v->expert_committee;
    for (size_t i = 0; b && i < b->nposts; i++) {
        const struct md_post *p = &b->posts[i];
        if (!director_post(p) || !in_office(p, c->v->D) || appointed_by_presidium(c->v, p))
            continue;
        struct finding *f = emit(c, r, SUBJ_POST, post_key(c, b, p), 0);
        farg_post(c, f, b, p);
    }
}

static const struct rule rules[] = {
    {"A08.director-count", 8, SEV_ERROR, director_count,
     "{date} 专家委员会在任主任 {count} 名，应为 1 名",
     "on {date} the expert committee has {count} directors in office; it must have exactly one"},
    {"A08.not-nominated-by-chair", 8, SEV_ERROR, not_nominated_by_chair,
     "{post}不是由时任主席提名（提名人：{by}）",
     "the {post} was not nominated by the chair in office (nominated by: {by})"},
    {"A08.not-appointed-by-presidium", 8, SEV_ERROR, not_appointed_by_presidium,
     "{post}没有在任职前经主席团会议决定聘任",
     "the {post} was not appointed by a decision of a presidium meeting held before the post "
     "began"},
};
RULES_TABLE(rules_a08, rules);
