/* The urlencoded parser: '&'-separated name=value pairs, '+' for space, %XX escapes. */
#include "web/form.h"
#include "util/i18n.h"
#include "util/text.h"
#include <string.h>

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

/* Decodes s[0..n) into a new arena string; NULL when an escape is malformed or the result is not
 * valid UTF-8 without NUL. */
static char *decode(arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            out[k++] = ' ';
        } else if (s[i] == '%') {
            if (n - i < 3)
                return NULL;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0)
                return NULL;
            out[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[k++] = s[i];
        }
    }
    out[k] = '\0';
    return utf8_valid(out, k) ? out : NULL;
}

struct form *form_parse(arena *a, const char *body, size_t len, const char **why)
{
    struct form *f = arena_alloc(a, sizeof *f);
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(body + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - body) : len;
        if (end > i) {
            const char *eq = memchr(body + i, '=', end - i);
            size_t name_end = eq ? (size_t)(eq - body) : end;
            if (f->n == FORM_MAX_FIELDS) {
                *why = N_("The form has too many fields.");
                return NULL;
            }
            char *name = decode(a, body + i, name_end - i);
            char *value = eq ? decode(a, eq + 1, end - name_end - 1) : arena_strdup(a, "");
            if (!name || !value) {
                *why = N_("A form field is malformed (a bad escape or invalid UTF-8).");
                return NULL;
            }
            f->fields[f->n].name = name;
            f->fields[f->n].value = value;
            f->n++;
        }
        i = end + 1;
    }
    return f;
}

const char *form_get(const struct form *f, const char *name)
{
    if (!f)
        return NULL;
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value;
    return NULL;
}

bool form_has(const struct form *f, const char *name, const char *value)
{
    for (size_t i = 0; f && i < f->n; i++)
        if (strcmp(f->fields[i].name, name) == 0 && strcmp(f->fields[i].value, value) == 0)
            return true;
    return false;
}

const char **form_get_all(arena *a, const struct form *f, const char *name, size_t *n)
{
    const char **out = arena_alloc(a, (f && f->n ? f->n : 1) * sizeof *out);
    *n = 0;
    for (size_t i = 0; f && i < f->n; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            out[(*n)++] = f->fields[i].value;
    return out;
}
