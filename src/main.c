/* lianheti: one binary that runs CAST society alliances under the CAST norms: web server, JSON
 * API and command line. This file is the command table; `lianheti help` is generated from it. */
#include "cli/cli.h"
#include "util/i18n.h"
#include <malloc.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

/* Sorted by name; `help` lists them in this order. */
const struct command commands[] = {
    {"audit", "verify | list [--since DATE]", "verify or list the tamper-evident audit trail",
     "verify exits 0 when the chain is intact and 1 naming the first broken record.", cmd_audit},
    {"backup", "FILE", "write a consistent copy of the database while it is in use",
     "FILE must not exist yet.", cmd_backup},
    {"check",
     "[--as-of DATE] [--alliance KEY] [--format text|json] [--lang zh|en] [--fail-on "
     "error|warning]",
     "report where each alliance breaches the norms",
     "Checks every alliance (or --alliance KEY) against the rules of rules.md as of DATE "
     "(default: today in Asia/Shanghai) and prints the findings: one line per finding grouped by "
     "alliance with a summary line, or with --format json the document "
     "{\"format\": \"lianheti-findings\", ...}. Messages are in Chinese unless --lang en. Exit "
     "status 1 when there is an error finding (--fail-on warning: also a warning), 2 on bad "
     "usage or an unknown alliance.",
     cmd_check},
    {"export", "[--alliance KEY] [-o FILE]", "write the canonical dataset",
     "Writes everything (or one alliance with the jurisdictions, organisations and people it "
     "refers to) as a dataset (dataset.md) to stdout or FILE. Importing it into an empty "
     "database and exporting again gives the same bytes.",
     cmd_export},
    {"help", "[COMMAND]", "show the commands, or one command's usage", NULL, cmd_help},
    {"import", "FILE [--replace] [--dry-run]", "load a dataset, all or nothing",
     "FILE is a dataset (dataset.md), - for stdin, at most 64 MiB. Every problem is listed on "
     "stderr as \"POINTER: message\" (exit status 1) and nothing is written. --replace replaces "
     "alliances of the same keys with everything in them and updates jurisdictions, "
     "organisations and people of the same keys; without it an existing key is a problem. "
     "--dry-run checks only.",
     cmd_import},
    {"init", "[--demo] [--admin LOGIN]", "create or upgrade the database",
     "Creates the first administrator (sysadmin, login `admin` unless --admin is given) and "
     "prints a one-time password that must be changed at the first sign-in. --demo also loads the "
     "bundled demo dataset when the database has no alliance yet.",
     cmd_init},
    {"restore", "FILE", "restore a backup into an empty database",
     "Verifies the audit chain of what it restored.", cmd_restore},
    {"serve",
     "[--listen HOST:PORT] [--threads N] [--base-url URL] [--cache-mb N] [--signin-failures N]\n"
     "      [--trusted-proxy ADDRESS]",
     "run the web server",
     "Default 127.0.0.1:8080, one worker thread per core. Runs until SIGINT or SIGTERM, then "
     "finishes the requests in flight and exits 0. An https:// base URL marks cookies Secure. "
     "--cache-mb sizes the cache of rendered pages (default 16, 0 turns it off); it never serves "
     "a page older than the last committed write. --signin-failures is how many failed sign-ins "
     "one client address may make in 10 minutes before it is answered 429 (default 30, 0: no "
     "limit). --trusted-proxy names the reverse proxy: a request from that address is taken to "
     "come from the last address in its X-Forwarded-For header (for the audit trail and the "
     "limit).",
     cmd_serve},
    {"test-http", "[--client ADDRESS]",
     "answer one raw HTTP request from stdin, as the server would, on stdout",
     "Reads one HTTP/1.1 request from stdin (request line, headers, a blank line, a body of "
     "Content-Length bytes; lines end in CRLF or LF; the Host header is optional; bytes after "
     "the body are ignored) and runs it through the server's own route matching, limits, "
     "dispatcher and handler on the database, without a network and without the response "
     "cache. Writes the answer to stdout: the status line, the headers the server sends "
     "(without Date), a blank line, the body. The client address is 127.0.0.1 unless --client "
     "names another. Exit status 0 when there is an answer, whatever its status; 2 when the "
     "request cannot be parsed (the message names the request line, a header line, "
     "Content-Length, headers over 32 KiB or a body shorter than Content-Length) or on bad "
     "usage. A multipart/form-data upload is answered 400: it needs a real connection.",
     cmd_test_http},
    {"ui", "[--port N]", "initialise if needed and serve on 127.0.0.1, printing the login", NULL,
     cmd_ui},
    {"user",
     "add LOGIN [--role ROLE[:SCOPE]]... [--name NAME] [--person KEY] [--password-stdin]\n"
     "       | passwd LOGIN [--password-stdin] | disable LOGIN | unlock LOGIN\n"
     "       | grant LOGIN ROLE[:SCOPE] | revoke LOGIN ROLE[:SCOPE] | list",
     "manage accounts",
     "Roles: sysadmin, secadmin, auditor (no scope, and no other role beside them), "
     "cast_officer:JURISDICTION, secretariat:ALLIANCE, member_contact:ALLIANCE/ORGANISATION.\n"
     "Without --password-stdin a one-time password is generated and printed; either way it "
     "must be changed at the first sign-in.",
     cmd_user},
    {"version", "", "print the version", NULL, cmd_version},
};
const size_t command_count = sizeof commands / sizeof commands[0];

static const struct command *find(const char *name)
{
    for (size_t i = 0; i < command_count; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("lianheti %s\n", LH_VERSION);
    return 0;
}

static int cmd_help(int argc, char **argv)
{
    if (argc > 2)
        return cli_usage("help", "help takes at most one COMMAND");
    if (argc == 2) {
        const struct command *c = find(argv[1]);
        if (!c) {
            fprintf(stderr, "lianheti: no command `%s`\n", argv[1]);
            return EXIT_USAGE;
        }
        printf("usage: lianheti %s %s\n\n%s.\n", c->name, c->usage, c->summary);
        if (c->details)
            printf("%s\n", c->details);
        printf("\nEvery command takes --db URL (default $LIANHETI_DB, else ./lianheti.db).\n");
        return 0;
    }
    printf("usage: lianheti COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < command_count; i++)
        printf("  %-9s %s\n", commands[i].name, commands[i].summary);
    printf("\n`lianheti help COMMAND` shows one command's usage; `lianheti --version` the "
           "version.\n");
    return 0;
}

int main(int argc, char **argv)
{
    /* glibc gives the top of the heap back to the kernel whenever 128 KiB there are free. Under a
     * large parsed dataset, SQLite's per-statement buffers sit at the top, so every inserted row
     * cost a brk/munmap pair and a TLB flush: a 50 MB import took 29 s instead of 5 s. */
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    if (sodium_init() < 0) {
        fputs("lianheti: libsodium failed to initialise\n", stderr);
        return EXIT_USAGE;
    }
    if (!i18n_init())
        return EXIT_USAGE;
    int rc;
    if (argc < 2) {
        cmd_help(1, argv);
        rc = EXIT_USAGE;
    } else if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        rc = cmd_version(1, argv);
    } else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        rc = cmd_help(1, argv);
    } else {
        const struct command *c = find(argv[1]);
        if (!c) {
            fprintf(stderr, "lianheti: no command `%s`; try `lianheti help`\n", argv[1]);
            rc = EXIT_USAGE;
        } else {
            rc = c->fn(argc - 1, argv + 1);
        }
    }
    i18n_free();
    return rc;
}
