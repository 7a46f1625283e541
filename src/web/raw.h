/* A raw HTTP/1.1 request parsed without libmicrohttpd, for `lianheti test-http` and the fuzz
 * target: request.c's getters read it when a request has no connection. It gives what
 * libmicrohttpd gives the server: the path without its query, percent-decoded; the query
 * arguments ('+' as space, percent-decoded; a name without '=' has a NULL value); the headers;
 * the cookies of the first Cookie header. Names are looked up without regard to case and the
 * first of several wins, as libmicrohttpd does. */
#ifndef LH_RAW_H
#define LH_RAW_H
#include "util/arena.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The request line and the headers must fit in this, as in the server (else it answers 431). */
#define RAW_HEAD_MAX (32 * 1024)

struct raw_field {
    const char *name, *value;
};

struct raw_request {
    const char *method, *path;
    struct raw_field *headers, *cookies, *args;
    size_t nheaders, ncookies, nargs;
    uint64_t content_length; /* 0 without a Content-Length header */
    const char *body;        /* what follows the blank line; not NUL-terminated */
    size_t body_have;        /* bytes present there: fewer or more than content_length */
};

/* Parses the request line and headers of data[0..len) into q (strings in arena a). Lines end in
 * CRLF or LF. False with *why (in the arena) naming what is wrong: the request line, a header
 * line, Content-Length, Transfer-Encoding, headers over RAW_HEAD_MAX, a missing blank line.
 * Whether the body is complete is for the caller, which knows the route's body limit. */
bool raw_parse(arena *a, const char *data, size_t len, struct raw_request *q, const char **why);
/* The value of the first field named name (any case), or NULL. */
const char *raw_get(const struct raw_field *f, size_t n, const char *name);

#endif
