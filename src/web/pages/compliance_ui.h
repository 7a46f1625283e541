/* The compliance engine's findings on pages (pages/compliance.c): the dashboard's table of
 * counts, an alliance's 合规 tab, and the page of all findings (GET /findings). Each runs the
 * engine once, as of today in Asia/Shanghai, over the alliances the user may read. */
#ifndef LH_COMPLIANCE_UI_H
#define LH_COMPLIANCE_UI_H
#include "rules/rules.h"
#include "web/request.h"

/* Runs the engine as of today over the alliances the user may read (or only the alliance with
 * that key). On failure answers the error itself and returns false. */
bool ui_findings_today(struct request *r, const char *alliance, struct findings *out);
/* The dashboard's sections: each alliance the user may read with its error, warning and info
 * counts, linking to its compliance tab; then what falls due within 30 days (the findings the
 * check will have then and has not now). Nothing when the engine fails. */
void ui_compliance_summary(struct request *r);
/* An alliance's compliance tab: its findings grouped by article, each article with its text,
 * each finding with its severity, message and a link to the record concerned. */
void ui_alliance_findings(struct request *r, const char *alliance, const struct findings *fs);

#endif
