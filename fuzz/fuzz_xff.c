/* libFuzzer target for util/text forwarded_client(): the X-Forwarded-For header comes from the
 * network. Besides never reading out of bounds, an accepted value must be an IP address that the
 * header ends with (its last element, blanks aside). */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    char out[FORWARDED_MAX];
    if (forwarded_client(s, out)) {
        unsigned char ip[16];
        if (inet_pton(AF_INET, out, ip) != 1 && inet_pton(AF_INET6, out, ip) != 1)
            abort();
        const char *at = strstr(s, out);
        const char *last = NULL;
        while (at) {
            last = at;
            at = strstr(at + 1, out);
        }
        if (!last || strchr(last, ','))
            abort(); /* not the last element */
    }
    free(s);
    return 0;
}
