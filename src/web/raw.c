/* The raw request parser (web/raw.h). Strict where a mistake would make a test mean something
 * else (the request line, header syntax, Content-Length), lenient where libmicrohttpd is
 * (malformed %-escapes stay as they are). */
#include "web/raw.h"
#include <string.h>
#include <strings.h>

static bool tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

static bool token(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!tchar((unsigned char)s[i]))
            return false;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* s[0..n) with %XX decoded (and '+' as space when plus), as libmicrohttpd decodes the path and
 * the query arguments: an escape that is not two hex digits stays as it is. */
static char *decode(arena *a, const char *s, size_t n, bool plus)
{
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (plus && s[i] == '+') {
            out[k++] = ' ';
        } else if (s[i] == '%' && n - i >= 3 && (hi = hexval(s[i + 1])) >= 0 &&
                   (lo = hexval(s[i + 2])) >= 0) {
            out[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[k++] = s[i];
        }
    }
    out[k] = '\0';
    return out;
}

/* The line at *pos, searched no further than end, without its CRLF or LF; false when no line
 * ending comes before end. */
static bool next_line(const char *data, size_t end, size_t *pos, const char **line, size_t *n)
{
    const char *nl = memchr(data + *pos, '\n', end - *pos);
    if (!nl)
        return false;
    *line = data + *pos;
    *n = (size_t)(nl - *line);
    if (*n && (*line)[*n - 1] == '\r')
        (*n)--;
    *pos = (size_t)(nl - data) + 1;
    return true;
}

static size_t count(const char *s, size_t n, char c)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == c;
    return k;
}

static bool request_line(arena *a, const char *l, size_t n, struct raw_request *q, const char **why)
{
    const char *sp1 = memchr(l, ' ', n);
    const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - l)) : NULL;
    if (!sp2) {
        *why = "request line: expected METHOD PATH HTTP/1.1";
        return false;
    }
    const char *target = sp1 + 1, *version = sp2 + 1;
    size_t tn = (size_t)(sp2 - target), vn = n - (size_t)(version - l);
    if (!token(l, (size_t)(sp1 - l))) {
        *why = "request line: the method is not a token";
        return false;
    }
    if (tn == 0 || target[0] != '/') {
        *why = "request line: the target must be a path beginning with /";
        return false;
    }
    for (size_t i = 0; i < tn; i++)
        if ((unsigned char)target[i] <= 0x20 || target[i] == 0x7f) {
            *why = "request line: the target has a control character";
            return false;
        }
    if (vn != 8 || (memcmp(version, "HTTP/1.1", 8) != 0 && memcmp(version, "HTTP/1.0", 8) != 0)) {
        *why = "request line: the version must be HTTP/1.1 or HTTP/1.0";
        return false;
    }
    q->method = arena_strndup(a, l, (size_t)(sp1 - l));
    const char *query = memchr(target, '?', tn);
    size_t pn = query ? (size_t)(query - target) : tn;
    q->path = decode(a, target, pn, false);
    if (!query)
        return true;
    const char *s = query + 1, *end = target + tn;
    q->args = arena_alloc(a, (count(s, (size_t)(end - s), '&') + 1) * sizeof *q->args);
    while (s < end) {
        const char *amp = memchr(s, '&', (size_t)(end - s));
        const char *e = amp ? amp : end;
        const char *eq = memchr(s, '=', (size_t)(e - s));
        if (e > s) {
            struct raw_field *f = &q->args[q->nargs++];
            f->name = decode(a, s, (size_t)((eq ? eq : e) - s), true);
            f->value = eq ? decode(a, eq + 1, (size_t)(e - eq - 1), true) : NULL;
        }
        s = e + 1;
    }
    return true;
}

/* Content-Length: digits only, and the same value when given twice. */
static bool content_length(const char *v, struct raw_request *q, bool *seen, const char **why)
{
    size_t n = strlen(v);
    uint64_t x = 0;
    if (n == 0 || n > 19 || strspn(v, "0123456789") != n) {
        *why = "Content-Length: not a number of bytes";
        return false;
    }
    for (size_t i = 0; i < n; i++)
        x = x * 10 + (uint64_t)(v[i] - '0');
    if (*seen && x != q->content_length) {
        *why = "Content-Length: given twice with different values";
        return false;
    }
    *seen = true;
    q->content_length = x;
    return true;
}

static bool header_line(arena *a, const char *l, size_t n, size_t lineno, struct raw_request *q,
                        const char **why)
{
    if (l[0] == ' ' || l[0] == '\t') {
        *why = arena_printf(a, "header line %zu: a line continued by indenting is not allowed",
                            lineno);
        return false;
    }
    const char *colon = memchr(l, ':', n);
    if (!colon) {
        *why = arena_printf(a, "header line %zu: no ':' after the name", lineno);
        return false;
    }
    if (!token(l, (size_t)(colon - l))) {
        *why = arena_printf(a, "header line %zu: the name is not a token", lineno);
        return false;
    }
    const char *v = colon + 1, *e = l + n;
    while (v < e && (*v == ' ' || *v == '\t'))
        v++;
    while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    for (const char *c = v; c < e; c++)
        if ((*c != '\t' && (unsigned char)*c < 0x20) || *c == 0x7f) {
            *why = arena_printf(a, "header line %zu: the value has a control character", lineno);
            return false;
        }
    q->headers[q->nheaders++] = (struct raw_field){arena_strndup(a, l, (size_t)(colon - l)),
                                                   arena_strndup(a, v, (size_t)(e - v))};
    return true;
}

/* "a=b; c=d" into q->cookies; pairs without '=' are skipped, quotes around a value dropped. */
static void cookies(arena *a, const char *s, struct raw_request *q)
{
    size_t n = strlen(s);
    q->cookies = arena_alloc(a, (count(s, n, ';') + 1) * sizeof *q->cookies);
    const char *end = s + n;
    while (s < end) {
        const char *semi = memchr(s, ';', (size_t)(end - s));
        const char *e = semi ? semi : end;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        const char *eq = memchr(s, '=', (size_t)(e - s));
        if (eq && eq > s) {
            const char *v = eq + 1, *ve = e;
            while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
                ve--;
            if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
                v++;
                ve--;
            }
            q->cookies[q->ncookies++] = (struct raw_field){arena_strndup(a, s, (size_t)(eq - s)),
                                                           arena_strndup(a, v, (size_t)(ve - v))};
        }
        s = e + 1;
    }
}

bool raw_parse(arena *a, const char *data, size_t len, struct raw_request *q, const char **why)
{
    memset(q, 0, sizeof *q);
    size_t pos = 0;
    /* Empty lines before the request line are ignored, as servers do. */
    while (pos < len &&
           (data[pos] == '\n' || (data[pos] == '\r' && pos + 1 < len && data[pos + 1] == '\n')))
        pos += data[pos] == '\r' ? 2 : 1;
    if (pos == len) {
        *why = "the request is empty";
        return false;
    }
    size_t start = pos, end = len - start > RAW_HEAD_MAX ? start + RAW_HEAD_MAX : len;
    size_t lines = 0, n;
    const char *l;
    for (size_t p = start;; lines++) {
        if (!next_line(data, end, &p, &l, &n)) {
            *why = end < len ? "the request line and headers are over 32 KiB"
                             : "the headers do not end with a blank line";
            return false;
        }
        if (n == 0)
            break;
    }
    if (lines == 0) {
        *why = "request line: missing";
        return false;
    }
    q->headers = arena_alloc(a, lines * sizeof *q->headers);
    next_line(data, end, &pos, &l, &n);
    if (!request_line(a, l, n, q, why))
        return false;
    bool seen_length = false;
    for (size_t i = 1; i < lines; i++) {
        next_line(data, end, &pos, &l, &n);
        if (!header_line(a, l, n, i, q, why))
            return false;
        const struct raw_field *h = &q->headers[q->nheaders - 1];
        if (strcasecmp(h->name, "Content-Length") == 0 &&
            !content_length(h->value, q, &seen_length, why))
            return false;
        if (strcasecmp(h->name, "Transfer-Encoding") == 0) {
            *why = "Transfer-Encoding: not supported here; send the body with Content-Length";
            return false;
        }
    }
    next_line(data, end, &pos, &l, &n); /* the blank line */
    q->body = data + pos;
    q->body_have = len - pos;
    const char *cookie = raw_get(q->headers, q->nheaders, "Cookie");
    if (cookie)
        cookies(a, cookie, q);
    return true;
}

const char *raw_get(const struct raw_field *f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(f[i].name, name) == 0)
            return f[i].value;
    return NULL;
}
