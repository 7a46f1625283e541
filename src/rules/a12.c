/* 第十二条: special-topic meetings are chaired by the chair or a vice-chair the chair delegates;
 * the secretariat proposes the attendees and the chair (or that delegate) confirms them. */
#include "rules/engine.h"

static bool held_special(const struct md_meeting *m)
{
    return m->status == MS_HELD && m->kind == MK_SPECIAL;
}

/* Chaired by a vice-chair in office on the day, delegated by the chair in office on the day. */
static bool delegated(const struct view *v, const struct md_meeting *m, int64_t chair)
{
    return chair && m->chaired_by_id && m->chaired_by_id != chair && m->delegated_by_id == chair &&
           holds_post(v->presidium, m->chaired_by_id, PR_VICE_CHAIR, m->date);
}

/* 第十二条 (由主席（或者由其委托的副主席）主持): chaired neither by the chair on its date nor by a
 * vice-chair whose delegated_by is that chair. */
static void special_not_chaired_properly(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (!held_special(m))
            continue;
        int64_t chair = chair_on(c->v, m->date);
        if ((chair && m->chaired_by_id == chair) || delegated(c->v, m, chair))
            continue;
        struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
        farg_meeting(c, f, m);
        if (m->chaired_by_id)
            farg_person(c, f, "by", m->chaired_by_id);
        else
            farg2(c, f, "by", "无记录", "nobody recorded");
    }
}

/* 第十二条 (报主席（或者由其委托的副主席）确定): an invitee confirmed by neither the chair on
 * the meeting date nor the properly delegated vice-chair who chaired it. One finding per
 * meeting, naming the invitees concerned. */
static void attendees_not_confirmed(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nmeetings; i++) {
        const struct md_meeting *m = &al->meetings[i];
        if (!held_special(m))
            continue;
        int64_t chair = chair_on(c->v, m->date);
        int64_t delegate = delegated(c->v, m, chair) ? m->chaired_by_id : 0;
        buf names = {0};
        for (size_t k = 0; k < m->ninvitees; k++) {
            int64_t by = m->invitees[k].confirmed_by_id;
            if (by && (by == chair || by == delegate))
                continue;
            buf_puts(&names, names.len ? "、" : "");
            buf_puts(&names, person_name(c->m, m->invitees[k].person_id));
        }
        if (names.len) {
            struct finding *f = emit(c, r, SUBJ_MEETING, m->key, 0);
            farg_meeting(c, f, m);
            farg(c, f, "who", buf_str(&names));
        }
        buf_free(&names);
    }
}

static const struct rule rules[] = {
    {"A12.special-not-chaired-properly", 12, SEV_ERROR, special_not_chaired_properly,
     "{date} {meeting}“{title}”不是由主席或其委托的副主席主持（主持人：{by}）",
     "the {meeting} \"{title}\" of {date} was chaired neither by the chair nor by a vice-chair "
     "the chair delegated (chaired by: {by})"},
    {"A12.attendees-not-confirmed", 12, SEV_ERROR, attendees_not_confirmed,
     "{date} {meeting}“{title}”的出席人员{who}未经主席（或其委托的副主席）确定",
     "the attendance of {who} at the {meeting} \"{title}\" of {date} was not confirmed by the "
     "chair (or the delegated vice-chair)"},
};
RULES_TABLE(rules_a12, rules);
