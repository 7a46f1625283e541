/* 第八条: the expert committee has one director and several deputies, nominated by the chair and
 * appointed by the presidium. */
#include "rules/engine.h"

/* 第八条 (设主任1名): not exactly one director in office on D. */
static void director_count(const struct rule *r, struct rctx *c)
{
    check_one_head(r, c, c->v->expert_committee, PR_DIRECTOR);
}

/* 第八条 (由主席提名): the head or a deputy in office on D not nominated by the chair in office on
 * the day the post began. */
static void not_nominated_by_chair(const struct rule *r, struct rctx *c)
{
    check_nominated_by_chair(r, c, c->v->expert_committee, PR_DIRECTOR, PR_DEPUTY_DIRECTOR);
}

/* 第八条 (主席团聘任): the head or a deputy in office on D not appointed by a decision of a held
 * presidium meeting dated on or before the post's start. */
static void not_appointed_by_presidium(const struct rule *r, struct rctx *c)
{
    check_appointed_by_presidium(r, c, c->v->expert_committee, PR_DIRECTOR, PR_DEPUTY_DIRECTOR);
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
