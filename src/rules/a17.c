/* 第十七条: news about the alliance's activities is published only after review (审核发布). */
#include "rules/engine.h"

/* 第十七条: published news with no review approval, or approved only after publication. */
static void news_not_reviewed(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nnews; i++) {
        const struct md_news *n = &al->news[i];
        if (n->status != NS_PUBLISHED)
            continue;
        bool approved = n->review_approved_on != NO_DAY;
        if (approved && (n->published_on == NO_DAY || n->review_approved_on <= n->published_on))
            continue;
        struct finding *f = emit(c, r, SUBJ_NEWS, n->key, 0);
        farg(c, f, "title", n->title);
        if (n->published_on != NO_DAY)
            farg_day(c, f, "date", n->published_on);
        else
            farg2(c, f, "date", "日期未记录", "date not recorded");
        if (!approved) {
            farg2(c, f, "why", "前未经审核", "without review");
        } else {
            char on[11];
            day_format(n->review_approved_on, on);
            buf zh = {0}, en = {0};
            buf_printf(&zh, "，审核通过（%s）晚于发布", on);
            buf_printf(&en, "before its review approved it (%s)", on);
            farg2(c, f, "why", buf_str(&zh), buf_str(&en));
            buf_free(&zh);
            buf_free(&en);
        }
    }
}

/* 第十七条 (审核): news reviewed by its own author. A warning: the norms ask for review, not for
 * a second person, but a review by the author is hardly one. */
static void self_reviewed(const struct rule *r, struct rctx *c)
{
    const struct md_alliance *al = &c->v->al;
    for (size_t i = 0; i < al->nnews; i++) {
        const struct md_news *n = &al->news[i];
        if (!n->review || !n->review_by_id || n->review_by_id != n->author_id)
            continue;
        struct finding *f = emit(c, r, SUBJ_NEWS, n->key, 0);
        farg(c, f, "title", n->title);
        farg_person(c, f, "author", n->author_id);
    }
}

static const struct rule rules[] = {
    {"A17.news-not-reviewed", 17, SEV_ERROR, news_not_reviewed, "新闻“{title}”（{date}）发布{why}",
     "the news \"{title}\" ({date}) was published {why}"},
    {"A17.self-reviewed", 17, SEV_WARNING, self_reviewed, "新闻“{title}”由作者{author}本人审核",
     "the news \"{title}\" was reviewed by its own author {author}"},
};
RULES_TABLE(rules_a17, rules);
