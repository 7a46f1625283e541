/* Chinese ordering of names. Official Chinese lists of people and organisations (名单) are in
 * stroke order of the first character (按姓氏笔画排序), not in pinyin and not in code point order;
 * ICU's "zh@collation=stroke" tailoring is that order, and "zh" (pinyin) is there on request.
 *
 * A collator is opened per use (one page, one export) and closed by its opener: ICU caches the
 * tailoring data process-wide, so an open costs little after the first, and nothing is shared
 * between threads that could be written. */
#ifndef LH_COLLATE_H
#define LH_COLLATE_H
#include <stddef.h>

typedef struct collator collator;

enum collation {
    COLLATE_STROKE, /* 笔画: 王 (4 strokes) < 刘 (6) < 张 (7) */
    COLLATE_PINYIN, /* 拼音: 刘 (liu) < 王 (wang) < 张 (zhang) */
};

/* NULL when ICU cannot open the collation; every function below then falls back to byte order,
 * so a missing ICU data file degrades the order, never the page. Close with collate_close. */
collator *collate_open(enum collation how);
void collate_close(collator *c);

/* <0, 0, >0 as strcmp, for two valid UTF-8 strings (NULL sorts first). */
int collate_cmp(const collator *c, const char *a, const char *b);

/* Sorts n rows of `size` bytes in place, stably: by first(a, b) when first is not NULL, then by
 * the collation of name(row) (NULL allowed). Rows equal on both keep their order. */
void collate_sort(const collator *c, void *rows, size_t n, size_t size,
                  int (*first)(const void *a, const void *b), const char *(*name)(const void *row));

#endif
