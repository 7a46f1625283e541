/* Import and export of the dataset format (/work/shared/spec/dataset.md; the project's notes on
 * it are docs/dataset.md). The command line (`lianheti import`, `export`, `init --demo`) and the
 * API (POST /api/v1/import, GET /api/v1/export) call these; they hold no rule of their own.
 *
 * Import is atomic: the whole document is checked first and every problem is reported as a JSON
 * pointer and a message; only a document without any is written, in one transaction with one
 * audit record. */
#ifndef LH_DATASET_H
#define LH_DATASET_H
#include "auth/rights.h"
#include "dataset/spec.h"
#include "domain/fail.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* At most this many problems are listed; the rest are counted in `dropped`. */
#define DS_MAX_ERRORS 1000

struct ds_error {
    const char *pointer; /* RFC 6901; "" is the whole document */
    const char *message; /* English */
};

/* What a validation or import found. Everything hangs off the arena. */
struct ds_report {
    arena *a;
    struct ds_error *errors;
    size_t nerrors, cap, dropped;
    int64_t counts[DS_TABLE_COUNT]; /* records of each table in the document */
    char sha256[65];                /* of the input bytes, hex */
    int64_t import_id;              /* the `imports` row written, 0 for a dry run */
};

void ds_report_init(struct ds_report *rep);
void ds_report_free(struct ds_report *rep);
/* {"jurisdictions": n, ...} for the record tables (not the lists of references). */
json_t *ds_counts_json(const struct ds_report *rep);
/* [{"pointer", "message"}, ...], with a last entry saying how many were left out, if any. */
json_t *ds_errors_json(const struct ds_report *rep);
/* Writes the errors one per line as "POINTER: message". */
void ds_errors_print(const struct ds_report *rep, FILE *out);

/* What the validator may ask the database (NULL: a document checked on its own). */
struct ds_hooks {
    void *ctx;
    /* Is there a top-level record of this kind (jurisdiction, organisation, person, alliance)
     * with this key already? Asked only when such a record would be an error. */
    bool (*exists)(void *ctx, enum ds_ref kind, const char *key);
    /* The key of the stored organisation with this name, or NULL (arena strings). */
    const char *(*name_owner)(void *ctx, const char *name);
};

/* Parses and checks data[0..len). Returns the document (names trimmed: what import writes; the
 * caller decrefs it) when there is no problem, else NULL with the problems in rep->errors. Needs
 * no database unless hooks says so. */
json_t *ds_validate(const char *data, size_t len, const struct ds_hooks *hooks,
                    struct ds_report *rep);

enum ds_import_flags {
    DS_REPLACE = 1 << 0, /* replace alliances and update top-level records of the same keys */
    DS_DRY_RUN = 1 << 1, /* check only, against the database as it is; write nothing */
};

/* Validates and writes a dataset for who (RIGHT_DATASET, for the jurisdiction of every alliance
 * in it). true: written (or, in a dry run, valid); rep has the counts, the hash and the import's
 * id. false with f->kind == FAIL_INVALID: the document has problems, listed in rep; other kinds:
 * refused or the database failed, nothing written. */
bool ds_import(db *d, const struct actor *who, const char *data, size_t len, unsigned flags,
               struct ds_report *rep, struct fail *f);

/* The canonical document into out: everything, or with alliance set that alliance and the
 * jurisdictions, organisations and people it refers to (transitively, so it imports on its own).
 * Checks RIGHT_BUSINESS_READ: for the alliance or its jurisdiction, or for every jurisdiction
 * when exporting everything. */
bool ds_export(db *d, const struct actor *who, const char *alliance, buf *out, struct fail *f);

/* Loads the demo dataset compiled into the binary (data/demo.json) when the database has no
 * alliance yet. *loaded tells whether it did; false with rep/f as ds_import, or FAIL_NOT_FOUND
 * when this build has no demo dataset. */
bool ds_load_demo(db *d, const struct actor *who, bool *loaded, struct ds_report *rep,
                  struct fail *f);

#endif
