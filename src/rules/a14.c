/* 第十四条: development plans and annual work plans are reviewed by the presidium and filed with
 * CAST (备案). */
#include "rules/engine.h"

/* Has the day mmdd of year y passed on D (D after it)? Years outside the calendar: long past
 * (before year 1) or never (after 9999). */
static bool passed(const struct view *v, int64_t y, const char *mmdd)
{
    if (y < 1)
        return true;
    if (y > 9999)
        return false;
    return v->D > deadline_in((int)y, mmdd);
}

/* The years an annual plan is required for: the full years, and the current year once its
 * annual_plan_deadline has passed for an alliance that started before that deadline. */
static size_t plan_years(const struct view *v, int *years)
{
    size_t n = v->nfull_years;
    for (size_t i = 0; i < n; i++)
        years[i] = v->full_years[i];
    int now = day_year(v->D);
    lh_day deadline = deadline_in(now, v->p.annual_plan_deadline);
    if (v->D > deadline && v->start != NO_DAY && v->start < deadline)
        years[n++] = now;
    return n;
}

/* Is the plan checked: a development plan always, an annual one for a year in scope. */
static bool in_scope(const struct md_plan *p, const int *years, size_t n)
{
    if (p->kind == PK_DEVELOPMENT)
        return true;
    if (p->kind != PK_ANNUAL)
        return false;
    for (size_t i = 0; i < n; i++)
        if (p->from_year <= years[i] && years[i] <= p->to_year)
            return true;
    return false;
}

/* 第十四条 (年度工作计划): a year in scope with no annual plan covering it. */
static void annual_plan_missing(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    int years[MAX_FULL_YEARS + 1];
    size_t n = plan_years(c->v, years);
    for (size_t y = 0; y < n; y++) {
        bool found = false;
        for (size_t i = 0; i < al->nplans && !found; i++)
            found = al->plans[i].kind == PK_ANNUAL && al->plans[i].from_year <= years[y] &&
                    years[y] <= al->plans[i].to_year;
        if (found)
            continue;
        struct finding *f = emit(c, r, SUBJ_YEAR, year_key(c, years[y]), years[y]);
        farg_int(c, f, "year", years[y]);
    }
}

static void farg_plan(struct rctx *c, struct finding *f, const struct md_plan *p)
{
    if (p->kind == PK_DEVELOPMENT)
        farg2(c, f, "plan", "工作发展规划", "development plan");
    else
        farg2(c, f, "plan", "年度工作计划", "annual work plan");
    farg(c, f, "title", p->title);
}

/* 第十四条 (须经主席团审议): a plan in scope whose reviewed_at is not a held presidium meeting
 * of the alliance dated on or before its filing (by D when it is not filed). */
static void plan_not_reviewed(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    int years[MAX_FULL_YEARS + 1];
    size_t n = plan_years(c->v, years);
    for (size_t i = 0; i < al->nplans; i++) {
        const struct md_plan *p = &al->plans[i];
        if (!in_scope(p, years, n))
            continue;
        const struct md_meeting *m =
            p->reviewed_at_id ? model_meeting(c->m, p->reviewed_at_id) : NULL;
        lh_day by = p->filed.date != NO_DAY ? p->filed.date : c->v->D;
        if (m && m->alliance_id == al->id && m->kind == MK_PRESIDIUM && m->status == MS_HELD &&
            m->date <= by)
            continue;
        struct finding *f = emit(c, r, SUBJ_PLAN, p->key, 0);
        farg_plan(c, f, p);
        if (m && m->alliance_id == al->id && m->kind == MK_PRESIDIUM && m->status == MS_HELD &&
            m->date <= c->v->D) {
            char on[11], filed[11];
            day_format(m->date, on);
            day_format(p->filed.date, filed);
            buf zh = {0}, en = {0};
            buf_printf(&zh, "在主席团审议（%s）之前已报备案（%s）", on, filed);
            buf_printf(&en, "was filed (%s) before the presidium reviewed it (%s)", filed, on);
            farg2(c, f, "why", buf_str(&zh), buf_str(&en));
            buf_free(&zh);
            buf_free(&en);
        } else {
            farg2(c, f, "why", "未经主席团会议审议",
                  "has not been reviewed at a presidium meeting");
        }
    }
}

/* 第十四条 (报中国科协备案): a plan in scope not filed with CAST once the annual_plan_deadline of
 * its from_year has passed (a filing with anyone else does not count). */
static void plan_not_filed(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    int years[MAX_FULL_YEARS + 1];
    size_t n = plan_years(c->v, years);
    for (size_t i = 0; i < al->nplans; i++) {
        const struct md_plan *p = &al->plans[i];
        if (!in_scope(p, years, n) || (p->filed.date != NO_DAY && p->filed.by == BY_CAST) ||
            !passed(c->v, p->from_year, c->v->p.annual_plan_deadline))
            continue;
        struct finding *f = emit(c, r, SUBJ_PLAN, p->key, 0);
        farg_plan(c, f, p);
        farg_assoc(c, f);
        if (p->from_year >= 1 && p->from_year <= 9999)
            farg_day(c, f, "deadline",
                     deadline_in((int)p->from_year, c->v->p.annual_plan_deadline));
        else
            farg(c, f, "deadline", "—");
    }
}

/* 第十四条 (工作发展规划): no development plan covering D's year. A warning: the norms do not say
 * how long a development plan runs. */
static void development_plan_missing(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    int now = day_year(c->v->D);
    for (size_t i = 0; i < al->nplans; i++)
        if (al->plans[i].kind == PK_DEVELOPMENT && al->plans[i].from_year <= now &&
            now <= al->plans[i].to_year)
            return;
    struct finding *f = emit(c, r, SUBJ_ALLIANCE, al->key, 0);
    farg_int(c, f, "year", now);
}

static const struct rule rules[] = {
    {"A14.annual-plan-missing", 14, SEV_ERROR, annual_plan_missing, "没有 {year} 年度工作计划",
     "there is no annual work plan for {year}"},
    {"A14.plan-not-reviewed", 14, SEV_ERROR, plan_not_reviewed, "{plan}“{title}”{why}",
     "the {plan} \"{title}\" {why}"},
    {"A14.plan-not-filed", 14, SEV_ERROR, plan_not_filed,
     "{plan}“{title}”未报{assoc}备案（期限 {deadline}）",
     "the {plan} \"{title}\" has not been filed with {assoc} (due {deadline})"},
    {"A14.development-plan-missing", 14, SEV_WARNING, development_plan_missing,
     "没有覆盖 {year} 年的工作发展规划", "there is no development plan covering {year}"},
};
RULES_TABLE(rules_a14, rules);
