/* Static assets compiled into the binary, served with a validator so browsers revalidate
 * cheaply. */
#include "util/embed.h"
#include "web/handlers.h"
#include <string.h>

static const char *content_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && !strcmp(dot, ".css"))
        return "text/css; charset=utf-8";
    if (dot && !strcmp(dot, ".js"))
        return "text/javascript; charset=utf-8";
    if (dot && !strcmp(dot, ".svg"))
        return "image/svg+xml";
    if (dot && !strcmp(dot, ".ico"))
        return "image/x-icon";
    return "application/octet-stream";
}

void page_asset(struct request *r)
{
    const char *name = r->params[0];
    const struct embedded_file *f =
        strchr(name, '/') ? NULL : embedded_find(arena_printf(r->a, "assets/%s", name));
    if (!f) {
        resp_error(r, FAIL_NOT_FOUND, "not_found", NULL, "There is nothing at this address.");
        return;
    }
    resp_text(r, 200, content_type(name), (const char *)f->data, f->len);
    r->cache_control = "public, max-age=3600";
    r->etag = true;
}
