/* One alliance as it stood on a day D ("the data as of D", rules.md), and the terms the rules are
 * written in: in office, the chair on d, current member, full years. The view is built once per
 * alliance before any rule runs, so no rule needs a date condition of its own for D: records
 * dated after D are dropped, approvals and other dated facts after D are absent, a post's end
 * after D reads as "still in office". The view's records are copies (same types as the model),
 * so rules read v->al.members[i] exactly as they would the model. */
#ifndef LH_RULES_VIEW_H
#define LH_RULES_VIEW_H
#include "rules/model.h"

/* The rule parameters of rules.md (第二十二条) for one jurisdiction. */
struct params {
    int64_t min_initiators, presidium_meetings_min, presidium_meetings_max, minutes_deadline_days,
        lookback_years;
    const char *annual_plan_deadline, *fund_report_deadline; /* "MM-DD" */
};

/* The defaults of rules.md overridden by the jurisdiction's own params (NULL: the default;
 * nothing comes from a parent jurisdiction). */
struct params params_of(const struct md_jurisdiction *j);

#define MAX_FULL_YEARS 64

struct view {
    const struct model *m;
    const struct md_alliance *orig; /* the alliance in the model */
    const struct md_jurisdiction *jur;
    struct params p;
    lh_day D;
    /* The alliance as of D: approvals after D cleared, every slice filtered and copied. Its
     * transactions are in the order they apply: by date, then as recorded. */
    struct md_alliance al;
    /* The bodies of kinds that exist at most once, or NULL. */
    const struct md_body *presidium, *expert_committee, *secretariat;
    /* Where "full years" start (rules.md, Terms): the establishment date, else the earliest
     * joined_on; NO_DAY when neither is known. */
    lh_day start;
    /* The full years, oldest first: at most lookback_years of them. */
    int full_years[MAX_FULL_YEARS];
    size_t nfull_years;
};

/* Builds the view of alliance al as of D in a (which holds the copies). */
void view_build(struct view *v, const struct model *m, const struct md_alliance *al, lh_day D,
                arena *a);

/* A post in office on d: from <= d and (no end or end >= d). */
bool in_office(const struct md_post *p, lh_day d);
/* The person holding the presidium's chair post on d when exactly one person does, else 0. */
int64_t chair_on(const struct view *v, lh_day d);
/* Does person hold a post of this role (PR_OTHER: any role) in body b on d? */
bool holds_post(const struct md_body *b, int64_t person, enum md_post_role role, lh_day d);
/* Is the organisation a current member on d: joined_on <= d and (no left_on or left_on >= d)? */
bool current_member(const struct view *v, int64_t organisation, lh_day d);
/* Was the post appointed by a decision of a held presidium meeting of this alliance dated on or
 * before its `from` (第八条, 第九条)? */
bool appointed_by_presidium(const struct view *v, const struct md_post *p);
/* The full years of an alliance that started on start, as of D, at most lookback of them, oldest
 * first, into years (room for MAX_FULL_YEARS); returns how many. */
size_t full_years(lh_day start, lh_day D, int64_t lookback, int *years);
/* The deadline "MM-DD" in year y (a common year's 02-29 is 02-28). */
lh_day deadline_in(int y, const char *mmdd);

#endif
