/* The web server: libmicrohttpd with a thread pool on epoll, one database connection per worker
 * thread, limits on size, time and connections, and a graceful stop on SIGINT/SIGTERM. */
#ifndef LH_SERVER_H
#define LH_SERVER_H
#include "web/request.h"

/* Serves until SIGINT or SIGTERM, then lets requests in flight finish. Prints the address to
 * stderr once listening. `banner`, when not NULL, is printed after the address (the one-time
 * login of `lianheti ui`). Returns the process exit status. */
int server_run(const struct config *cfg, const char *banner);

#endif
