/* Findings as rules.md prints them: the JSON document, the text lines, and each finding's
 * message in Chinese or English. Messages are built from the rule's own templates, piece by
 * piece (never a format string that is not a literal). */
#include "rules/rules.h"
#include <string.h>

const char *severity_name(enum severity s)
{
    static const char *const names[] = {"error", "warning", "info"};
    return s < SEV_COUNT ? names[s] : "info";
}

static const char *severity_label(enum severity s, enum lang lang)
{
    static const char *const zh[] = {"错误", "警告", "提示"};
    return lang == LANG_EN ? severity_name(s) : zh[s < SEV_COUNT ? s : SEV_INFO];
}

const char *subject_name(enum subject s)
{
    static const char *const names[] = {
        [SUBJ_ALLIANCE] = "alliance",
        [SUBJ_ORGANISATION] = "organisation",
        [SUBJ_CHARTER] = "charter",
        [SUBJ_TASK] = "task",
        [SUBJ_BODY_KIND] = "body-kind",
        [SUBJ_POST] = "post",
        [SUBJ_BODY] = "body",
        [SUBJ_DECISION] = "decision",
        [SUBJ_YEAR] = "year",
        [SUBJ_MEETING] = "meeting",
        [SUBJ_PLAN] = "plan",
        [SUBJ_FUND_REPORT] = "fund_report",
        [SUBJ_TRANSACTION] = "transaction",
        [SUBJ_RELEASE] = "release",
        [SUBJ_NEWS] = "news",
    };
    return names[s];
}

/* 第N条 for 1-99: 第十三条, 第二十一条. */
static void article_zh(int n, buf *out)
{
    static const char *const d[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    buf_puts(out, "第");
    if (n >= 10 && n < 100) {
        if (n / 10 > 1)
            buf_puts(out, d[n / 10]);
        buf_puts(out, "十");
        buf_puts(out, d[n % 10]);
    } else if (n > 0 && n < 10) {
        buf_puts(out, d[n]);
    }
    buf_puts(out, "条");
}

void article_title(int article, enum lang lang, buf *out)
{
    if (lang == LANG_EN)
        buf_printf(out, "Article %d", article);
    else
        article_zh(article, out);
}

static const struct farg *find_arg(const struct finding *f, const char *name, size_t n)
{
    for (size_t i = 0; i < f->nargs; i++)
        if (strlen(f->args[i].name) == n && memcmp(f->args[i].name, name, n) == 0)
            return &f->args[i];
    return NULL;
}

void finding_message(const struct finding *f, enum lang lang, buf *out)
{
    if (lang == LANG_EN) {
        buf_printf(out, "Article %d: ", f->rule->article);
    } else {
        article_zh(f->rule->article, out);
        buf_puts(out, "：");
    }
    const char *p = lang == LANG_EN ? f->rule->en : f->rule->zh;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            buf_puts(out, p);
            break;
        }
        buf_append(out, p, (size_t)(open - p));
        const struct farg *a = find_arg(f, open + 1, (size_t)(close - open - 1));
        if (a)
            buf_puts(out, lang == LANG_EN ? a->en : a->zh);
        else /* a template naming a value its rule never gives: visible, so tests catch it */
            buf_append(out, open, (size_t)(close - open + 1));
        p = close + 1;
    }
}

json_t *findings_json(const struct findings *fs, enum lang lang)
{
    char as_of[11];
    day_format(fs->as_of, as_of);
    json_t *list = json_array();
    buf msg = {0};
    for (size_t i = 0; i < fs->n; i++) {
        const struct finding *f = &fs->items[i];
        buf_reset(&msg);
        finding_message(f, lang, &msg);
        json_t *o = json_object();
        json_object_set_new(o, "alliance", json_string(f->alliance));
        json_object_set_new(o, "rule", json_string(f->rule->id));
        json_object_set_new(o, "article", json_integer(f->rule->article));
        json_object_set_new(o, "severity", json_string(severity_name(f->rule->severity)));
        json_object_set_new(
            o, "subject", json_pack("{s:s, s:s}", "type", subject_name(f->subject), "key", f->key));
        json_object_set_new(o, "year", f->year ? json_integer(f->year) : json_null());
        json_object_set_new(o, "message", json_string(buf_str(&msg)));
        json_array_append_new(list, o);
    }
    buf_free(&msg);
    json_t *doc = json_object();
    json_object_set_new(doc, "format", json_string("lianheti-findings"));
    json_object_set_new(doc, "version", json_integer(1));
    json_object_set_new(doc, "as_of", json_string(as_of));
    json_object_set_new(doc, "summary",
                        json_pack("{s:I, s:I, s:I, s:I}", "alliances", (json_int_t)fs->alliances,
                                  "error", (json_int_t)fs->counts[SEV_ERROR], "warning",
                                  (json_int_t)fs->counts[SEV_WARNING], "info",
                                  (json_int_t)fs->counts[SEV_INFO]));
    json_object_set_new(doc, "findings", list);
    return doc;
}

void findings_text(const struct findings *fs, enum lang lang, buf *out)
{
    const char *current = NULL;
    for (size_t i = 0; i < fs->n; i++) {
        const struct finding *f = &fs->items[i];
        if (!current || strcmp(current, f->alliance) != 0) {
            current = f->alliance;
            buf_printf(out, "%s%s %s\n", i ? "\n" : "", f->alliance, f->alliance_name);
        }
        buf_printf(out, "  %s  %s  %s %s", severity_label(f->rule->severity, lang), f->rule->id,
                   subject_name(f->subject), f->key);
        if (f->year)
            buf_printf(out, " (%d)", f->year);
        buf_puts(out, "  ");
        finding_message(f, lang, out);
        buf_putc(out, '\n');
    }
    char as_of[11];
    day_format(fs->as_of, as_of);
    if (fs->n)
        buf_putc(out, '\n');
    if (lang == LANG_EN)
        buf_printf(out, "As of %s: %zu alliances checked; %zu errors, %zu warnings, %zu info.\n",
                   as_of, fs->alliances, fs->counts[SEV_ERROR], fs->counts[SEV_WARNING],
                   fs->counts[SEV_INFO]);
    else
        buf_printf(out, "截至 %s：检查联合体 %zu 个；错误 %zu 项，警告 %zu 项，提示 %zu 项。\n",
                   as_of, fs->alliances, fs->counts[SEV_ERROR], fs->counts[SEV_WARNING],
                   fs->counts[SEV_INFO]);
}
