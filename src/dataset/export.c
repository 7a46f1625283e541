/* Dataset export: the canonical document. Walks the field tables of spec.c over the rows the store
 * answers, so members come in the order dataset.md lists them and arrays in their stored order;
 * absent values, empty optional arrays and empty optional objects are left out (docs/dataset.md
 * says why). The text is jansson's two-space indentation, UTF-8 without \u escapes, ending in a
 * newline. Export, import and export again gives the same bytes. */
#include "dataset/dataset.h"
#include "dataset/keymap.h"
#include <stdlib.h>
#include <string.h>

struct table {
    struct ds_rows rows;
    size_t next;     /* the first row not yet placed in the document */
    bool loaded;     /* for the alliance being written (or, top level, at all) */
    bool cols_match; /* the columns are the field table's leaves, checked once per load */
};

struct ectx {
    db *d;
    arena *a;
    int64_t alliance_id; /* whose records the alliance tables hold */
    struct table t[DS_TABLE_COUNT];
    int rc;
};

static bool is_top(enum ds_table t)
{
    return t == DS_JURISDICTIONS || t == DS_ORGANISATIONS || t == DS_PEOPLE || t == DS_ALLIANCES;
}

/* The column paths a record of spec reads from its row, in order: its scalar fields and those of
 * its nested objects ("agenda.approved_on"), with a presence column for DF_PRESENCE objects. */
static bool leaves_match(const struct ds_spec *spec, const struct ds_rows *rows, size_t *col,
                         const char *prefix)
{
    for (size_t i = 0; i < spec->nfields; i++) {
        const struct ds_field *f = &spec->fields[i];
        if (f->type == DT_RECORDS || f->type == DT_KEYS)
            continue;
        char path[96];
        snprintf(path, sizeof path, "%s%s", prefix, f->name);
        if (f->type == DT_OBJECT) {
            if ((f->flags & DF_PRESENCE) &&
                (*col >= rows->ncols || strcmp(rows->cols[(*col)++], path) != 0))
                return false;
            char sub[sizeof path + 1];
            snprintf(sub, sizeof sub, "%s.", path);
            if (!leaves_match(f->sub, rows, col, sub))
                return false;
        } else if (*col >= rows->ncols || strcmp(rows->cols[(*col)++], path) != 0) {
            return false;
        }
    }
    return true;
}

static struct table *load(struct ectx *c, enum ds_table t, const struct ds_spec *spec)
{
    struct table *tb = &c->t[t];
    if (tb->loaded)
        return tb;
    int rc = st_ds_select(c->d, c->a, t, c->alliance_id, &tb->rows);
    if (rc != DB_OK && c->rc == DB_OK)
        c->rc = rc;
    tb->next = 0;
    tb->loaded = true;
    size_t col = 0;
    tb->cols_match = !spec || (leaves_match(spec, &tb->rows, &col, "") && col == tb->rows.ncols);
    if (!tb->cols_match && c->rc == DB_OK) {
        fprintf(stderr, "lianheti: export: the columns of %s do not match the dataset fields\n",
                st_ds_table_name(t));
        c->rc = DB_ERR;
    }
    return tb;
}

static json_t *scalar(const struct ds_field *f, const char *s)
{
    switch (f->type) {
    case DT_INT:
    case DT_FEN:
        return json_integer(strtoll(s, NULL, 10));
    case DT_BOOL:
        return json_boolean(strcmp(s, "0") != 0);
    default:
        return json_string(s);
    }
}

static json_t *build(struct ectx *c, const struct ds_spec *spec, const struct ds_row *row,
                     size_t *col);

/* The records (or keys) of table t owned by `owner`: they are next in the table's order. */
static json_t *children(struct ectx *c, const struct ds_field *f, int64_t owner)
{
    enum ds_table t = f->type == DT_KEYS ? f->table : f->sub->table;
    struct table *tb = load(c, t, f->type == DT_KEYS ? NULL : f->sub);
    json_t *arr = json_array();
    while (tb->cols_match && tb->next < tb->rows.n && tb->rows.rows[tb->next].owner == owner) {
        const struct ds_row *r = &tb->rows.rows[tb->next++];
        if (f->type == DT_KEYS) {
            json_array_append_new(arr, json_string(r->v[0]));
        } else {
            size_t col = 0;
            json_array_append_new(arr, build(c, f->sub, r, &col));
        }
    }
    return arr;
}

/* An object is worth writing when it holds more than the empty arrays it must have (a ledger's). */
static bool has_content(json_t *o)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        if (!json_is_array(v) || json_array_size(v) > 0)
            return true;
    }
    return false;
}

/* One object of spec from row (consuming its columns from *col); arrays from the child tables. */
static json_t *build(struct ectx *c, const struct ds_spec *spec, const struct ds_row *row,
                     size_t *col)
{
    json_t *o = json_object();
    for (size_t i = 0; i < spec->nfields; i++) {
        const struct ds_field *f = &spec->fields[i];
        json_t *v = NULL;
        if (f->type == DT_RECORDS || f->type == DT_KEYS) {
            v = children(c, f, row->id);
            /* Required arrays are written even when empty, optional ones only when not. */
            if (json_array_size(v) == 0 && !(f->flags & DF_REQUIRED)) {
                json_decref(v);
                v = NULL;
            }
        } else if (f->type == DT_OBJECT) {
            bool present = false;
            if (f->flags & DF_PRESENCE)
                present = row->v[(*col)++] != NULL;
            v = build(c, f->sub, row, col);
            if (!present && !has_content(v)) {
                json_decref(v);
                v = NULL;
            }
        } else {
            const char *s = row->v[(*col)++];
            v = s ? scalar(f, s) : NULL;
        }
        if (v)
            json_object_set_new(o, f->name, v);
    }
    return o;
}

/* --- limiting the export to one alliance ---------------------------------------------------- */
struct marks {
    keymap *m[REF_COUNT];     /* what is needed */
    keymap *index[REF_COUNT]; /* key -> position in the top-level array */
    json_t *top[REF_COUNT];   /* the top-level arrays */
    const struct ds_spec *spec[REF_COUNT];
};

static void mark_refs(struct marks *mk, const struct ds_spec *spec, json_t *obj);

static void mark(struct marks *mk, enum ds_ref kind, const char *key)
{
    if (kind != REF_JURISDICTION && kind != REF_ORGANISATION && kind != REF_PERSON)
        return;
    if (!keymap_add(mk->m[kind], key, 0, NULL))
        return;
    /* Newly needed: so is everything it names (a person's organisation, its president, ...). */
    int64_t at;
    if (keymap_get(mk->index[kind], key, &at))
        mark_refs(mk, mk->spec[kind], json_array_get(mk->top[kind], (size_t)at));
}

static void mark_refs(struct marks *mk, const struct ds_spec *spec, json_t *obj)
{
    for (size_t i = 0; i < spec->nfields; i++) {
        const struct ds_field *f = &spec->fields[i];
        json_t *v = json_object_get(obj, f->name);
        size_t k;
        json_t *item;
        if (f->type == DT_KEY && f->ref != REF_NONE && json_is_string(v)) {
            mark(mk, f->ref, json_string_value(v));
        } else if (f->type == DT_KEYS) {
            json_array_foreach(v, k, item)
            {
                mark(mk, f->ref, json_string_value(item));
            }
        } else if (f->type == DT_OBJECT && json_is_object(v)) {
            mark_refs(mk, f->sub, v);
        } else if (f->type == DT_RECORDS) {
            json_array_foreach(v, k, item)
            {
                mark_refs(mk, f->sub, item);
            }
        }
    }
}

/* Keeps in doc's top-level arrays only what the alliances in it need. */
static void keep_needed(arena *a, json_t *doc)
{
    static const struct {
        const char *name;
        enum ds_ref kind;
    } tops[] = {{"jurisdictions", REF_JURISDICTION},
                {"organisations", REF_ORGANISATION},
                {"people", REF_PERSON}};
    struct marks mk = {0};
    for (size_t i = 0; i < 3; i++) {
        enum ds_ref k = tops[i].kind;
        mk.m[k] = keymap_new(a);
        mk.index[k] = keymap_new(a);
        mk.top[k] = json_object_get(doc, tops[i].name);
        mk.spec[k] = ds_field_find(&ds_document, tops[i].name)->sub;
        size_t n;
        json_t *item;
        json_array_foreach(mk.top[k], n, item)
        {
            keymap_add(mk.index[k], json_string_value(json_object_get(item, "key")), (int64_t)n,
                       NULL);
        }
    }
    const struct ds_spec *alliance = ds_field_find(&ds_document, "alliances")->sub;
    size_t n;
    json_t *item;
    json_array_foreach(json_object_get(doc, "alliances"), n, item)
    {
        mark_refs(&mk, alliance, item);
    }
    for (size_t i = 0; i < 3; i++) {
        enum ds_ref k = tops[i].kind;
        json_t *kept = json_array();
        json_array_foreach(mk.top[k], n, item)
        {
            if (keymap_get(mk.m[k], json_string_value(json_object_get(item, "key")), NULL))
                json_array_append(kept, item);
        }
        json_object_set_new(doc, tops[i].name, kept);
    }
}

/* --- the document -------------------------------------------------------------------------- */
static json_t *build_document(struct ectx *c, const char *only)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "format", json_string("lianheti-dataset"));
    json_object_set_new(doc, "version", json_integer(1));
    for (size_t i = 0; i < ds_document.nfields; i++) {
        const struct ds_field *f = &ds_document.fields[i];
        if (f->type != DT_RECORDS)
            continue;
        struct table *tb = load(c, f->sub->table, f->sub);
        json_t *arr = json_array();
        for (size_t r = 0; tb->cols_match && r < tb->rows.n; r++) {
            const struct ds_row *row = &tb->rows.rows[r];
            if (f->sub->table == DS_ALLIANCES) {
                if (only && strcmp(row->v[0], only) != 0)
                    continue;
                /* The alliance's own records are read for it alone. */
                c->alliance_id = row->id;
                for (int t = 0; t < DS_TABLE_COUNT; t++)
                    if (!is_top((enum ds_table)t))
                        c->t[t].loaded = false;
            }
            size_t col = 0;
            json_array_append_new(arr, build(c, f->sub, row, &col));
        }
        json_object_set_new(doc, f->name, arr);
    }
    if (only)
        keep_needed(c->a, doc);
    return doc;
}

/* People's email and phone are personal information: an export for someone who may not see them
 * (a member organisation's contact) leaves them out. */
static void drop_contacts(json_t *doc)
{
    size_t i;
    json_t *person;
    json_array_foreach(json_object_get(doc, "people"), i, person)
    {
        json_object_del(person, "email");
        json_object_del(person, "phone");
    }
}

/* May who export this (the alliance, or everything), and with people's contact data? */
static bool export_allowed(db *d, arena *a, const struct actor *who, const char *alliance,
                           bool *contacts, struct fail *f)
{
    *contacts = true; /* exporting everything takes an officer of every jurisdiction */
    if (alliance) {
        const char *jur = NULL;
        int rc = st_ds_alliance_jurisdiction(d, a, alliance, &jur);
        if (rc == DB_DONE)
            return fail(f, FAIL_NOT_FOUND, "not_found", "alliance", "There is no such alliance.");
        if (rc != DB_ROW)
            return fail_db(f, rc);
        if (can_alliance(who, RIGHT_BUSINESS_READ, jur, alliance)) {
            *contacts = can_alliance(who, RIGHT_CONTACT_READ, jur, alliance);
            return true;
        }
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    }
    if (!can(who, RIGHT_BUSINESS_READ, NULL))
        return fail(f, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
    const char **keys;
    size_t n;
    int rc = st_ds_jurisdiction_keys(d, a, &keys, &n);
    if (rc != DB_OK)
        return fail_db(f, rc);
    for (size_t i = 0; i < n; i++)
        if (!can(who, RIGHT_BUSINESS_READ, keys[i]))
            return fail(f, FAIL_FORBIDDEN, "forbidden", NULL,
                        "Exporting everything needs the right to read every jurisdiction.");
    return true;
}

bool ds_export(db *d, const struct actor *who, const char *alliance, buf *out, struct fail *f)
{
    arena *a = arena_new();
    struct ectx *c = arena_alloc(a, sizeof *c);
    c->d = d;
    c->a = a;
    json_t *doc = NULL;
    bool ok = false;
    int rc = db_begin_read(d); /* one snapshot: an import meanwhile is wholly in or out */
    if (rc != DB_OK) {
        fail_db(f, rc);
        goto out;
    }
    bool contacts;
    if (!export_allowed(d, a, who, alliance, &contacts, f)) {
        db_rollback(d);
        goto out;
    }
    doc = build_document(c, alliance);
    if (!contacts)
        drop_contacts(doc);
    db_rollback(d); /* nothing was written: ending the read is all */
    if (c->rc != DB_OK) {
        fail_db(f, c->rc);
        goto out;
    }
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!text) {
        fail(f, FAIL_INTERNAL, "internal", NULL, "An internal error occurred.");
        goto out;
    }
    buf_puts(out, text);
    buf_putc(out, '\n');
    free(text);
    ok = true;
out:
    json_decref(doc);
    arena_free(a);
    return ok;
}
