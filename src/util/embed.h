/* Files compiled into the binary by tools/embed.c: assets, migrations, message catalogues. */
#ifndef LH_EMBED_H
#define LH_EMBED_H
#include <stddef.h>

struct embedded_file {
    const char *name; /* e.g. "assets/style.css", "migrations/001_base.sql", "po/zh_CN.po" */
    const unsigned char *data; /* NUL-terminated; the NUL is not counted in len */
    size_t len;
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_count;

/* The file of that exact name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
