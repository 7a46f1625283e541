/* The command line: one table of subcommands (src/main.c), one file per command group here.
 * Exit status 0 success, 1 the command ran and found a problem, 2 usage or environment error.
 * Messages go to stderr, data to stdout. */
#ifndef LH_CLI_H
#define LH_CLI_H
#include "auth/rights.h"
#include "domain/fail.h"
#include "store/db.h"
#include <getopt.h>

#define EXIT_PROBLEM 1
#define EXIT_USAGE   2

typedef int (*command_fn)(int argc, char **argv);

struct command {
    const char *name;
    const char *usage;   /* arguments after the name */
    const char *summary; /* one line for `lianheti help` */
    const char *details; /* the rest of `lianheti help NAME` */
    command_fn fn;
};

extern const struct command commands[];
extern const size_t command_count;

/* The --db option every command takes (getopt_long's index in each command's table) and its
 * default: $LIANHETI_DB, else ./lianheti.db. */
#define OPT_DB 1000
const char *cli_db_url(const char *flag);
/* Opens the database; on failure prints why and returns NULL (exit status 2). When migrate is
 * set, creates or upgrades the schema; otherwise refuses a database whose schema is not the
 * program's. */
db *cli_open(const char *url, bool migrate);
/* The actor for commands: the operator at the terminal. */
struct actor cli_operator(void);
/* Prints a domain refusal as "lianheti: field: message" and returns its exit status. */
int cli_fail(const struct fail *f);
/* Prints "lianheti: " + message + usage hint, returns EXIT_USAGE. */
int cli_usage(const char *command, const char *message);
/* Reads one line (a password) from stdin without its line ending; NULL on EOF or a line over
 * 256 bytes. The caller frees it. */
char *cli_read_password(void);
/* The translated message for the operator's language (LANG/LC_ALL/LC_MESSAGES). */
const char *cli_msg(const char *msgid);

int cmd_init(int argc, char **argv);
int cmd_ui(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_test_http(int argc, char **argv);
/* Loads the demo dataset (data/demo.json, compiled in) when the database has no alliance yet.
 * Returns 0 or an exit status, having said what it did on stderr. */
int cli_load_demo(db *d);

#endif
