/* The web server: libmicrohttpd with a thread pool on epoll, one database connection per worker
 * thread, limits on size, time and connections, and a graceful stop on SIGINT/SIGTERM. */
#ifndef LH_SERVER_H
#define LH_SERVER_H
#include "web/request.h"

/* Serves until SIGINT or SIGTERM, then lets requests in flight finish. Prints the address to
 * stderr once listening. `banner`, when not NULL, is printed after the address (the one-time
 * login of `lianheti ui`). Returns the process exit status. */
int server_run(const struct config *cfg, const char *banner);

struct raw_request;
/* Answers one parsed raw request (web/raw.h) on database d the way the server answers it: the
 * route, the body limit and 413, the path check, 404/405, dispatch() and the handler, the same
 * headers. Appends the answer to out as HTTP/1.1 text (without Date; the response cache is not
 * used unless cache_init() was called). client: the client's address. False, with *why in a,
 * when the body is shorter than its Content-Length. */
bool server_answer(const struct config *cfg, db *d, const char *client, const struct raw_request *q,
                   arena *a, buf *out, const char **why);

#endif
