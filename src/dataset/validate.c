/* The dataset validator: parses a document and checks it against the field tables of spec.c,
 * collecting every problem with its JSON pointer instead of stopping at the first, so one run
 * tells the author everything to fix. Beyond the shape of each field it checks what the schema
 * cannot: real dates, USCC check characters, unique keys, references that resolve, balanced
 * transactions, one presidium/expert committee/secretariat per alliance, post roles that fit
 * their body, and jurisdiction parents without cycles. It writes nothing; it trims names in the
 * parsed document so the importer writes them trimmed. */
#include "dataset/dataset.h"
#include "dataset/keymap.h"
#include "util/text.h"
#include "util/uscc.h"
#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <string.h>

#define MAX_DEPTH 24

/* One step of the path from the root to the value being checked. */
struct seg {
    const char *name; /* an object member, or NULL for an array index */
    size_t index;
};

struct vctx {
    struct ds_report *rep;
    const struct ds_hooks *hooks;
    struct seg path[MAX_DEPTH];
    size_t depth;
    keymap *keys[REF_COUNT]; /* the keys each kind of reference may name, in the current scope */
};

/* --- the report ---------------------------------------------------------------------------- */
void ds_report_init(struct ds_report *rep)
{
    memset(rep, 0, sizeof *rep);
    rep->a = arena_new();
}

void ds_report_free(struct ds_report *rep)
{
    arena_free(rep->a);
    memset(rep, 0, sizeof *rep);
}

static void add_error(struct ds_report *rep, const char *pointer, const char *message)
{
    if (rep->nerrors == DS_MAX_ERRORS) {
        rep->dropped++;
        return;
    }
    if (rep->nerrors == rep->cap) {
        size_t cap = rep->cap ? rep->cap * 2 : 16;
        struct ds_error *e = arena_alloc(rep->a, cap * sizeof *e);
        if (rep->nerrors)
            memcpy(e, rep->errors, rep->nerrors * sizeof *e);
        rep->errors = e;
        rep->cap = cap;
    }
    rep->errors[rep->nerrors++] = (struct ds_error){pointer, message};
}

json_t *ds_counts_json(const struct ds_report *rep)
{
    json_t *o = json_object();
    for (int t = DS_JURISDICTIONS; t < DS_TABLE_COUNT; t++)
        if (!st_ds_is_list((enum ds_table)t))
            json_object_set_new(o, st_ds_table_name((enum ds_table)t),
                                json_integer(rep->counts[t]));
    return o;
}

json_t *ds_errors_json(const struct ds_report *rep)
{
    json_t *a = json_array();
    for (size_t i = 0; i < rep->nerrors; i++)
        json_array_append_new(a, json_pack("{s:s, s:s}", "pointer", rep->errors[i].pointer,
                                           "message", rep->errors[i].message));
    if (rep->dropped) {
        char msg[96];
        snprintf(msg, sizeof msg, "%zu more problems not listed", rep->dropped);
        json_array_append_new(a, json_pack("{s:s, s:s}", "pointer", "", "message", msg));
    }
    return a;
}

void ds_errors_print(const struct ds_report *rep, FILE *out)
{
    for (size_t i = 0; i < rep->nerrors; i++)
        fprintf(out, "%s: %s\n", rep->errors[i].pointer, rep->errors[i].message);
    if (rep->dropped)
        fprintf(out, ": %zu more problems not listed\n", rep->dropped);
}

/* --- pointers and messages ----------------------------------------------------------------- */
static void put_segment(buf *b, const char *name)
{
    buf_putc(b, '/');
    for (const char *p = name; *p; p++) {
        if (*p == '~')
            buf_puts(b, "~0");
        else if (*p == '/')
            buf_puts(b, "~1");
        else
            buf_putc(b, *p);
    }
}

/* The pointer of the first `depth` steps of the path, then `extra` (may be NULL). */
static const char *pointer(struct vctx *v, size_t depth, const char *extra)
{
    buf b = {0};
    if (depth > MAX_DEPTH)
        depth = MAX_DEPTH;
    for (size_t i = 0; i < depth; i++) {
        if (v->path[i].name)
            put_segment(&b, v->path[i].name);
        else
            buf_printf(&b, "/%zu", v->path[i].index);
    }
    if (extra)
        put_segment(&b, extra);
    const char *s = arena_strdup(v->rep->a, buf_str(&b));
    buf_free(&b);
    return s;
}

/* Reports a problem at the current path (plus the member `field`, when not NULL). */
__attribute__((format(printf, 3, 4))) static void report(struct vctx *v, const char *field,
                                                         const char *fmt, ...)
{
    if (v->rep->nerrors == DS_MAX_ERRORS) {
        v->rep->dropped++;
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    const char *msg = arena_vprintf(v->rep->a, fmt, ap);
    va_end(ap);
    add_error(v->rep, pointer(v, v->depth, field), msg);
}

static void push(struct vctx *v, const char *name, size_t index)
{
    /* The field tables nest far less deeply than this; the walk follows them, not the input. */
    if (v->depth < MAX_DEPTH)
        v->path[v->depth] = (struct seg){name, index};
    v->depth++;
}

static void pop(struct vctx *v)
{
    v->depth--;
}

/* A value for a message: in double quotes, escaped, at most 60 characters. */
static const char *quote(struct vctx *v, const char *s)
{
    buf b = {0};
    buf_putc(&b, '"');
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > 60) {
            buf_puts(&b, "…");
            break;
        }
        if (*p == '"' || *p == '\\')
            buf_printf(&b, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7F)
            buf_printf(&b, "\\u%04x", *p);
        else
            buf_putc(&b, (char)*p);
    }
    buf_putc(&b, '"');
    const char *q = arena_strdup(v->rep->a, buf_str(&b));
    buf_free(&b);
    return q;
}

static const char *list_values(struct vctx *v, const char *const *values)
{
    buf b = {0};
    for (size_t i = 0; values[i]; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", values[i]);
    const char *s = arena_strdup(v->rep->a, buf_str(&b));
    buf_free(&b);
    return s;
}

/* --- scalar formats ------------------------------------------------------------------------ */
static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = y < 0 || ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0); /* y < 0: any year */
    return days[m - 1] + (m == 2 && leap);
}

static int two(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

static void check_date(struct vctx *v, const char *s)
{
    if (strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2)) {
        report(v, NULL, "expected a date as YYYY-MM-DD, not %s", quote(v, s));
        return;
    }
    int y = two(s) * 100 + two(s + 2), m = two(s + 5), d = two(s + 8);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        report(v, NULL, "%s is not a real date", quote(v, s));
}

static void check_monthday(struct vctx *v, const char *s)
{
    if (strlen(s) != 5 || !digits(s, 2) || s[2] != '-' || !digits(s + 3, 2)) {
        report(v, NULL, "expected a day of the year as MM-DD, not %s", quote(v, s));
        return;
    }
    int m = two(s), d = two(s + 3);
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(-1, m))
        report(v, NULL, "%s is not a real day of the year", quote(v, s));
}

static bool is_space_at(const char *s, size_t *len)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
        *len = 1;
        return true;
    }
    /* U+00A0 no-break space and U+3000 ideographic space: pasted from documents often enough */
    if (c == 0xC2 && (unsigned char)s[1] == 0xA0) {
        *len = 2;
        return true;
    }
    if (c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) {
        *len = 3;
        return true;
    }
    return false;
}

/* Trims a name in place in the document, then checks it. */
static void check_name(struct vctx *v, json_t *val)
{
    const char *s = json_string_value(val);
    size_t n = json_string_length(val), sp;
    size_t start = 0, end = n;
    while (start < end && is_space_at(s + start, &sp))
        start += sp;
    /* Trailing space: step back over whole characters only. */
    for (bool more = true; more && end > start;) {
        more = false;
        for (size_t k = 1; k <= 3 && k <= end - start; k++)
            if (is_space_at(s + end - k, &sp) && sp == k) {
                end -= k;
                more = true;
                break;
            }
    }
    if (start > 0 || end < n) {
        char *t = arena_strndup(v->rep->a, s + start, end - start);
        json_string_set(val, t);
        s = json_string_value(val);
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
            report(v, NULL, "must not contain control characters (line breaks, tabs)");
            return;
        }
    size_t chars = utf8_len(s);
    if (chars < 1 || chars > DS_NAME_MAX)
        report(v, NULL, "must have 1 to %d characters after trimming (has %zu)", DS_NAME_MAX,
               chars);
}

static void check_uscc(struct vctx *v, const char *s)
{
    char expected = 0;
    switch (uscc_check(s, &expected)) {
    case USCC_OK:
        return;
    case USCC_CHECK:
        report(v, NULL, "%s has a wrong check character: expected %c", quote(v, s), expected);
        return;
    case USCC_LENGTH:
    case USCC_CHARSET:
    case USCC_REGION:
        break;
    }
    report(v, NULL,
           "%s is not a unified social credit code: 18 characters of 0-9 and A-Z without I, O, S, "
           "V, Z, characters 3-8 digits",
           quote(v, s));
}

static void check_int(struct vctx *v, const struct ds_field *f, json_t *val)
{
    bool fen = f->type == DT_FEN;
    if (!json_is_integer(val)) {
        if (json_is_real(val))
            report(v, NULL,
                   fen ? "expected an integer number of fen, not a decimal number"
                       : "expected an integer, not a decimal number");
        else
            report(v, NULL, fen ? "expected an integer number of fen" : "expected an integer");
        return;
    }
    if (fen)
        return;
    json_int_t n = json_integer_value(val);
    if (n >= f->min && n <= f->max)
        return;
    if (f->min == f->max)
        report(v, NULL, "must be %" PRId64, f->min);
    else if (f->max == INT64_MAX)
        report(v, NULL, "must be at least %" PRId64, f->min);
    else
        report(v, NULL, "must be from %" PRId64 " to %" PRId64, f->min, f->max);
}

/* --- references ---------------------------------------------------------------------------- */
static const char *composite(arena *a, const char *meeting, const char *decision)
{
    return arena_printf(a, "%s/%s", meeting, decision);
}

static void check_ref(struct vctx *v, enum ds_ref kind, const char *key, json_t *obj)
{
    if (kind == REF_DECISION) {
        /* A decision is named within the meeting beside it; an unknown meeting is reported
         * there, once. */
        const char *m = json_string_value(json_object_get(obj, "meeting"));
        if (m && key_valid(m) && keymap_get(v->keys[REF_MEETING], m, NULL) &&
            !keymap_get(v->keys[REF_DECISION], composite(v->rep->a, m, key), NULL))
            report(v, NULL, "unknown decision key \"%s\" in meeting \"%s\"", key, m);
        return;
    }
    if (!keymap_get(v->keys[kind], key, NULL))
        report(v, NULL, "unknown %s key \"%s\"", ds_ref_name(kind), key);
}

/* Checks a key's shape; true when it is a valid key. */
static bool check_key(struct vctx *v, json_t *val)
{
    if (!json_is_string(val)) {
        report(v, NULL, "expected a string");
        return false;
    }
    if (!key_valid(json_string_value(val))) {
        report(v, NULL,
               "%s is not a valid key: 1 to 64 characters of a-z, 0-9, '.', '_' and '-', "
               "beginning with a letter or digit",
               quote(v, json_string_value(val)));
        return false;
    }
    return true;
}

/* Adds the keys a record and the records inside it define to v->keys. An alliance's own records
 * are collected when the walk reaches that alliance: their keys are scoped to it. */
static void collect_fields(struct vctx *v, const struct ds_spec *spec, json_t *obj,
                           const char *owner);

static void collect_record(struct vctx *v, const struct ds_spec *spec, json_t *obj,
                           const char *owner)
{
    const char *key = json_string_value(json_object_get(obj, "key"));
    if (key && !key_valid(key))
        key = NULL;
    if (spec->defines == REF_DECISION && key && owner)
        keymap_add(v->keys[REF_DECISION], composite(v->rep->a, owner, key), 0, NULL);
    else if (spec->defines != REF_NONE && key)
        keymap_add(v->keys[spec->defines], key, 0, NULL);
    if (spec->defines != REF_ALLIANCE)
        collect_fields(v, spec, obj, key);
}

static void collect_fields(struct vctx *v, const struct ds_spec *spec, json_t *obj,
                           const char *owner)
{
    for (size_t i = 0; i < spec->nfields; i++) {
        const struct ds_field *f = &spec->fields[i];
        json_t *val = json_object_get(obj, f->name);
        if (f->type == DT_OBJECT && json_is_object(val)) {
            collect_fields(v, f->sub, val, owner);
        } else if (f->type == DT_RECORDS && json_is_array(val)) {
            size_t k;
            json_t *item;
            json_array_foreach(val, k, item)
            {
                if (json_is_object(item))
                    collect_record(v, f->sub, item, owner);
            }
        }
    }
}

/* --- records ------------------------------------------------------------------------------- */
static void check_fields(struct vctx *v, const struct ds_spec *spec, json_t *obj);
static void check_record(struct vctx *v, const struct ds_spec *spec, json_t *obj);

static void check_value(struct vctx *v, const struct ds_field *f, json_t *val, json_t *obj)
{
    switch (f->type) {
    case DT_KEY:
        if (check_key(v, val) && f->ref != REF_NONE)
            check_ref(v, f->ref, json_string_value(val), obj);
        return;
    case DT_INT:
    case DT_FEN:
        check_int(v, f, val);
        return;
    case DT_BOOL:
        if (!json_is_boolean(val))
            report(v, NULL, "expected true or false");
        return;
    case DT_OBJECT:
        if (json_is_object(val))
            check_fields(v, f->sub, val);
        else
            report(v, NULL, "expected an object");
        return;
    case DT_RECORDS:
    case DT_KEYS:
        break;
    default:
        if (!json_is_string(val)) {
            report(v, NULL, "expected a string");
            return;
        }
        break;
    }
    const char *s = json_string_value(val);
    switch (f->type) {
    case DT_NAME:
        check_name(v, val);
        return;
    case DT_TEXT:
        if (utf8_len(s) > (size_t)f->max)
            report(v, NULL, "must have at most %" PRId64 " characters (has %zu)", f->max,
                   utf8_len(s));
        return;
    case DT_MARKDOWN:
        if (json_string_length(val) > DS_MARKDOWN_MAX)
            report(v, NULL, "must be at most 1 MiB (has %zu bytes)", json_string_length(val));
        return;
    case DT_DATE:
        check_date(v, s);
        return;
    case DT_MONTHDAY:
        check_monthday(v, s);
        return;
    case DT_ENUM:
        for (size_t i = 0; f->values[i]; i++)
            if (strcmp(s, f->values[i]) == 0)
                return;
        if (!f->values[1])
            report(v, NULL, "expected \"%s\"", f->values[0]);
        else
            report(v, NULL, "%s is not one of: %s", quote(v, s), list_values(v, f->values));
        return;
    case DT_USCC:
        check_uscc(v, s);
        return;
    case DT_RECORDS:
        if (!json_is_array(val)) {
            report(v, NULL, "expected an array");
            return;
        }
        break;
    case DT_KEYS: {
        if (!json_is_array(val)) {
            report(v, NULL, "expected an array of keys");
            return;
        }
        size_t i;
        json_t *item;
        json_array_foreach(val, i, item)
        {
            push(v, NULL, i);
            if (check_key(v, item))
                check_ref(v, f->ref, json_string_value(item), NULL);
            pop(v);
            v->rep->counts[f->table]++;
        }
        return;
    }
    default:
        return;
    }

    /* An array of records: each checked, keys (and organisation names) unique in the array, and
     * top-level records checked against what the database holds. */
    const struct ds_spec *sub = f->sub;
    const struct ds_field *uniq[2] = {NULL, NULL};
    keymap *seen[2] = {NULL, NULL};
    for (size_t i = 0, u = 0; i < sub->nfields && u < 2; i++)
        if (sub->fields[i].flags & DF_UNIQUE) {
            uniq[u] = &sub->fields[i];
            seen[u++] = keymap_new(v->rep->a);
        }
    bool top = sub->defines == REF_JURISDICTION || sub->defines == REF_ORGANISATION ||
               sub->defines == REF_PERSON || sub->defines == REF_ALLIANCE;
    size_t i;
    json_t *item;
    json_array_foreach(val, i, item)
    {
        push(v, NULL, i);
        if (!json_is_object(item)) {
            report(v, NULL, "expected an object");
            pop(v);
            continue;
        }
        check_record(v, sub, item);
        bool dup = false;
        for (size_t u = 0; u < 2 && uniq[u]; u++) {
            json_t *kv = json_object_get(item, uniq[u]->name);
            const char *k = json_string_value(kv);
            if (!k || !*k || (uniq[u]->type == DT_KEY && !key_valid(k)))
                continue;
            int64_t first;
            if (!keymap_add(seen[u], k, (int64_t)i, &first)) {
                dup = true;
                v->path[v->depth - 1].index = (size_t)first;
                const char *at = pointer(v, v->depth, NULL);
                v->path[v->depth - 1].index = i;
                report(v, uniq[u]->name, "duplicate %s %s %s (first at %s)", sub->what,
                       uniq[u]->name, quote(v, k), at);
            }
        }
        const char *key = json_string_value(json_object_get(item, "key"));
        if (top && !dup && key && key_valid(key) && v->hooks && v->hooks->exists &&
            v->hooks->exists(v->hooks->ctx, sub->defines, key))
            report(v, "key",
                   "%s \"%s\" is in the database already (import with replace to update it)",
                   sub->what, key);
        const char *name = json_string_value(json_object_get(item, "name"));
        if (sub->defines == REF_ORGANISATION && key && name && *name && v->hooks &&
            v->hooks->name_owner) {
            const char *owner = v->hooks->name_owner(v->hooks->ctx, name);
            if (owner && strcmp(owner, key) != 0 &&
                !keymap_get(v->keys[REF_ORGANISATION], owner, NULL))
                report(v, "name",
                       "organisation name %s belongs to organisation \"%s\" in the database",
                       quote(v, name), owner);
        }
        pop(v);
    }
}

static void check_fields(struct vctx *v, const struct ds_spec *spec, json_t *obj)
{
    const char *k;
    json_t *val;
    json_object_foreach(obj, k, val)
    {
        if (!ds_field_find(spec, k))
            report(v, k, "unknown field");
    }
    for (size_t i = 0; i < spec->nfields; i++) {
        const struct ds_field *f = &spec->fields[i];
        val = json_object_get(obj, f->name);
        if (!val || json_is_null(val)) {
            if (f->flags & DF_REQUIRED)
                report(v, f->name, "required field missing");
            continue;
        }
        push(v, f->name, 0);
        check_value(v, f, val, obj);
        pop(v);
    }
}

/* CHECK_ALLIANCE: at most one presidium, expert committee and secretariat (第六条). */
static void check_bodies(struct vctx *v, json_t *alliance)
{
    static const char *const single[] = {"presidium", "expert_committee", "secretariat"};
    json_t *bodies = json_object_get(alliance, "bodies");
    if (!json_is_array(bodies))
        return;
    size_t first[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX};
    size_t i;
    json_t *b;
    json_array_foreach(bodies, i, b)
    {
        const char *kind = json_string_value(json_object_get(b, "kind"));
        for (size_t k = 0; kind && k < 3; k++) {
            if (strcmp(kind, single[k]) != 0)
                continue;
            push(v, "bodies", 0);
            if (first[k] == SIZE_MAX) {
                first[k] = i;
            } else {
                push(v, NULL, first[k]);
                const char *at = pointer(v, v->depth, NULL);
                v->path[v->depth - 1].index = i;
                report(v, "kind", "at most one body of kind \"%s\" per alliance (the first is %s)",
                       kind, at);
                pop(v);
            }
            pop(v);
        }
    }
}

static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; s && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* CHECK_BODY: a post's role must be one its body's kind has (dataset.md, body). */
static void check_post_roles(struct vctx *v, json_t *body)
{
    const char *kind = json_string_value(json_object_get(body, "kind"));
    const char *const *roles = NULL;
    if (!kind)
        return;
    if (strcmp(kind, "presidium") == 0)
        roles = ds_roles_presidium;
    else if (strcmp(kind, "expert_committee") == 0)
        roles = ds_roles_expert_committee;
    else if (strcmp(kind, "secretariat") == 0)
        roles = ds_roles_secretariat;
    else if (strcmp(kind, "working_committee") == 0)
        roles = ds_roles_working_committee;
    json_t *posts = json_object_get(body, "posts");
    if (!roles || !json_is_array(posts))
        return;
    size_t i;
    json_t *p;
    json_array_foreach(posts, i, p)
    {
        const char *role = json_string_value(json_object_get(p, "role"));
        bool known =
            in_list(role, ds_roles_presidium) || in_list(role, ds_roles_expert_committee) ||
            in_list(role, ds_roles_secretariat) || in_list(role, ds_roles_working_committee);
        bool fits = in_list(role, roles);
        if (!known || fits)
            continue; /* an unknown role is reported by the field check */
        push(v, "posts", 0);
        push(v, NULL, i);
        report(v, "role", "%s is not a role in a body of kind \"%s\": %s", quote(v, role), kind,
               list_values(v, roles));
        pop(v);
        pop(v);
    }
}

/* CHECK_TRANSACTION: debits and credits balance (第十五条; dataset.md, ledger). */
static void check_postings(struct vctx *v, json_t *txn)
{
    json_t *postings = json_object_get(txn, "postings");
    if (!json_is_array(postings))
        return;
    if (json_array_size(postings) < 2) {
        report(v, "postings", "a transaction needs at least two postings");
        return;
    }
    int64_t sum = 0;
    size_t i;
    json_t *p;
    json_array_foreach(postings, i, p)
    {
        json_t *amount = json_object_get(p, "amount_fen");
        if (!json_is_integer(amount))
            return; /* reported by the field check; a sum would mean nothing */
        if (__builtin_add_overflow(sum, (int64_t)json_integer_value(amount), &sum)) {
            report(v, "postings", "the amounts are too large to add up");
            return;
        }
    }
    if (sum != 0)
        report(v, "postings", "postings sum to %" PRId64 " fen, not 0", sum);
}

static void check_record(struct vctx *v, const struct ds_spec *spec, json_t *obj)
{
    if (spec->table != DS_NONE)
        v->rep->counts[spec->table]++;
    if (spec->defines == REF_ALLIANCE) {
        /* Meetings, decisions, accounts and funds are named within their alliance. */
        const enum ds_ref scoped[] = {REF_MEETING, REF_DECISION, REF_ACCOUNT, REF_FUND};
        for (size_t i = 0; i < sizeof scoped / sizeof scoped[0]; i++)
            v->keys[scoped[i]] = keymap_new(v->rep->a);
        const char *key = json_string_value(json_object_get(obj, "key"));
        collect_fields(v, spec, obj, key && key_valid(key) ? key : NULL);
    }
    check_fields(v, spec, obj);
    switch (spec->check) {
    case CHECK_ALLIANCE:
        check_bodies(v, obj);
        break;
    case CHECK_BODY:
        check_post_roles(v, obj);
        break;
    case CHECK_TRANSACTION:
        check_postings(v, obj);
        break;
    case CHECK_NONE:
        break;
    }
}

/* A jurisdiction may not be its own ancestor. Follows each parent chain once (O(n)). */
static void check_parent_cycles(struct vctx *v, json_t *doc)
{
    json_t *list = json_object_get(doc, "jurisdictions");
    size_t n = json_is_array(list) ? json_array_size(list) : 0;
    if (n == 0)
        return;
    keymap *index = keymap_new(v->rep->a);
    for (size_t i = 0; i < n; i++) {
        const char *key = json_string_value(json_object_get(json_array_get(list, i), "key"));
        if (key && key_valid(key))
            keymap_add(index, key, (int64_t)i, NULL);
    }
    /* parent[i]: index of i's parent, or -1 */
    int64_t *parent = arena_alloc(v->rep->a, n * sizeof *parent);
    unsigned char *state = arena_alloc(v->rep->a, n); /* 0 new, 1 on the current walk, 2 done */
    size_t *walk = arena_alloc(v->rep->a, n * sizeof *walk);
    for (size_t i = 0; i < n; i++) {
        const char *p = json_string_value(json_object_get(json_array_get(list, i), "parent"));
        parent[i] = -1;
        if (p && key_valid(p) && !keymap_get(index, p, &parent[i]))
            parent[i] = -1;
    }
    bool *in_cycle = arena_alloc(v->rep->a, n * sizeof *in_cycle);
    for (size_t start = 0; start < n; start++) {
        size_t len = 0;
        int64_t cur = (int64_t)start;
        while (cur >= 0 && state[cur] == 0) {
            state[cur] = 1;
            walk[len++] = (size_t)cur;
            cur = parent[cur];
        }
        if (cur >= 0 && state[cur] == 1) {
            bool on = false;
            for (size_t k = 0; k < len; k++) {
                on = on || walk[k] == (size_t)cur;
                if (on)
                    in_cycle[walk[k]] = true;
            }
        }
        for (size_t k = 0; k < len; k++)
            state[walk[k]] = 2;
    }
    push(v, "jurisdictions", 0);
    for (size_t i = 0; i < n; i++) {
        if (!in_cycle[i])
            continue;
        push(v, NULL, i);
        const char *key = json_string_value(json_object_get(json_array_get(list, i), "key"));
        report(v, "parent", "jurisdiction \"%s\" would be its own ancestor", key);
        pop(v);
    }
    pop(v);
}

/* --- parsing ------------------------------------------------------------------------------- */
/* The offset of the first byte that is not well-formed UTF-8, or n. NUL is left to the parser. */
static size_t utf8_bad_at(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, cp = c & 0x07;
        else
            return i;
        if (n - i < len)
            return i;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += len;
    }
    return n;
}

json_t *ds_validate(const char *data, size_t len, const struct ds_hooks *hooks,
                    struct ds_report *rep)
{
    if (len > DS_INPUT_MAX) {
        add_error(rep, "", "the dataset is larger than 64 MiB");
        return NULL;
    }
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, (const unsigned char *)data, len);
    sodium_bin2hex(rep->sha256, sizeof rep->sha256, hash, sizeof hash);
    /* A byte order mark is tolerated (RFC 8259 allows ignoring it); editors on Windows add one. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    size_t bad = utf8_bad_at((const unsigned char *)data, len);
    if (bad < len) {
        size_t line = 1, col = 1;
        for (size_t i = 0; i < bad; i++) {
            if (data[i] == '\n')
                line++, col = 1;
            else if (((unsigned char)data[i] & 0xC0) != 0x80)
                col++;
        }
        add_error(rep, "",
                  arena_printf(rep->a, "invalid UTF-8 at line %zu, column %zu (byte %zu)", line,
                               col, bad));
        return NULL;
    }
    json_error_t jerr;
    json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc) {
        add_error(rep, "",
                  arena_printf(rep->a, "invalid JSON at line %d, column %d: %s", jerr.line,
                               jerr.column, jerr.text));
        return NULL;
    }
    if (!json_is_object(doc)) {
        add_error(rep, "", "expected an object");
        json_decref(doc);
        return NULL;
    }
    struct vctx v = {.rep = rep, .hooks = hooks};
    for (int k = 0; k < REF_COUNT; k++)
        v.keys[k] = keymap_new(rep->a);
    collect_fields(&v, &ds_document, doc, NULL);
    check_fields(&v, &ds_document, doc);
    check_parent_cycles(&v, doc);
    if (rep->nerrors || rep->dropped) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}
