/* The ceiling for `make bench`: a bare libmicrohttpd server that answers fixed responses from
 * memory, configured as lianheti's server is (epoll, an internal thread pool of the same size,
 * the same connection limits) and queueing each answer on the access handler's second call, the
 * usual idiom that keeps connections alive (answering on the first call makes libmicrohttpd
 * 0.9.75 close the connection after each response).
 *
 *   ceiling [--threads N] PATH=DIR...
 *
 * Serves, for each GET of PATH (the path only; any query string is ignored), the bytes of
 * DIR/body with the headers listed in DIR/headers ("Name: value" lines, as captured from
 * lianheti; Date, Content-Length and Connection are libmicrohttpd's to write). Listens on
 * 127.0.0.1 and a free port, prints "ceiling: listening on http://127.0.0.1:PORT/" on stderr and
 * runs until SIGINT or SIGTERM. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ROUTES  8
#define MAX_HEADERS 32

struct answer {
    const char *path;
    struct MHD_Response *resp;
};

static struct answer answers[MAX_ROUTES];
static size_t nanswers;

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap + 1);
    for (size_t got; p && (got = fread(p + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap)
            p = realloc(p, (cap *= 2) + 1);
    }
    fclose(f);
    if (!p)
        exit(2);
    p[n] = '\0';
    *len = n;
    return p;
}

static struct MHD_Response *load(const char *dir)
{
    size_t blen, hlen;
    char *body = slurp(dir, "body", &blen);
    char *headers = slurp(dir, "headers", &hlen);
    struct MHD_Response *resp = MHD_create_response_from_buffer(blen, body, MHD_RESPMEM_MUST_FREE);
    if (!resp)
        exit(2);
    char *save = NULL;
    for (char *line = strtok_r(headers, "\r\n", &save); line;
         line = strtok_r(NULL, "\r\n", &save)) {
        char *colon = strchr(line, ':');
        if (!colon)
            continue;
        *colon = '\0';
        const char *value = colon + 1;
        while (*value == ' ')
            value++;
        if (!strcasecmp(line, "Date") || !strcasecmp(line, "Content-Length") ||
            !strcasecmp(line, "Connection") || !strcasecmp(line, "Transfer-Encoding"))
            continue;
        MHD_add_response_header(resp, line, value);
    }
    free(headers);
    return resp;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    (void)cls;
    (void)version;
    (void)upload_data;
    static int first;
    if (*con_cls == NULL) {
        *con_cls = &first; /* the first call: headers only; answer on the next one */
        return MHD_YES;
    }
    if (*upload_size) {
        *upload_size = 0;
        return MHD_YES;
    }
    if (strcmp(method, "GET") == 0)
        for (size_t i = 0; i < nanswers; i++)
            if (strcmp(url, answers[i].path) == 0)
                return MHD_queue_response(conn, MHD_HTTP_OK, answers[i].resp);
    static char none[] = "not found\n";
    struct MHD_Response *r =
        MHD_create_response_from_buffer(sizeof none - 1, none, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_NOT_FOUND, r);
    MHD_destroy_response(r);
    return ok;
}

int main(int argc, char **argv)
{
    unsigned threads = 2;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = (unsigned)strtoul(argv[++i], NULL, 10);
            continue;
        }
        char *eq = strchr(argv[i], '=');
        if (!eq || argv[i][0] != '/' || nanswers == MAX_ROUTES) {
            fprintf(stderr, "usage: ceiling [--threads N] /PATH=DIR...\n");
            return 2;
        }
        *eq = '\0';
        answers[nanswers].path = argv[i];
        answers[nanswers++].resp = load(eq + 1);
    }
    if (!nanswers || threads < 1) {
        fprintf(stderr, "usage: ceiling [--threads N] /PATH=DIR...\n");
        return 2;
    }
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC, 0, NULL, NULL, on_request,
        NULL, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_LIMIT, 1000u,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, 128u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(32 * 1024), MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "ceiling: cannot listen\n");
        return 2;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    fprintf(stderr, "ceiling: listening on http://127.0.0.1:%u/ with %u threads\n",
            info ? info->port : 0, threads);
    int sig;
    sigwait(&sigs, &sig);
    MHD_stop_daemon(d);
    for (size_t i = 0; i < nanswers; i++)
        MHD_destroy_response(answers[i].resp);
    return 0;
}
