/* argon2id with t=2 passes over 19 MiB: the OWASP minimum for interactive sign-in, which keeps a
 * sign-in under ~50 ms on one core while making a stolen hash expensive to attack. */
#include "auth/password.h"
#include "util/i18n.h"
#include "util/text.h"
#include <pthread.h>
#include <string.h>

#define OPSLIMIT 2
#define MEMLIMIT (19u * 1024 * 1024)

const char *password_policy(const char *pw)
{
    size_t n = strlen(pw);
    if (!utf8_valid(pw, n))
        return N_("The password must be valid UTF-8 text.");
    size_t cps = utf8_len(pw);
    if (cps < PASSWORD_MIN || cps > PASSWORD_MAX)
        return N_("The password must have 12 to 64 characters.");
    bool lower = false, upper = false, digit = false, symbol = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)pw[i];
        if (c >= 'a' && c <= 'z')
            lower = true;
        else if (c >= 'A' && c <= 'Z')
            upper = true;
        else if (c >= '0' && c <= '9')
            digit = true;
        else if (c < 0x80 || (c & 0xC0) == 0xC0) /* count a multi-byte character once */
            symbol = true;
    }
    if (lower + upper + digit + symbol < 3)
        return N_("The password must mix at least three of: lower case, upper case, digits, "
                  "symbols.");
    return NULL;
}

bool password_hash(const char *pw, char out[crypto_pwhash_STRBYTES])
{
    return crypto_pwhash_str_alg(out, pw, strlen(pw), OPSLIMIT, MEMLIMIT,
                                 crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool password_verify(const char *hash, const char *pw)
{
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

/* Made once, so a dummy verification costs one argon2id run, exactly like a real one. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static bool dummy_ok;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    dummy_ok = password_hash("dummy-Password-1", dummy_hash);
}

void password_verify_dummy(const char *pw)
{
    pthread_once(&dummy_once, make_dummy);
    if (dummy_ok)
        password_verify(dummy_hash, pw);
}

void password_generate(char out[17])
{
    /* No look-alikes (0/O, 1/l/I) since people copy these from a screen. */
    static const char *classes[] = {"abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ",
                                    "23456789", "#%+-=?@_"};
    for (int i = 0; i < 16; i++) {
        const char *set = classes[i < 4 ? (uint32_t)i : randombytes_uniform(4)];
        out[i] = set[randombytes_uniform((uint32_t)strlen(set))];
    }
    /* Shuffle so the guaranteed classes are not always in front (Fisher-Yates). */
    for (int i = 15; i > 0; i--) {
        uint32_t j = randombytes_uniform((uint32_t)i + 1);
        char t = out[i];
        out[i] = out[j];
        out[j] = t;
    }
    out[16] = '\0';
}
