/* libFuzzer target for the whole request path without a network: arbitrary bytes go to the raw
 * request parser (web/raw.h) and, when they parse, through server_answer() — route matching, the
 * body limit, dispatch() with identify, can(), CSRF and body parsing, and the handler — against
 * one in-memory SQLite database made per process: migrations, the demo dataset, and a CAST
 * officer `fuzz` with a session whose cookie (lh_session=SESSION below, CSRF token CSRF) the
 * seed corpus carries, so inputs reach the signed-in pages and API.
 * Every parsed request must get an answer that starts with a status line; a refused one must
 * say why. Requests that would run argon2id (sign-in, password changes, accounts) or end the
 * session are skipped: each costs tens of milliseconds, and the fuzzer needs the session. */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/token.h"
#include "dataset/dataset.h"
#include "domain/accounts.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "web/raw.h"
#include "web/server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define SESSION "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuA"
#define CSRF    "csrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsA"

static db *d;
static const struct config cfg = {.db_url = ":memory:", .listen_host = "127.0.0.1"};

static void die(const char *what)
{
    fprintf(stderr, "fuzz_http: %s\n", what);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    if (sodium_init() < 0 || !i18n_init())
        die("cannot initialise libsodium or the catalogues");
    if (db_open(cfg.db_url, &d, err, sizeof err) != DB_OK ||
        db_migrate(d, err, sizeof err) != DB_OK)
        die(err);
    struct actor op = {.kind = ACTOR_OPERATOR, .login = "fuzz"};
    struct ds_report rep;
    ds_report_init(&rep);
    struct fail f = {0};
    bool loaded = false;
    if (!ds_load_demo(d, &op, &loaded, &rep, &f) || !loaded)
        die("cannot load the demo dataset");
    ds_report_free(&rep);
    /* One argon2id hash here, none per input: the password is then marked as changed, and the
     * session is written straight into the store with a token the corpus knows. */
    struct role_spec role = {"cast_officer", "cast"};
    if (!acct_create(d, &op, "fuzz", "Fuzz", NULL, &role, 1, "Fuzz-pass-12345", NULL, &f))
        die("cannot create the account");
    arena *a = arena_new();
    struct user_row u;
    char th[TOKEN_HASH_LEN + 1];
    int64_t sid;
    token_hash(SESSION, th);
    if (!token_shape_ok(SESSION) || st_user_by_login(d, a, "fuzz", &u) != DB_ROW ||
        st_user_set_password(d, u.id, u.password_hash, false) < 0 ||
        st_session_insert(d, th, u.id, CSRF, clock_now(), &sid) != DB_OK)
        die("cannot make the session");
    /* Else every signed-in input would only ever see the redirect to /login. */
    static const char probe[] = "GET /api/v1/me HTTP/1.1\r\nCookie: lh_session=" SESSION "\r\n\r\n";
    struct raw_request q;
    const char *why;
    buf out = {0};
    if (!raw_parse(a, probe, sizeof probe - 1, &q, &why) ||
        !server_answer(&cfg, d, "127.0.0.1", &q, a, &out, &why) ||
        strncmp(buf_str(&out), "HTTP/1.1 200 ", 13) != 0)
        die("the session does not sign in");
    buf_free(&out);
    arena_free(a);
    return 0;
}

/* Sign-in, sign-out and anything about passwords or accounts: slow, or the end of the session. */
static bool skipped(const struct raw_request *q)
{
    static const char *const words[] = {"login", "logout", "session", "password", "users"};
    if (strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0)
        return false;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(q->path, words[i]))
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new();
    struct raw_request q;
    const char *why = NULL;
    if (!raw_parse(a, (const char *)data, size, &q, &why)) {
        if (!why || !*why)
            abort(); /* a refusal always says why */
    } else if (!skipped(&q)) {
        buf out = {0};
        if (server_answer(&cfg, d, "127.0.0.1", &q, a, &out, &why)) {
            if (out.len < 17 || memcmp(out.data, "HTTP/1.1 ", 9) != 0 ||
                !strstr(buf_str(&out), "\r\n\r\n"))
                abort();
        } else if (!why || !*why || q.body_have >= q.content_length) {
            abort(); /* only a short body is refused after parsing */
        }
        buf_free(&out);
        if (db_in_transaction(d))
            abort();
    }
    arena_free(a);
    return 0;
}
