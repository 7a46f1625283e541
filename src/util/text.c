#include "util/text.h"
#include <arpa/inet.h>
#include <sodium.h>
#include <string.h>

bool utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF)
            len = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, cp = c & 0x07;
        else
            return false;
        if (n - i < len)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        i += len;
    }
    return true;
}

size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static bool keyish(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n < 1 || n > max)
        return false;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

bool key_valid(const char *s)
{
    return s && keyish(s, 64);
}

bool login_valid(const char *s)
{
    return s && strlen(s) >= 2 && keyish(s, 32);
}

bool name_valid(const char *s, size_t max)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    if (n == 0 || !utf8_valid(s, n) || s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F)
            return false;
        /* C1 controls U+0080-U+009F are encoded C2 80 - C2 9F. */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] <= 0x9F)
            return false;
    }
    size_t cps = utf8_len(s);
    return cps >= 1 && cps <= max;
}

bool str_equal_ct(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b))
        return false;
    return sodium_memcmp(a, b, n) == 0;
}

bool forwarded_client(const char *xff, char out[FORWARDED_MAX])
{
    const char *last = strrchr(xff, ',');
    last = last ? last + 1 : xff;
    last += strspn(last, " \t");
    size_t n = strcspn(last, " \t");
    unsigned char ip[16];
    if (n == 0 || n >= FORWARDED_MAX || last[n + strspn(last + n, " \t")] != '\0')
        return false;
    memcpy(out, last, n);
    out[n] = '\0';
    return inet_pton(AF_INET, out, ip) == 1 || inet_pton(AF_INET6, out, ip) == 1;
}
