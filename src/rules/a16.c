/* 第十六条: member units may not release or use the alliance's research results externally
 * without approval. */
#include "rules/engine.h"

/* 第十六条 (未经批准不能自行对外发布和使用): a release or use with no approval, or one approved
 * only after it happened. Any approver counts: the norms do not say whose approval. */
static void release_not_approved(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->noutputs; i++) {
        const struct md_output *o = &al->outputs[i];
        for (size_t k = 0; k < o->nreleases; k++) {
            const struct md_release *rel = &o->releases[k];
            if (rel->approved.date != NO_DAY && rel->approved.date <= rel->date)
                continue;
            const char *key = arena_printf(c->a, "%s/%zu", o->key, rel->index);
            struct finding *f = emit(c, r, SUBJ_RELEASE, key, 0);
            farg_org(c, f, "org", rel->by_id);
            farg_day(c, f, "date", rel->date);
            farg(c, f, "title", o->title);
            if (rel->kind == RK_USE)
                farg2(c, f, "kind", "使用", "used");
            else
                farg2(c, f, "kind", "发布", "published");
            if (rel->approved.date == NO_DAY) {
                farg2(c, f, "why", "，未经批准", "without approval");
            } else {
                char on[11];
                day_format(rel->approved.date, on);
                buf zh = {0}, en = {0};
                buf_printf(&zh, "，批准（%s）晚于%s", on, rel->kind == RK_USE ? "使用" : "发布");
                buf_printf(&en, "before it was approved (%s)", on);
                farg2(c, f, "why", buf_str(&zh), buf_str(&en));
                buf_free(&zh);
                buf_free(&en);
            }
        }
    }
}

static const struct rule rules[] = {
    {"A16.release-not-approved", 16, SEV_ERROR, release_not_approved,
     "“{org}”于 {date} {kind}研究成果“{title}”{why}",
     "{org} {kind} the research result \"{title}\" on {date} {why}"},
};
RULES_TABLE(rules_a16, rules);
