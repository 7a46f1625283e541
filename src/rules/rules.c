/* The list of rule tables, one per article file. A new article's file adds its table here; a
 * new rule of an existing article touches only that article's file. */
#include "rules/rules.h"

extern const struct rule_table rules_a01, rules_a02, rules_a04, rules_a05, rules_a06, rules_a07,
    rules_a08, rules_a09, rules_a10, rules_a11, rules_a12, rules_a13, rules_a14, rules_a15,
    rules_a16, rules_a17, rules_a18, rules_a21;

const struct rule_table *const rule_tables[] = {
    &rules_a01, &rules_a02, &rules_a04, &rules_a05, &rules_a06, &rules_a07,
    &rules_a08, &rules_a09, &rules_a10, &rules_a11, &rules_a12, &rules_a13,
    &rules_a14, &rules_a15, &rules_a16, &rules_a17, &rules_a18, &rules_a21,
};
const size_t rule_table_count = sizeof rule_tables / sizeof rule_tables[0];
