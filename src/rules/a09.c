/* 第九条: the secretariat has one secretary-general and several deputies, nominated by the chair
 * and appointed by the presidium. */
#include "rules/engine.h"

/* 第九条 (设秘书长1名): not exactly one secretary-general in office on D. */
static void secretary_general_count(const struct rule *r, struct rctx *c)
{
    check_one_head(r, c, c->v->secretariat, PR_SECRETARY_GENERAL);
}

/* 第九条 (由主席提名): the head or a deputy in office on D not nominated by the chair in office on
 * the day the post began. */
static void not_nominated_by_chair(const struct rule *r, struct rctx *c)
{
    check_nominated_by_chair(r, c, c->v->secretariat, PR_SECRETARY_GENERAL,
                             PR_DEPUTY_SECRETARY_GENERAL);
}

/* 第九条 (主席团聘任): the head or a deputy in office on D not appointed by a decision of a held
 * presidium meeting dated on or before the post's start. */
static void not_appointed_by_presidium(const struct rule *r, struct rctx *c)
{
    check_appointed_by_presidium(r, c, c->v->secretariat, PR_SECRETARY_GENERAL,
                                 PR_DEPUTY_SECRETARY_GENERAL);
}

static const struct rule rules[] = {
    {"A09.secretary-general-count", 9, SEV_ERROR, secretary_general_count,
     "{date} 秘书处在任秘书长 {count} 名，应为 1 名",
     "on {date} the secretariat has {count} secretaries-general in office; it must have exactly "
     "one"},
    {"A09.not-nominated-by-chair", 9, SEV_ERROR, not_nominated_by_chair,
     "{post}不是由时任主席提名（提名人：{by}）",
     "the {post} was not nominated by the chair in office (nominated by: {by})"},
    {"A09.not-appointed-by-presidium", 9, SEV_ERROR, not_appointed_by_presidium,
     "{post}没有在任职前经主席团会议决定聘任",
     "the {post} was not appointed by a decision of a presidium meeting held before the post "
     "began"},
};
RULES_TABLE(rules_a09, rules);
