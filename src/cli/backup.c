/* `lianheti backup FILE` and `lianheti restore FILE`: a consistent copy taken while the server
 * runs, and its way back into an empty database. A restore checks the copy's audit chain before
 * it counts as done. */
#include "audit/audit.h"
#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

static int one_file_arg(int argc, char **argv, const char *cmd, const char **url, const char **file)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != OPT_DB)
            return cli_usage(cmd, "unknown option");
        *url = optarg;
    }
    if (optind + 1 != argc)
        return cli_usage(cmd, "expected one FILE");
    *file = argv[optind];
    return 0;
}

int cmd_backup(int argc, char **argv)
{
    const char *url = NULL, *file;
    int rc = one_file_arg(argc, argv, "backup", &url, &file);
    if (rc)
        return rc;
    db *d = cli_open(cli_db_url(url), false);
    if (!d)
        return EXIT_USAGE;
    char err[512];
    rc = db_backup(d, file, err, sizeof err);
    db_close(d);
    if (rc != DB_OK) {
        fprintf(stderr, "lianheti: backup failed: %s\n", err);
        return EXIT_USAGE;
    }
    fprintf(stderr, "lianheti: backup written to %s\n", file);
    return 0;
}

int cmd_restore(int argc, char **argv)
{
    const char *url = NULL, *file;
    int rc = one_file_arg(argc, argv, "restore", &url, &file);
    if (rc)
        return rc;
    db *d;
    char err[512];
    if (db_open(cli_db_url(url), &d, err, sizeof err) != DB_OK) {
        fprintf(stderr, "lianheti: %s\n", err);
        return EXIT_USAGE;
    }
    if (db_restore(d, file, err, sizeof err) != DB_OK) {
        fprintf(stderr, "lianheti: restore failed: %s\n", err);
        db_close(d);
        return EXIT_USAGE;
    }
    struct audit_report rep;
    int v = audit_verify(d, &rep);
    db_close(d);
    if (v != 0) {
        fprintf(stderr, "lianheti: restored, but the audit chain is broken at record %lld: %s\n",
                (long long)rep.bad_seq, rep.why);
        return EXIT_PROBLEM;
    }
    fprintf(stderr, "lianheti: restored %s (%lld audit records verified)\n", file,
            (long long)rep.checked);
    return 0;
}
