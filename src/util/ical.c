/* iCalendar content lines (ical.h). */
#include "util/ical.h"
#include <string.h>

#define FOLD_AT 75 /* octets per line, CRLF not counted (RFC 5545, 3.1) */

/* The octets of the UTF-8 character that starts with byte c (1 for a stray continuation byte,
 * so invalid input still advances). */
static size_t char_len(unsigned char c)
{
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    if (c >= 0xC0)
        return 2;
    return 1;
}

/* Writes the unfolded line s (n octets) folded, then CRLF. */
static void fold(buf *out, const char *s, size_t n)
{
    size_t used = 0; /* octets on the current output line */
    for (size_t i = 0; i < n;) {
        size_t k = char_len((unsigned char)s[i]);
        if (k > n - i)
            k = n - i;
        if (used + k > FOLD_AT) {
            buf_puts(out, "\r\n ");
            used = 1; /* the space that marks a continuation counts */
        }
        buf_append(out, s + i, k);
        used += k;
        i += k;
    }
    buf_puts(out, "\r\n");
}

void ical_line(buf *out, const char *name, const char *value)
{
    buf line = {0};
    buf_puts(&line, name);
    buf_putc(&line, ':');
    buf_puts(&line, value ? value : "");
    fold(out, buf_str(&line), line.len);
    buf_free(&line);
}

void ical_text(buf *out, const char *name, const char *text)
{
    if (!text)
        return;
    buf line = {0};
    buf_puts(&line, name);
    buf_putc(&line, ':');
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\\' || c == ';' || c == ',') {
            buf_putc(&line, '\\');
            buf_putc(&line, (char)c);
        } else if (c == '\n') {
            buf_puts(&line, "\\n");
        } else if (c == '\t' || c >= 0x20) {
            buf_putc(&line, (char)c);
        } /* CR (of a CRLF) and other controls: not allowed in a TEXT value */
    }
    fold(out, buf_str(&line), line.len);
    buf_free(&line);
}
