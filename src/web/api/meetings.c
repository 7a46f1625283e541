/* An alliance's meetings through the API (docs/openapi.yaml), in the resource style of its
 * members: GET and POST /api/v1/alliances/{key}/meetings, GET .../meetings/{mkey}, and POST
 * .../meetings/{mkey}/held, /cancel and /minutes. A meeting is answered in the shape of the
 * dataset's meeting (dataset.md), absent values and empty arrays left out, so what the API shows
 * is what `lianheti export` writes. The handlers read and shape; every rule is in
 * domain/meetings.c. */
#include "domain/meetings.h"
#include "store/meetings.h"
#include "store/register.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/api/json.h"
#include "web/handlers.h"
#include "web/readable.h"
#include <string.h>

static void set_opt(json_t *o, const char *name, const char *v)
{
    if (v)
        json_object_set_new(o, name, json_string(v));
}

static void set_nonempty(json_t *o, const char *name, json_t *arr)
{
    if (json_array_size(arr))
        json_object_set_new(o, name, arr);
    else
        json_decref(arr);
}

static json_t *people_keys(const struct mt_item *x, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_string(x[i].key));
    return arr;
}

/* The meeting as dataset.md has it; the minutes' text only when with_text. */
static json_t *meeting_json(const struct mt_meeting *m, const struct mt_lines *l, bool with_text)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "key", m->key, "kind", m->kind, "title",
                          m->title, "date", m->date, "status", m->status);
    set_opt(o, "chaired_by", m->chaired_by);
    set_opt(o, "delegated_by", m->delegated_by);
    if (m->agenda_proposed_by || l->nitems) {
        json_t *ag = json_object();
        set_opt(ag, "proposed_by", m->agenda_proposed_by);
        set_opt(ag, "approved_by", m->agenda_approved_by);
        set_opt(ag, "approved_on", m->agenda_approved_on);
        json_t *items = json_array();
        for (size_t i = 0; i < l->nitems; i++)
            json_array_append_new(items, json_pack("{s:s, s:b}", "title", l->items[i].text, "major",
                                                   l->items[i].major));
        set_nonempty(ag, "items", items);
        json_object_set_new(o, "agenda", ag);
    }
    set_nonempty(o, "attended", people_keys(l->attended, l->nattended));
    json_t *dec = json_array();
    for (size_t i = 0; i < l->ndecisions; i++)
        json_array_append_new(dec, json_pack("{s:s, s:s, s:b}", "key", l->decisions[i].key, "text",
                                             l->decisions[i].text, "major", l->decisions[i].major));
    set_nonempty(o, "decisions", dec);
    bool text = with_text && m->minutes_text;
    if (text || m->minutes_signed_by || m->minutes_signed_on || m->minutes_distributed_on ||
        l->nrecipients) {
        json_t *mi = json_object();
        if (text)
            set_opt(mi, "text", m->minutes_text);
        set_opt(mi, "signed_by", m->minutes_signed_by);
        set_opt(mi, "signed_on", m->minutes_signed_on);
        set_nonempty(mi, "distributed_to", people_keys(l->recipients, l->nrecipients));
        set_opt(mi, "distributed_on", m->minutes_distributed_on);
        json_object_set_new(o, "minutes", mi);
    }
    return o;
}

static void unavailable(struct request *r)
{
    resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL, "The database is unavailable.");
}

/* Answers the meeting `key` of the alliance `alliance` (already known visible). */
static void answer_meeting(struct request *r, int status, int64_t alliance_id, const char *key)
{
    struct mt_meeting m;
    struct mt_lines l;
    int rc = key_valid(key) ? st_mt_get(r->db, r->a, alliance_id, key, &m) : DB_DONE;
    if (rc == DB_DONE) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "The alliance has no such meeting.");
        return;
    }
    if (rc != DB_ROW || st_mt_lines(r->db, r->a, m.id, &l) != DB_OK) {
        unavailable(r);
        return;
    }
    resp_json(r, status, meeting_json(&m, &l, true));
}

void api_meetings_list(struct request *r)
{
    int64_t limit, offset;
    struct rg_alliance al;
    if (!api_paging(r, &limit, &offset) || !req_readable_alliance(r, &al))
        return;
    struct mt_meeting *m;
    size_t n;
    /* One snapshot for the list and the lines of its meetings. */
    int rc = db_begin_read(r->db);
    if (rc == DB_OK)
        rc = st_mt_list(r->db, r->a, al.id, &m, &n);
    json_t *items = json_array();
    for (size_t i = (size_t)offset; rc == DB_OK && i < n && i < (size_t)(offset + limit); i++) {
        struct mt_lines l;
        rc = st_mt_lines(r->db, r->a, m[i].id, &l);
        if (rc == DB_OK)
            json_array_append_new(items, meeting_json(&m[i], &l, false));
    }
    if (rc == DB_OK)
        rc = db_commit(r->db);
    else
        db_rollback(r->db);
    if (rc != DB_OK) {
        json_decref(items);
        unavailable(r);
        return;
    }
    resp_json(r, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n));
}

void api_meeting_get(struct request *r)
{
    struct rg_alliance al;
    if (req_readable_alliance(r, &al))
        answer_meeting(r, 200, al.id, r->params[1]);
}

/* --- reading the bodies ---------------------------------------------------------------------- */

/* A JSON array of person keys; false after answering 400. */
static bool read_keys(struct request *r, json_t *obj, const char *name, const char *field,
                      const char *const **out, size_t *n)
{
    json_t *v = json_object_get(obj, name);
    *out = NULL;
    *n = 0;
    if (!v || json_is_null(v))
        return true;
    size_t i;
    json_t *k;
    bool ok = json_is_array(v);
    json_array_foreach(v, i, k)
    {
        ok = ok && json_is_string(k);
    }
    if (!ok) {
        resp_error(r, FAIL_BAD_INPUT, "wrong_type", field, "The field must be a list of keys.");
        return false;
    }
    const char **keys = arena_alloc(r->a, (json_array_size(v) + 1) * sizeof *keys);
    json_array_foreach(v, i, k)
    {
        keys[i] = json_string_value(k);
    }
    *out = keys;
    *n = json_array_size(v);
    return true;
}

/* An optional string member of obj; false after answering 400. */
static bool read_str(struct request *r, json_t *obj, const char *name, const char *field,
                     const char **out)
{
    json_t *v = json_object_get(obj, name);
    *out = NULL;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v)) {
        resp_error(r, FAIL_BAD_INPUT, "wrong_type", field, "The field must be a string.");
        return false;
    }
    *out = json_string_value(v);
    return true;
}

/* [{"<text>": "...", "major": bool}] (agenda items: "title"; decisions: "text"); 400 otherwise. */
static bool read_items(struct request *r, json_t *obj, const char *name, const char *text,
                       const char *field, const struct mtg_item **out, size_t *n)
{
    json_t *v = json_object_get(obj, name);
    *out = NULL;
    *n = 0;
    if (!v || json_is_null(v))
        return true;
    bool ok = json_is_array(v);
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x)
    {
        json_t *t = json_object_get(x, text), *major = json_object_get(x, "major");
        ok = ok && json_is_object(x) && json_is_string(t) && (!major || json_is_boolean(major)) &&
             json_object_size(x) == (major ? 2u : 1u);
    }
    if (!ok) {
        resp_error(r, FAIL_BAD_INPUT, "wrong_type", field,
                   strcmp(text, "title") == 0
                       ? N_("The field must be a list of {\"title\": text, \"major\": bool}.")
                       : N_("The field must be a list of {\"text\": text, \"major\": bool}."));
        return false;
    }
    struct mtg_item *items = arena_alloc(r->a, (json_array_size(v) + 1) * sizeof *items);
    json_array_foreach(v, i, x)
    {
        items[i].text = json_string_value(json_object_get(x, text));
        items[i].major = json_is_true(json_object_get(x, "major"));
    }
    *out = items;
    *n = json_array_size(v);
    return true;
}

static bool read_outcome(struct request *r, struct mtg_outcome *o)
{
    return read_keys(r, r->json, "attended", "attended", &o->attended, &o->nattended) &&
           read_items(r, r->json, "decisions", "text", "decisions", &o->decisions, &o->ndecisions);
}

void api_meetings_create(struct request *r)
{
    static const char *const fields[] = {"kind",      "title",      "date",         "status",
                                         "agenda",    "chaired_by", "delegated_by", "attended",
                                         "decisions", NULL};
    struct mtg_meeting m = {0};
    if (!req_json_only(r, fields) || !read_str(r, r->json, "kind", "kind", &m.kind) ||
        !read_str(r, r->json, "title", "title", &m.title) ||
        !read_str(r, r->json, "date", "date", &m.date) ||
        !read_str(r, r->json, "status", "status", &m.status) ||
        !read_str(r, r->json, "chaired_by", "chaired_by", &m.chaired_by) ||
        !read_str(r, r->json, "delegated_by", "delegated_by", &m.delegated_by) ||
        !read_outcome(r, &m.held))
        return;
    json_t *ag = json_object_get(r->json, "agenda");
    if (ag && !json_is_null(ag)) {
        const char *key;
        json_t *v;
        bool ok = json_is_object(ag);
        json_object_foreach(ag, key, v)
        {
            ok = ok && (strcmp(key, "proposed_by") == 0 || strcmp(key, "approved_by") == 0 ||
                        strcmp(key, "approved_on") == 0 || strcmp(key, "items") == 0);
        }
        if (!ok) {
            resp_error(r, FAIL_BAD_INPUT, "wrong_type", "agenda",
                       "The field must be {\"proposed_by\", \"approved_by\", \"approved_on\", "
                       "\"items\"}.");
            return;
        }
        if (!read_str(r, ag, "proposed_by", "agenda.proposed_by", &m.agenda_proposed_by) ||
            !read_str(r, ag, "approved_by", "agenda.approved_by", &m.agenda_approved_by) ||
            !read_str(r, ag, "approved_on", "agenda.approved_on", &m.agenda_approved_on) ||
            !read_items(r, ag, "items", "title", "agenda.items", &m.items, &m.nitems))
            return;
    }
    struct rg_alliance al;
    if (!req_readable_alliance(r, &al))
        return;
    const char *key;
    struct fail f = {0};
    if (!mtg_record(r->db, r->a, &r->who, al.key, &m, &key, &f))
        resp_api_fail(r, &f);
    else
        answer_meeting(r, 201, al.id, key);
}

void api_meeting_held(struct request *r)
{
    static const char *const fields[] = {"attended", "decisions", NULL};
    struct mtg_outcome o = {0};
    struct rg_alliance al;
    if (!req_json_only(r, fields) || !read_outcome(r, &o) || !req_readable_alliance(r, &al))
        return;
    struct fail f = {0};
    if (!mtg_held(r->db, &r->who, al.key, r->params[1], &o, &f))
        resp_api_fail(r, &f);
    else
        answer_meeting(r, 200, al.id, r->params[1]);
}

void api_meeting_cancel(struct request *r)
{
    static const char *const fields[] = {NULL};
    struct rg_alliance al;
    if (!req_json_only(r, fields) || !req_readable_alliance(r, &al))
        return;
    struct fail f = {0};
    if (!mtg_cancel(r->db, &r->who, al.key, r->params[1], &f))
        resp_api_fail(r, &f);
    else
        answer_meeting(r, 200, al.id, r->params[1]);
}

void api_meeting_minutes(struct request *r)
{
    static const char *const fields[] = {"text",           "signed_by",      "signed_on",
                                         "distributed_to", "distributed_on", NULL};
    struct mtg_minutes m = {0};
    struct rg_alliance al;
    if (!req_json_only(r, fields) || !read_str(r, r->json, "text", "text", &m.text) ||
        !read_str(r, r->json, "signed_by", "signed_by", &m.signed_by) ||
        !read_str(r, r->json, "signed_on", "signed_on", &m.signed_on) ||
        !read_str(r, r->json, "distributed_on", "distributed_on", &m.distributed_on) ||
        !read_keys(r, r->json, "distributed_to", "distributed_to", &m.distributed_to,
                   &m.ndistributed_to) ||
        !req_readable_alliance(r, &al))
        return;
    struct fail f = {0};
    if (!mtg_minutes(r->db, &r->who, al.key, r->params[1], &m, &f))
        resp_api_fail(r, &f);
    else
        answer_meeting(r, 200, al.id, r->params[1]);
}
