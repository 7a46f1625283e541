/* An alliance's meetings as its secretariat records them (第七条, 第十一条 – 第十三条): a
 * presidium or special meeting with its chair, delegation and agenda; then held (who was present,
 * the decisions taken) or cancelled; then its minutes (signed, distributed). A clerk records facts:
 * what the norms leave to judgement is for `lianheti check` to report, but what they clearly
 * forbid is refused at once, naming the field, the article and the rule of rules.md behind it.
 *
 * Every operation needs RIGHT_ALLIANCE_EDIT on the alliance (can_alliance: its secretariat), runs
 * in one transaction and writes one audit record in it. Nothing is deleted. */
#ifndef LH_MEETINGS_H
#define LH_MEETINGS_H
#include "auth/rights.h"
#include "domain/fail.h"
#include "store/db.h"
#include "util/arena.h"

#define MTG_TITLE_MAX    200 /* characters of a title or agenda item (a name of dataset.md) */
#define MTG_LINES_MAX    100 /* agenda items, people, decisions per operation */
#define MTG_MARKDOWN_MAX (1024 * 1024) /* bytes of minutes or a decision (dataset.md) */

struct mtg_item {
    const char *text; /* an agenda item's title, a decision's text */
    bool major;
};

/* What happened at a held meeting. */
struct mtg_outcome {
    const char *const *attended; /* person keys */
    size_t nattended;
    const struct mtg_item *decisions;
    size_t ndecisions;
};

struct mtg_meeting {
    const char *kind;                      /* presidium | special */
    const char *title;                     /* 1-200 characters */
    const char *date;                      /* YYYY-MM-DD */
    const char *status;                    /* planned | held | cancelled; NULL: planned */
    const char *chaired_by, *delegated_by; /* person keys; delegated_by may be NULL */
    /* The agenda (第十一条): proposed_by NULL and no items: none. */
    const char *agenda_proposed_by, *agenda_approved_by, *agenda_approved_on;
    const struct mtg_item *items;
    size_t nitems;
    struct mtg_outcome held; /* only with status held */
};
/* Records a meeting with a generated key ("m-N", *key in a), appended after the alliance's
 * meetings. */
bool mtg_record(db *d, arena *a, const struct actor *who, const char *alliance,
                const struct mtg_meeting *m, const char **key, struct fail *f);
/* A planned meeting took place on its date: who was present and what it decided. */
bool mtg_held(db *d, const struct actor *who, const char *alliance, const char *meeting,
              const struct mtg_outcome *o, struct fail *f);
/* A planned meeting will not take place. */
bool mtg_cancel(db *d, const struct actor *who, const char *alliance, const char *meeting,
                struct fail *f);

struct mtg_minutes {
    const char *text; /* Markdown, may be NULL */
    const char *signed_by, *signed_on, *distributed_on;
    const char *const *distributed_to; /* person keys */
    size_t ndistributed_to;
};
/* Records (or replaces, until they are distributed) the minutes of a held meeting (第十三条). */
bool mtg_minutes(db *d, const struct actor *who, const char *alliance, const char *meeting,
                 const struct mtg_minutes *m, struct fail *f);

#endif
