/* Every handler the route table names, grouped by the file that defines it. */
#ifndef LH_HANDLERS_H
#define LH_HANDLERS_H
#include "web/request.h"

/* pages/auth.c */
void page_login(struct request *r);
void page_login_post(struct request *r);
void page_logout_post(struct request *r);
void page_password(struct request *r);
void page_password_post(struct request *r);
void page_lang_post(struct request *r);
/* pages/home.c */
void page_home(struct request *r);
/* pages/admin.c */
void page_users(struct request *r);
void page_users_create(struct request *r);
void page_user_disable(struct request *r);
void page_user_reset(struct request *r);
void page_user_grant(struct request *r);
void page_user_revoke(struct request *r);
void page_user_unlock(struct request *r);
/* pages/alliances.c */
void page_alliances(struct request *r);
void page_alliance(struct request *r);
/* pages/register.c */
void page_alliance_new(struct request *r);
void page_alliance_create(struct request *r);
void page_alliance_register(struct request *r);
void page_alliance_rename(struct request *r);
void page_alliance_dissolve(struct request *r);
void page_member_add(struct request *r);
void page_member_leave(struct request *r);
void page_charter(struct request *r);
void page_charter_post(struct request *r);
void page_charter_submit(struct request *r);
void page_organisations(struct request *r);
void page_org_create(struct request *r);
void page_org_import(struct request *r);
void page_org_import_post(struct request *r);
/* pages/meetings.c */
void page_meetings_create(struct request *r);
void page_meeting(struct request *r);
void page_meeting_held(struct request *r);
void page_meeting_cancel(struct request *r);
void page_meeting_minutes(struct request *r);
/* pages/approvals.c */
void page_approvals(struct request *r);
void page_approval_decide(struct request *r);
void page_approval_withdraw(struct request *r);
/* pages/audit.c */
void page_audit(struct request *r);
void page_findings(struct request *r);
/* pages/public.c */
void page_directory(struct request *r);
void page_directory_alliance(struct request *r);
void page_news(struct request *r);
void page_news_item(struct request *r);
/* pages/feeds.c */
void page_news_atom(struct request *r);
void page_meetings_ics(struct request *r);
/* pages/assets.c */
void page_asset(struct request *r);

/* api/session.c */
void api_session_create(struct request *r);
void api_session_delete(struct request *r);
void api_me(struct request *r);
void api_me_password(struct request *r);
void api_me_tokens(struct request *r);
/* api/users.c */
void api_users_list(struct request *r);
void api_users_create(struct request *r);
void api_user_disable(struct request *r);
void api_user_reset(struct request *r);
void api_user_grant(struct request *r);
void api_user_revoke(struct request *r);
void api_user_unlock(struct request *r);
/* api/audit.c */
void api_audit(struct request *r);
void api_audit_verify(struct request *r);
/* api/dataset.c */
void api_import(struct request *r);
void api_export(struct request *r);
/* api/findings.c */
void api_findings(struct request *r);
/* api/members_read.c */
void api_alliance_members(struct request *r);
/* api/register.c */
void api_alliances_list(struct request *r);
void api_alliances_create(struct request *r);
void api_alliance_get(struct request *r);
void api_alliance_patch(struct request *r);
void api_alliance_dissolve(struct request *r);
void api_charters_list(struct request *r);
void api_charters_create(struct request *r);
void api_charter_get(struct request *r);
void api_charter_submit(struct request *r);
void api_members_add(struct request *r);
void api_member_leave(struct request *r);
void api_orgs_list(struct request *r);
void api_orgs_create(struct request *r);
void api_org_get(struct request *r);
void api_orgs_import(struct request *r);
/* api/meetings.c */
void api_meetings_list(struct request *r);
void api_meetings_create(struct request *r);
void api_meeting_get(struct request *r);
void api_meeting_held(struct request *r);
void api_meeting_cancel(struct request *r);
void api_meeting_minutes(struct request *r);
/* api/approvals.c */
void api_approvals_list(struct request *r);
void api_approval_get(struct request *r);
void api_approval_decide(struct request *r);
void api_approval_withdraw(struct request *r);
/* api/ops.c */
void api_healthz(struct request *r);
void api_metrics(struct request *r);

#endif
