/* 第十条: working committees are set up as needed, generally led by a member society, and may
 * be dissolved once their task is done. */
#include "rules/engine.h"

/* 第十条 (一般由相关成员学会牵头负责): a working committee not dissolved on D without a lead, or
 * whose lead is not a current member on D. A warning: "generally" (一般). */
static void working_committee_no_lead(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nbodies; i++) {
        const struct md_body *b = &al->bodies[i];
        if (b->kind != BK_WORKING_COMMITTEE || b->dissolved_on != NO_DAY)
            continue;
        if (b->lead_id && current_member(c->v, b->lead_id, c->v->D))
            continue;
        struct finding *f = emit(c, r, SUBJ_BODY, b->key, 0);
        farg(c, f, "name", b->name);
        if (!b->lead_id) {
            farg2(c, f, "why", "没有牵头的成员学会", "has no leading member society");
        } else {
            const char *org = org_name(c->m, b->lead_id);
            buf zh = {0}, en = {0};
            buf_printf(&zh, "的牵头单位“%s”不是现任成员", org);
            buf_printf(&en, "is led by %s, which is not a current member", org);
            farg2(c, f, "why", buf_str(&zh), buf_str(&en));
            buf_free(&zh);
            buf_free(&en);
        }
    }
}

/* 第十条 (完成任务后可解散): the task was completed by D but the committee was not dissolved.
 * Advice (info): the norms say "may" (可). */
static void working_committee_not_dissolved(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nbodies; i++) {
        const struct md_body *b = &al->bodies[i];
        if (b->kind != BK_WORKING_COMMITTEE || b->task_completed_on == NO_DAY ||
            b->dissolved_on != NO_DAY)
            continue;
        struct finding *f = emit(c, r, SUBJ_BODY, b->key, 0);
        farg(c, f, "name", b->name);
        farg_day(c, f, "date", b->task_completed_on);
    }
}

static const struct rule rules[] = {
    {"A10.working-committee-no-lead", 10, SEV_WARNING, working_committee_no_lead,
     "工作委员会“{name}”{why}", "the working committee {name} {why}"},
    {"A10.working-committee-not-dissolved", 10, SEV_INFO, working_committee_not_dissolved,
     "工作委员会“{name}”已于 {date} 完成任务，尚未解散",
     "the working committee {name} completed its task on {date} but has not been dissolved"},
};
RULES_TABLE(rules_a10, rules);
