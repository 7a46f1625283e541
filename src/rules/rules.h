/* The compliance engine (/work/shared/spec/rules.md; decisions in docs/rules.md): for every
 * alliance, which article of the norms is breached by which record, as of a day D.
 *
 * A rule is data plus one check function: {id, article, severity, check, zh, en}, listed in the
 * table of its article's file (a01.c ... a21.c); rules.c lists the tables. The message templates
 * are the rule's own, in Chinese and English, with {name} placeholders that the check function
 * fills from the record (farg*() in rules/engine.h); the engine puts "第N条：" / "Article N: "
 * in front. Adding a rule touches no other rule.
 *
 * The engine loads the whole database once (rules/model.h), builds each alliance's view as of D
 * (rules/view.h) and runs the rules that apply to the alliance's status on it. */
#ifndef LH_RULES_H
#define LH_RULES_H
#include "auth/rights.h"
#include "domain/fail.h"
#include "rules/model.h"
#include "util/buf.h"
#include "util/i18n.h"
#include <jansson.h>

enum severity { SEV_ERROR, SEV_WARNING, SEV_INFO, SEV_COUNT };

/* What a finding is about (rules.md, the subject column); the names are the JSON "type". */
enum subject {
    SUBJ_ALLIANCE,
    SUBJ_ORGANISATION,
    SUBJ_CHARTER,
    SUBJ_TASK,
    SUBJ_BODY_KIND,
    SUBJ_POST,
    SUBJ_BODY,
    SUBJ_DECISION,
    SUBJ_YEAR,
    SUBJ_MEETING,
    SUBJ_PLAN,
    SUBJ_FUND_REPORT,
    SUBJ_TRANSACTION,
    SUBJ_RELEASE,
    SUBJ_NEWS,
};

struct rule;
struct rctx; /* what a check function sees: rules/engine.h */
typedef void (*rule_check)(const struct rule *r, struct rctx *c);

struct rule {
    const char *id; /* "A13.minutes-late": stable, tests and users depend on it */
    int article;    /* 第N条 */
    enum severity severity;
    rule_check check;
    const char *zh, *en; /* message templates with {name} placeholders */
};

struct rule_table {
    const struct rule *rules;
    size_t n;
};

/* Every rule, table by table (rules.c). */
extern const struct rule_table *const rule_tables[];
extern const size_t rule_table_count;
const struct rule *rule_find(const char *id);

/* A value for a placeholder of the rule's template, in both languages. */
struct farg {
    const char *name, *zh, *en;
};

#define FINDING_ARGS 8

struct finding {
    const char *alliance, *alliance_name; /* key and name */
    const struct rule *rule;
    enum subject subject;
    const char *key; /* the subject's key (rules.md, "Subject keys") */
    int year;        /* 0: none */
    size_t seq;      /* order of emission: the last key of the sort */
    struct farg args[FINDING_ARGS];
    size_t nargs;
};

struct findings {
    lh_day as_of;
    size_t alliances;         /* alliances checked */
    size_t counts[SEV_COUNT]; /* findings by severity */
    struct finding *items;    /* sorted as rules.md says */
    size_t n, cap;
};

/* Decides which alliances an actor's check covers; NULL: all. */
typedef bool (*alliance_filter)(const void *ctx, const struct model *m,
                                const struct md_alliance *al);

/* Runs every rule on the model as of D, over all alliances (alliance NULL) or the one with that
 * key, skipping those the filter refuses; fills out (in a) sorted and counted. */
void rules_run(const struct model *m, lh_day D, const char *alliance, alliance_filter filter,
               const void *filter_ctx, arena *a, struct findings *out);

/* The check as the command line and the API ask for it: loads the model, keeps to the alliances
 * who may read (can_alliance() with RIGHT_BUSINESS_READ), and runs. With alliance set:
 * FAIL_NOT_FOUND when there is no such alliance, FAIL_FORBIDDEN when who may not read it. */
bool rules_check(db *d, const struct actor *who, lh_day D, const char *alliance, arena *a,
                 struct findings *out, struct fail *f);
/* rules_check() as of several days over one load of the model: outs[i] as of days[i]. */
bool rules_check_days(db *d, const struct actor *who, const lh_day *days, size_t ndays,
                      const char *alliance, arena *a, struct findings *outs, struct fail *f);

/* --- the articles (articles.c) ------------------------------------------------------------- */
#define ARTICLES 23
/* The article's one-line summary; "" for a number the norms do not have. */
const char *article_summary(int article, enum lang lang);

/* --- output (report.c) -------------------------------------------------------------------- */
const char *severity_name(enum severity s); /* "error", "warning", "info" */
const char *subject_name(enum subject s);   /* "meeting", "fund_report", ... */
/* "第十三条：…" / "Article 13: …": the rule's template filled with the finding's values. */
void finding_message(const struct finding *f, enum lang lang, buf *out);
/* "第十三条" / "Article 13". */
void article_title(int article, enum lang lang, buf *out);
/* The document of rules.md: {"format": "lianheti-findings", "version": 1, ...}. */
json_t *findings_json(const struct findings *fs, enum lang lang);
/* One line per finding, grouped by alliance, and a summary line. */
void findings_text(const struct findings *fs, enum lang lang, buf *out);

#endif
