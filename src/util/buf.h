/* A growable byte buffer on malloc. Response bodies are built in one and handed to the HTTP
 * layer, which frees them; everything else that grows uses one too. Always NUL-terminated. */
#ifndef LH_BUF_H
#define LH_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data; /* NULL until the first append */
    size_t len, cap;
} buf;

/* Makes room for n more bytes at once: a body known to be large then grows without copying
 * itself over and over on the way. */
void buf_reserve(buf *b, size_t n);
void buf_append(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_reset(buf *b); /* keeps the memory */
void buf_free(buf *b);
/* Gives up ownership of the data (malloc'ed, NUL-terminated) and leaves the buffer empty. */
char *buf_steal(buf *b);
const char *buf_str(const buf *b); /* "" when empty */

#endif
