/* 第十一条: presidium meetings are chaired by the chair, attended by the chair and vice-chairs
 * (others invited per topic); the secretariat proposes the agenda at the chair's request and the
 * chair approves it; in principle one or two meetings a year. Only held meetings count. */
#include "rules/engine.h"

static bool held_presidium(const struct md_meeting *m)
{
    return m->status == MS_HELD && m->kind == MK_PRESIDIUM;
}

static int64_t meetings_in(const struct md_alliance *al, int year)
{
    int64_t n = 0;
    for (size_t i = 0; i < al->nmeetings; i++)
        n += held_presidium(&al->meetings[i]) && day_year(al->meetings[i].date) == year;
    return n;
}

/* 第十一条 (原则上每年召开1至2次): a full year with fewer held presidium meetings than
 * presidium_meetings_min. */
static void presidium_meetings_too_few(const struct rule *r, struct rctx *c)
{
    const struct view *v = c->v;
    for (size_t y = 0; y < v->nfull_years; y++) {
        int64_t n = meetings_in(&v->al, v->full_years[y]);
        if (n >= v->p.presidium_meetings_min)
            continue;
        struct finding *f = emit(c, r, SUBJ_YEAR, year_key(c, v->full_years[y]), v->full_years[y]);
        farg_int(c, f, "year", v->full_years[y]);
        farg_int(c, f, "count", n);
        farg_int(c, f, "min", v->p.presidium_meetings_min);
    }
}

/* 第十一条 (原则上每年召开1至2次): a full year with more than presidium_meetings_max. */
static void presidium_meetings_too_many(const struct rule *r, struct rctx *c)
{
    const struct view *v = c->v;
    for (size_t y = 0; y < v->nfull_years; y++) {
        int64_t n = meetings_in(&v->al, v->full_years[y]);
        if (n <= v->p.presidium_meetings_max)
            continue;
        struct finding *f = emit(c, r, SUBJ_YEAR, year_key(c, v->full_years[y]), v->full_years[y]);
        farg_int(c, f, "year", v->full_years[y]);
        farg_int(c, f, "count", n);
        farg_int(c, f, "max", v->p.presidium_meetings_max);
    }
}

/* 第十一条 (由主席主持): a held presidium meeting not chaired by the chair on its date. */
static void not_chaired_by_chair(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (!held_presidium(m))
            continue;
        int64_t chair = chair_on(c->v, m->date);
        if (chair && m->chaired_by_id == chair)
            continue;
        struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
        farg_meeting(c, f, m);
        if (m->chaired_by_id)
            farg_person(c, f, "by", m->chaired_by_id);
        else
            farg2(c, f, "by", "无记录", "nobody recorded");
    }
}

/* 第十一条 (报主席审定): a held presidium meeting with no agenda, or one not approved by the chair
 * in office on the meeting date (rules.md: the meeting date, not the approval date), or approved
 * after the meeting. An approval needs both approved_by and approved_on. */
static void agenda_not_approved(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (!held_presidium(m))
            continue;
        int64_t chair = chair_on(c->v, m->date);
        const char *zh, *en;
        char on[11];
        day_format(m->agenda_approved_on, on);
        buf bz = {0}, be = {0};
        if (!m->agenda) {
            zh = "没有会议议题";
            en = "had no agenda";
        } else if (!m->agenda_approved_by_id || m->agenda_approved_on == NO_DAY) {
            zh = "的议题未经主席审定";
            en = "had an agenda nobody approved";
        } else if (!chair || m->agenda_approved_by_id != chair) {
            buf_printf(&bz, "的议题由%s审定，不是时任主席",
                       person_name(c->m, m->agenda_approved_by_id));
            buf_printf(&be, "had its agenda approved by %s, not by the chair in office",
                       person_name(c->m, m->agenda_approved_by_id));
            zh = buf_str(&bz);
            en = buf_str(&be);
        } else if (m->agenda_approved_on > m->date) {
            buf_printf(&bz, "的议题在会后（%s）才审定", on);
            buf_printf(&be, "had its agenda approved only after the meeting (%s)", on);
            zh = buf_str(&bz);
            en = buf_str(&be);
        } else {
            continue;
        }
        struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
        farg_meeting(c, f, m);
        farg2(c, f, "why", zh, en);
        buf_free(&bz);
        buf_free(&be);
    }
}

/* 第十一条 (会议议题由秘书处……研究提出建议): the agenda's proposer held no secretariat post on
 * the meeting date. A warning: who drafted is a matter of record more than of substance. */
static void agenda_not_from_secretariat(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (!held_presidium(m) || !m->agenda ||
            holds_post(c->v->secretariat, m->agenda_proposed_by_id, PR_OTHER, m->date))
            continue;
        struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
        farg_meeting(c, f, m);
        farg_person(c, f, "by", m->agenda_proposed_by_id);
    }
}

static bool invited_or_present(const struct md_meeting *m, int64_t person)
{
    for (size_t i = 0; i < m->ninvitees; i++)
        if (m->invitees[i].person_id == person)
            return true;
    for (size_t i = 0; i < m->nattendees; i++)
        if (m->attendees[i].ref_id == person)
            return true;
    return false;
}

/* 第十一条 (出席会议人员为主席、副主席): a chair or vice-chair in office on the meeting date who
 * was neither invited nor present. One finding per meeting, naming them all. */
static void leaders_not_invited(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    const struct md_body *b = c->v->presidium;
    if (!b)
        return;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (!held_presidium(m))
            continue;
        buf zh = {0}, en = {0};
        for (size_t k = 0; k < b->nposts; k++) {
            const struct md_post *p = &b->posts[k];
            if ((p->role != PR_CHAIR && p->role != PR_VICE_CHAIR) || !in_office(p, m->date) ||
                invited_or_present(m, p->person_id))
                continue;
            bool named = false; /* a person with two overlapping posts is named once */
            for (size_t j = 0; j < k && !named; j++)
                named = b->posts[j].person_id == p->person_id &&
                        (b->posts[j].role == PR_CHAIR || b->posts[j].role == PR_VICE_CHAIR) &&
                        in_office(&b->posts[j], m->date);
            if (named)
                continue;
            const char *who = person_name(c->m, p->person_id);
            buf_puts(&zh, zh.len ? "、" : "");
            buf_puts(&zh, role_zh(p->role));
            buf_puts(&zh, who);
            buf_printf(&en, "%s%s %s", en.len ? ", " : "", role_en(p->role), who);
        }
        if (zh.len) {
            struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
            farg_meeting(c, f, m);
            farg2(c, f, "who", buf_str(&zh), buf_str(&en));
        }
        buf_free(&zh);
        buf_free(&en);
    }
}

static const struct rule rules[] = {
    {"A11.presidium-meetings-too-few", 11, SEV_WARNING, presidium_meetings_too_few,
     "{year} 年召开主席团会议 {count} 次，少于原则上的 {min} 次",
     "{count} presidium meetings held in {year}, fewer than the {min} expected"},
    {"A11.presidium-meetings-too-many", 11, SEV_INFO, presidium_meetings_too_many,
     "{year} 年召开主席团会议 {count} 次，多于原则上的 {max} 次",
     "{count} presidium meetings held in {year}, more than the {max} expected"},
    {"A11.not-chaired-by-chair", 11, SEV_ERROR, not_chaired_by_chair,
     "{date} {meeting}“{title}”不是由时任主席主持（主持人：{by}）",
     "the {meeting} \"{title}\" of {date} was not chaired by the chair in office (chaired by: "
     "{by})"},
    {"A11.agenda-not-approved", 11, SEV_ERROR, agenda_not_approved,
     "{date} {meeting}“{title}”{why}", "the {meeting} \"{title}\" of {date} {why}"},
    {"A11.agenda-not-from-secretariat", 11, SEV_WARNING, agenda_not_from_secretariat,
     "{date} {meeting}“{title}”的议题由{by}提出，其当时不在秘书处任职",
     "the agenda of the {meeting} \"{title}\" of {date} was proposed by {by}, who held no "
     "secretariat post then"},
    {"A11.leaders-not-invited", 11, SEV_WARNING, leaders_not_invited,
     "{date} {meeting}“{title}”没有邀请{who}出席",
     "the {meeting} \"{title}\" of {date} did not invite: {who}"},
};
RULES_TABLE(rules_a11, rules);
