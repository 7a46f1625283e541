/* `lianheti test-http`: one raw HTTP request from stdin through the server's own request path
 * (web/server.h: server_answer), without a network; the answer to stdout as HTTP/1.1 text. */
#include "cli/cli.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/raw.h"
#include "web/server.h"
#include <arpa/inet.h>
#include <stdio.h>

/* The largest body a route takes is 64 MiB (a dataset); what comes after is never used. */
#define READ_MAX (RAW_HEAD_MAX + 65 * 1024 * 1024)

/* Reads stdin into b, at most READ_MAX bytes; false on a read error. */
static bool read_stdin(buf *b)
{
    char chunk[65536];
    size_t n;
    while (b->len < READ_MAX && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        buf_append(b, chunk, n);
    return !ferror(stdin);
}

int cmd_test_http(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, OPT_DB},
                                         {"client", required_argument, NULL, 'c'},
                                         {NULL, 0, NULL, 0}};
    const char *url = NULL, *client = "127.0.0.1";
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB:
            url = optarg;
            break;
        case 'c': {
            unsigned char ip[16];
            if (inet_pton(AF_INET, optarg, ip) != 1 && inet_pton(AF_INET6, optarg, ip) != 1)
                return cli_usage("test-http", "--client: expected an IPv4 or IPv6 address");
            client = optarg;
            break;
        }
        default:
            return cli_usage("test-http", "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage("test-http", "test-http takes no arguments: the request comes on stdin");
    buf in = {0};
    if (!read_stdin(&in)) {
        buf_free(&in);
        fprintf(stderr, "lianheti: cannot read the request from stdin\n");
        return EXIT_USAGE;
    }
    arena *a = arena_new();
    struct raw_request q;
    const char *why = NULL;
    int rc = EXIT_USAGE;
    if (!raw_parse(a, buf_str(&in), in.len, &q, &why)) {
        fprintf(stderr, "lianheti: %s\n", why);
        goto done;
    }
    url = cli_db_url(url);
    db *d = cli_open(url, false);
    if (!d)
        goto done;
    /* As `serve --cache-mb 0`: every request is rendered; sign-ins are not throttled. */
    struct config cfg = {.db_url = url, .listen_host = "127.0.0.1"};
    buf out = {0};
    if (server_answer(&cfg, d, client, &q, a, &out, &why)) {
        fwrite(out.data, 1, out.len, stdout);
        rc = fflush(stdout) == 0 ? 0 : EXIT_USAGE;
    } else {
        fprintf(stderr, "lianheti: %s\n", why);
    }
    buf_free(&out);
    db_close(d);
done:
    arena_free(a);
    buf_free(&in);
    return rc;
}
