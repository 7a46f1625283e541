/* store/dataset_store.h: the queries behind dataset import and export (src/dataset/), over the
 * tables of migrations/002_dataset.sql.
 *
 * Writing is by table: st_ds_write() takes named values whose names are the dataset field paths
 * with '.' written '_' (":join_approved_date" for member.join_approved.date), plus ":parent" (the
 * owning record's id), ":seq" (the index in its array) and, for top-level records, ":import". A
 * reference is bound as the id of the row it names. Every parameter of a table's statement must be
 * given (NULL for absent values): a missing or misspelt one fails the statement.
 *
 * Reading for export is by table too: st_ds_select() answers the rows of one table, one alliance's
 * worth at a time, ordered as the document orders them (by the owner's position, then seq), with
 * the values as text and references as the keys they name. The columns are listed by their
 * dataset paths in the order src/dataset/spec.c lists the fields, so the exporter walks the field
 * table and the row side by side. */
#ifndef LH_DATASET_STORE_H
#define LH_DATASET_STORE_H
#include "store/db.h"
#include "util/arena.h"
#include <stdbool.h>
#include <stdint.h>

enum ds_table {
    DS_NONE,
    /* top level: written by key (an existing key is updated), read whole */
    DS_JURISDICTIONS,
    DS_ORGANISATIONS,
    DS_PEOPLE,
    DS_ALLIANCES,
    /* the records of an alliance, read one alliance at a time */
    DS_CHARTERS,
    DS_CHARTER_DRAFTERS,
    DS_MEMBERS,
    DS_BODIES,
    DS_BODY_PARTICIPANTS,
    DS_POSTS,
    DS_MEETINGS,
    DS_AGENDA_ITEMS,
    DS_INVITEES,
    DS_ATTENDEES,
    DS_DECISIONS,
    DS_MINUTES_RECIPIENTS,
    DS_MINUTES_UNITS,
    DS_PLANS,
    DS_ACCOUNTS,
    DS_FUNDS,
    DS_TRANSACTIONS,
    DS_POSTINGS,
    DS_FUND_REPORTS,
    DS_FUND_REPORT_LINES,
    DS_OUTPUTS,
    DS_RELEASES,
    DS_NEWS,
    DS_ACTIVITIES,
    DS_ACTIVITY_PARTICIPANTS,
    DS_TABLE_COUNT
};

/* The table's SQL name ("members"), used for the counts of an import. */
const char *st_ds_table_name(enum ds_table t);
/* True for the tables that hold a list of references (charter_drafters, attendees, ...): their
 * rows have ":parent", ":seq" and ":ref" and no id. */
bool st_ds_is_list(enum ds_table t);

enum ds_value { DSV_NULL, DSV_TEXT, DSV_INT };

struct ds_param {
    const char *name; /* ":name" */
    enum ds_value type;
    const char *text;
    int64_t num;
};

/* Writes one row; *id is the row's id (0 for list tables). Top-level tables update the row of the
 * same key when there is one, keeping its id. */
int st_ds_write(db *d, enum ds_table t, const struct ds_param *p, size_t n, int64_t *id);

/* The second pass over top-level records, once every row exists: a jurisdiction's parent and an
 * organisation's president (0: none). */
int st_ds_set_parent(db *d, int64_t jurisdiction_id, int64_t parent_id);
int st_ds_set_president(db *d, int64_t organisation_id, int64_t person_id);
/* Deletes every record of an alliance (not the alliance row itself), before `import --replace`
 * writes them anew. */
int st_ds_clear_alliance(db *d, int64_t alliance_id);

/* DB_ROW with the id when a top-level table has the key, DB_DONE when not. */
int st_ds_find_key(db *d, enum ds_table t, const char *key, int64_t *id);
/* DB_ROW with the key of the organisation of that name, DB_DONE when none has it. */
int st_ds_organisation_by_name(db *d, arena *a, const char *name, const char **key);
/* The number of alliances (for `init --demo`, which loads the demo only into an empty register). */
int st_ds_alliance_count(db *d, int64_t *n);
/* DB_ROW with the key of the alliance's jurisdiction, DB_DONE when there is no such alliance. */
int st_ds_alliance_jurisdiction(db *d, arena *a, const char *alliance, const char **jurisdiction);
/* Every jurisdiction key (*keys is an arena array). */
int st_ds_jurisdiction_keys(db *d, arena *a, const char ***keys, size_t *n);

/* The record of one import: created first (the rows it writes point to it), finished with the
 * counts of what it wrote. */
int st_ds_import_begin(db *d, const char *at, const char *actor, const char *sha256,
                       const char *mode, int64_t *id);
int st_ds_import_finish(db *d, int64_t id, const char *counts);

struct ds_row {
    int64_t id;     /* the row's id (0 for list tables) */
    int64_t owner;  /* the owning record's id (0 for top-level rows) */
    const char **v; /* ncols values, NULL for SQL NULL */
};

struct ds_rows {
    const char *const *cols; /* the dataset paths of the values, e.g. "join_approved.date" */
    size_t ncols;
    struct ds_row *rows; /* arena array */
    size_t n;
};

/* The rows of t for export: top-level tables whole (alliance_id ignored), the others those of
 * one alliance. Strings are copied into a. */
int st_ds_select(db *d, arena *a, enum ds_table t, int64_t alliance_id, struct ds_rows *out);

#endif
