/* What the rule files (a01.c ... a21.c) use: the context a check function runs in, emitting a
 * finding, and filling its template's placeholders from records. */
#ifndef LH_RULES_ENGINE_H
#define LH_RULES_ENGINE_H
#include "rules/rules.h"
#include "rules/view.h"

struct rctx {
    const struct view *v;
    const struct model *m;
    arena *a;       /* the findings' arena (values given to farg*() are copied into it) */
    arena *scratch; /* freed when the alliance's rules have run */
    struct findings *out;
};

/* A new finding of rule r about a subject (key copied), year 0 for none. */
struct finding *emit(struct rctx *c, const struct rule *r, enum subject s, const char *key,
                     int year);

/* Placeholder values. farg: the same text in both languages; farg2: one each. */
void farg(struct rctx *c, struct finding *f, const char *name, const char *value);
void farg2(struct rctx *c, struct finding *f, const char *name, const char *zh, const char *en);
void farg_int(struct rctx *c, struct finding *f, const char *name, int64_t value);
void farg_day(struct rctx *c, struct finding *f, const char *name, lh_day day);
/* Money in fen as yuan: "648,027.00". */
void farg_money(struct rctx *c, struct finding *f, const char *name, int64_t fen);
/* {name}: a person's or an organisation's name (its key when it has none, "—" for id 0). */
void farg_person(struct rctx *c, struct finding *f, const char *name, int64_t person_id);
void farg_org(struct rctx *c, struct finding *f, const char *name, int64_t organisation_id);
/* {assoc}: who "cast" means for this alliance: the jurisdiction's association (中国科协, or a
 * local association such as 北京市科协, 第二十二条). */
void farg_assoc(struct rctx *c, struct finding *f);
/* {post}: "主席团主席张三（2024-01-01 起）" / "chair 张三 of the presidium (from 2024-01-01)". */
void farg_post(struct rctx *c, struct finding *f, const struct md_body *b, const struct md_post *p);
/* {date}, {title} and {meeting} (主席团会议 / 专题会议) of a meeting. */
void farg_meeting(struct rctx *c, struct finding *f, const struct md_meeting *m);

/* s cut to at most max characters (code points), with "…" when cut. */
const char *clip(struct rctx *c, const char *s, size_t max);

/* Subject keys (rules.md): BODY/PERSON/ROLE/FROM for a post, "2025" for a year. */
const char *post_key(struct rctx *c, const struct md_body *b, const struct md_post *p);
const char *year_key(struct rctx *c, int64_t year);

/* What 第八条 and 第九条 both say, of the expert committee (director) and of the secretariat
 * (secretary-general): body b has exactly one head in office on D, and its head and deputies are
 * nominated by the chair in office when the post began and appointed by the presidium. A missing
 * body is A06.body-missing alone, so b NULL finds nothing. */
void check_one_head(const struct rule *r, struct rctx *c, const struct md_body *b,
                    enum md_post_role head);
void check_nominated_by_chair(const struct rule *r, struct rctx *c, const struct md_body *b,
                              enum md_post_role head, enum md_post_role deputy);
void check_appointed_by_presidium(const struct rule *r, struct rctx *c, const struct md_body *b,
                                  enum md_post_role head, enum md_post_role deputy);

/* Names for messages. */
const char *role_zh(enum md_post_role r);
const char *role_en(enum md_post_role r);
const char *body_kind_zh(enum md_body_kind k);
const char *body_kind_en(enum md_body_kind k);
const char *person_name(const struct model *m, int64_t id);
const char *org_name(const struct model *m, int64_t id);

#define RULES_TABLE(name, arr) const struct rule_table name = {arr, sizeof arr / sizeof arr[0]}

#endif
