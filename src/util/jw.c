/* The streaming JSON writer (jw.h). */
#include "util/jw.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void jw_init(jw *w, buf *b)
{
    *w = (jw){.b = b};
}

/* Before any value or key: the comma that separates it from the previous member. */
static void separate(jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    uint64_t bit = (uint64_t)1 << (w->depth & 63);
    if (w->filled & bit)
        buf_putc(w->b, ',');
    w->filled |= bit;
}

static void enter(jw *w, char c)
{
    separate(w);
    buf_putc(w->b, c);
    w->depth++;
    w->filled &= ~((uint64_t)1 << (w->depth & 63));
}

static void leave(jw *w, char c)
{
    buf_putc(w->b, c);
    w->depth--;
}

void jw_object(jw *w)
{
    enter(w, '{');
}

void jw_object_end(jw *w)
{
    leave(w, '}');
}

void jw_array(jw *w)
{
    enter(w, '[');
}

void jw_array_end(jw *w)
{
    leave(w, ']');
}

static void quoted(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    buf_putc(b, '"');
    for (;;) {
        size_t run = 0;
        while ((unsigned char)s[run] >= 0x20 && s[run] != '"' && s[run] != '\\')
            run++;
        buf_append(b, s, run);
        s += run;
        if (!*s)
            break;
        unsigned char c = (unsigned char)*s++;
        switch (c) {
        case '"':
            buf_puts(b, "\\\"");
            break;
        case '\\':
            buf_puts(b, "\\\\");
            break;
        case '\b':
            buf_puts(b, "\\b");
            break;
        case '\f':
            buf_puts(b, "\\f");
            break;
        case '\n':
            buf_puts(b, "\\n");
            break;
        case '\r':
            buf_puts(b, "\\r");
            break;
        case '\t':
            buf_puts(b, "\\t");
            break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            buf_append(b, u, sizeof u);
        }
        }
    }
    buf_putc(b, '"');
}

void jw_key(jw *w, const char *key)
{
    separate(w);
    quoted(w->b, key);
    buf_putc(w->b, ':');
    w->after_key = true;
}

void jw_string(jw *w, const char *s)
{
    if (!s) {
        jw_null(w);
        return;
    }
    separate(w);
    quoted(w->b, s);
}

void jw_int(jw *w, int64_t v)
{
    separate(w);
    char n[24];
    int len = snprintf(n, sizeof n, "%" PRId64, v);
    buf_append(w->b, n, (size_t)len);
}

void jw_bool(jw *w, bool v)
{
    separate(w);
    buf_puts(w->b, v ? "true" : "false");
}

void jw_null(jw *w)
{
    separate(w);
    buf_puts(w->b, "null");
}

void jw_member_string(jw *w, const char *key, const char *s)
{
    if (!s)
        return;
    jw_key(w, key);
    jw_string(w, s);
}

void jw_member_int(jw *w, const char *key, int64_t v)
{
    jw_key(w, key);
    jw_int(w, v);
}
