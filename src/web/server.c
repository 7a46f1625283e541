/* libmicrohttpd glue. The access handler is called several times per request: first with only
 * the headers (we create the request and pick its route), then once per piece of body (we
 * collect it, up to the route's limit), then once with no data (we dispatch and queue the
 * answer). Answering on that last call, never the first, keeps connections alive.
 * The completion callback logs the request, counts it and frees everything it owned.
 * server_answer() runs the same steps on a raw request without a connection (`test-http`). */
#include "web/server.h"
#include "util/clock.h"
#include "util/text.h"
#include "util/jw.h"
#include "web/cache.h"
#include "web/throttle.h"
#include "web/metrics.h"
#include "web/raw.h"
#include "web/router.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONNECTION_TIMEOUT_S 30
#define CONNECTION_LIMIT     1000
#define PER_CLIENT_LIMIT     128
#define HEADER_MEMORY        RAW_HEAD_MAX /* request line and headers must fit: else 431 */
#define UNMATCHED_BODY_LIMIT 4096
#define DRAIN_SECONDS        10

/* Immutable once the daemon runs. */
static const struct config *cfg;
static pthread_key_t db_key;
static _Atomic int in_flight;

static void close_thread_db(void *d)
{
    db_close(d);
}

/* The worker thread's own connection, opened on its first request and closed when the thread
 * ends. NULL when the database cannot be opened. */
static db *thread_db(void)
{
    db *d = pthread_getspecific(db_key);
    if (d && db_healthy(d))
        return d;
    if (d) {
        /* The server went away (a PostgreSQL restart): its answer to the last request was 503;
         * this request gets a new connection. */
        db_close(d);
        pthread_setspecific(db_key, NULL);
        d = NULL;
    }
    char err[256];
    if (db_open(cfg->db_url, &d, err, sizeof err) != DB_OK) {
        fprintf(stderr, "lianheti: %s\n", err);
        return NULL;
    }
    pthread_setspecific(db_key, d);
    return d;
}

static enum method method_of(const char *m)
{
    static const struct {
        const char *name;
        enum method m;
    } table[] = {{"GET", M_GET}, {"HEAD", M_HEAD},   {"POST", M_POST},
                 {"PUT", M_PUT}, {"PATCH", M_PATCH}, {"DELETE", M_DELETE}};
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(m, table[i].name) == 0)
            return table[i].m;
    return M_OTHER;
}

static const char *client_address(arena *a, struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "?";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
                      sizeof text);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, text,
                      sizeof text);
    }
    /* Behind the trusted proxy, the client is whom the proxy says it forwards for. */
    if (cfg->trusted_proxy && strcmp(text, cfg->trusted_proxy) == 0) {
        const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
        char fwd[FORWARDED_MAX];
        if (xff && forwarded_client(xff, fwd))
            return arena_strdup(a, fwd);
    }
    return arena_strdup(a, text);
}

/* A request from a connection, or (conn NULL) from a raw request read by `test-http`; client
 * NULL: the connection's address. */
static struct request *request_new(struct MHD_Connection *conn, const struct raw_request *raw,
                                   const char *url, const char *method, const char *client)
{
    arena *a = arena_new();
    struct request *r = arena_alloc(a, sizeof *r);
    r->a = a;
    r->conn = conn;
    r->raw = raw;
    r->cfg = cfg;
    r->started_ms = clock_mono_ms();
    r->method_text = arena_strdup(a, method);
    r->method = method_of(method);
    r->path = arena_strdup(a, url);
    r->client = client ? arena_strdup(a, client) : client_address(a, conn);
    r->lang = lang_from_accept(req_header(r, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
    r->who.kind = ACTOR_ANONYMOUS;
    r->route_index = route_match(r, method, url);
    r->route = r->route_index >= 0 ? &routes[r->route_index] : NULL;
    r->body_limit = r->route ? r->route->body_limit : UNMATCHED_BODY_LIMIT;
    atomic_fetch_add(&in_flight, 1);
    return r;
}

static void request_free(struct request *r)
{
    json_decref(r->json);
    buf_free(&r->body);
    buf_free(&r->out);
    cache_release(r->shared);
    arena_free(r->a);
    atomic_fetch_sub(&in_flight, 1);
}

/* d: the database connection to answer on; NULL when it cannot be opened. */
static void handle(struct request *r, db *d)
{
    r->db = d;
    if (r->body_too_big) {
        resp_error(r, FAIL_BAD_INPUT, "too_large", NULL, "The request body is too large.");
        r->status = 413;
    } else if (!utf8_valid(r->path, strlen(r->path))) {
        resp_error(r, FAIL_BAD_INPUT, "invalid_path", NULL, "The address is not valid UTF-8.");
    } else if (r->route_index == -1) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is nothing at this address.");
    } else if (r->route_index == -2) {
        resp_error(r, FAIL_BAD_INPUT, "method_not_allowed", NULL,
                   "This address does not take this method.");
        r->status = 405;
    } else if (!r->db) {
        resp_error(r, FAIL_UNAVAILABLE, "unavailable", NULL,
                   "The database is unavailable. Nothing was changed; please try again.");
    } else {
        dispatch(r);
    }
    if (r->db) {
        if (db_in_transaction(r->db)) {
            /* A handler that returns inside a transaction is a bug; never let it leak into the
             * next request on this thread. */
            fprintf(stderr, "lianheti: %s %s left a transaction open\n", r->method_text, r->path);
            db_rollback(r->db);
        }
        db_done_all(r->db);
    }
    if (!r->status)
        r->status = 200;
}

static const char *const security_headers[][2] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "same-origin"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
};

static void release_shared(void *body)
{
    cache_release(body);
}

/* The ETag the handler asked for, and 304 instead of the body when the client has it. */
static void settle_etag(struct request *r)
{
    if (!r->etag || r->status != 200)
        return;
    if (!r->etag_value[0])
        resp_etag(r);
    const char *inm = req_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
    if (inm && strcmp(inm, r->etag_value) == 0) {
        r->status = 304;
        buf_reset(&r->out);
        cache_release(r->shared);
        r->shared = NULL;
    }
}

/* Every header of the answer but the framing libmicrohttpd adds (Content-Length, Date): the one
 * list that both the server and `test-http` send. */
static void each_header(const struct request *r,
                        void (*emit)(void *cls, const char *name, const char *value), void *cls)
{
    if (r->status != 304)
        emit(cls, MHD_HTTP_HEADER_CONTENT_TYPE,
             r->content_type ? r->content_type : "text/plain; charset=utf-8");
    emit(cls, MHD_HTTP_HEADER_CACHE_CONTROL, r->cache_control ? r->cache_control : "no-store");
    if (r->etag && r->etag_value[0])
        emit(cls, MHD_HTTP_HEADER_ETAG, r->etag_value);
    for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
        emit(cls, security_headers[i][0], security_headers[i][1]);
    for (size_t i = 0; i < r->nheaders; i++)
        emit(cls, r->headers[i].name, r->headers[i].value);
}

static void add_header(void *resp, const char *name, const char *value)
{
    MHD_add_response_header(resp, name, value);
}

static enum MHD_Result send_response(struct request *r)
{
    settle_etag(r);
    struct MHD_Response *resp;
    if (r->shared) {
        /* The cached bytes themselves; the response holds the reference until it is sent. */
        resp = MHD_create_response_from_buffer_with_free_callback_cls(
            r->shared_len, (void *)r->shared_data, release_shared, r->shared);
        if (resp)
            r->shared = NULL;
    } else {
        size_t len = r->out.len;
        resp = MHD_create_response_from_buffer(len, buf_steal(&r->out), MHD_RESPMEM_MUST_FREE);
    }
    if (!resp)
        return MHD_NO;
    each_header(r, add_header, resp);
    enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* A header line of test-http's answer. libmicrohttpd refuses a header with a line break in it,
 * so this leaves such a header out too. */
static void text_header(void *out, const char *name, const char *value)
{
    if (strpbrk(name, "\r\n") || strpbrk(value, "\r\n"))
        return;
    buf_printf(out, "%s: %s\r\n", name, value);
}

bool server_answer(const struct config *config, db *d, const char *client,
                   const struct raw_request *q, arena *a, buf *out, const char **why)
{
    cfg = config;
    struct request *r = request_new(NULL, q, q->path, q->method, client);
    if (q->content_length > r->body_limit) {
        r->body_too_big = true; /* answered 413 without the body, as on_request does */
    } else if (q->body_have < q->content_length) {
        *why = arena_printf(a, "the body has %zu of the %llu bytes Content-Length announces",
                            q->body_have, (unsigned long long)q->content_length);
        request_free(r);
        return false;
    } else {
        buf_append(&r->body, q->body, (size_t)q->content_length);
    }
    handle(r, d);
    settle_etag(r);
    const char *body = r->shared ? r->shared_data : buf_str(&r->out);
    size_t len = r->shared ? r->shared_len : r->out.len;
    buf_printf(out, "HTTP/1.1 %d %s\r\n", r->status,
               MHD_get_reason_phrase_for((unsigned)r->status));
    each_header(r, text_header, out);
    if (r->status != 304)
        buf_printf(out, "Content-Length: %zu\r\n", len);
    buf_puts(out, "\r\n");
    if (r->method != M_HEAD && r->status != 304)
        buf_append(out, body, len);
    request_free(r);
    return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)version;
    struct request *r = *con_cls;
    if (!r) {
        r = request_new(conn, NULL, url, method, NULL);
        *con_cls = r;
        const char *cl =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > r->body_limit) {
            /* Refuse at once rather than read a body we will not use; MHD closes the
             * connection after this answer. */
            r->body_too_big = true;
            handle(r, thread_db());
            return send_response(r);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!r->body_too_big && r->body.len + *upload_size > r->body_limit) {
            r->body_too_big = true;
            buf_free(&r->body);
        }
        if (!r->body_too_big)
            buf_append(&r->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->status)
        return MHD_YES; /* answered already (body too large) */
    handle(r, thread_db());
    return send_response(r);
}

static void log_request(const struct request *r, double ms)
{
    char at[32];
    clock_rfc3339(clock_now(), at);
    buf line = {0};
    jw w;
    jw_init(&w, &line);
    jw_object(&w);
    jw_member_string(&w, "time", at);
    jw_member_string(&w, "client", r->client);
    /* The writer takes UTF-8 only: what the client sent is checked first. */
    jw_member_string(&w, "method",
                     utf8_valid(r->method_text, strlen(r->method_text)) ? r->method_text : "?");
    jw_member_string(&w, "path", utf8_valid(r->path, strlen(r->path)) ? r->path : "?");
    jw_member_string(&w, "route", r->route ? r->route->pattern : "");
    jw_member_int(&w, "status", r->status);
    jw_member_int(&w, "us", (int64_t)(ms * 1000.0));
    jw_member_string(&w, "user", r->who.kind == ACTOR_USER ? r->who.login : "");
    jw_object_end(&w);
    buf_putc(&line, '\n');
    /* One write per line so lines from different threads never interleave. */
    fwrite(line.data, 1, line.len, stderr);
    buf_free(&line);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)conn;
    struct request *r = *con_cls;
    if (!r)
        return;
    if (!r->status)
        r->status = why == MHD_REQUEST_TERMINATED_COMPLETED_OK ? 200 : 499;
    double ms = clock_mono_ms() - r->started_ms;
    metrics_record(r->route_index, r->status, ms);
    log_request(r, ms);
    request_free(r);
    *con_cls = NULL;
}

static bool resolve_listen(const char *host, int port, struct sockaddr_storage *ss, bool *v6)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    char portstr[8];
    snprintf(portstr, sizeof portstr, "%d", port);
    if (getaddrinfo(host, portstr, &hints, &res) != 0 || !res)
        return false;
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *v6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    return true;
}

int server_run(const struct config *config, const char *banner)
{
    cfg = config;
    struct sockaddr_storage ss;
    bool v6 = false;
    if (!resolve_listen(cfg->listen_host, cfg->port, &ss, &v6)) {
        fprintf(stderr, "lianheti: cannot resolve listen address %s\n", cfg->listen_host);
        return 2;
    }
    /* Check the database before listening, so a bad --db fails fast with exit status 2. */
    db *probe;
    char err[256];
    if (db_open(cfg->db_url, &probe, err, sizeof err) != DB_OK) {
        fprintf(stderr, "lianheti: %s\n", err);
        return 2;
    }
    int have = db_schema_version(probe);
    db_close(probe);
    if (have != db_schema_latest()) {
        fprintf(stderr,
                "lianheti: the database schema is version %d, this program needs %d: run "
                "`lianheti init` first\n",
                have, db_schema_latest());
        return 2;
    }
    pthread_key_create(&db_key, close_thread_db);
    cache_init(cfg->cache_bytes);
    throttle_init(cfg->signin_failures);

    /* Workers inherit this mask, so only sigwait below ever sees SIGINT and SIGTERM. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
    if (v6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, &ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)CONNECTION_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)PER_CLIENT_LIMIT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEADER_MEMORY, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, NULL, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "lianheti: cannot listen on %s:%d\n", cfg->listen_host, cfg->port);
        pthread_key_delete(db_key);
        return 2;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    int port = info ? info->port : cfg->port;
    fprintf(stderr, "lianheti: listening on http://%s%s%s:%d/ with %d threads\n", v6 ? "[" : "",
            cfg->listen_host, v6 ? "]" : "", port, cfg->threads);
    if (banner)
        fputs(banner, stderr);
    fflush(stderr);

    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "lianheti: %s received, finishing requests in flight\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
    /* At least half a second even when nothing seems in flight: a connection whose headers are
     * being read (or that was just told "100 Continue") is not counted until its first handler
     * call, and it deserves its answer too. */
    for (int i = 0; i < DRAIN_SECONDS * 20 && (i < 10 || atomic_load(&in_flight) > 0); i++)
        usleep(50 * 1000);
    MHD_stop_daemon(d);
    pthread_key_delete(db_key);
    cache_free();
    fprintf(stderr, "lianheti: stopped\n");
    return 0;
}
