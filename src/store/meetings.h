/* store/meetings.h: the queries of an alliance's meetings as the secretariat records them
 * (domain/meetings.c) and as the meeting page and the API read them, over the tables of
 * migrations/002_dataset.sql: meetings, agenda_items, attendees, decisions and
 * minutes_recipients. The same rows the importer writes, the exporter and the compliance model
 * read (dataset/, rules/), so a recorded meeting is a dataset meeting like any other.
 *
 * Conventions as in register.h: strings are copied into the caller's arena, *rows is an arena
 * array; "find" functions answer DB_ROW when found and DB_DONE when not; writes answer DB_OK;
 * anything else is a negative enum db_rc. Nothing here decides anything: the domain does. */
#ifndef LH_STORE_MEETINGS_H
#define LH_STORE_MEETINGS_H
#include "store/db.h"
#include "util/arena.h"
#include <stdbool.h>
#include <stdint.h>

struct mt_meeting {
    int64_t id, seq;
    const char *key, *kind, *title, *date, *status;
    const char *chaired_by, *delegated_by;                                    /* person keys */
    const char *agenda_proposed_by, *agenda_approved_by, *agenda_approved_on; /* NULL: none */
    const char *minutes_text, *minutes_signed_by, *minutes_signed_on, *minutes_distributed_on;
    const char *chaired_by_name, *minutes_signed_by_name; /* people's names, NULL with the key */
};
/* The alliance's meetings by date, then as stored; without the minutes' text. */
int st_mt_list(db *d, arena *a, int64_t alliance_id, struct mt_meeting **rows, size_t *n);
/* The meeting of that key in the alliance, with the minutes' text. */
int st_mt_get(db *d, arena *a, int64_t alliance_id, const char *key, struct mt_meeting *out);
/* The largest row id of meetings (0 when none), to generate keys ("m-N"). */
int st_mt_max_id(db *d, int64_t *out);

/* The new meeting's row: person ids 0 for none (agenda_proposed_by 0: no agenda). Appended after
 * the alliance's meetings (seq). */
struct mt_new {
    const char *key, *kind, *title, *date, *status;
    int64_t chaired_by, delegated_by, agenda_proposed_by, agenda_approved_by;
    const char *agenda_approved_on;
};
int st_mt_insert(db *d, int64_t alliance_id, const struct mt_new *m, int64_t *id);
int st_mt_agenda_item_insert(db *d, int64_t meeting_id, int64_t seq, const char *title, bool major);
int st_mt_set_status(db *d, int64_t meeting_id, const char *status);
int st_mt_attendee_insert(db *d, int64_t meeting_id, int64_t seq, int64_t person_id);
int st_mt_decision_insert(db *d, int64_t meeting_id, int64_t seq, const char *key, const char *text,
                          bool major);
/* Replaces the minutes (signed_by 0: not signed) and their recipients' rows are deleted: the
 * caller inserts the new ones. */
int st_mt_set_minutes(db *d, int64_t meeting_id, const char *text, int64_t signed_by,
                      const char *signed_on, const char *distributed_on);
int st_mt_recipient_insert(db *d, int64_t meeting_id, int64_t seq, int64_t person_id);

/* One line of a meeting: an agenda item, a decision, or a person (present, or sent the minutes).
 */
struct mt_item {
    int64_t seq;
    const char *key;  /* decisions: the decision key; people: the person key; items: NULL */
    const char *text; /* agenda items: the title; decisions: the text; people: the name */
    bool major;       /* agenda items, decisions */
};
int st_mt_agenda_items(db *d, arena *a, int64_t meeting_id, struct mt_item **rows, size_t *n);
int st_mt_attendees(db *d, arena *a, int64_t meeting_id, struct mt_item **rows, size_t *n);
int st_mt_decisions(db *d, arena *a, int64_t meeting_id, struct mt_item **rows, size_t *n);
int st_mt_recipients(db *d, arena *a, int64_t meeting_id, struct mt_item **rows, size_t *n);
/* All four at once, for the meeting page and the API. */
struct mt_lines {
    struct mt_item *items, *attended, *decisions, *recipients;
    size_t nitems, nattended, ndecisions, nrecipients;
};
int st_mt_lines(db *d, arena *a, int64_t meeting_id, struct mt_lines *out);

/* --- people ---------------------------------------------------------------------------------- */
struct mt_person {
    int64_t id;
    const char *key, *name;
};
int st_mt_person(db *d, arena *a, const char *key, struct mt_person *out);
/* Everyone who holds or held a post in a body of the alliance, once each, by name. */
int st_mt_post_holders(db *d, arena *a, int64_t alliance_id, struct mt_person **rows, size_t *n);
/* The posts the person holds in the alliance's bodies on `date`: each as "BODYKIND/ROLE" (e.g.
 * "presidium/chair"), in an arena array. */
int st_mt_posts_on(db *d, arena *a, int64_t alliance_id, const char *person_key, const char *date,
                   const char ***posts, size_t *n);

#endif
