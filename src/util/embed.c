/* Lookup in the table tools/embed.c generates. The table is small (tens of files), so a linear
 * scan costs less than keeping it sorted by hand. */
#include "util/embed.h"
#include <string.h>

const struct embedded_file *embedded_find(const char *name)
{
    for (size_t i = 0; i < embedded_count; i++)
        if (strcmp(embedded_files[i].name, name) == 0)
            return &embedded_files[i];
    return NULL;
}
