/* The view of an alliance as of D (rules.md, "The data as of D") and the terms of rules.md.
 * Decisions beyond rules.md's list are in docs/rules.md: records without a date of their own
 * (bodies, plans) exist as of D unless every date that records them is after D; an output dated
 * after D did not exist yet, with its releases. */
#include "rules/view.h"
#include "rules/norms.h"
#include <stdlib.h>
#include <string.h>

struct params params_of(const struct md_jurisdiction *j)
{
    struct params p = {
        .min_initiators = NORM_DEFAULT_MIN_INITIATORS,
        .presidium_meetings_min = 1,
        .presidium_meetings_max = 2,
        .minutes_deadline_days = 30,
        .lookback_years = 5,
        .annual_plan_deadline = "03-31",
        .fund_report_deadline = "01-31",
    };
    if (!j)
        return p;
    if (j->min_initiators.set)
        p.min_initiators = j->min_initiators.v;
    if (j->presidium_meetings_min.set)
        p.presidium_meetings_min = j->presidium_meetings_min.v;
    if (j->presidium_meetings_max.set)
        p.presidium_meetings_max = j->presidium_meetings_max.v;
    if (j->minutes_deadline_days.set)
        p.minutes_deadline_days = j->minutes_deadline_days.v;
    if (j->lookback_years.set)
        p.lookback_years = j->lookback_years.v;
    if (j->annual_plan_deadline && day_of_year_mmdd(2000, j->annual_plan_deadline) != NO_DAY)
        p.annual_plan_deadline = j->annual_plan_deadline;
    if (j->fund_report_deadline && day_of_year_mmdd(2000, j->fund_report_deadline) != NO_DAY)
        p.fund_report_deadline = j->fund_report_deadline;
    return p;
}

lh_day deadline_in(int y, const char *mmdd)
{
    return day_of_year_mmdd(y, mmdd);
}

bool in_office(const struct md_post *p, lh_day d)
{
    return p->from <= d && (p->to == NO_DAY || p->to >= d);
}

int64_t chair_on(const struct view *v, lh_day d)
{
    if (!v->presidium)
        return 0;
    int64_t chair = 0;
    for (size_t i = 0; i < v->presidium->nposts; i++) {
        const struct md_post *p = &v->presidium->posts[i];
        if (p->role != PR_CHAIR || !in_office(p, d))
            continue;
        /* Two posts of the same person (a renewal overlapping by a day) are still one chair. */
        if (chair && chair != p->person_id)
            return 0;
        chair = p->person_id;
    }
    return chair;
}

bool holds_post(const struct md_body *b, int64_t person, enum md_post_role role, lh_day d)
{
    if (!b || !person)
        return false;
    for (size_t i = 0; i < b->nposts; i++) {
        const struct md_post *p = &b->posts[i];
        if (p->person_id == person && (role == PR_OTHER || p->role == role) && in_office(p, d))
            return true;
    }
    return false;
}

bool current_member(const struct view *v, int64_t organisation, lh_day d)
{
    if (!organisation)
        return false;
    for (size_t i = 0; i < v->al.nmembers; i++) {
        const struct md_member *m = &v->al.members[i];
        if (m->organisation_id == organisation && m->joined_on <= d &&
            (m->left_on == NO_DAY || m->left_on >= d))
            return true;
    }
    return false;
}

bool appointed_by_presidium(const struct view *v, const struct md_post *p)
{
    if (!p->appointed_meeting_id || !p->appointed_decision_id)
        return false;
    const struct md_meeting *m = model_meeting(v->m, p->appointed_meeting_id);
    const struct md_decision *d = model_decision(v->m, p->appointed_decision_id);
    /* The meeting's date is on or before `from`, itself on or before D: it is in the view. */
    return m && d && d->meeting_id == m->id && m->alliance_id == v->al.id &&
           m->kind == MK_PRESIDIUM && m->status == MS_HELD && m->date <= p->from;
}

size_t full_years(lh_day start, lh_day D, int64_t lookback, int *years)
{
    if (start == NO_DAY || D == NO_DAY || lookback <= 0)
        return 0;
    /* start < Y-01-01 and Y-12-31 < D: the years strictly between start's year and D's. */
    int first = day_year(start) + 1, last = day_year(D) - 1;
    if (lookback > MAX_FULL_YEARS)
        lookback = MAX_FULL_YEARS;
    if (last - first + 1 > lookback)
        first = last - (int)lookback + 1;
    size_t n = 0;
    for (int y = first; y <= last; y++)
        years[n++] = y;
    return n;
}

static void clear_after(struct md_approval *ap, lh_day D)
{
    if (ap->date > D)
        *ap = (struct md_approval){NO_DAY, BY_OTHER};
}

static lh_day cut(lh_day d, lh_day D)
{
    return d > D ? NO_DAY : d;
}

static int txn_order(const void *x, const void *y)
{
    const struct md_transaction *a = x, *b = y;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Copies the records of a slice that pass keep() into a new array. */
#define FILTER(a, src, nsrc, dst, ndst, keep)                                                      \
    do {                                                                                           \
        (dst) = (nsrc) ? arena_alloc((a), (nsrc) * sizeof *(src)) : NULL;                          \
        (ndst) = 0;                                                                                \
        for (size_t i_ = 0; i_ < (nsrc); i_++)                                                     \
            if (keep(&(src)[i_], D))                                                               \
                (dst)[(ndst)++] = (src)[i_];                                                       \
    } while (0)

static bool charter_kept(const struct md_charter *c, lh_day D)
{
    return c->submitted_on <= D;
}
static bool member_kept(const struct md_member *m, lh_day D)
{
    return m->joined_on <= D;
}
static bool post_kept(const struct md_post *p, lh_day D)
{
    return p->from <= D;
}
static bool meeting_kept(const struct md_meeting *m, lh_day D)
{
    return m->date <= D;
}
static bool transaction_kept(const struct md_transaction *t, lh_day D)
{
    return t->date <= D;
}
static bool report_kept(const struct md_fund_report *r, lh_day D)
{
    return r->submitted_on <= D;
}
static bool output_kept(const struct md_output *o, lh_day D)
{
    return o->date <= D;
}
static bool release_kept(const struct md_release *r, lh_day D)
{
    return r->date <= D;
}
static bool news_kept(const struct md_news *n, lh_day D)
{
    return n->published_on <= D;
}
static bool activity_kept(const struct md_activity *x, lh_day D)
{
    return x->date <= D;
}

/* A plan has no date of its own: it exists as of D unless every date that records it (its
 * review meeting's, its filing's) is after D. */
static bool plan_exists(const struct model *m, const struct md_plan *p, lh_day D)
{
    lh_day first = NO_DAY;
    const struct md_meeting *rm = p->reviewed_at_id ? model_meeting(m, p->reviewed_at_id) : NULL;
    if (rm && rm->date != NO_DAY)
        first = rm->date;
    if (p->filed.date != NO_DAY && (first == NO_DAY || p->filed.date < first))
        first = p->filed.date;
    return first == NO_DAY || first <= D;
}

static void view_bodies(struct view *v, arena *a)
{
    lh_day D = v->D;
    const struct md_alliance *o = v->orig;
    v->al.bodies = o->nbodies ? arena_alloc(a, o->nbodies * sizeof *o->bodies) : NULL;
    v->al.nbodies = 0;
    for (size_t i = 0; i < o->nbodies; i++) {
        struct md_body b = o->bodies[i];
        FILTER(a, o->bodies[i].posts, o->bodies[i].nposts, b.posts, b.nposts, post_kept);
        /* A body has no date of its own: one whose every post begins after D was not set up
         * yet. A body without any post is taken as recorded. */
        if (o->bodies[i].nposts > 0 && b.nposts == 0)
            continue;
        for (size_t k = 0; k < b.nposts; k++) {
            b.posts[k].to = cut(b.posts[k].to, D);
            clear_after(&b.posts[k].cast_approved, D);
        }
        b.task_completed_on = cut(b.task_completed_on, D);
        b.dissolved_on = cut(b.dissolved_on, D);
        v->al.bodies[v->al.nbodies++] = b;
    }
    for (size_t i = 0; i < v->al.nbodies; i++) {
        const struct md_body *b = &v->al.bodies[i];
        const struct md_body **slot = b->kind == BK_PRESIDIUM          ? &v->presidium
                                      : b->kind == BK_EXPERT_COMMITTEE ? &v->expert_committee
                                      : b->kind == BK_SECRETARIAT      ? &v->secretariat
                                                                       : NULL;
        if (slot && !*slot)
            *slot = b;
    }
}

static void view_meetings(struct view *v, arena *a)
{
    lh_day D = v->D;
    FILTER(a, v->orig->meetings, v->orig->nmeetings, v->al.meetings, v->al.nmeetings, meeting_kept);
    for (size_t i = 0; i < v->al.nmeetings; i++) {
        struct md_meeting *m = &v->al.meetings[i];
        if (m->agenda_approved_on > D) {
            m->agenda_approved_on = NO_DAY;
            m->agenda_approved_by_id = 0;
        }
        if (m->minutes_signed_on > D) { /* the whole minutes object did not exist yet */
            m->minutes_signed_on = NO_DAY;
            m->minutes_signed_by_id = 0;
            m->minutes_distributed_on = NO_DAY;
            m->nrecipients = 0;
        }
        if (m->minutes_distributed_on > D) {
            m->minutes_distributed_on = NO_DAY;
            m->nrecipients = 0;
        }
    }
}

static void view_outputs(struct view *v, arena *a)
{
    lh_day D = v->D;
    FILTER(a, v->orig->outputs, v->orig->noutputs, v->al.outputs, v->al.noutputs, output_kept);
    for (size_t i = 0; i < v->al.noutputs; i++) {
        struct md_output *o = &v->al.outputs[i];
        struct md_release *src = o->releases;
        size_t n = o->nreleases;
        FILTER(a, src, n, o->releases, o->nreleases, release_kept);
        for (size_t k = 0; k < o->nreleases; k++)
            clear_after(&o->releases[k].approved, D);
    }
}

void view_build(struct view *v, const struct model *m, const struct md_alliance *al, lh_day D,
                arena *a)
{
    memset(v, 0, sizeof *v);
    v->m = m;
    v->orig = al;
    v->jur = model_jurisdiction(m, al->jurisdiction_id);
    v->p = params_of(v->jur);
    v->D = D;
    v->al = *al;
    clear_after(&v->al.established, D);
    clear_after(&v->al.dissolved, D);

    FILTER(a, al->charters, al->ncharters, v->al.charters, v->al.ncharters, charter_kept);
    for (size_t i = 0; i < v->al.ncharters; i++)
        clear_after(&v->al.charters[i].approved, D);

    FILTER(a, al->members, al->nmembers, v->al.members, v->al.nmembers, member_kept);
    for (size_t i = 0; i < v->al.nmembers; i++) {
        struct md_member *mb = &v->al.members[i];
        clear_after(&mb->join_approved, D);
        clear_after(&mb->leave_approved, D);
        mb->left_on = cut(mb->left_on, D);
        if (mb->charter_ack && mb->charter_ack_date > D) {
            mb->charter_ack = false;
            mb->charter_ack_version = 0;
            mb->charter_ack_date = NO_DAY;
        }
    }

    view_bodies(v, a);
    view_meetings(v, a);

    v->al.plans = al->nplans ? arena_alloc(a, al->nplans * sizeof *al->plans) : NULL;
    v->al.nplans = 0;
    for (size_t i = 0; i < al->nplans; i++) {
        if (!plan_exists(m, &al->plans[i], D))
            continue;
        struct md_plan *p = &v->al.plans[v->al.nplans++];
        *p = al->plans[i];
        clear_after(&p->filed, D);
    }

    FILTER(a, al->transactions, al->ntransactions, v->al.transactions, v->al.ntransactions,
           transaction_kept);
    /* The ledger applies by date, and within a day in the order recorded (dataset.md). */
    if (v->al.ntransactions > 1)
        qsort(v->al.transactions, v->al.ntransactions, sizeof *v->al.transactions, txn_order);

    FILTER(a, al->fund_reports, al->nfund_reports, v->al.fund_reports, v->al.nfund_reports,
           report_kept);
    view_outputs(v, a);
    FILTER(a, al->news, al->nnews, v->al.news, v->al.nnews, news_kept);
    for (size_t i = 0; i < v->al.nnews; i++) {
        struct md_news *n = &v->al.news[i];
        n->review_approved_on = cut(n->review_approved_on, D);
        n->review_rejected_on = cut(n->review_rejected_on, D);
    }
    FILTER(a, al->activities, al->nactivities, v->al.activities, v->al.nactivities, activity_kept);

    v->start = v->al.established.date;
    if (v->start == NO_DAY)
        for (size_t i = 0; i < v->al.nmembers; i++)
            if (v->start == NO_DAY || v->al.members[i].joined_on < v->start)
                v->start = v->al.members[i].joined_on;
    v->nfull_years = full_years(v->start, D, v->p.lookback_years, v->full_years);
}
