/* The dataset format (/work/shared/spec/dataset.md) as data: one table of field specs per kind of
 * record, in the order dataset.md lists the fields. The validator checks a document against these
 * tables, the importer binds each field to the column of the same path, and the exporter writes
 * the fields in this order, which makes its output canonical. A change of the format is a change
 * here (and in the migration and the store's statements), not in three walkers. */
#ifndef LH_DATASET_SPEC_H
#define LH_DATASET_SPEC_H
#include "store/dataset_store.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DS_NAME_MAX     200                /* characters, after trimming */
#define DS_MARKDOWN_MAX (1024 * 1024)      /* bytes */
#define DS_INPUT_MAX    (64 * 1024 * 1024) /* bytes of a whole dataset */

enum ds_type {
    DT_KEY,      /* a key: 1-64 characters of [a-z0-9][a-z0-9._-]* */
    DT_NAME,     /* trimmed on import; then 1-200 characters without control characters */
    DT_TEXT,     /* plain text of at most `max` characters; may be empty */
    DT_MARKDOWN, /* free text of at most 1 MiB */
    DT_DATE,     /* YYYY-MM-DD, a real calendar date */
    DT_MONTHDAY, /* MM-DD, a day of the year (02-29 allowed) */
    DT_INT,      /* an integer from min to max */
    DT_FEN,      /* an integer amount of fen (分); never a decimal number */
    DT_BOOL,
    DT_ENUM,    /* one of `values` */
    DT_USCC,    /* a unified social credit code with a right check character */
    DT_OBJECT,  /* a nested object, stored in its record's row under the prefix "name_" */
    DT_RECORDS, /* an array of records (sub), stored as rows owned by this record */
    DT_KEYS,    /* an array of references, stored as rows of `table` owned by this record */
};

/* What a key names: the kinds of records one can refer to. */
enum ds_ref {
    REF_NONE,
    REF_JURISDICTION,
    REF_ORGANISATION,
    REF_PERSON,
    REF_ALLIANCE,
    REF_MEETING,  /* within the alliance */
    REF_DECISION, /* within the meeting named by the sibling field "meeting" */
    REF_ACCOUNT,  /* within the alliance's ledger */
    REF_FUND,     /* within the alliance's ledger */
    REF_COUNT
};

enum ds_flags {
    DF_REQUIRED = 1 << 0, /* absent or null is an error */
    DF_UNIQUE = 1 << 1,   /* unique among the records of its array (keys, organisation names) */
    DF_PRESENCE = 1 << 2, /* DT_OBJECT: its presence is stored (":name" = 1), even when empty */
    DF_LATE = 1 << 3,     /* top-level reference written in a second pass (cycles allowed) */
    DF_EARLY = 1 << 4,    /* DT_RECORDS/DT_OBJECT: written before the record's other children,
                             because they refer to it (meetings, the ledger) */
};

/* Checks beyond one field's shape, run on a whole record (validate.c). */
enum ds_check {
    CHECK_NONE,
    CHECK_ALLIANCE,    /* at most one presidium, expert committee and secretariat */
    CHECK_BODY,        /* post roles allowed for the body's kind */
    CHECK_TRANSACTION, /* at least two postings, summing to zero */
};

struct ds_spec;

struct ds_field {
    const char *name;
    enum ds_type type;
    unsigned flags;
    enum ds_ref ref;           /* DT_KEY/DT_KEYS: what the key names; REF_NONE: own key */
    const char *const *values; /* DT_ENUM: NULL-terminated */
    int64_t min, max;          /* DT_INT bounds; DT_TEXT: max characters */
    const struct ds_spec *sub; /* DT_OBJECT, DT_RECORDS */
    enum ds_table table;       /* DT_KEYS: the list table */
};

struct ds_spec {
    const char *what;    /* "organisation": how messages name the record */
    enum ds_table table; /* records: their table; nested objects: DS_NONE */
    enum ds_ref defines; /* what the record's "key" field names, REF_NONE if nothing */
    enum ds_check check;
    const struct ds_field *fields;
    size_t nfields;
};

/* The whole document: format, version, jurisdictions, organisations, people, alliances. */
extern const struct ds_spec ds_document;
/* Roles of posts by body kind (dataset.md, body). NULL-terminated lists. */
extern const char *const ds_roles_presidium[], *const ds_roles_expert_committee[],
                                                   *const ds_roles_secretariat[],
                                                       *const ds_roles_working_committee[];

/* "organisation", "person", ... for messages. */
const char *ds_ref_name(enum ds_ref r);
/* The field of that name in spec, or NULL. */
const struct ds_field *ds_field_find(const struct ds_spec *spec, const char *name);

#endif
