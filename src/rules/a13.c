/* 第十三条: presidium and special meetings must have minutes, signed and issued by the chair and
 * distributed to the presidium's members and the units concerned. Minutes count as signed when
 * both signed_by and signed_on are recorded. Only held meetings count. */
#include "rules/engine.h"

static bool signed_minutes(const struct md_meeting *m)
{
    return m->minutes_signed_by_id && m->minutes_signed_on != NO_DAY;
}

/* The last day for signing: the meeting date plus minutes_deadline_days (a deadline beyond any
 * calendar is never reached). */
static lh_day due(const struct view *v, const struct md_meeting *m)
{
    int64_t days = v->p.minutes_deadline_days;
    if (days > 3650000)
        days = 3650000;
    return (lh_day)(m->date + days);
}

/* 第十三条 (应有会议纪要): a held meeting with no signed minutes once the deadline has passed. */
static void minutes_missing(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (m->status != MS_HELD || signed_minutes(m) || !(c->v->D > due(c->v, m)))
            continue;
        struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
        farg_meeting(c, f, m);
    }
}

/* 第十三条: minutes signed after the deadline. A warning: the norms fix no deadline; it is the
 * jurisdiction's parameter (第二十二条). */
static void minutes_late(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (m->status != MS_HELD || !signed_minutes(m) || m->minutes_signed_on <= due(c->v, m))
            continue;
        struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
        farg_meeting(c, f, m);
        farg_day(c, f, "signed", m->minutes_signed_on);
        farg_int(c, f, "days", c->v->p.minutes_deadline_days);
    }
}

/* 第十三条 (由主席签发): minutes signed by someone who was not the chair on the signing day. */
static void minutes_not_signed_by_chair(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (m->status != MS_HELD || !signed_minutes(m))
            continue;
        int64_t chair = chair_on(c->v, m->minutes_signed_on);
        if (chair && m->minutes_signed_by_id == chair)
            continue;
        struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
        farg_meeting(c, f, m);
        farg_person(c, f, "by", m->minutes_signed_by_id);
    }
}

static bool received(const struct md_meeting *m, int64_t person)
{
    for (size_t i = 0; i < m->nrecipients; i++)
        if (m->recipients[i].ref_id == person)
            return true;
    return false;
}

/* 第十三条 (印发主席团各成员): signed minutes never distributed, or not to everyone holding a
 * presidium post (any role) on the signing day. */
static void minutes_not_distributed(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    const struct md_body *b = c->v->presidium;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (m->status != MS_HELD || !signed_minutes(m))
            continue;
        buf zh = {0}, en = {0};
        if (m->minutes_distributed_on == NO_DAY) {
            buf_puts(&zh, "没有印发");
            buf_puts(&en, "were not distributed");
        } else {
            buf names = {0};
            for (size_t k = 0; b && k < b->nposts; k++) {
                const struct md_post *p = &b->posts[k];
                if (!in_office(p, m->minutes_signed_on) || received(m, p->person_id))
                    continue;
                bool named = false; /* one name per person, whatever their posts */
                for (size_t j = 0; j < k && !named; j++)
                    named = b->posts[j].person_id == p->person_id &&
                            in_office(&b->posts[j], m->minutes_signed_on);
                if (named)
                    continue;
                buf_puts(&names, names.len ? "、" : "");
                buf_puts(&names, person_name(c->m, p->person_id));
            }
            if (names.len) {
                buf_printf(&zh, "没有印发给主席团成员%s", buf_str(&names));
                buf_printf(&en, "were not distributed to the presidium members %s",
                           buf_str(&names));
            }
            buf_free(&names);
        }
        if (zh.len) {
            struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
            farg_meeting(c, f, m);
            farg2(c, f, "why", buf_str(&zh), buf_str(&en));
        }
        buf_free(&zh);
        buf_free(&en);
    }
}

static const struct rule rules[] = {
    {"A13.minutes-missing", 13, SEV_ERROR, minutes_missing,
     "{date} {meeting}“{title}”没有签发的会议纪要",
     "the {meeting} \"{title}\" of {date} has no signed minutes"},
    {"A13.minutes-late", 13, SEV_WARNING, minutes_late,
     "{date} {meeting}“{title}”的会议纪要于 {signed} 签发，超过会后 {days} 天的期限",
     "the minutes of the {meeting} \"{title}\" of {date} were signed on {signed}, more than "
     "{days} days after the meeting"},
    {"A13.minutes-not-signed-by-chair", 13, SEV_ERROR, minutes_not_signed_by_chair,
     "{date} {meeting}“{title}”的会议纪要由{by}签发，不是时任主席",
     "the minutes of the {meeting} \"{title}\" of {date} were signed by {by}, not by the chair "
     "in office"},
    {"A13.minutes-not-distributed", 13, SEV_ERROR, minutes_not_distributed,
     "{date} {meeting}“{title}”的会议纪要{why}",
     "the minutes of the {meeting} \"{title}\" of {date} {why}"},
};
RULES_TABLE(rules_a13, rules);
