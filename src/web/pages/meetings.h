/* What the alliance page's meetings tab (pages/alliances.c) takes from the meeting pages
 * (pages/meetings.c): the links to each meeting's page and, for the alliance's secretariat, the
 * form "记录会议". */
#ifndef LH_PAGES_MEETINGS_H
#define LH_PAGES_MEETINGS_H
#include "web/request.h"

/* Writes the section under the meetings tab's list; false when the database failed (nothing
 * useful was written, the caller answers 503). */
bool ui_meetings_tab(struct request *r, int64_t alliance_id, const char *alliance,
                     const char *jurisdiction);

#endif
