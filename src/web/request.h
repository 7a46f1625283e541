/* The request as handlers see it: everything one HTTP request owns hangs off struct request and
 * is released in one place when the response has been sent (server.c). Handlers read input only
 * through the typed getters below and write output only through html.h or the json/response
 * helpers; they never call libmicrohttpd. */
#ifndef LH_REQUEST_H
#define LH_REQUEST_H
#include "auth/rights.h"
#include "domain/fail.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/jw.h"
#include "util/i18n.h"
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct MHD_Connection;
struct raw_request;
struct route;
struct form;

enum method { M_GET, M_HEAD, M_POST, M_PUT, M_PATCH, M_DELETE, M_OTHER };

struct config {
    const char *db_url;
    const char *listen_host;
    int port;
    int threads;
    const char *base_url; /* https://... makes cookies Secure */
    bool secure_cookies;
    size_t cache_bytes;       /* the response cache's size; 0: no cache */
    unsigned signin_failures; /* per client address in 10 minutes (web/throttle.h); 0: no limit */
    /* The reverse proxy's address: requests from it are taken to come from the last address of
     * their X-Forwarded-For header. NULL: the connection's address is the client's. */
    const char *trusted_proxy;
};

#define DEFAULT_SIGNIN_FAILURES 30

struct header {
    const char *name, *value;
};

#define MAX_PATH_PARAMS 4
#define MAX_HEADERS     8

struct request {
    arena *a;
    struct MHD_Connection *conn; /* only server.c and request.c use it */
    /* Without a connection (`lianheti test-http`, the fuzz target): the parsed raw request the
     * getters read instead (web/raw.h). */
    const struct raw_request *raw;
    const struct config *cfg;
    db *db;
    const struct route *route;
    int route_index; /* -1 when no route matched */
    enum method method;
    const char *method_text, *path, *client;
    const char *params[MAX_PATH_PARAMS]; /* values of the {name} segments, in order */
    size_t nparams;

    buf body;
    size_t body_limit;
    bool body_too_big;
    struct form *form; /* parsed urlencoded body, when the route takes a form */
    json_t *json;      /* parsed JSON body (an object), when the route takes JSON */
    /* The file of a multipart/form-data upload (RF_UPLOAD pages), in the arena; NULL: none. */
    const char *upload, *upload_name;
    size_t upload_len;

    struct actor who;
    int64_t session_id; /* 0 when not signed in through a session cookie */
    const char *csrf;   /* the session's CSRF token */
    bool via_bearer;
    /* The data version read with the session or token (st_identify_session); valid when
     * has_version. The response cache compares with it. */
    int64_t version;
    bool has_version;
    enum lang lang;

    int status;
    buf out;
    /* A body from the response cache, sent as it is instead of out (web/cache.h); NULL: none. */
    struct cache_body *shared;
    const char *shared_data;
    size_t shared_len;
    const char *content_type;
    const char *cache_control; /* NULL: "no-store" */
    struct header headers[MAX_HEADERS];
    size_t nheaders;
    bool etag;           /* send an ETag and answer 304 when the client has it */
    char etag_value[24]; /* the ETag, once computed (resp_etag) */
    double started_ms;
};

/* Translated message for the request's language. */
const char *T(const struct request *r, const char *msgid);

/* --- input ------------------------------------------------------------------------------- */
/* A request header, or NULL. */
const char *req_header(struct request *r, const char *name);
/* A cookie's value, or NULL. */
const char *req_cookie(struct request *r, const char *name);
/* A query string argument, or NULL. */
const char *req_query(struct request *r, const char *name);
/* Calls fn for each query argument in order (value NULL for a name without '='). */
void req_query_each(struct request *r, void (*fn)(void *cls, const char *name, const char *value),
                    void *cls);
/* A form field of the body, or NULL. */
const char *req_form(struct request *r, const char *name);
/* Parses a multipart/form-data body (libmicrohttpd's post processor) into r->form (its text
 * fields, valid UTF-8) and r->upload (its first file). False with a msgid in *why when the body is
 * malformed or has too many fields, and always without a connection (the post processor needs
 * one). */
bool req_parse_multipart(struct request *r, const char **why);

/* Typed getters for query arguments: on bad input they answer 400 themselves and return false;
 * an absent argument leaves *out as it was and returns true. */
bool req_query_int(struct request *r, const char *name, int64_t lo, int64_t hi, int64_t *out);

/* JSON bodies: refuses (400) a body with a member not in `allowed` (NULL-terminated); then
 * fetches members with type checks, answering 400/422 naming the field on failure. */
bool req_json_only(struct request *r, const char *const *allowed);
bool req_json_str(struct request *r, const char *name, bool required, size_t max_chars,
                  const char **out);

/* --- output ------------------------------------------------------------------------------ */
void resp_header(struct request *r, const char *name, const char *value);
void resp_cookie(struct request *r, const char *name, const char *value, bool clear);
void resp_redirect(struct request *r, const char *location); /* 303 See Other */
/* Takes ownership of obj; writes it as the JSON body with the status. */
void resp_json(struct request *r, int status, json_t *obj);
/* Starts a JSON answer that the caller writes with w (util/jw.h): for long lists, where a
 * jansson tree would cost more than the query. */
void resp_json_writer(struct request *r, int status, jw *w);
void resp_text(struct request *r, int status, const char *content_type, const char *text,
               size_t len);
/* An API error body {"error": {...}} from a fail, translated. */
void resp_api_fail(struct request *r, const struct fail *f);
/* The error for either kind of route: JSON for /api/, an error page otherwise. */
void resp_fail(struct request *r, const struct fail *f);
/* Shorthand: resp_fail with a fail made on the spot. */
void resp_error(struct request *r, enum fail_kind kind, const char *code, const char *field,
                const char *message);
int fail_status(enum fail_kind kind);
/* Computes the ETag of the body as it is now into r->etag_value and sets r->etag. */
void resp_etag(struct request *r);

#endif
