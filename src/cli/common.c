/* What every command shares: the database option, opening it, the operator actor, errors. */
#include "cli/cli.h"
#include "util/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_db_url(const char *flag)
{
    if (flag)
        return flag;
    const char *env = getenv("LIANHETI_DB");
    return env && *env ? env : "lianheti.db";
}

db *cli_open(const char *url, bool migrate)
{
    db *d;
    char err[512];
    if (db_open(url, &d, err, sizeof err) != DB_OK) {
        fprintf(stderr, "lianheti: %s\n", err);
        return NULL;
    }
    if (migrate) {
        if (db_migrate(d, err, sizeof err) != DB_OK) {
            fprintf(stderr, "lianheti: %s\n", err);
            db_close(d);
            return NULL;
        }
        return d;
    }
    int have = db_schema_version(d), latest = db_schema_latest();
    if (have != latest) {
        if (have > latest)
            fprintf(stderr,
                    "lianheti: the database has schema version %d, newer than this lianheti "
                    "knows (%d): use a newer lianheti\n",
                    have, latest);
        else
            fprintf(stderr,
                    "lianheti: %s is not initialised (schema %d of %d): run `lianheti init`\n",
                    strstr(url, "://") ? "the database" : url, have, latest);
        db_close(d);
        return NULL;
    }
    return d;
}

struct actor cli_operator(void)
{
    const char *user = getenv("USER");
    return (struct actor){.kind = ACTOR_OPERATOR, .login = user && *user ? user : "cli"};
}

static enum lang cli_lang(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "en", 2) == 0 ? LANG_EN : LANG_ZH;
    }
    return LANG_ZH;
}

const char *cli_msg(const char *msgid)
{
    return i18n_get(cli_lang(), msgid);
}

int cli_fail(const struct fail *f)
{
    if (f->field)
        fprintf(stderr, "lianheti: %s: %s\n", f->field, cli_msg(f->message));
    else
        fprintf(stderr, "lianheti: %s\n", cli_msg(f->message));
    return f->kind == FAIL_UNAVAILABLE || f->kind == FAIL_INTERNAL ? EXIT_USAGE : EXIT_PROBLEM;
}

int cli_usage(const char *command, const char *message)
{
    fprintf(stderr, "lianheti: %s\nTry `lianheti help %s`.\n", message, command);
    return EXIT_USAGE;
}

char *cli_read_password(void)
{
    char line[258];
    if (!fgets(line, sizeof line, stdin))
        return NULL;
    size_t n = strlen(line);
    if (n == sizeof line - 1 && line[n - 1] != '\n')
        return NULL;
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return strdup(line);
}
