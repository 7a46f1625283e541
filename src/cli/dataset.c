/* `lianheti import` and `lianheti export`: datasets (dataset.md) in and out, and the demo dataset
 * that `init --demo` and `ui` load. Problems with a dataset are listed on stderr one per line as
 * "POINTER: message" (exit status 1); an unreadable file is exit status 2. */
#include "cli/cli.h"
#include "dataset/dataset.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads the whole of path ("-": stdin) into b. Returns 0, or EXIT_USAGE after saying why. */
static int read_input(const char *path, buf *b)
{
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "lianheti: cannot read %s: %s\n", path, strerror(errno));
        return EXIT_USAGE;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
        if (b->len + n > DS_INPUT_MAX) {
            fprintf(stderr, "lianheti: %s is larger than 64 MiB, the limit for a dataset\n", path);
            if (in != stdin)
                fclose(in);
            return EXIT_USAGE;
        }
        buf_append(b, chunk, n);
    }
    bool err = ferror(in);
    if (in != stdin)
        fclose(in);
    if (err) {
        fprintf(stderr, "lianheti: cannot read %s\n", path);
        return EXIT_USAGE;
    }
    return 0;
}

/* "2 alliances, 14 organisations, ..." for the tables with records. */
static void print_counts(const struct ds_report *rep)
{
    bool first = true;
    for (int t = DS_JURISDICTIONS; t < DS_TABLE_COUNT; t++) {
        if (st_ds_is_list((enum ds_table)t) || rep->counts[t] == 0)
            continue;
        fprintf(stderr, "%s%lld %s", first ? "" : ", ", (long long)rep->counts[t],
                st_ds_table_name((enum ds_table)t));
        first = false;
    }
    fprintf(stderr, "%s\n", first ? "no records" : "");
}

/* After ds_import/ds_load_demo said no: the problems, or the refusal. */
static int import_failed(const struct ds_report *rep, const struct fail *f)
{
    if (f->kind == FAIL_INVALID || rep->nerrors) {
        ds_errors_print(rep, stderr);
        return EXIT_PROBLEM;
    }
    return cli_fail(f);
}

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {"replace", no_argument, NULL, 'r'},
                                         {"dry-run", no_argument, NULL, 'n'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL;
    unsigned flags = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            url = optarg;
            break;
        case 'r':
            flags |= DS_REPLACE;
            break;
        case 'n':
            flags |= DS_DRY_RUN;
            break;
        default:
            return cli_usage("import", "unknown option");
        }
    }
    if (optind != argc - 1)
        return cli_usage("import", "import takes one FILE (- for stdin)");
    const char *path = argv[optind];
    buf in = {0};
    int rc = read_input(path, &in);
    if (rc != 0) {
        buf_free(&in);
        return rc;
    }
    db *d = cli_open(cli_db_url(url), false);
    if (!d) {
        buf_free(&in);
        return EXIT_USAGE;
    }
    struct actor op = cli_operator();
    struct ds_report rep;
    ds_report_init(&rep);
    struct fail f = {0};
    if (ds_import(d, &op, buf_str(&in), in.len, flags, &rep, &f)) {
        if (flags & DS_DRY_RUN)
            fprintf(stderr, "lianheti: %s is valid (dry run, nothing written): ", path);
        else
            fprintf(stderr, "lianheti: imported %s (import %lld): ", path,
                    (long long)rep.import_id);
        print_counts(&rep);
        rc = 0;
    } else {
        rc = import_failed(&rep, &f);
    }
    ds_report_free(&rep);
    db_close(d);
    buf_free(&in);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {"alliance", required_argument, NULL, 'a'},
                                         {"output", required_argument, NULL, 'o'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *alliance = NULL, *path = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            url = optarg;
            break;
        case 'a':
            alliance = optarg;
            break;
        case 'o':
            path = optarg;
            break;
        default:
            return cli_usage("export", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage("export", "export takes no arguments");
    db *d = cli_open(cli_db_url(url), false);
    if (!d)
        return EXIT_USAGE;
    struct actor op = cli_operator();
    struct fail f = {0};
    buf out = {0};
    int rc = 0;
    if (!ds_export(d, &op, alliance, &out, &f)) {
        rc = cli_fail(&f);
    } else {
        FILE *o = path && strcmp(path, "-") != 0 ? fopen(path, "wb") : stdout;
        if (!o) {
            fprintf(stderr, "lianheti: cannot write %s: %s\n", path, strerror(errno));
            rc = EXIT_USAGE;
        } else {
            bool ok = fwrite(out.data, 1, out.len, o) == out.len;
            ok = (o == stdout ? fflush(o) == 0 : fclose(o) == 0) && ok;
            if (!ok) {
                fprintf(stderr, "lianheti: cannot write %s\n", path ? path : "stdout");
                rc = EXIT_USAGE;
            }
        }
    }
    buf_free(&out);
    db_close(d);
    return rc;
}

int cli_load_demo(db *d)
{
    struct actor op = cli_operator();
    struct ds_report rep;
    ds_report_init(&rep);
    struct fail f = {0};
    bool loaded = false;
    int rc = 0;
    if (!ds_load_demo(d, &op, &loaded, &rep, &f)) {
        if (f.kind != FAIL_INVALID)
            fprintf(stderr, "lianheti: the demo dataset was not loaded\n");
        rc = import_failed(&rep, &f);
    } else if (loaded) {
        fprintf(stderr, "lianheti: loaded the demo dataset: ");
        print_counts(&rep);
    } else {
        fprintf(stderr, "lianheti: the database has alliances already; the demo dataset was not "
                        "loaded\n");
    }
    ds_report_free(&rep);
    return rc;
}
