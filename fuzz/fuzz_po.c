/* libFuzzer target for util/i18n: the .po parser (catalogues are embedded, but the parser must
 * still never read out of bounds or leak on any input) and the Accept-Language reader, which
 * sees raw request headers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The parser gets the bytes exactly, with no NUL after them, so ASan sees any overread. */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    char err[128];
    struct po_catalog *c = po_parse(text, size, err, sizeof err);
    free(text);

    /* The same bytes as a C string: a header value and a msgid to look up. */
    char *s = malloc(size + 1);
    if (!s) {
        po_free(c);
        return 0;
    }
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';

    if (c) {
        size_t n = po_count(c);
        const char *t = po_lookup(c, s);
        if (t && strlen(t) == 0)
            abort(); /* empty translations are skipped, never stored */
        po_lookup(c, "");
        po_lookup(c, "msgid");
        (void)n;
        po_free(c);
    } else if (err[0] == '\0' || strncmp(err, "line ", 5) != 0) {
        abort(); /* a failure always explains itself */
    }

    enum lang l = lang_from_accept(s);
    if (l != LANG_ZH && l != LANG_EN)
        abort();
    enum lang back;
    if (lang_parse(s, &back) && back != LANG_ZH && back != LANG_EN)
        abort();
    free(s);
    return 0;
}
