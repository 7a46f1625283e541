/* The XML escaper (xml.h). */
#include "util/xml.h"
#include <string.h>

void xml_escape(buf *out, const char *s)
{
    if (!s)
        return;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&':
            buf_puts(out, "&amp;");
            break;
        case '<':
            buf_puts(out, "&lt;");
            break;
        case '>':
            buf_puts(out, "&gt;");
            break;
        case '"':
            buf_puts(out, "&quot;");
            break;
        case '\'':
            buf_puts(out, "&apos;");
            break;
        default:
            /* A document holding one of these is not well-formed: a reader would reject the
             * whole feed for one stray byte. */
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                break;
            buf_putc(out, (char)c);
        }
    }
}
