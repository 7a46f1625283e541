/* `lianheti user add|passwd|disable|unlock|grant|revoke|list`: accounts from the terminal. */
#include "cli/cli.h"
#include "domain/accounts.h"
#include "store/store.h"
#include "util/clock.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROLES 16

/* Splits "ROLE[:SCOPE]" in place. */
static struct role_spec split_role(char *arg)
{
    char *colon = strchr(arg, ':');
    if (colon)
        *colon = '\0';
    return (struct role_spec){arg, colon ? colon + 1 : NULL};
}

static int user_add(int argc, char **argv, const char *url)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, OPT_DB},    {"role", required_argument, NULL, 'r'},
        {"name", required_argument, NULL, 'n'},     {"person", required_argument, NULL, 'p'},
        {"password-stdin", no_argument, NULL, 's'}, {NULL, 0, NULL, 0}};
    struct role_spec roles[MAX_ROLES];
    size_t nroles = 0;
    const char *name = NULL, *person = NULL;
    bool from_stdin = false;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            url = optarg;
            break;
        case 'r':
            if (nroles == MAX_ROLES)
                return cli_usage("user", "too many --role options");
            roles[nroles++] = split_role(optarg);
            break;
        case 'n':
            name = optarg;
            break;
        case 'p':
            person = optarg;
            break;
        case 's':
            from_stdin = true;
            break;
        default:
            return cli_usage("user", "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage("user", "user add takes one LOGIN");
    const char *login = argv[optind];
    char *password = NULL;
    if (from_stdin && !(password = cli_read_password()))
        return cli_usage("user", "--password-stdin: no password line on stdin");
    db *d = cli_open(cli_db_url(url), false);
    if (!d) {
        free(password);
        return EXIT_USAGE;
    }
    struct actor op = cli_operator();
    struct fail f;
    char generated[17];
    int rc = 0;
    if (!acct_create(d, &op, login, name, person, roles, nroles, password, generated, &f))
        rc = cli_fail(&f);
    else if (!password)
        printf("login: %s\npassword: %s\n", login, generated);
    free(password);
    db_close(d);
    return rc;
}

static int user_passwd(int argc, char **argv, const char *url)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {"password-stdin", no_argument, NULL, 's'},
                                         {NULL, 0, NULL, 0}};
    bool from_stdin = false;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == OPT_DB)
            url = optarg;
        else if (c == 's')
            from_stdin = true;
        else
            return cli_usage("user", "unknown option");
    }
    if (optind + 1 != argc)
        return cli_usage("user", "user passwd takes one LOGIN");
    char *password = NULL;
    if (from_stdin && !(password = cli_read_password()))
        return cli_usage("user", "--password-stdin: no password line on stdin");
    db *d = cli_open(cli_db_url(url), false);
    if (!d) {
        free(password);
        return EXIT_USAGE;
    }
    struct actor op = cli_operator();
    struct fail f;
    char generated[17];
    int rc = 0;
    if (!acct_reset_password(d, &op, argv[optind], password, generated, &f))
        rc = cli_fail(&f);
    else if (!password)
        printf("login: %s\npassword: %s\n", argv[optind], generated);
    free(password);
    db_close(d);
    return rc;
}

/* The commands that take LOGIN and maybe ROLE[:SCOPE]: disable, unlock, grant, revoke. */
static int user_simple(int argc, char **argv, const char *url, const char *what)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != OPT_DB)
            return cli_usage("user", "unknown option");
        url = optarg;
    }
    bool takes_role = !strcmp(what, "grant") || !strcmp(what, "revoke");
    if (optind + (takes_role ? 2 : 1) != argc)
        return cli_usage("user", takes_role ? "expected LOGIN ROLE[:SCOPE]" : "expected LOGIN");
    db *d = cli_open(cli_db_url(url), false);
    if (!d)
        return EXIT_USAGE;
    struct actor op = cli_operator();
    struct fail f;
    const char *login = argv[optind];
    struct role_spec role = takes_role ? split_role(argv[optind + 1]) : (struct role_spec){0};
    bool ok = !strcmp(what, "disable")  ? acct_disable(d, &op, login, &f)
              : !strcmp(what, "unlock") ? acct_unlock(d, &op, login, &f)
              : !strcmp(what, "grant")  ? acct_grant(d, &op, login, role.role, role.scope, &f)
                                        : acct_revoke(d, &op, login, role.role, role.scope, &f);
    db_close(d);
    return ok ? 0 : cli_fail(&f);
}

static int user_list(int argc, char **argv, const char *url)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != OPT_DB)
            return cli_usage("user", "unknown option");
        url = optarg;
    }
    if (optind != argc)
        return cli_usage("user", "user list takes no arguments");
    db *d = cli_open(cli_db_url(url), false);
    if (!d)
        return EXIT_USAGE;
    arena *a = arena_new();
    struct user_row *users;
    size_t n;
    int rc = 0;
    if (st_users_list(d, a, &users, &n) != DB_OK) {
        fprintf(stderr, "lianheti: %s\n", db_errmsg(d));
        rc = EXIT_USAGE;
        n = 0;
    }
    int64_t now = clock_now();
    /* Tab-separated: login, state, roles, name; easy to cut and grep. */
    for (size_t i = 0; i < n; i++) {
        struct role_row *roles;
        size_t nr;
        if (st_roles_of(d, a, users[i].id, &roles, &nr) != DB_OK)
            nr = 0;
        const struct user_row *u = &users[i];
        printf("%s\t%s\t", u->login,
               u->disabled             ? "disabled"
               : u->locked_until > now ? "locked"
               : u->must_change        ? "must-change-password"
                                       : "active");
        for (size_t k = 0; k < nr; k++)
            printf("%s%s%s%s", k ? "," : "", roles[k].role, *roles[k].scope ? ":" : "",
                   roles[k].scope);
        printf("\t%s\n", u->name);
    }
    arena_free(a);
    db_close(d);
    return rc;
}

int cmd_user(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("user", "expected add, passwd, disable, unlock, grant, revoke or list");
    const char *sub = argv[1];
    /* getopt_long sees the subcommand's own arguments, with the subcommand as argv[0]. */
    argc--;
    argv++;
    if (!strcmp(sub, "add"))
        return user_add(argc, argv, NULL);
    if (!strcmp(sub, "passwd"))
        return user_passwd(argc, argv, NULL);
    if (!strcmp(sub, "list"))
        return user_list(argc, argv, NULL);
    if (!strcmp(sub, "disable") || !strcmp(sub, "unlock") || !strcmp(sub, "grant") ||
        !strcmp(sub, "revoke"))
        return user_simple(argc, argv, NULL, sub);
    return cli_usage("user", "expected add, passwd, disable, unlock, grant, revoke or list");
}
