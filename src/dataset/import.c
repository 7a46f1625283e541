/* Dataset import: the domain operation behind `lianheti import`, `init --demo` and POST
 * /api/v1/import. It follows the pattern of every operation (validate -> can() -> BEGIN -> write
 * -> audit -> COMMIT) with the whole document as its input: nothing is written unless every
 * record is valid, and then everything is written in one transaction with one audit record.
 *
 * Writing walks the same field tables as the validator: each record is one row whose parameters
 * are its fields' paths, each array of records or keys rows owned by it. References become row
 * ids through maps filled as rows are written, which is why the records others refer to go first:
 * top-level records before alliances, and within an alliance its meetings and ledger before
 * the bodies, plans and reports that name them (DF_EARLY). */
#include "audit/audit.h"
#include "dataset/dataset.h"
#include "dataset/keymap.h"
#include "util/clock.h"
#include "util/embed.h"
#include <stdlib.h>
#include <string.h>

#define MAX_PARAMS 48
#define SCRATCH    2048

struct ictx {
    db *d;
    arena *a;
    struct ds_report *rep;
    bool replace;
    int64_t import_id;
    keymap *ids[REF_COUNT]; /* key -> row id; meetings, decisions, accounts, funds per alliance */
    struct ds_param p[MAX_PARAMS];
    size_t np;
    char scratch[SCRATCH]; /* the current row's parameter names */
    size_t used;
    int rc;           /* the first database failure */
    const char *what; /* the record being written when it happened */
    const char *key;
};

/* --- parameters of one row ----------------------------------------------------------------- */
static const char *param_name(struct ictx *c, const char *prefix, const char *name)
{
    size_t need = 1 + strlen(prefix) + strlen(name) + 1;
    if (c->used + need > SCRATCH)
        return NULL; /* cannot happen with the field tables as they are; fails the write */
    char *s = c->scratch + c->used;
    snprintf(s, need, ":%s%s", prefix, name);
    c->used += need;
    return s;
}

static void add(struct ictx *c, const char *name, enum ds_value type, const char *text, int64_t num)
{
    if (!name || c->np == MAX_PARAMS) {
        c->rc = DB_ERR;
        return;
    }
    c->p[c->np++] = (struct ds_param){name, type, text, num};
}

static int64_t id_of(struct ictx *c, enum ds_ref kind, const char *key)
{
    int64_t id = 0;
    keymap_get(c->ids[kind], key, &id);
    return id; /* the validator saw every reference resolve: 0 only on a bug, which the NOT NULL
                  and foreign key constraints then refuse */
}

/* Binds the scalar fields of spec (and of its nested objects, under "name_") from obj (NULL:
 * every field absent). */
static void bind_fields(struct ictx *c, const struct ds_spec *spec, json_t *obj, const char *prefix)
{
    for (size_t i = 0; i < spec->nfields; i++) {
        const struct ds_field *f = &spec->fields[i];
        json_t *v = obj ? json_object_get(obj, f->name) : NULL;
        if (json_is_null(v))
            v = NULL;
        if (f->type == DT_RECORDS || f->type == DT_KEYS || (f->flags & DF_LATE))
            continue;
        const char *name = param_name(c, prefix, f->name);
        if (f->type == DT_OBJECT) {
            if (f->flags & DF_PRESENCE)
                add(c, name, v ? DSV_INT : DSV_NULL, NULL, 1);
            char sub[64];
            snprintf(sub, sizeof sub, "%s%s_", prefix, f->name);
            bind_fields(c, f->sub, v, sub);
            continue;
        }
        if (!v) {
            add(c, name, DSV_NULL, NULL, 0);
        } else if (f->type == DT_BOOL) {
            add(c, name, DSV_INT, NULL, json_is_true(v));
        } else if (f->type == DT_INT || f->type == DT_FEN) {
            add(c, name, DSV_INT, NULL, json_integer_value(v));
        } else if (f->type == DT_KEY && f->ref == REF_DECISION) {
            const char *m = json_string_value(json_object_get(obj, "meeting"));
            const char *k = arena_printf(c->a, "%s/%s", m ? m : "", json_string_value(v));
            add(c, name, DSV_INT, NULL, id_of(c, REF_DECISION, k));
        } else if (f->type == DT_KEY && f->ref != REF_NONE) {
            add(c, name, DSV_INT, NULL, id_of(c, f->ref, json_string_value(v)));
        } else {
            add(c, name, DSV_TEXT, json_string_value(v), 0);
        }
    }
}

/* --- records ------------------------------------------------------------------------------- */
static bool is_top(enum ds_table t)
{
    return t == DS_JURISDICTIONS || t == DS_ORGANISATIONS || t == DS_PEOPLE || t == DS_ALLIANCES;
}

static bool failed(struct ictx *c, int rc, const char *what, const char *key)
{
    if (rc == DB_OK)
        return false;
    if (c->rc == DB_OK) {
        c->rc = rc;
        c->what = what;
        c->key = key;
    }
    return true;
}

static bool write_record(struct ictx *c, const struct ds_spec *spec, json_t *obj, int64_t owner,
                         size_t seq, const char *owner_key, int64_t *out_id);

static bool write_list(struct ictx *c, const struct ds_field *f, json_t *arr, int64_t owner)
{
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item)
    {
        struct ds_param p[3] = {
            {":parent", DSV_INT, NULL, owner},
            {":seq", DSV_INT, NULL, (int64_t)i},
            {":ref", DSV_INT, NULL, id_of(c, f->ref, json_string_value(item))},
        };
        int64_t none;
        if (failed(c, st_ds_write(c->d, f->table, p, 3, &none), f->name, json_string_value(item)))
            return false;
    }
    return true;
}

/* Writes the arrays under field f of the record `owner` (looking into nested objects). */
static bool write_field_children(struct ictx *c, const struct ds_field *f, json_t *v, int64_t owner,
                                 const char *owner_key)
{
    if (f->type == DT_RECORDS && json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            int64_t id;
            if (!write_record(c, f->sub, item, owner, i, owner_key, &id))
                return false;
        }
    } else if (f->type == DT_KEYS && json_is_array(v)) {
        return write_list(c, f, v, owner);
    } else if (f->type == DT_OBJECT && json_is_object(v)) {
        for (size_t i = 0; i < f->sub->nfields; i++) {
            const struct ds_field *g = &f->sub->fields[i];
            if (!write_field_children(c, g, json_object_get(v, g->name), owner, owner_key))
                return false;
        }
    }
    return true;
}

static bool write_children(struct ictx *c, const struct ds_spec *spec, json_t *obj, int64_t id,
                           const char *key)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < spec->nfields; i++) {
            const struct ds_field *f = &spec->fields[i];
            if (((f->flags & DF_EARLY) != 0) != (pass == 0))
                continue;
            if (!write_field_children(c, f, json_object_get(obj, f->name), id, key))
                return false;
        }
    return true;
}

static bool write_record(struct ictx *c, const struct ds_spec *spec, json_t *obj, int64_t owner,
                         size_t seq, const char *owner_key, int64_t *out_id)
{
    const char *key = json_string_value(json_object_get(obj, "key"));
    c->np = 0;
    c->used = 0;
    if (is_top(spec->table)) {
        /* Checked before the transaction; checked again under the write lock, so a record
         * someone added meanwhile is a conflict and not silently overwritten. */
        int64_t existing;
        int found = c->replace ? DB_DONE : st_ds_find_key(c->d, spec->table, key, &existing);
        if (failed(c,
                   found == DB_ROW    ? DB_CONSTRAINT
                   : found == DB_DONE ? DB_OK
                                      : found,
                   spec->what, key))
            return false;
        add(c, ":import", DSV_INT, NULL, c->import_id);
    } else {
        add(c, ":parent", DSV_INT, NULL, owner);
        add(c, ":seq", DSV_INT, NULL, (int64_t)seq);
    }
    bind_fields(c, spec, obj, "");
    int64_t id = 0;
    int rc = c->rc != DB_OK ? c->rc : st_ds_write(c->d, spec->table, c->p, c->np, &id);
    if (failed(c, rc, spec->what, key))
        return false;
    *out_id = id;
    if (spec->defines == REF_DECISION)
        keymap_set(c->ids[REF_DECISION], arena_printf(c->a, "%s/%s", owner_key, key), id);
    else if (spec->defines != REF_NONE)
        keymap_set(c->ids[spec->defines], key, id);
    if (spec->table == DS_ALLIANCES) {
        /* With --replace an alliance of this key may exist: its records go, the file's come. */
        if (c->replace && failed(c, st_ds_clear_alliance(c->d, id), spec->what, key))
            return false;
        const enum ds_ref scoped[] = {REF_MEETING, REF_DECISION, REF_ACCOUNT, REF_FUND};
        for (size_t i = 0; i < sizeof scoped / sizeof scoped[0]; i++)
            c->ids[scoped[i]] = keymap_new(c->a);
    }
    return write_children(c, spec, obj, id, key);
}

/* Writes an array of top-level records; ids[i] receives each row's id. */
static bool write_top(struct ictx *c, json_t *doc, const char *name, int64_t **ids)
{
    const struct ds_field *f = ds_field_find(&ds_document, name);
    json_t *arr = json_object_get(doc, name);
    *ids = arena_alloc(c->a, (json_array_size(arr) + 1) * sizeof **ids);
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item)
    {
        if (!write_record(c, f->sub, item, 0, i, NULL, &(*ids)[i]))
            return false;
    }
    return true;
}

/* The late references: parents of jurisdictions and presidents of organisations, which may name
 * records written after them. */
static bool write_late(struct ictx *c, json_t *doc, const int64_t *jur_ids, const int64_t *org_ids)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(doc, "jurisdictions"), i, item)
    {
        const char *parent = json_string_value(json_object_get(item, "parent"));
        int64_t pid = parent ? id_of(c, REF_JURISDICTION, parent) : 0;
        if (failed(c, st_ds_set_parent(c->d, jur_ids[i], pid), "jurisdiction", parent))
            return false;
    }
    json_array_foreach(json_object_get(doc, "organisations"), i, item)
    {
        const char *president = json_string_value(json_object_get(item, "president"));
        int64_t pid = president ? id_of(c, REF_PERSON, president) : 0;
        if (failed(c, st_ds_set_president(c->d, org_ids[i], pid), "organisation", president))
            return false;
    }
    return true;
}

static bool write_document(struct ictx *c, json_t *doc)
{
    int64_t *jur, *org, *people, *alliances;
    return write_top(c, doc, "jurisdictions", &jur) && write_top(c, doc, "organisations", &org) &&
           write_top(c, doc, "people", &people) && write_late(c, doc, jur, org) &&
           write_top(c, doc, "alliances", &alliances);
}

/* --- what the validator asks the database -------------------------------------------------- */
struct lookup {
    db *d;
    arena *a;
};

static bool exists(void *ctx, enum ds_ref kind, const char *key)
{
    struct lookup *l = ctx;
    enum ds_table t = kind == REF_JURISDICTION   ? DS_JURISDICTIONS
                      : kind == REF_ORGANISATION ? DS_ORGANISATIONS
                      : kind == REF_PERSON       ? DS_PEOPLE
                                                 : DS_ALLIANCES;
    int64_t id;
    return st_ds_find_key(l->d, t, key, &id) == DB_ROW;
}

static const char *name_owner(void *ctx, const char *name)
{
    struct lookup *l = ctx;
    const char *key = NULL;
    return st_ds_organisation_by_name(l->d, l->a, name, &key) == DB_ROW ? key : NULL;
}

/* Every alliance must be in a jurisdiction the actor may import into. */
static bool allowed(const struct actor *who, json_t *doc, struct fail *f)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(doc, "alliances"), i, item)
    {
        const char *j = json_string_value(json_object_get(item, "jurisdiction"));
        if (!can(who, RIGHT_DATASET, j))
            return fail(f, FAIL_FORBIDDEN, "forbidden", NULL,
                        "You may not import alliances of this jurisdiction.");
    }
    return true;
}

bool ds_import(db *d, const struct actor *who, const char *data, size_t len, unsigned flags,
               struct ds_report *rep, struct fail *f)
{
    if (!can(who, RIGHT_DATASET, NULL))
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    bool replace = flags & DS_REPLACE;
    struct lookup l = {d, rep->a};
    struct ds_hooks hooks = {&l, replace ? NULL : exists, name_owner};
    json_t *doc = ds_validate(data, len, &hooks, rep);
    db_done_all(d); /* the lookups leave no read snapshot behind */
    if (!doc)
        return fail(f, FAIL_INVALID, "invalid_dataset", NULL, "The dataset is not valid.");
    if (!allowed(who, doc, f)) {
        json_decref(doc);
        return false;
    }
    if (flags & DS_DRY_RUN) {
        json_decref(doc);
        return true;
    }

    struct ictx *c = arena_alloc(rep->a, sizeof *c);
    c->d = d;
    c->a = rep->a;
    c->rep = rep;
    c->replace = replace;
    for (int k = 0; k < REF_COUNT; k++)
        c->ids[k] = keymap_new(rep->a);
    char at[32], label[96];
    clock_rfc3339(clock_now(), at);
    actor_label(who, label, sizeof label);
    json_t *counts = ds_counts_json(rep);
    char *counts_text = json_dumps(counts, JSON_COMPACT | JSON_PRESERVE_ORDER);
    bool ok = false;
    int rc = db_begin(d);
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    rc = st_ds_import_begin(d, at, label, rep->sha256, replace ? "replace" : "add", &c->import_id);
    if (rc == DB_OK && !write_document(c, doc))
        rc = c->rc;
    if (rc == DB_OK)
        rc = st_ds_import_finish(d, c->import_id, counts_text);
    if (rc == DB_OK) {
        json_t *det = json_pack("{s:s, s:b, s:O, s:I}", "sha256", rep->sha256, "replace", replace,
                                "counts", counts, "import", (json_int_t)c->import_id);
        char *det_text = json_dumps(det, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
        json_decref(det);
        char subject[40];
        snprintf(subject, sizeof subject, "import:%lld", (long long)c->import_id);
        rc = audit_append(d, label, "dataset.import", subject, det_text);
        free(det_text);
    }
    if (rc == DB_OK)
        rc = db_commit(d);
    if (rc != DB_OK) {
        db_rollback(d);
        if (rc == DB_CONSTRAINT) {
            /* Someone wrote a conflicting record between the check and the write. */
            rep->errors = NULL;
            rep->nerrors = rep->cap = 0;
            const char *msg = arena_printf(rep->a, "%s \"%s\" conflicts with the database",
                                           c->what ? c->what : "record", c->key ? c->key : "");
            rep->errors = arena_alloc(rep->a, sizeof *rep->errors);
            rep->errors[0] = (struct ds_error){"", msg};
            rep->nerrors = rep->cap = 1;
            fail(f, FAIL_CONFLICT, "conflict", NULL,
                 "The dataset conflicts with data written meanwhile; nothing was imported.");
        } else {
            fail_db(f, rc);
        }
        goto out;
    }
    rep->import_id = c->import_id;
    ok = true;
out:
    free(counts_text);
    json_decref(counts);
    json_decref(doc);
    return ok;
}

bool ds_load_demo(db *d, const struct actor *who, bool *loaded, struct ds_report *rep,
                  struct fail *f)
{
    *loaded = false;
    const struct embedded_file *demo = embedded_find("data/demo.json");
    if (!demo)
        return fail(f, FAIL_NOT_FOUND, "no_demo", NULL,
                    "This build has no demo dataset (data/demo.json).");
    int64_t n = 0;
    int rc = st_ds_alliance_count(d, &n);
    if (rc != DB_OK)
        return fail_db(f, rc);
    if (n > 0)
        return true;
    if (!ds_import(d, who, (const char *)demo->data, demo->len, 0, rep, f))
        return false;
    *loaded = true;
    return true;
}
