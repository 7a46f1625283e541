/* Message catalogues: the standard .po files in po/ (zh_CN complete, en available), compiled into
 * the binary and parsed once at start-up, so a request's language never depends on the locales the
 * machine has installed. msgids are the English text; a message without a translation in the
 * chosen catalogue falls back to its msgid. */
#ifndef LH_I18N_H
#define LH_I18N_H
#include <stdbool.h>
#include <stddef.h>

enum lang { LANG_ZH = 0, LANG_EN = 1, LANG_COUNT };

/* Marks a string literal as a message for xgettext where it is not translated on the spot
 * (tables, messages returned by the domain and translated at the edge). */
#define N_(s) s

/* Loads po/zh_CN.po and po/en.po from the embedded files. Call once before any thread starts;
 * returns false (with a message on stderr) when a catalogue does not parse. */
bool i18n_init(void);
void i18n_free(void);

/* The translation of msgid in lang, or msgid itself. The result lives as long as the catalogues
 * (until i18n_free) or as long as msgid. Thread-safe after i18n_init. */
const char *i18n_get(enum lang lang, const char *msgid);

/* Parses .po text into a catalogue; exposed for tests and the fuzz target. Returns NULL with a
 * message "line N: ..." in err on a syntax error. Handles msgctxt-less entries, multi-line
 * strings, the escapes \n \t \" \\, comments, and skips fuzzy entries and the header entry. */
struct po_catalog;
struct po_catalog *po_parse(const char *text, size_t len, char *err, size_t errlen);
const char *po_lookup(const struct po_catalog *c, const char *msgid); /* NULL when absent */
size_t po_count(const struct po_catalog *c);
void po_free(struct po_catalog *c);

/* The language to answer in, from an Accept-Language header (may be NULL): the highest q among
 * zh* and en*; Chinese when neither is named or the header is malformed. */
enum lang lang_from_accept(const char *accept_language);
/* "zh-CN" / "en": for <html lang> and for storing a user's choice. */
const char *lang_tag(enum lang lang);
/* Parses a stored tag ("zh-CN", "zh", "en"); false when it is not one of ours. */
bool lang_parse(const char *tag, enum lang *out);

#endif
