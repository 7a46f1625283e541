/* The route table and the dispatcher that enforces it. Keep the table sorted by pattern, then
 * method: tests/unit/test_router.c fails otherwise, and a sorted table is easy to review. */
#include "web/router.h"
#include "domain/accounts.h"
#include "web/form.h"
#include "web/handlers.h"
#include "web/html.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/text.h"
#include "web/cache.h"
#include "web/throttle.h"
#include <string.h>

#define FORM_LIMIT (16 * 1024)
#define JSON_LIMIT (64 * 1024)
#define DATA_LIMIT (64 * 1024 * 1024) /* a whole dataset (dataset.md), read raw by its handler */
#define TEXT_LIMIT (3 * 1024 * 1024)  /* a charter: 1 MiB of Markdown, escaped or form-encoded */
#define FILE_LIMIT (16 * 1024 * 1024) /* a table of organisations (CSV, XLSX, XLS) */

/* clang-format off */
const struct route routes[] = {
    {"GET",    "/",                                 page_home,          RIGHT_SIGNED_IN,     0, 0},
    {"GET",    "/admin/users",                      page_users,         RIGHT_ACCOUNTS_READ, 0, 0},
    {"POST",   "/admin/users",                      page_users_create,  RIGHT_ACCOUNTS,      RF_FORM, FORM_LIMIT},
    {"POST",   "/admin/users/{login}/disable",      page_user_disable,  RIGHT_ACCOUNTS,      RF_FORM, FORM_LIMIT},
    {"POST",   "/admin/users/{login}/password",     page_user_reset,    RIGHT_ACCOUNTS,      RF_FORM, FORM_LIMIT},
    {"POST",   "/admin/users/{login}/roles",        page_user_grant,    RIGHT_ROLES,         RF_FORM, FORM_LIMIT},
    {"POST",   "/admin/users/{login}/roles/revoke", page_user_revoke,   RIGHT_ROLES,         RF_FORM, FORM_LIMIT},
    {"POST",   "/admin/users/{login}/unlock",       page_user_unlock,   RIGHT_ROLES,         RF_FORM, FORM_LIMIT},
    {"GET",    "/alliances",                        page_alliances,     RIGHT_BUSINESS_READ, RF_CACHE, 0},
    {"POST",   "/alliances",                        page_alliance_create, RIGHT_CAST_DECIDE, RF_FORM, FORM_LIMIT},
    {"GET",    "/alliances/new",                    page_alliance_new,  RIGHT_CAST_DECIDE,   0, 0},
    {"GET",    "/alliances/{key}",                  page_alliance,      RIGHT_BUSINESS_READ, RF_CACHE, 0},
    {"GET",    "/alliances/{key}/charter",          page_charter,       RIGHT_BUSINESS_READ, 0, 0},
    {"POST",   "/alliances/{key}/charter",          page_charter_post,  RIGHT_ALLIANCE_EDIT, RF_FORM, TEXT_LIMIT},
    {"POST",   "/alliances/{key}/charter/{version}/submit", page_charter_submit, RIGHT_ALLIANCE_EDIT, RF_FORM, FORM_LIMIT},
    {"POST",   "/alliances/{key}/dissolution",      page_alliance_dissolve, RIGHT_BUSINESS_READ, RF_FORM, FORM_LIMIT},
    {"POST",   "/alliances/{key}/meetings",         page_meetings_create, RIGHT_ALLIANCE_EDIT, RF_FORM, FORM_LIMIT},
    {"GET",    "/alliances/{key}/meetings.ics",     page_meetings_ics,  RIGHT_BUSINESS_READ, 0, 0},
    {"GET",    "/alliances/{key}/meetings/{mkey}",  page_meeting,       RIGHT_BUSINESS_READ, 0, 0},
    {"POST",   "/alliances/{key}/meetings/{mkey}/cancel", page_meeting_cancel, RIGHT_ALLIANCE_EDIT, RF_FORM, FORM_LIMIT},
    {"POST",   "/alliances/{key}/meetings/{mkey}/held", page_meeting_held, RIGHT_ALLIANCE_EDIT, RF_FORM, FORM_LIMIT},
    {"POST",   "/alliances/{key}/meetings/{mkey}/minutes", page_meeting_minutes, RIGHT_ALLIANCE_EDIT, RF_FORM, TEXT_LIMIT},
    {"POST",   "/alliances/{key}/members",          page_member_add,    RIGHT_ALLIANCE_EDIT, RF_FORM, FORM_LIMIT},
    {"POST",   "/alliances/{key}/members/{org}/leave", page_member_leave, RIGHT_ALLIANCE_EDIT, RF_FORM, FORM_LIMIT},
    {"POST",   "/alliances/{key}/name",             page_alliance_rename, RIGHT_BUSINESS_READ, RF_FORM, FORM_LIMIT},
    {"GET",    "/alliances/{key}/register",         page_alliance_register, RIGHT_BUSINESS_READ, 0, 0},
    {"GET",    "/api/v1/alliances",                 api_alliances_list, RIGHT_BUSINESS_READ, RF_API, 0},
    {"POST",   "/api/v1/alliances",                 api_alliances_create, RIGHT_CAST_DECIDE, RF_API | RF_JSON, JSON_LIMIT},
    {"GET",    "/api/v1/alliances/{key}",           api_alliance_get,   RIGHT_BUSINESS_READ, RF_API, 0},
    {"PATCH",  "/api/v1/alliances/{key}",           api_alliance_patch, RIGHT_BUSINESS_READ, RF_API | RF_JSON, JSON_LIMIT},
    {"GET",    "/api/v1/alliances/{key}/charters",  api_charters_list,  RIGHT_BUSINESS_READ, RF_API, 0},
    {"POST",   "/api/v1/alliances/{key}/charters",  api_charters_create, RIGHT_ALLIANCE_EDIT, RF_API | RF_JSON, TEXT_LIMIT},
    {"GET",    "/api/v1/alliances/{key}/charters/{version}", api_charter_get, RIGHT_BUSINESS_READ, RF_API, 0},
    {"POST",   "/api/v1/alliances/{key}/charters/{version}/submit", api_charter_submit, RIGHT_ALLIANCE_EDIT, RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/alliances/{key}/dissolution", api_alliance_dissolve, RIGHT_BUSINESS_READ, RF_API | RF_JSON, JSON_LIMIT},
    {"GET",    "/api/v1/alliances/{key}/meetings",  api_meetings_list,  RIGHT_BUSINESS_READ, RF_API, 0},
    {"POST",   "/api/v1/alliances/{key}/meetings",  api_meetings_create, RIGHT_ALLIANCE_EDIT, RF_API | RF_JSON, JSON_LIMIT},
    {"GET",    "/api/v1/alliances/{key}/meetings/{mkey}", api_meeting_get, RIGHT_BUSINESS_READ, RF_API, 0},
    {"POST",   "/api/v1/alliances/{key}/meetings/{mkey}/cancel", api_meeting_cancel, RIGHT_ALLIANCE_EDIT, RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/alliances/{key}/meetings/{mkey}/held", api_meeting_held, RIGHT_ALLIANCE_EDIT, RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/alliances/{key}/meetings/{mkey}/minutes", api_meeting_minutes, RIGHT_ALLIANCE_EDIT, RF_API | RF_JSON, TEXT_LIMIT},
    {"GET",    "/api/v1/alliances/{key}/members",   api_alliance_members, RIGHT_BUSINESS_READ, RF_API | RF_CACHE, 0},
    {"POST",   "/api/v1/alliances/{key}/members",   api_members_add,    RIGHT_ALLIANCE_EDIT, RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/alliances/{key}/members/{org}/leave", api_member_leave, RIGHT_ALLIANCE_EDIT, RF_API | RF_JSON, JSON_LIMIT},
    {"GET",    "/api/v1/approvals",                 api_approvals_list, RIGHT_BUSINESS_READ, RF_API, 0},
    {"GET",    "/api/v1/approvals/{id}",            api_approval_get,   RIGHT_BUSINESS_READ, RF_API, 0},
    {"POST",   "/api/v1/approvals/{id}/decision",   api_approval_decide, RIGHT_BUSINESS_READ, RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/approvals/{id}/withdraw",   api_approval_withdraw, RIGHT_BUSINESS_READ, RF_API | RF_JSON, JSON_LIMIT},
    {"GET",    "/api/v1/audit",                     api_audit,          RIGHT_AUDIT,         RF_API, 0},
    {"GET",    "/api/v1/audit/verify",              api_audit_verify,   RIGHT_AUDIT,         RF_API, 0},
    {"GET",    "/api/v1/export",                    api_export,         RIGHT_BUSINESS_READ, RF_API, 0},
    {"GET",    "/api/v1/findings",                  api_findings,       RIGHT_BUSINESS_READ, RF_API, 0},
    {"POST",   "/api/v1/import",                    api_import,         RIGHT_DATASET,       RF_API | RF_JSON | RF_RAW, DATA_LIMIT},
    {"GET",    "/api/v1/me",                        api_me,             RIGHT_SIGNED_IN,     RF_API | RF_PW_CHANGE, 0},
    {"POST",   "/api/v1/me/password",               api_me_password,    RIGHT_SIGNED_IN,     RF_API | RF_JSON | RF_PW_CHANGE, JSON_LIMIT},
    {"POST",   "/api/v1/me/tokens",                 api_me_tokens,      RIGHT_SIGNED_IN,     RF_API | RF_JSON, JSON_LIMIT},
    {"GET",    "/api/v1/organisations",             api_orgs_list,      RIGHT_BUSINESS_READ, RF_API, 0},
    {"POST",   "/api/v1/organisations",             api_orgs_create,    RIGHT_ORGANISATIONS, RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/organisations/import",      api_orgs_import,    RIGHT_ORGANISATIONS, RF_API | RF_UPLOAD, FILE_LIMIT},
    {"GET",    "/api/v1/organisations/{key}",       api_org_get,        RIGHT_BUSINESS_READ, RF_API, 0},
    {"DELETE", "/api/v1/session",                   api_session_delete, RIGHT_SIGNED_IN,     RF_API | RF_PW_CHANGE, 0},
    {"POST",   "/api/v1/session",                   api_session_create, RIGHT_NONE,          RF_API | RF_JSON | RF_SIGNIN, JSON_LIMIT},
    {"GET",    "/api/v1/users",                     api_users_list,     RIGHT_ACCOUNTS_READ, RF_API, 0},
    {"POST",   "/api/v1/users",                     api_users_create,   RIGHT_ACCOUNTS,      RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/users/{login}/disable",     api_user_disable,   RIGHT_ACCOUNTS,      RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/users/{login}/password",    api_user_reset,     RIGHT_ACCOUNTS,      RF_API | RF_JSON, JSON_LIMIT},
    {"DELETE", "/api/v1/users/{login}/roles",       api_user_revoke,    RIGHT_ROLES,         RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/users/{login}/roles",       api_user_grant,     RIGHT_ROLES,         RF_API | RF_JSON, JSON_LIMIT},
    {"POST",   "/api/v1/users/{login}/unlock",      api_user_unlock,    RIGHT_ROLES,         RF_API | RF_JSON, JSON_LIMIT},
    {"GET",    "/approvals",                        page_approvals,     RIGHT_BUSINESS_READ, 0, 0},
    {"POST",   "/approvals/{id}/decision",          page_approval_decide, RIGHT_BUSINESS_READ, RF_FORM, FORM_LIMIT},
    {"POST",   "/approvals/{id}/withdraw",          page_approval_withdraw, RIGHT_BUSINESS_READ, RF_FORM, FORM_LIMIT},
    {"GET",    "/assets/{name}",                    page_asset,         RIGHT_NONE,          RF_PW_CHANGE, 0},
    {"GET",    "/audit",                            page_audit,         RIGHT_AUDIT,         0, 0},
    {"GET",    "/directory",                        page_directory,     RIGHT_NONE,          0, 0},
    {"GET",    "/directory/{key}",                  page_directory_alliance, RIGHT_NONE,     0, 0},
    {"GET",    "/findings",                         page_findings,      RIGHT_BUSINESS_READ, 0, 0},
    {"GET",    "/healthz",                          api_healthz,        RIGHT_NONE,          RF_API | RF_PW_CHANGE, 0},
    {"POST",   "/lang",                             page_lang_post,     RIGHT_SIGNED_IN,     RF_FORM | RF_PW_CHANGE, FORM_LIMIT},
    {"GET",    "/login",                            page_login,         RIGHT_NONE,          RF_PW_CHANGE, 0},
    {"POST",   "/login",                            page_login_post,    RIGHT_NONE,          RF_FORM | RF_ANON_FORM | RF_PW_CHANGE | RF_SIGNIN, FORM_LIMIT},
    {"POST",   "/logout",                           page_logout_post,   RIGHT_SIGNED_IN,     RF_FORM | RF_PW_CHANGE, FORM_LIMIT},
    {"GET",    "/metrics",                          api_metrics,        RIGHT_NONE,          RF_PW_CHANGE, 0},
    {"GET",    "/news",                             page_news,          RIGHT_NONE,          0, 0},
    {"GET",    "/news.atom",                        page_news_atom,     RIGHT_NONE,          0, 0},
    {"GET",    "/news/{alliance}/{key}",            page_news_item,     RIGHT_NONE,          0, 0},
    {"GET",    "/organisations",                    page_organisations, RIGHT_BUSINESS_READ, 0, 0},
    {"POST",   "/organisations",                    page_org_create,    RIGHT_ORGANISATIONS, RF_FORM, FORM_LIMIT},
    {"GET",    "/organisations/import",             page_org_import,    RIGHT_ORGANISATIONS, 0, 0},
    {"POST",   "/organisations/import",             page_org_import_post, RIGHT_ORGANISATIONS, RF_UPLOAD, FILE_LIMIT},
    {"GET",    "/password",                         page_password,      RIGHT_SIGNED_IN,     RF_PW_CHANGE, 0},
    {"POST",   "/password",                         page_password_post, RIGHT_SIGNED_IN,     RF_FORM | RF_PW_CHANGE, FORM_LIMIT},
};
/* clang-format on */
const size_t route_count = sizeof routes / sizeof routes[0];

bool routes_sorted(void)
{
    for (size_t i = 1; i < route_count; i++) {
        int c = strcmp(routes[i - 1].pattern, routes[i].pattern);
        if (c > 0 || (c == 0 && strcmp(routes[i - 1].method, routes[i].method) >= 0))
            return false;
    }
    return true;
}

/* Matches path against pattern, collecting {x} segments into r->params. */
static bool match(struct request *r, const char *pattern, const char *path)
{
    r->nparams = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            const char *end = strchr(s, '/');
            size_t n = end ? (size_t)(end - s) : strlen(s);
            if (n == 0 || r->nparams == MAX_PATH_PARAMS)
                return false;
            r->params[r->nparams++] = arena_strndup(r->a, s, n);
            p = close + 1;
            s += n;
        } else if (*p == *s) {
            p++;
            s++;
        } else {
            return false;
        }
    }
    return *p == '\0' && *s == '\0';
}

int route_match(struct request *r, const char *method, const char *path)
{
    bool path_known = false;
    for (size_t i = 0; i < route_count; i++) {
        if (!match(r, routes[i].pattern, path))
            continue;
        path_known = true;
        if (strcmp(routes[i].method, method) == 0 ||
            (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0))
            return (int)i;
    }
    r->nparams = 0;
    return path_known ? -2 : -1;
}

static bool unsafe(const struct request *r)
{
    return r->method != M_GET && r->method != M_HEAD;
}

/* Who is asking: a bearer token, else a session cookie, else nobody. A bad bearer token is an
 * error (the client meant to authenticate); a stale cookie just means signed out. */
/* A token that did not check out: was it refused, or could the database not be asked? In the
 * second case the answer is 503 and the client keeps its cookie. */
static bool database_down(struct request *r)
{
    r->who = (struct actor){.kind = ACTOR_ANONYMOUS};
    if (st_ping(r->db) == DB_OK)
        return false;
    resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL,
               "The database is unavailable. Nothing was changed; please try again.");
    return true;
}

static bool identify(struct request *r)
{
    const char *authz = req_header(r, "Authorization");
    if (authz) {
        if (strncmp(authz, "Bearer ", 7) != 0 ||
            !acct_bearer(r->db, r->a, authz + 7, &r->who, &r->version)) {
            if (database_down(r))
                return false;
            resp_error(r, FAIL_AUTH, "invalid_token", NULL, "The API token is not valid.");
            return false;
        }
        r->via_bearer = r->has_version = true;
        return true;
    }
    const char *cookie = req_cookie(r, "lh_session");
    if (!cookie)
        return true;
    if (acct_session(r->db, r->a, cookie, &r->who, &r->session_id, &r->csrf, &r->version)) {
        r->has_version = true;
        return true;
    }
    if (database_down(r))
        return false;
    resp_cookie(r, "lh_session", "", true);
    return true;
}

static bool check_csrf(struct request *r)
{
    const struct route *rt = r->route;
    if (!unsafe(r) || r->via_bearer)
        return true;
    const char *sent = NULL, *expected = NULL;
    if (rt->flags & RF_ANON_FORM) {
        /* The sign-in form: no session yet (or a stale one), so a double-submit cookie. */
        expected = req_cookie(r, "lh_pre");
        sent = req_form(r, "csrf");
    } else if (rt->right == RIGHT_NONE && (rt->flags & RF_API)) {
        /* Signing in through the API needs no session, and its JSON body is something a
         * cross-site form cannot send without the browser asking first. */
        return true;
    } else if (r->session_id) {
        expected = r->csrf;
        sent = (rt->flags & RF_API) ? req_header(r, "X-CSRF-Token") : req_form(r, "csrf");
    }
    if (expected && sent && str_equal_ct(expected, sent))
        return true;
    resp_error(r, FAIL_FORBIDDEN, "csrf", NULL,
               "The form has expired or did not come from this site. Please reload the page and "
               "try again.");
    return false;
}

/* Sign-ins from an address that has failed too often wait (web/throttle.h). */
static bool check_throttle(struct request *r)
{
    unsigned wait;
    if (!(r->route->flags & RF_SIGNIN) ||
        throttle_allows(r->client, clock_mono_ms() / 1000.0, &wait))
        return true;
    resp_header(r, "Retry-After", arena_printf(r->a, "%u", wait));
    resp_error(r, FAIL_THROTTLED, "throttled", NULL,
               "Too many failed sign-ins from your address. Please wait a few minutes and try "
               "again.");
    return false;
}

static bool read_body(struct request *r)
{
    const struct route *rt = r->route;
    if (!(rt->flags & (RF_FORM | RF_JSON | RF_UPLOAD)) || !unsafe(r))
        return true;
    const char *ctype = req_header(r, "Content-Type");
    if (rt->flags & RF_UPLOAD) {
        if (rt->flags & RF_API)
            return true; /* the file is the body; its handler reads it */
        const char *why = N_("The form must be sent as multipart/form-data.");
        if (ctype && strncmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
            r->form = form_parse(r->a, buf_str(&r->body), r->body.len, &why);
        else if (ctype && strncmp(ctype, "multipart/form-data", 19) == 0)
            req_parse_multipart(r, &why);
        if (!r->form) {
            resp_error(r, FAIL_BAD_INPUT, "malformed_form", NULL, why);
            return false;
        }
        return true;
    }
    if (rt->flags & RF_FORM) {
        if (!ctype || strncmp(ctype, "application/x-www-form-urlencoded", 33) != 0) {
            resp_error(r, FAIL_BAD_INPUT, "content_type", NULL,
                       "The form must be sent as application/x-www-form-urlencoded.");
            return false;
        }
        const char *why;
        r->form = form_parse(r->a, buf_str(&r->body), r->body.len, &why);
        if (!r->form) {
            resp_error(r, FAIL_BAD_INPUT, "malformed_form", NULL, why);
            return false;
        }
        return true;
    }
    if (r->body.len == 0 && !(rt->flags & RF_RAW)) {
        r->json = json_object(); /* calls whose fields are all optional may send no body */
        return true;
    }
    if (!ctype || strncmp(ctype, "application/json", 16) != 0) {
        resp_error(r, FAIL_BAD_INPUT, "content_type", NULL,
                   "The body must be JSON, sent as application/json.");
        return false;
    }
    if (rt->flags & RF_RAW)
        return true;
    if (!utf8_valid(buf_str(&r->body), r->body.len)) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_utf8", NULL, "The body is not valid UTF-8.");
        return false;
    }
    json_error_t err;
    r->json = json_loadb(buf_str(&r->body), r->body.len, JSON_REJECT_DUPLICATES, &err);
    if (!r->json || !json_is_object(r->json)) {
        resp_error(r, FAIL_BAD_INPUT, "malformed_json", NULL,
                   r->json ? N_("The body must be a JSON object.")
                           : N_("The body is not valid JSON."));
        return false;
    }
    return true;
}

/* Appends one query argument to the cache key. */
static void key_arg(void *cls, const char *k, const char *v)
{
    buf_printf(cls, "&%s=%s", k, v ? v : "");
}

/* Runs a cacheable route through the response cache: the key is everything the bytes depend on
 * besides the data (web/cache.h), the version is read from the database on every request (with
 * the session, by identify(), when there is one). */
static void cached(struct request *r)
{
    int64_t version = r->version;
    if (!r->has_version && st_data_version(r->db, &version) != DB_OK) {
        r->route->fn(r); /* no version, no cache: answer as if there were none */
        return;
    }
    char today[11];
    clock_date(clock_now(), today);
    buf key = {0};
    /* Pages carry the session's CSRF token in their forms; API answers depend on the account. A
     * page asked for with a bearer token has no session (session_id 0, as for nobody): it is
     * keyed by its account, else one account's page would be served to every other token. */
    bool by_user = (r->route->flags & RF_API) || r->via_bearer;
    buf_printf(&key, "%s|%s|%lld|%s|%s?",
               (r->route->flags & RF_API) ? "u"
               : r->via_bearer            ? "b"
                                          : "s",
               lang_tag(r->lang), (long long)(by_user ? r->who.user_id : r->session_id), today,
               r->path);
    req_query_each(r, key_arg, &key);
    struct cache_hit hit;
    if (cache_get(buf_str(&key), version, &hit)) {
        r->status = 200;
        r->shared = hit.body;
        r->shared_data = hit.data;
        r->shared_len = hit.len;
        r->content_type = hit.content_type;
        memcpy(r->etag_value, hit.etag, sizeof r->etag_value);
        r->etag = true;
        buf_free(&key);
        return;
    }
    r->route->fn(r);
    /* Only a plain success is kept: not errors, redirects, downloads with their own headers, or
     * answers that set cookies. */
    if ((r->status == 0 || r->status == 200) && r->nheaders == 0 && r->content_type) {
        resp_etag(r);
        cache_put(buf_str(&key), version, buf_str(&r->out), r->out.len, r->content_type,
                  r->etag_value);
    }
    buf_free(&key);
}

void dispatch(struct request *r)
{
    const struct route *rt = r->route;
    if (!identify(r))
        return;
    if (r->who.kind == ACTOR_USER && r->who.lang) {
        enum lang l;
        if (lang_parse(r->who.lang, &l))
            r->lang = l;
    }
    if (!can(&r->who, rt->right, NULL)) {
        if (r->who.kind != ACTOR_USER && !(rt->flags & RF_API)) {
            resp_redirect(r, "/login");
            return;
        }
        if (r->who.kind != ACTOR_USER)
            resp_error(r, FAIL_AUTH, "unauthenticated", NULL, "Please sign in.");
        else
            resp_error(r, FAIL_FORBIDDEN, "forbidden", NULL, "You may not do this.");
        return;
    }
    if (r->who.must_change && !(rt->flags & RF_PW_CHANGE)) {
        if (rt->flags & RF_API)
            resp_error(r, FAIL_FORBIDDEN, "password_change_required", NULL,
                       "You must change your one-time password first.");
        else
            resp_redirect(r, "/password");
        return;
    }
    if (!read_body(r) || !check_csrf(r) || !check_throttle(r))
        return;
    if ((rt->flags & RF_CACHE) && cache_enabled() && (r->method == M_GET || r->method == M_HEAD))
        cached(r);
    else
        rt->fn(r);
}
