/* The route table declares each route's policy: method, path pattern, handler, the right it
 * needs, how its body is read and how it is protected against cross-site requests. dispatch()
 * enforces all of it, so a handler never re-checks method, right, CSRF or body shape. */
#ifndef LH_ROUTER_H
#define LH_ROUTER_H
#include "web/request.h"

typedef void (*handler_fn)(struct request *r);

enum route_flags {
    RF_API = 1 << 0,       /* JSON in and out; errors as {"error": ...} */
    RF_FORM = 1 << 1,      /* the body is an urlencoded form */
    RF_JSON = 1 << 2,      /* the body is a JSON object */
    RF_PW_CHANGE = 1 << 3, /* allowed while the account must change its password */
    RF_ANON_FORM = 1 << 4, /* a form posted before sign-in: CSRF by double-submit cookie */
    RF_CACHE = 1 << 6,     /* GET: the answer may come from the response cache (web/cache.h) */
    RF_RAW = 1 << 5,       /* with RF_JSON: the handler parses the body itself (a dataset, whose
                              every problem it reports) */
    RF_UPLOAD = 1 << 7,    /* a file: with RF_API the raw body (any content type); on a page a
                              multipart/form-data form (its file in r->upload) or an urlencoded one */
    RF_SIGNIN = 1 << 8,    /* a sign-in: answered 429 while the client's address has used up its
                              failed sign-ins (web/throttle.h); the handler reports each failure */
};

struct route {
    const char *method;  /* "GET" also answers HEAD */
    const char *pattern; /* "/admin/users/{login}/roles": {x} matches one path segment */
    handler_fn fn;
    enum right right;
    unsigned flags;
    size_t body_limit; /* bytes; 0 for routes without a body */
};

extern const struct route routes[];
extern const size_t route_count;

/* Finds the route for method and path and fills r->params. Returns its index, -1 when no route
 * has the path, -2 when the path exists with other methods (405). */
int route_match(struct request *r, const char *method, const char *path);
/* Runs the matched route's policy and then its handler; fills r's response. */
void dispatch(struct request *r);
/* True when the table is sorted by pattern, then method (a unit test holds it to that). */
bool routes_sorted(void);

#endif
