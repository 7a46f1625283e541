/* libFuzzer target for web/form: the urlencoded parser every page's POST body goes through.
 * Besides never reading out of bounds or leaking, every accepted form must keep the parser's
 * promises (at most FORM_MAX_FIELDS fields, names and values valid UTF-8 without NUL, form_get
 * gives the first value of a name), and survive a round trip: encoding the parsed fields again
 * and parsing that gives the same fields. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/text.h"
#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void encode(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            buf_putc(b, (char)*p);
        } else if (*p == ' ') {
            buf_putc(b, '+');
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(b, esc, 3);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Exactly size bytes with nothing after them, so ASan sees any overread. */
    char *body = malloc(size ? size : 1);
    if (!body)
        return 0;
    if (size)
        memcpy(body, data, size);
    arena *a = arena_new();
    const char *why = NULL;
    struct form *f = form_parse(a, body, size, &why);
    free(body); /* nothing in the form may point into the body */
    if (!f) {
        if (!why || !*why)
            abort(); /* a refusal always says why */
        arena_free(a);
        return 0;
    }
    if (f->n > FORM_MAX_FIELDS)
        abort();
    for (size_t i = 0; i < f->n; i++) {
        const char *name = f->fields[i].name, *value = f->fields[i].value;
        if (!name || !value || !utf8_valid(name, strlen(name)) || !utf8_valid(value, strlen(value)))
            abort();
        /* form_get finds the first field of that name. */
        size_t first = i;
        for (size_t k = 0; k < i; k++)
            if (strcmp(f->fields[k].name, name) == 0) {
                first = k;
                break;
            }
        if (form_get(f, name) != f->fields[first].value)
            abort();
    }
    form_get(f, "csrf");
    form_get(f, "");

    /* Round trip. */
    buf b = {0};
    for (size_t i = 0; i < f->n; i++) {
        if (i)
            buf_putc(&b, '&');
        encode(&b, f->fields[i].name);
        buf_putc(&b, '=');
        encode(&b, f->fields[i].value);
    }
    struct form *g = form_parse(a, buf_str(&b), b.len, &why);
    /* A form whose only field has an empty name and value encodes as "=", which parses back
     * as that same field; an empty form encodes as "". */
    if (!g || g->n != f->n)
        abort();
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(g->fields[i].name, f->fields[i].name) != 0 ||
            strcmp(g->fields[i].value, f->fields[i].value) != 0)
            abort();
    buf_free(&b);
    arena_free(a);
    return 0;
}
