/* Input getters and response helpers over one request. The only file besides server.c that
 * touches libmicrohttpd, and only to read what it has already parsed. */
#include "web/request.h"
#include "util/hash.h"
#include "util/text.h"
#include "web/form.h"
#include "web/html.h"
#include "web/raw.h"
#include "web/router.h"
#include <microhttpd.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

const char *T(const struct request *r, const char *msgid)
{
    return i18n_get(r->lang, msgid);
}

const char *req_header(struct request *r, const char *name)
{
    if (r->conn)
        return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
    return r->raw ? raw_get(r->raw->headers, r->raw->nheaders, name) : NULL;
}

const char *req_cookie(struct request *r, const char *name)
{
    if (r->conn)
        return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
    return r->raw ? raw_get(r->raw->cookies, r->raw->ncookies, name) : NULL;
}

const char *req_query(struct request *r, const char *name)
{
    const char *v = NULL;
    if (r->conn)
        v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
    else if (r->raw)
        v = raw_get(r->raw->args, r->raw->nargs, name);
    return v && utf8_valid(v, strlen(v)) ? v : NULL;
}

struct query_each {
    void (*fn)(void *cls, const char *name, const char *value);
    void *cls;
};

/* MHD_KeyValueIterator over the query arguments. */
static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
    (void)kind;
    const struct query_each *e = cls;
    e->fn(e->cls, k, v);
    return MHD_YES;
}

void req_query_each(struct request *r, void (*fn)(void *cls, const char *name, const char *value),
                    void *cls)
{
    struct query_each e = {fn, cls};
    if (r->conn)
        MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_arg, &e);
    else if (r->raw)
        for (size_t i = 0; i < r->raw->nargs; i++)
            fn(cls, r->raw->args[i].name, r->raw->args[i].value);
}

const char *req_form(struct request *r, const char *name)
{
    return form_get(r->form, name);
}

struct multipart {
    struct request *r;
    struct form *form;
    buf value, file;
    const char *key; /* the text field being collected */
    bool in_file, had_file, bad;
};

/* Ends the text field being collected. */
static void flush_field(struct multipart *m)
{
    if (!m->key)
        return;
    if (m->form->n == FORM_MAX_FIELDS || !utf8_valid(buf_str(&m->value), m->value.len))
        m->bad = true;
    else
        m->form->fields[m->form->n++] =
            (struct form_field){m->key, arena_strndup(m->r->a, buf_str(&m->value), m->value.len)};
    m->key = NULL;
    buf_reset(&m->value);
}

static enum MHD_Result multipart_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *filename, const char *content_type,
                                      const char *transfer_encoding, const char *data, uint64_t off,
                                      size_t size)
{
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    struct multipart *m = cls;
    if (!key)
        return MHD_YES;
    if (filename) {
        flush_field(m);
        if (off == 0 && m->had_file)
            m->in_file = false; /* only the first file is kept */
        else if (off == 0) {
            m->in_file = m->had_file = true;
            m->r->upload_name = arena_strdup(m->r->a, filename);
        }
        if (m->in_file)
            buf_append(&m->file, data, size);
        return MHD_YES;
    }
    m->in_file = false;
    if (off == 0 || !m->key || strcmp(m->key, key) != 0) {
        flush_field(m);
        m->key = arena_strdup(m->r->a, key);
    }
    buf_append(&m->value, data, size);
    return MHD_YES;
}

bool req_parse_multipart(struct request *r, const char **why)
{
    *why = N_("The form is malformed.");
    if (!r->conn)
        return false;
    struct multipart m = {.r = r, .form = arena_alloc(r->a, sizeof(struct form))};
    struct MHD_PostProcessor *pp =
        MHD_create_post_processor(r->conn, 64 * 1024, multipart_part, &m);
    if (!pp)
        return false;
    bool ok = MHD_post_process(pp, buf_str(&r->body), r->body.len) == MHD_YES;
    MHD_destroy_post_processor(pp);
    flush_field(&m);
    if (ok && !m.bad) {
        r->form = m.form;
        if (m.had_file) {
            r->upload = arena_strndup(r->a, buf_str(&m.file), m.file.len);
            r->upload_len = m.file.len;
        }
    } else if (m.bad) {
        *why = N_("The form has too many fields, or a field is not valid UTF-8.");
    }
    buf_free(&m.value);
    buf_free(&m.file);
    return ok && !m.bad;
}

bool req_query_int(struct request *r, const char *name, int64_t lo, int64_t hi, int64_t *out)
{
    const char *v = req_query(r, name);
    if (!v)
        return true;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (!*v || *end || errno || n < lo || n > hi) {
        struct fail f;
        fail(&f, FAIL_BAD_INPUT, "invalid_parameter", name,
             "A query parameter is not a number in the allowed range.");
        resp_fail(r, &f);
        return false;
    }
    *out = n;
    return true;
}

bool req_json_only(struct request *r, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(r->json, key, v)
    {
        bool ok = false;
        for (size_t i = 0; allowed[i] && !ok; i++)
            ok = strcmp(allowed[i], key) == 0;
        if (!ok) {
            resp_error(r, FAIL_BAD_INPUT, "unknown_field", arena_strdup(r->a, key),
                       "The body has a field this call does not take.");
            return false;
        }
    }
    return true;
}

bool req_json_str(struct request *r, const char *name, bool required, size_t max_chars,
                  const char **out)
{
    json_t *v = r->json ? json_object_get(r->json, name) : NULL;
    if (!v || json_is_null(v)) {
        if (!required)
            return true;
        resp_error(r, FAIL_BAD_INPUT, "missing_field", name, "A required field is missing.");
        return false;
    }
    if (!json_is_string(v)) {
        resp_error(r, FAIL_BAD_INPUT, "wrong_type", name, "The field must be a string.");
        return false;
    }
    const char *s = json_string_value(v);
    if (strlen(s) != json_string_length(v) || utf8_len(s) > max_chars) {
        resp_error(r, FAIL_INVALID, "too_long", name, "The field is too long.");
        return false;
    }
    *out = s;
    return true;
}

void resp_header(struct request *r, const char *name, const char *value)
{
    if (r->nheaders < MAX_HEADERS)
        r->headers[r->nheaders++] = (struct header){name, value};
}

void resp_cookie(struct request *r, const char *name, const char *value, bool clear)
{
    /* HttpOnly: scripts never see it; SameSite=Lax: other sites' forms do not carry it. */
    resp_header(r, "Set-Cookie",
                arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value,
                             r->cfg && r->cfg->secure_cookies ? "; Secure" : "",
                             clear ? "; Max-Age=0" : ""));
}

void resp_redirect(struct request *r, const char *location)
{
    r->status = 303;
    resp_header(r, "Location", location);
    buf_reset(&r->out);
    r->content_type = "text/plain; charset=utf-8";
}

void resp_text(struct request *r, int status, const char *content_type, const char *text,
               size_t len)
{
    r->status = status;
    r->content_type = content_type;
    buf_reset(&r->out);
    buf_append(&r->out, text, len);
}

/* json_dump_callback() target: the response body. */
static int dump_to_out(const char *chunk, size_t size, void *data)
{
    buf_append(data, chunk, size);
    return 0;
}

void resp_json(struct request *r, int status, json_t *obj)
{
    r->status = status;
    r->content_type = "application/json";
    buf_reset(&r->out);
    /* Straight into the body, not through a malloc'ed copy. */
    if (json_dump_callback(obj, dump_to_out, &r->out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0) {
        buf_reset(&r->out);
        buf_puts(&r->out, "{}");
    }
    json_decref(obj);
}

void resp_json_writer(struct request *r, int status, jw *w)
{
    r->status = status;
    r->content_type = "application/json";
    buf_reset(&r->out);
    buf_reserve(&r->out, 16 * 1024); /* it writes a long list */
    jw_init(w, &r->out);
}

/* FNV-1a over the body: an ETag needs to change when the bytes do, not to resist attackers. */
void resp_etag(struct request *r)
{
    uint64_t h = hash_bytes(HASH_INIT, r->out.data, r->out.len);
    snprintf(r->etag_value, sizeof r->etag_value, "\"%016llx\"", (unsigned long long)h);
    r->etag = true;
}

int fail_status(enum fail_kind kind)
{
    switch (kind) {
    case FAIL_NONE:
        return 200;
    case FAIL_BAD_INPUT:
        return 400;
    case FAIL_AUTH:
        return 401;
    case FAIL_FORBIDDEN:
        return 403;
    case FAIL_NOT_FOUND:
        return 404;
    case FAIL_CONFLICT:
        return 409;
    case FAIL_INVALID:
        return 422;
    case FAIL_THROTTLED:
        return 429;
    case FAIL_UNAVAILABLE:
        return 503;
    case FAIL_INTERNAL:
        return 500;
    }
    return 500;
}

void resp_api_fail(struct request *r, const struct fail *f)
{
    json_t *e = json_pack("{s:s, s:s}", "code", f->code ? f->code : "error", "message",
                          T(r, f->message ? f->message : "An internal error occurred."));
    if (f->field)
        json_object_set_new(e, "field", json_string(f->field));
    if (f->article)
        json_object_set_new(e, "article", json_integer(f->article));
    if (f->rule)
        json_object_set_new(e, "rule", json_string(f->rule));
    if (f->kind == FAIL_UNAVAILABLE)
        resp_header(r, "Retry-After", "1");
    resp_json(r, fail_status(f->kind), json_pack("{s:o}", "error", e));
}

static const char *fail_title(enum fail_kind kind)
{
    switch (kind) {
    case FAIL_AUTH:
        return N_("Not signed in");
    case FAIL_FORBIDDEN:
        return N_("Not allowed");
    case FAIL_NOT_FOUND:
        return N_("Not found");
    case FAIL_CONFLICT:
        return N_("Conflict");
    case FAIL_BAD_INPUT:
    case FAIL_INVALID:
        return N_("Invalid input");
    case FAIL_THROTTLED:
        return N_("Too many attempts");
    case FAIL_UNAVAILABLE:
        return N_("Service unavailable");
    case FAIL_NONE:
    case FAIL_INTERNAL:
        break;
    }
    return N_("Internal error");
}

void resp_fail(struct request *r, const struct fail *f)
{
    if ((r->route && (r->route->flags & RF_API)) || strncmp(r->path, "/api/", 5) == 0)
        resp_api_fail(r, f);
    else
        page_message(r, fail_status(f->kind), fail_title(f->kind),
                     f->message ? f->message : "An internal error occurred.");
}

void resp_error(struct request *r, enum fail_kind kind, const char *code, const char *field,
                const char *message)
{
    struct fail f;
    fail(&f, kind, code, field, message);
    resp_fail(r, &f);
}
