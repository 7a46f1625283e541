/* 第五条: the main tasks: think tank, academic exchange, innovation and technology transfer,
 * talent, society reform (with a party work organ where the alliance can set one up). Advice
 * only (info): the norms list tasks, they do not fix a yearly quota. */
#include "rules/engine.h"

/* 第五条（五）(有条件的学会联合体应设立党的工作机构): no party work organ recorded by D. */
static void no_party_organ(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nactivities; i++)
        if (al->activities[i].party_organ)
            return;
    emit(c, r, SUBJ_ALLIANCE, al->key, 0);
}

/* 第五条（一）-（四）: a task with no activity in the last full year. */
static void task_idle(const struct rule *r, struct rctx *c)
{
    static const struct {
        enum md_task task;
        const char *key, *zh, *en;
    } tasks[] = {
        {TASK_THINK_TANK, "think_tank", "智库建设", "think-tank"},
        {TASK_ACADEMIC, "academic", "学术交流", "academic exchange"},
        {TASK_INNOVATION, "innovation", "协同创新和成果转化", "innovation and technology transfer"},
        {TASK_TALENT, "talent", "人才培养", "talent"},
    };
    const struct view *v = c->v;
    if (v->nfull_years == 0)
        return;
    int year = v->full_years[v->nfull_years - 1];
    for (size_t t = 0; t < sizeof tasks / sizeof tasks[0]; t++) {
        bool active = false;
        for (size_t i = 0; i < v->al.nactivities && !active; i++)
            active = v->al.activities[i].task == tasks[t].task &&
                     day_year(v->al.activities[i].date) == year;
        if (active)
            continue;
        struct finding *f = emit(c, r, SUBJ_TASK, tasks[t].key, year);
        farg_int(c, f, "year", year);
        farg2(c, f, "task", tasks[t].zh, tasks[t].en);
    }
}

static const struct rule rules[] = {
    {"A05.no-party-organ", 5, SEV_INFO, no_party_organ,
     "尚未设立党的工作机构（有条件的学会联合体应设立）",
     "no party work organ has been set up (an alliance that can should set one up)"},
    {"A05.task-idle", 5, SEV_INFO, task_idle, "{year} 年没有开展{task}方面的活动",
     "no {task} activity in {year}"},
};
RULES_TABLE(rules_a05, rules);
