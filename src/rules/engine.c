/* The engine: which rules apply to which alliance, running them on each alliance's view as of D,
 * and the findings' order (rules.md: alliance key, article, rule id, subject type, subject key,
 * year). */
#include "rules/engine.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- names --------------------------------------------------------------------------------- */
const char *role_zh(enum md_post_role r)
{
    static const char *const names[] = {
        [PR_OTHER] = "",
        [PR_CHAIR] = "主席",
        [PR_VICE_CHAIR] = "副主席",
        [PR_HONORARY_CHAIR] = "名誉主席",
        [PR_MEMBER] = "成员",
        [PR_DIRECTOR] = "主任",
        [PR_DEPUTY_DIRECTOR] = "副主任",
        [PR_SECRETARY_GENERAL] = "秘书长",
        [PR_DEPUTY_SECRETARY_GENERAL] = "副秘书长",
        [PR_STAFF] = "工作人员",
        [PR_HEAD] = "负责人",
        [PR_DEPUTY_HEAD] = "副负责人",
    };
    return names[r];
}

const char *role_en(enum md_post_role r)
{
    static const char *const names[] = {
        [PR_OTHER] = "",
        [PR_CHAIR] = "chair",
        [PR_VICE_CHAIR] = "vice-chair",
        [PR_HONORARY_CHAIR] = "honorary chair",
        [PR_MEMBER] = "member",
        [PR_DIRECTOR] = "director",
        [PR_DEPUTY_DIRECTOR] = "deputy director",
        [PR_SECRETARY_GENERAL] = "secretary-general",
        [PR_DEPUTY_SECRETARY_GENERAL] = "deputy secretary-general",
        [PR_STAFF] = "staff member",
        [PR_HEAD] = "head",
        [PR_DEPUTY_HEAD] = "deputy head",
    };
    return names[r];
}

/* The dataset's role names, for post subject keys. */
static const char *role_key(enum md_post_role r)
{
    static const char *const names[] = {
        [PR_OTHER] = "other",
        [PR_CHAIR] = "chair",
        [PR_VICE_CHAIR] = "vice_chair",
        [PR_HONORARY_CHAIR] = "honorary_chair",
        [PR_MEMBER] = "member",
        [PR_DIRECTOR] = "director",
        [PR_DEPUTY_DIRECTOR] = "deputy_director",
        [PR_SECRETARY_GENERAL] = "secretary_general",
        [PR_DEPUTY_SECRETARY_GENERAL] = "deputy_secretary_general",
        [PR_STAFF] = "staff",
        [PR_HEAD] = "head",
        [PR_DEPUTY_HEAD] = "deputy_head",
    };
    return names[r];
}

const char *body_kind_zh(enum md_body_kind k)
{
    static const char *const names[] = {
        [BK_OTHER] = "机构",
        [BK_PRESIDIUM] = "主席团",
        [BK_EXPERT_COMMITTEE] = "专家委员会",
        [BK_SECRETARIAT] = "秘书处",
        [BK_WORKING_COMMITTEE] = "工作委员会",
    };
    return names[k];
}

const char *body_kind_en(enum md_body_kind k)
{
    static const char *const names[] = {
        [BK_OTHER] = "body",
        [BK_PRESIDIUM] = "presidium",
        [BK_EXPERT_COMMITTEE] = "expert committee",
        [BK_SECRETARIAT] = "secretariat",
        [BK_WORKING_COMMITTEE] = "working committee",
    };
    return names[k];
}

const char *person_name(const struct model *m, int64_t id)
{
    const struct md_person *p = id ? model_person(m, id) : NULL;
    return p ? (p->name ? p->name : p->key) : "—";
}

const char *org_name(const struct model *m, int64_t id)
{
    const struct md_organisation *o = id ? model_organisation(m, id) : NULL;
    return o ? (o->name ? o->name : o->key) : "—";
}

/* --- findings and their values ------------------------------------------------------------- */
struct finding *emit(struct rctx *c, const struct rule *r, enum subject s, const char *key,
                     int year)
{
    struct findings *out = c->out;
    if (out->n == out->cap) {
        size_t ncap = out->cap ? out->cap * 2 : 64;
        struct finding *items = arena_alloc(c->a, ncap * sizeof *items);
        if (out->n)
            memcpy(items, out->items, out->n * sizeof *items);
        out->items = items;
        out->cap = ncap;
    }
    struct finding *f = &out->items[out->n];
    memset(f, 0, sizeof *f);
    f->alliance = c->v->al.key;
    f->alliance_name = c->v->al.name;
    f->rule = r;
    f->subject = s;
    f->key = arena_strdup(c->a, key ? key : "");
    f->year = year;
    f->seq = out->n++;
    return f;
}

void farg2(struct rctx *c, struct finding *f, const char *name, const char *zh, const char *en)
{
    if (f->nargs == FINDING_ARGS) {
        /* A rule asking for more values than a finding holds is a programming error. */
        fprintf(stderr, "lianheti: rule %s: too many message values\n", f->rule->id);
        abort();
    }
    f->args[f->nargs++] =
        (struct farg){name, arena_strdup(c->a, zh ? zh : ""), arena_strdup(c->a, en ? en : "")};
}

void farg(struct rctx *c, struct finding *f, const char *name, const char *value)
{
    farg2(c, f, name, value, value);
}

void farg_int(struct rctx *c, struct finding *f, const char *name, int64_t value)
{
    char s[24];
    snprintf(s, sizeof s, "%" PRId64, value);
    farg(c, f, name, s);
}

void farg_day(struct rctx *c, struct finding *f, const char *name, lh_day day)
{
    char s[11];
    day_format(day, s);
    farg(c, f, name, s);
}

void farg_money(struct rctx *c, struct finding *f, const char *name, int64_t fen)
{
    /* Yuan with thousands separators and two decimals; written from the digits (no float). */
    char digits[24], out[40];
    uint64_t mag = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    snprintf(digits, sizeof digits, "%" PRIu64, mag / 100);
    size_t n = strlen(digits), o = 0;
    if (fen < 0)
        out[o++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    snprintf(out + o, sizeof out - o, ".%02u", (unsigned)(mag % 100));
    farg(c, f, name, out);
}

void farg_person(struct rctx *c, struct finding *f, const char *name, int64_t person_id)
{
    farg(c, f, name, person_name(c->m, person_id));
}

void farg_org(struct rctx *c, struct finding *f, const char *name, int64_t organisation_id)
{
    farg(c, f, name, org_name(c->m, organisation_id));
}

void farg_assoc(struct rctx *c, struct finding *f)
{
    const struct md_jurisdiction *j = c->v->jur;
    const char *zh = j && j->short_name ? j->short_name : "中国科协";
    /* The top jurisdiction is CAST; a local association keeps its own (Chinese) short name. */
    farg2(c, f, "assoc", zh, !j || j->parent_id == 0 ? "CAST" : zh);
}

void farg_post(struct rctx *c, struct finding *f, const struct md_body *b, const struct md_post *p)
{
    char from[11];
    day_format(p->from, from);
    const char *who = person_name(c->m, p->person_id);
    const char *body_zh = b->kind == BK_WORKING_COMMITTEE ? b->name : body_kind_zh(b->kind);
    const char *body_en = b->kind == BK_WORKING_COMMITTEE ? b->name : body_kind_en(b->kind);
    buf zh = {0}, en = {0};
    buf_puts(&zh, body_zh);
    buf_puts(&zh, role_zh(p->role));
    buf_puts(&zh, who);
    buf_printf(&zh, "（%s 起）", from);
    buf_printf(&en, "%s %s of the %s (from %s)", role_en(p->role), who, body_en, from);
    farg2(c, f, "post", buf_str(&zh), buf_str(&en));
    buf_free(&zh);
    buf_free(&en);
}

void farg_meeting(struct rctx *c, struct finding *f, const struct md_meeting *m)
{
    farg_day(c, f, "date", m->date);
    farg(c, f, "title", m->title);
    if (m->kind == MK_PRESIDIUM)
        farg2(c, f, "meeting", "主席团会议", "presidium meeting");
    else
        farg2(c, f, "meeting", "专题会议", "special meeting");
}

const char *clip(struct rctx *c, const char *s, size_t max)
{
    if (!s)
        return "";
    size_t n = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue; /* a continuation byte: the same character */
        if (n++ == max)
            return arena_printf(c->a, "%.*s…", (int)i, s);
    }
    return s;
}

const char *post_key(struct rctx *c, const struct md_body *b, const struct md_post *p)
{
    const struct md_person *who = model_person(c->m, p->person_id);
    char from[11];
    day_format(p->from, from);
    return arena_printf(c->a, "%s/%s/%s/%s", b->key, who ? who->key : "", role_key(p->role), from);
}

const char *year_key(struct rctx *c, int64_t year)
{
    return arena_printf(c->a, "%" PRId64, year);
}

/* --- running ------------------------------------------------------------------------------- */
const struct rule *rule_find(const char *id)
{
    for (size_t t = 0; t < rule_table_count; t++)
        for (size_t i = 0; i < rule_tables[t]->n; i++)
            if (strcmp(rule_tables[t]->rules[i].id, id) == 0)
                return &rule_tables[t]->rules[i];
    return NULL;
}

/* rules.md, Scope: active and dissolving alliances get every rule, a proposed one A01 and A18,
 * a dissolved one A21, a rejected one none. */
static bool applies(const struct rule *r, enum md_alliance_status s)
{
    switch (s) {
    case AL_ACTIVE:
    case AL_DISSOLVING:
        return true;
    case AL_PROPOSED:
        return r->article == 1 || r->article == 18;
    case AL_DISSOLVED:
        return r->article == 21;
    case AL_REJECTED:
    case AL_OTHER:
        return false;
    }
    return false;
}

static bool in_scope(const struct md_alliance *al, lh_day D)
{
    if (al->status == AL_REJECTED || al->status == AL_OTHER)
        return false;
    /* An alliance established after D did not exist yet. */
    return al->established.date == NO_DAY || al->established.date <= D;
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int finding_cmp(const void *x, const void *y)
{
    const struct finding *a = x, *b = y;
    int c;
    if ((c = cmp_str(a->alliance, b->alliance)) != 0)
        return c;
    if (a->rule->article != b->rule->article)
        return a->rule->article < b->rule->article ? -1 : 1;
    if ((c = strcmp(a->rule->id, b->rule->id)) != 0)
        return c;
    if ((c = strcmp(subject_name(a->subject), subject_name(b->subject))) != 0)
        return c;
    if ((c = cmp_str(a->key, b->key)) != 0)
        return c;
    if (a->year != b->year) /* no year (0) first */
        return a->year < b->year ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The same finding twice (an organisation recorded as a member twice, say) is said once. */
static bool same_finding(const struct finding *a, const struct finding *b)
{
    if (a->rule != b->rule || a->subject != b->subject || a->year != b->year ||
        cmp_str(a->alliance, b->alliance) != 0 || cmp_str(a->key, b->key) != 0 ||
        a->nargs != b->nargs)
        return false;
    for (size_t i = 0; i < a->nargs; i++)
        if (strcmp(a->args[i].name, b->args[i].name) != 0 ||
            strcmp(a->args[i].zh, b->args[i].zh) != 0 || strcmp(a->args[i].en, b->args[i].en) != 0)
            return false;
    return true;
}

void rules_run(const struct model *m, lh_day D, const char *alliance, alliance_filter filter,
               const void *filter_ctx, arena *a, struct findings *out)
{
    memset(out, 0, sizeof *out);
    out->as_of = D;
    for (size_t i = 0; i < m->nalliances; i++) {
        const struct md_alliance *al = &m->alliances[i];
        if (alliance && strcmp(al->key, alliance) != 0)
            continue;
        if (!in_scope(al, D) || (filter && !filter(filter_ctx, m, al)))
            continue;
        out->alliances++;
        /* The view's copies live only while this alliance's rules run. */
        arena *va = arena_new();
        struct view v;
        view_build(&v, m, al, D, va);
        struct rctx c = {.v = &v, .m = m, .a = a, .scratch = va, .out = out};
        for (size_t t = 0; t < rule_table_count; t++)
            for (size_t k = 0; k < rule_tables[t]->n; k++) {
                const struct rule *r = &rule_tables[t]->rules[k];
                if (applies(r, al->status))
                    r->check(r, &c);
            }
        arena_free(va);
    }
    if (out->n > 1)
        qsort(out->items, out->n, sizeof *out->items, finding_cmp);
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++) {
        if (w > 0 && same_finding(&out->items[w - 1], &out->items[i]))
            continue;
        out->items[w++] = out->items[i];
    }
    out->n = w;
    for (size_t i = 0; i < out->n; i++)
        out->counts[out->items[i].rule->severity]++;
}

/* May who read this alliance: can_alliance() decides (a right on the alliance, or a jurisdiction
 * officer's on its own jurisdiction; not on the alliances of a local jurisdiction below it). */
static bool readable(const void *ctx, const struct model *m, const struct md_alliance *al)
{
    const struct md_jurisdiction *j = model_jurisdiction(m, al->jurisdiction_id);
    return j && can_alliance(ctx, RIGHT_BUSINESS_READ, j->key, al->key);
}

bool rules_check_days(db *d, const struct actor *who, const lh_day *days, size_t ndays,
                      const char *alliance, arena *a, struct findings *outs, struct fail *f)
{
    for (size_t i = 0; i < ndays; i++) {
        memset(&outs[i], 0, sizeof outs[i]);
        outs[i].as_of = days[i];
    }
    if (!can(who, RIGHT_BUSINESS_READ, NULL))
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    struct model *m;
    int rc = model_load(d, a, &m);
    if (rc != DB_OK)
        return fail_db(f, rc);
    bool ok = true;
    if (alliance) {
        const struct md_alliance *al = NULL;
        for (size_t i = 0; i < m->nalliances && !al; i++)
            if (strcmp(m->alliances[i].key, alliance) == 0)
                al = &m->alliances[i];
        if (!al)
            ok = fail(f, FAIL_NOT_FOUND, "not_found", "alliance", "There is no such alliance.");
        else if (!readable(who, m, al))
            ok = fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    }
    for (size_t i = 0; ok && i < ndays; i++)
        rules_run(m, days[i], alliance, readable, who, a, &outs[i]);
    model_free(m); /* the findings hold copies of what they say */
    return ok;
}

bool rules_check(db *d, const struct actor *who, lh_day D, const char *alliance, arena *a,
                 struct findings *out, struct fail *f)
{
    return rules_check_days(d, who, &D, 1, alliance, a, out, f);
}

/* --- 第八条 and 第九条 (engine.h) ------------------------------------------------------------ */

void check_one_head(const struct rule *r, struct rctx *c, const struct md_body *b,
                    enum md_post_role head)
{
    if (!b)
        return;
    int64_t n = 0;
    for (size_t i = 0; i < b->nposts; i++) {
        const struct md_post *p = &b->posts[i];
        if (p->role != head || !in_office(p, c->v->D))
            continue;
        bool counted = false; /* one person with two overlapping posts is one head */
        for (size_t j = 0; j < i && !counted; j++)
            counted = b->posts[j].role == head && b->posts[j].person_id == p->person_id &&
                      in_office(&b->posts[j], c->v->D);
        n += !counted;
    }
    if (n == 1)
        return;
    struct finding *f = emit(c, r, SUBJ_BODY, b->key, 0);
    farg_day(c, f, "date", c->v->D);
    farg_int(c, f, "count", n);
}

void check_nominated_by_chair(const struct rule *r, struct rctx *c, const struct md_body *b,
                              enum md_post_role head, enum md_post_role deputy)
{
    for (size_t i = 0; b && i < b->nposts; i++) {
        const struct md_post *p = &b->posts[i];
        if ((p->role != head && p->role != deputy) || !in_office(p, c->v->D))
            continue;
        int64_t chair = chair_on(c->v, p->from);
        if (p->nominated_by_id && p->nominated_by_id == chair)
            continue;
        struct finding *f = emit(c, r, SUBJ_POST, post_key(c, b, p), 0);
        farg_post(c, f, b, p);
        if (p->nominated_by_id)
            farg_person(c, f, "by", p->nominated_by_id);
        else
            farg2(c, f, "by", "无记录", "nobody recorded");
    }
}

void check_appointed_by_presidium(const struct rule *r, struct rctx *c, const struct md_body *b,
                                  enum md_post_role head, enum md_post_role deputy)
{
    for (size_t i = 0; b && i < b->nposts; i++) {
        const struct md_post *p = &b->posts[i];
        if ((p->role != head && p->role != deputy) || !in_office(p, c->v->D) ||
            appointed_by_presidium(c->v, p))
            continue;
        struct finding *f = emit(c, r, SUBJ_POST, post_key(c, b, p), 0);
        farg_post(c, f, b, p);
    }
}
