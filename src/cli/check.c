/* `lianheti check`: the compliance findings of rules.md, as text or as the JSON document. Exit
 * status 0 without an error finding, 1 with one (with --fail-on warning, also with a warning), 2
 * on bad usage or when the database cannot be read. */
#include "cli/cli.h"
#include "rules/rules.h"
#include "util/clock.h"
#include "util/text.h"
#include <stdio.h>
#include <string.h>

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {"as-of", required_argument, NULL, 'd'},
                                         {"alliance", required_argument, NULL, 'a'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"lang", required_argument, NULL, 'l'},
                                         {"fail-on", required_argument, NULL, 'x'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *as_of = NULL, *alliance = NULL;
    bool json = false, fail_on_warning = false;
    enum lang lang = LANG_ZH; /* Chinese unless asked: rules.md */
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            url = optarg;
            break;
        case 'd':
            if (!date_valid(optarg))
                return cli_usage("check", "--as-of takes a date as YYYY-MM-DD");
            as_of = optarg;
            break;
        case 'a':
            if (!key_valid(optarg))
                return cli_usage("check", "--alliance takes an alliance key");
            alliance = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0)
                return cli_usage("check", "--format is text or json");
            json = strcmp(optarg, "json") == 0;
            break;
        case 'l':
            if (strcmp(optarg, "zh") != 0 && strcmp(optarg, "en") != 0)
                return cli_usage("check", "--lang is zh or en");
            lang = strcmp(optarg, "en") == 0 ? LANG_EN : LANG_ZH;
            break;
        case 'x':
            if (strcmp(optarg, "error") != 0 && strcmp(optarg, "warning") != 0)
                return cli_usage("check", "--fail-on is error or warning");
            fail_on_warning = strcmp(optarg, "warning") == 0;
            break;
        default:
            return cli_usage("check", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage("check", "check takes no arguments");
    char today[11];
    if (!as_of) {
        clock_date(clock_now(), today); /* today in Asia/Shanghai */
        as_of = today;
    }
    db *d = cli_open(cli_db_url(url), false);
    if (!d)
        return EXIT_USAGE;
    arena *a = arena_new();
    struct actor op = cli_operator();
    struct findings fs;
    struct fail f = {0};
    int rc;
    if (!rules_check(d, &op, day_parse(as_of), alliance, a, &fs, &f)) {
        /* An unknown alliance is a usage error here: nothing was checked. */
        rc = f.kind == FAIL_NOT_FOUND ? EXIT_USAGE : cli_fail(&f);
        if (f.kind == FAIL_NOT_FOUND)
            fprintf(stderr, "lianheti: there is no alliance `%s`\n", alliance);
    } else {
        buf out = {0};
        if (json) {
            json_t *doc = findings_json(&fs, lang);
            char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            json_decref(doc);
            if (s)
                buf_puts(&out, s);
            buf_putc(&out, '\n');
            free(s);
        } else {
            findings_text(&fs, lang, &out);
        }
        bool ok = fwrite(out.data, 1, out.len, stdout) == out.len && fflush(stdout) == 0;
        buf_free(&out);
        if (!ok) {
            fprintf(stderr, "lianheti: cannot write the findings\n");
            rc = EXIT_USAGE;
        } else {
            bool failed =
                fs.counts[SEV_ERROR] > 0 || (fail_on_warning && fs.counts[SEV_WARNING] > 0);
            rc = failed ? EXIT_PROBLEM : 0;
        }
    }
    arena_free(a);
    db_close(d);
    return rc;
}
