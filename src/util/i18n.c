/* Message catalogues and the choice of language. The .po files in po/ are compiled into the binary
 * (util/embed.h) and parsed once at start-up into immutable catalogues, so lookups need no lock.
 * A catalogue is one malloc'd block: a header, an array of entries sorted by msgid (searched with
 * bsearch) and the unescaped strings. The parser runs twice over the text: the first pass checks
 * the syntax and measures, the second fills a block of exactly that size.
 *
 * Decisions beyond the header's contract:
 *  - plural entries (msgid_plural) are kept under their singular msgid with msgstr[0] as the
 *    translation, since i18n_get takes no count; the msgstr[N] must come in order from 0;
 *  - duplicate msgids are errors even when one of them is fuzzy or untranslated, as for msgfmt;
 *  - msgctxt is rejected: a context-less lookup could not tell such entries apart;
 *  - every line, comments included, must be valid UTF-8 without NUL; a leading BOM is skipped. */
#include "util/i18n.h"
#include "util/embed.h"
#include "util/text.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct po_entry {
    const char *id;
    const char *str; /* NULL for entries kept only to detect duplicates, dropped after the check */
    size_t line;
};

struct po_catalog {
    size_t n;
    struct po_entry e[]; /* followed by the strings */
};

enum state { ST_IDLE, ST_ID, ST_PLURAL, ST_STR };
enum target { T_ID, T_STR, T_DISCARD };

struct parser {
    const char *p, *end;
    size_t line;
    char *err;
    size_t errlen;
    /* Output: NULL in the measuring pass; in the filling pass, sized by the measuring pass. */
    struct po_entry *ents;
    char *store;
    size_t nent, used; /* entries and string bytes so far (both passes count the same way) */
    /* The entry being read. */
    enum state st;
    enum target tgt;
    bool pending_fuzzy, fuzzy, plural, header;
    unsigned next_index; /* the msgstr[N] expected next */
    size_t entry_line, id_len, str_off, str_len;
};

static bool fail(struct parser *ps, size_t line, const char *msg)
{
    if (ps->err && ps->errlen)
        snprintf(ps->err, ps->errlen, "line %zu: %s", line, msg);
    return false;
}

static void emit(struct parser *ps, char c)
{
    if (ps->tgt == T_ID) {
        if (ps->store)
            ps->store[ps->used + ps->id_len] = c;
        ps->id_len++;
    } else if (ps->tgt == T_STR) {
        if (ps->store)
            ps->store[ps->str_off + ps->str_len] = c;
        ps->str_len++;
    }
}

/* The msgid is complete: terminate it and place the msgstr after it. An empty msgid is the
 * header, whose text is not kept. */
static void end_msgid(struct parser *ps)
{
    ps->header = ps->id_len == 0;
    if (!ps->header && ps->store)
        ps->store[ps->used + ps->id_len] = '\0';
    ps->str_off = ps->used + ps->id_len + 1;
    ps->str_len = 0;
}

static void finish_entry(struct parser *ps)
{
    if (!ps->header) {
        const char *str = NULL;
        size_t next = ps->str_off; /* the msgid stays, for the duplicate check */
        if (!ps->fuzzy && ps->str_len > 0) {
            if (ps->store) {
                ps->store[ps->str_off + ps->str_len] = '\0';
                str = ps->store + ps->str_off;
            }
            next += ps->str_len + 1;
        }
        if (ps->ents)
            ps->ents[ps->nent] =
                (struct po_entry){.id = ps->store + ps->used, .str = str, .line = ps->entry_line};
        ps->nent++;
        ps->used = next;
    }
    ps->st = ST_IDLE;
}

/* Ends the entry in progress before a comment or a new msgid; false when it lacks its msgstr. */
static bool close_entry(struct parser *ps)
{
    if (ps->st == ST_ID || ps->st == ST_PLURAL)
        return fail(ps, ps->entry_line, "msgid without msgstr");
    if (ps->st == ST_STR)
        finish_entry(ps);
    return true;
}

/* A quoted string starting at s (on '"') and running to the end of the line e. */
static bool read_string(struct parser *ps, const char *s, const char *e)
{
    if (s == e || *s != '"')
        return fail(ps, ps->line, "expected a string");
    for (s++;; s++) {
        if (s == e)
            return fail(ps, ps->line, "unterminated string");
        if (*s == '"')
            break;
        if (*s != '\\') {
            emit(ps, *s);
            continue;
        }
        if (++s == e)
            return fail(ps, ps->line, "unterminated string");
        switch (*s) {
        case 'n':
            emit(ps, '\n');
            break;
        case 't':
            emit(ps, '\t');
            break;
        case '"':
        case '\\':
            emit(ps, *s);
            break;
        default:
            return fail(ps, ps->line, "unknown escape");
        }
    }
    for (s++; s < e && (*s == ' ' || *s == '\t'); s++)
        ;
    if (s != e)
        return fail(ps, ps->line, "text after string");
    return true;
}

/* The length of keyword kw when the line s..e starts with it followed by a blank, a quote or (for
 * msgstr) a bracket; 0 otherwise. */
static size_t keyword(const char *s, const char *e, const char *kw)
{
    size_t n = strlen(kw);
    if ((size_t)(e - s) <= n || memcmp(s, kw, n) != 0)
        return 0;
    char c = s[n];
    return (c == ' ' || c == '\t' || c == '"' || c == '[') ? n : 0;
}

static const char *skip_blanks(const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

/* "#, fuzzy, c-format": marks the next entry fuzzy. */
static void read_flags(struct parser *ps, const char *s, const char *e)
{
    while (s < e) {
        while (s < e && (*s == ',' || *s == ' ' || *s == '\t'))
            s++;
        const char *w = s;
        while (s < e && *s != ',' && *s != ' ' && *s != '\t')
            s++;
        if (s - w == 5 && memcmp(w, "fuzzy", 5) == 0)
            ps->pending_fuzzy = true;
    }
}

static bool read_line(struct parser *ps, const char *s, const char *e)
{
    if (!utf8_valid(s, (size_t)(e - s)))
        return fail(ps, ps->line, "invalid UTF-8");
    s = skip_blanks(s, e);
    if (s == e)
        return true;
    if (*s == '#') {
        if (!close_entry(ps))
            return false;
        if (e - s >= 2 && s[1] == ',')
            read_flags(ps, s + 2, e);
        return true;
    }
    if (*s == '"') {
        if (ps->st == ST_IDLE)
            return fail(ps, ps->line, "string outside an entry");
        return read_string(ps, s, e);
    }
    size_t n;
    if ((n = keyword(s, e, "msgid")) && s[n] != '[') {
        if (!close_entry(ps))
            return false;
        ps->st = ST_ID;
        ps->tgt = T_ID;
        ps->fuzzy = ps->pending_fuzzy;
        ps->pending_fuzzy = false;
        ps->plural = false;
        ps->header = false;
        ps->next_index = 0;
        ps->entry_line = ps->line;
        ps->id_len = 0;
        return read_string(ps, skip_blanks(s + n, e), e);
    }
    if ((n = keyword(s, e, "msgid_plural")) && s[n] != '[') {
        if (ps->st != ST_ID)
            return fail(ps, ps->line, "unexpected msgid_plural");
        end_msgid(ps);
        ps->plural = true;
        ps->st = ST_PLURAL;
        ps->tgt = T_DISCARD;
        return read_string(ps, skip_blanks(s + n, e), e);
    }
    if ((n = keyword(s, e, "msgstr"))) {
        s += n;
        if (*s != '[') {
            if (ps->st != ST_ID)
                return fail(ps, ps->line, "unexpected msgstr");
            end_msgid(ps);
            ps->tgt = (ps->header || ps->fuzzy) ? T_DISCARD : T_STR;
        } else {
            unsigned idx = 0;
            size_t digits = 0;
            for (s++; s < e && *s >= '0' && *s <= '9' && digits < 4; s++, digits++)
                idx = idx * 10 + (unsigned)(*s - '0');
            if (digits == 0 || s == e || *s != ']')
                return fail(ps, ps->line, "syntax error");
            s++;
            if (!(ps->st == ST_PLURAL || (ps->st == ST_STR && ps->plural)) || idx != ps->next_index)
                return fail(ps, ps->line, "unexpected msgstr[N]");
            ps->next_index++;
            ps->tgt = (idx == 0 && !ps->header && !ps->fuzzy) ? T_STR : T_DISCARD;
        }
        ps->st = ST_STR;
        return read_string(ps, skip_blanks(s, e), e);
    }
    if (keyword(s, e, "msgctxt"))
        return fail(ps, ps->line, "msgctxt is not supported");
    return fail(ps, ps->line, "syntax error");
}

static bool run(struct parser *ps, const char *text, size_t len)
{
    ps->p = text;
    ps->end = text + len;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ps->p += 3;
    for (ps->line = 1; ps->p < ps->end; ps->line++) {
        const char *eol = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
        const char *e = eol ? eol : ps->end;
        const char *next = eol ? eol + 1 : ps->end;
        if (e > ps->p && e[-1] == '\r')
            e--;
        if (!read_line(ps, ps->p, e))
            return false;
        ps->p = next;
    }
    return close_entry(ps);
}

static int cmp_entry(const void *a, const void *b)
{
    const struct po_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return (x->line > y->line) - (x->line < y->line);
}

static int cmp_key(const void *key, const void *ent)
{
    return strcmp(key, ((const struct po_entry *)ent)->id);
}

struct po_catalog *po_parse(const char *text, size_t len, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (!text)
        len = 0;
    struct parser ps = {.err = err, .errlen = errlen};
    if (len && !run(&ps, text, len))
        return NULL;
    size_t nent = ps.nent, used = ps.used;
    if (nent > (SIZE_MAX - sizeof(struct po_catalog) - used) / sizeof(struct po_entry)) {
        fail(&ps, 1, "catalogue too large");
        return NULL;
    }
    struct po_catalog *c = malloc(sizeof *c + nent * sizeof(struct po_entry) + used);
    if (!c) {
        fail(&ps, 1, "out of memory");
        return NULL;
    }
    c->n = 0;
    if (nent) {
        ps = (struct parser){
            .err = err, .errlen = errlen, .ents = c->e, .store = (char *)&c->e[nent]};
        /* Same text, same result: the measuring pass already accepted it. */
        if (!run(&ps, text, len) || ps.nent != nent || ps.used != used) {
            free(c);
            return NULL;
        }
        qsort(c->e, nent, sizeof c->e[0], cmp_entry);
        /* Sorted by (msgid, line): a duplicate is the second of two equal neighbours; report the
         * first one in file order. */
        size_t dup = 0;
        for (size_t i = 1; i < nent; i++)
            if (strcmp(c->e[i - 1].id, c->e[i].id) == 0 && (dup == 0 || c->e[i].line < dup))
                dup = c->e[i].line;
        if (dup) {
            free(c);
            fail(&ps, dup, "duplicate msgid");
            return NULL;
        }
        for (size_t i = 0; i < nent; i++)
            if (c->e[i].str)
                c->e[c->n++] = c->e[i];
    }
    return c;
}

const char *po_lookup(const struct po_catalog *c, const char *msgid)
{
    if (!c || !msgid || c->n == 0)
        return NULL;
    const struct po_entry *e = bsearch(msgid, c->e, c->n, sizeof c->e[0], cmp_key);
    return e ? e->str : NULL;
}

size_t po_count(const struct po_catalog *c)
{
    return c ? c->n : 0;
}

void po_free(struct po_catalog *c)
{
    free(c);
}

static struct po_catalog *catalogs[LANG_COUNT];
static const char *const catalog_files[LANG_COUNT] = {
    [LANG_ZH] = "po/zh_CN.po", [LANG_EN] = "po/en.po"};

bool i18n_init(void)
{
    i18n_free();
    for (int l = 0; l < LANG_COUNT; l++) {
        const struct embedded_file *f = embedded_find(catalog_files[l]);
        if (!f) {
            fprintf(stderr, "lianheti: %s is not embedded\n", catalog_files[l]);
            i18n_free();
            return false;
        }
        char err[128];
        catalogs[l] = po_parse((const char *)f->data, f->len, err, sizeof err);
        if (!catalogs[l]) {
            fprintf(stderr, "lianheti: %s: %s\n", catalog_files[l], err);
            i18n_free();
            return false;
        }
    }
    return true;
}

void i18n_free(void)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        po_free(catalogs[l]);
        catalogs[l] = NULL;
    }
}

const char *i18n_get(enum lang lang, const char *msgid)
{
    if ((unsigned)lang >= LANG_COUNT)
        return msgid;
    const char *s = po_lookup(catalogs[lang], msgid);
    return s ? s : msgid;
}

/* Accept-Language (RFC 9110, 12.5.4): #( language-range [ weight ] ), where
 * language-range = 1*8ALPHA *( "-" 1*8alphanum ) / "*" and weight = OWS ";" OWS "q=" qvalue.
 * Weights are kept in thousandths. Each element is read once, so the work is linear. */

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); -1 when malformed. */
static int read_qvalue(const char *s, const char *e)
{
    if (s == e || (*s != '0' && *s != '1'))
        return -1;
    bool one = *s++ == '1';
    int q = one ? 1000 : 0, scale = 100, digits = 0;
    if (s < e && *s == '.') {
        for (s++; s < e && is_digit(*s); s++, digits++) {
            if (digits == 3 || (one && *s != '0'))
                return -1;
            q += (*s - '0') * scale;
            scale /= 10;
        }
    }
    return s == e ? q : -1;
}

/* One element s..e, without its surrounding blanks. Sets *primary to 'e' (en), 'z' (zh) or 0, and
 * returns the weight, or -1 when the element is malformed. */
static int read_element(const char *s, const char *e, char *primary)
{
    const char *r = s;
    *primary = 0;
    if (s < e && *s == '*') {
        s++;
    } else {
        while (s < e && is_alpha(*s) && s - r < 8)
            s++;
        if (s == r)
            return -1;
        if (s - r == 2 && strncasecmp(r, "en", 2) == 0)
            *primary = 'e';
        else if (s - r == 2 && strncasecmp(r, "zh", 2) == 0)
            *primary = 'z';
        while (s < e && *s == '-') {
            const char *sub = ++s;
            while (s < e && (is_alpha(*s) || is_digit(*s)) && s - sub < 8)
                s++;
            if (s == sub)
                return -1;
        }
    }
    s = skip_blanks(s, e);
    if (s == e)
        return 1000;
    if (*s != ';')
        return -1;
    s = skip_blanks(s + 1, e);
    if (e - s < 2 || (*s != 'q' && *s != 'Q') || s[1] != '=')
        return -1;
    return read_qvalue(s + 2, e);
}

enum lang lang_from_accept(const char *accept_language)
{
    if (!accept_language)
        return LANG_ZH;
    int best_en = -1, best_zh = -1;
    const char *s = accept_language;
    while (*s) {
        const char *comma = strchr(s, ',');
        const char *e = comma ? comma : s + strlen(s);
        const char *b = skip_blanks(s, e);
        while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        char primary = 0;
        int q = b < e ? read_element(b, e, &primary) : -1;
        if (q >= 0 && primary == 'e' && q > best_en)
            best_en = q;
        if (q >= 0 && primary == 'z' && q > best_zh)
            best_zh = q;
        if (!comma)
            break;
        s = comma + 1;
    }
    return (best_en > 0 && best_en > best_zh) ? LANG_EN : LANG_ZH;
}

const char *lang_tag(enum lang lang)
{
    return lang == LANG_EN ? "en" : "zh-CN";
}

bool lang_parse(const char *tag, enum lang *out)
{
    enum lang l;
    if (!tag)
        return false;
    if (strcasecmp(tag, "zh-CN") == 0 || strcasecmp(tag, "zh") == 0)
        l = LANG_ZH;
    else if (strcasecmp(tag, "en") == 0)
        l = LANG_EN;
    else
        return false;
    if (out)
        *out = l;
    return true;
}
