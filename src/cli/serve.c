/* `lianheti init`, `ui` and `serve`: from nothing to a running server. */
#include "cli/cli.h"
#include "domain/accounts.h"
#include "store/store.h"
#include "util/text.h"
#include "web/server.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>

/* Rendered pages kept for repeated reads of unchanged data (web/cache.h). */
#define DEFAULT_CACHE_MB 16

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* Creates the first administrator when the database has no account yet. Returns 0, or an exit
 * status; *created tells whether it did, with the one-time password in password. */
static int first_admin(db *d, const char *login, bool *created, char password[17])
{
    arena *a = arena_new();
    struct user_row *users;
    size_t n;
    int rc = st_users_list(d, a, &users, &n);
    arena_free(a);
    *created = false;
    if (rc != DB_OK) {
        fprintf(stderr, "lianheti: %s\n", db_errmsg(d));
        return EXIT_USAGE;
    }
    if (n > 0)
        return 0;
    struct actor op = cli_operator();
    struct role_spec role = {"sysadmin", NULL};
    struct fail f;
    if (!acct_create(d, &op, login, cli_msg("System administrator"), NULL, &role, 1, NULL, password,
                     &f))
        return cli_fail(&f);
    *created = true;
    return 0;
}

int cmd_init(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {"demo", no_argument, NULL, 'd'},
                                         {"admin", required_argument, NULL, 'a'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *admin = "admin";
    bool demo = false;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            url = optarg;
            break;
        case 'd':
            demo = true;
            break;
        case 'a':
            admin = optarg;
            break;
        default:
            return cli_usage("init", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage("init", "init takes no arguments");
    if (!login_valid(admin))
        return cli_usage("init", "--admin: not a valid login");
    db *d = cli_open(cli_db_url(url), true);
    if (!d)
        return EXIT_USAGE;
    bool created;
    char password[17];
    int rc = first_admin(d, admin, &created, password);
    if (rc == 0 && created)
        printf("login: %s\npassword: %s\n", admin, password);
    else if (rc == 0)
        fprintf(stderr, "lianheti: schema at version %d; accounts exist already\n",
                db_schema_version(d));
    if (rc == 0 && demo)
        rc = cli_load_demo(d);
    db_close(d);
    return rc;
}

/* Splits "HOST:PORT" (or "[V6]:PORT") into its parts; host is written into hostbuf. */
static bool parse_listen(const char *s, char *hostbuf, size_t hostlen, long *port)
{
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s)
        return false;
    const char *h = s;
    size_t n = (size_t)(colon - s);
    if (h[0] == '[' && n >= 2 && h[n - 1] == ']') {
        h++;
        n -= 2;
    }
    if (n == 0 || n >= hostlen)
        return false;
    memcpy(hostbuf, h, n);
    hostbuf[n] = '\0';
    return parse_int(colon + 1, 0, 65535, port);
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < 256 ? (int)n : 2;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {"listen", required_argument, NULL, 'l'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"base-url", required_argument, NULL, 'b'},
                                         {"cache-mb", required_argument, NULL, 'c'},
                                         {"signin-failures", required_argument, NULL, 'f'},
                                         {"trusted-proxy", required_argument, NULL, 'x'},
                                         {NULL, 0, NULL, 0}};
    char host[256] = "127.0.0.1";
    long port = 8080, threads = default_threads(), cache_mb = DEFAULT_CACHE_MB,
         failures = DEFAULT_SIGNIN_FAILURES;
    struct config cfg = {0};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            cfg.db_url = optarg;
            break;
        case 'l':
            if (!parse_listen(optarg, host, sizeof host, &port))
                return cli_usage("serve", "--listen: expected HOST:PORT");
            break;
        case 't':
            if (!parse_int(optarg, 1, 256, &threads))
                return cli_usage("serve", "--threads: expected a number from 1 to 256");
            break;
        case 'b':
            if (strncmp(optarg, "http://", 7) != 0 && strncmp(optarg, "https://", 8) != 0)
                return cli_usage("serve", "--base-url: expected http://... or https://...");
            cfg.base_url = optarg;
            break;
        case 'c':
            if (!parse_int(optarg, 0, 4096, &cache_mb))
                return cli_usage("serve", "--cache-mb: expected a number from 0 to 4096");
            break;
        case 'f':
            if (!parse_int(optarg, 0, 100000, &failures))
                return cli_usage("serve", "--signin-failures: expected a number from 0 to 100000");
            break;
        case 'x': {
            unsigned char ip[16];
            if (inet_pton(AF_INET, optarg, ip) != 1 && inet_pton(AF_INET6, optarg, ip) != 1)
                return cli_usage("serve", "--trusted-proxy: expected an IPv4 or IPv6 address");
            cfg.trusted_proxy = optarg;
            break;
        }
        default:
            return cli_usage("serve", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage("serve", "serve takes no arguments");
    cfg.db_url = cli_db_url(cfg.db_url);
    cfg.listen_host = host;
    cfg.port = (int)port;
    cfg.threads = (int)threads;
    cfg.cache_bytes = (size_t)cache_mb * 1024 * 1024;
    cfg.signin_failures = (unsigned)failures;
    cfg.secure_cookies = cfg.base_url && strncmp(cfg.base_url, "https://", 8) == 0;
    return server_run(&cfg, NULL);
}

/* A new one-time password for a demo account that was never signed in to; false when there is
 * no such account or it has been used. */
static bool fresh_password(db *d, const char *login, char password[17])
{
    arena *a = arena_new();
    struct user_row u;
    struct actor op = cli_operator();
    struct fail f;
    bool ok = st_user_by_login(d, a, login, &u) == DB_ROW && u.must_change && !u.disabled &&
              acct_reset_password(d, &op, login, NULL, password, &f);
    arena_free(a);
    if (!ok)
        password[0] = '\0';
    return ok;
}

int cmd_ui(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {"port", required_argument, NULL, 'p'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL;
    long port = 8080;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            url = optarg;
            break;
        case 'p':
            if (!parse_int(optarg, 0, 65535, &port))
                return cli_usage("ui", "--port: expected a port number");
            break;
        default:
            return cli_usage("ui", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage("ui", "ui takes no arguments");
    url = cli_db_url(url);
    db *d = cli_open(url, true);
    if (!d)
        return EXIT_USAGE;
    bool created;
    char password[17];
    int rc = first_admin(d, "admin", &created, password);
    /* A database just created (its first account made now) gets the demo, as `init --demo`, and
     * a CAST officer's account to see it with: the administrator sees no business data. */
    char officer_pw[17] = "";
    if (rc == 0 && created && cli_load_demo(d) == 0) {
        struct actor op = cli_operator();
        struct role_spec role = {"cast_officer", "cast"};
        struct fail f;
        if (!acct_create(d, &op, "officer", cli_msg("CAST officer (demo)"), NULL, &role, 1, NULL,
                         officer_pw, &f)) {
            cli_fail(&f);
            officer_pw[0] = '\0';
        }
    }
    if (rc == 0 && !created) {
        /* Demo accounts never signed in to: their first passwords went with the terminal that
         * showed them, so issue fresh ones. */
        created = fresh_password(d, "admin", password);
        fresh_password(d, "officer", officer_pw);
    }
    db_close(d);
    if (rc != 0)
        return rc;
    char banner[512] = "";
    size_t n = 0;
    if (created)
        n += (size_t)snprintf(banner, sizeof banner,
                              "lianheti: sign in as admin (accounts) with the one-time password "
                              "%s\n",
                              password);
    if (*officer_pw)
        snprintf(banner + n, sizeof banner - n,
                 "lianheti: sign in as officer (the alliances) with the one-time password %s\n",
                 officer_pw);
    struct config cfg = {
        .db_url = url,
        .listen_host = "127.0.0.1",
        .port = (int)port,
        .threads = default_threads(),
        .cache_bytes = (size_t)DEFAULT_CACHE_MB * 1024 * 1024,
        .signin_failures = DEFAULT_SIGNIN_FAILURES,
    };
    return server_run(&cfg, *banner ? banner : NULL);
}
