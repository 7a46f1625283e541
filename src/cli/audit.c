/* `lianheti audit verify` and `lianheti audit list [--since DATE]`. */
#include "audit/audit.h"
#include "cli/cli.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/clock.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int verify(db *d)
{
    struct audit_report rep;
    int rc = audit_verify(d, &rep);
    if (rc < 0) {
        fprintf(stderr, "lianheti: cannot read the audit trail: %s\n", db_errmsg(d));
        return EXIT_USAGE;
    }
    if (rc == 1) {
        printf("broken at record %lld: %s\n", (long long)rep.bad_seq, cli_msg(rep.why));
        return EXIT_PROBLEM;
    }
    printf("intact: %lld records\n", (long long)rep.checked);
    return 0;
}

static int list(db *d, const char *since)
{
    arena *a = arena_new();
    int64_t offset = 0, total = 0;
    int rc = 0;
    /* Oldest first is how people read a trail on a terminal: page backwards through it. */
    struct audit_row *rows;
    size_t n;
    if (st_audit_page(d, a, since, 1, 0, &rows, &n, &total) != DB_OK) {
        arena_free(a);
        fprintf(stderr, "lianheti: cannot read the audit trail: %s\n", db_errmsg(d));
        return EXIT_USAGE;
    }
    for (offset = total; offset > 0;) {
        int64_t take = offset > 500 ? 500 : offset;
        offset -= take;
        if (st_audit_page(d, a, since, take, offset, &rows, &n, &total) != DB_OK) {
            rc = EXIT_USAGE;
            break;
        }
        for (size_t i = n; i-- > 0;)
            printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)rows[i].seq, rows[i].at, rows[i].actor,
                   rows[i].action, rows[i].subject, rows[i].details);
    }
    arena_free(a);
    return rc;
}

int cmd_audit(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "list") != 0))
        return cli_usage("audit", "expected verify or list");
    const char *sub = argv[1];
    argc--;
    argv++;
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {"since", required_argument, NULL, 's'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *since = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == OPT_DB)
            url = optarg;
        else if (c == 's' && !strcmp(sub, "list"))
            since = optarg;
        else
            return cli_usage("audit", "unknown option");
    }
    if (optind != argc)
        return cli_usage("audit", "unexpected argument");
    if (since && !date_valid(since))
        return cli_usage("audit", "--since: expected YYYY-MM-DD");
    db *d = cli_open(cli_db_url(url), false);
    if (!d)
        return EXIT_USAGE;
    int rc = !strcmp(sub, "verify") ? verify(d) : list(d, since);
    db_close(d);
    return rc;
}
