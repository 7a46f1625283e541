/* libFuzzer target for the JSON body path of the API, without the network or the database: the
 * checks read_body (web/router.c) makes (valid UTF-8, then json_loadb with
 * JSON_REJECT_DUPLICATES, then an object), then the member checks the handlers make through
 * req_json_only and req_json_str (web/request.c), and the shape check of "roles" that
 * POST /api/v1/users makes. A refusal must produce a well-formed JSON error body. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/i18n.h"
#include "util/text.h"
#include "web/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!i18n_init()) /* refusals are translated: exercise the catalogues too */
        abort();
    return 0;
}

/* The error body a refusal left in r->out: {"error": {"code": ..., "message": ...}}. */
static void check_error_body(struct request *r)
{
    if (r->status < 400 || r->status > 599 || !r->content_type ||
        strcmp(r->content_type, "application/json") != 0)
        abort();
    json_error_t err;
    json_t *body = json_loadb(buf_str(&r->out), r->out.len, JSON_REJECT_DUPLICATES, &err);
    json_t *e = json_object_get(body, "error");
    if (!json_is_object(e) || !json_is_string(json_object_get(e, "code")) ||
        !json_is_string(json_object_get(e, "message")))
        abort();
    json_decref(body);
    buf_reset(&r->out);
    r->status = 0;
}

/* The "roles" check of api_users_create (src/web/api/users.c). */
static bool roles_ok(json_t *a)
{
    if (!a || json_is_null(a))
        return true;
    if (!json_is_array(a) || json_array_size(a) > 32)
        return false;
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v)
    {
        json_t *role = json_object_get(v, "role"), *scope = json_object_get(v, "scope");
        if (!json_is_object(v) || json_object_size(v) > (scope ? 2u : 1u) ||
            !json_is_string(role) || (scope && !json_is_string(scope) && !json_is_null(scope)))
            return false;
        const char *s = json_string_value(role);
        if (strlen(s) != json_string_length(role))
            abort(); /* without JSON_ALLOW_NUL a string never holds a NUL */
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (!utf8_valid(text, size))
        return 0;
    json_error_t err;
    json_t *j = json_loadb(text, size, JSON_REJECT_DUPLICATES, &err);
    if (!j)
        return 0;
    if (!json_is_object(j)) {
        json_decref(j);
        return 0;
    }

    /* Every member: keys are UTF-8 without NUL, strings likewise, and the type predicates the
     * handlers use agree with each other. */
    const char *key;
    json_t *v;
    size_t members = 0;
    json_object_foreach(j, key, v)
    {
        members++;
        if (!utf8_valid(key, strlen(key)))
            abort();
        int kinds = json_is_object(v) + json_is_array(v) + json_is_string(v) + json_is_integer(v) +
                    json_is_real(v) + json_is_boolean(v) + json_is_null(v);
        if (kinds != 1)
            abort();
        if (json_is_string(v)) {
            const char *s = json_string_value(v);
            if (strlen(s) != json_string_length(v) || !utf8_valid(s, strlen(s)))
                abort();
        }
    }
    if (members != json_object_size(j))
        abort();

    /* The request as a handler sees it, with no connection and no database. */
    struct request r;
    memset(&r, 0, sizeof r);
    r.a = arena_new();
    r.route_index = -1;
    r.path = "/api/v1/users";
    r.json = j;

    static const char *const fields[] = {"login", "name", "person", "password", "roles", NULL};
    if (!req_json_only(&r, fields))
        check_error_body(&r);
    static const struct {
        const char *name;
        bool required;
        size_t max;
    } strs[] = {{"login", true, 32},      {"name", false, 100}, {"person", false, 64},
                {"password", false, 256}, {"old", true, 256},   {"scope", false, 130}};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        const char *out = NULL;
        if (req_json_str(&r, strs[i].name, strs[i].required, strs[i].max, &out)) {
            if (out && (utf8_len(out) > strs[i].max ||
                        out != json_string_value(json_object_get(j, strs[i].name))))
                abort();
            if (!out && strs[i].required)
                abort();
        } else {
            check_error_body(&r);
        }
    }
    roles_ok(json_object_get(j, "roles"));

    /* What we accepted dumps and loads back as an equal object. */
    char *dump = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (!dump)
        abort();
    json_t *back = json_loads(dump, JSON_REJECT_DUPLICATES, &err);
    if (!back || !json_equal(back, j))
        abort();
    json_decref(back);
    free(dump);

    buf_free(&r.out);
    arena_free(r.a);
    json_decref(j);
    return 0;
}
