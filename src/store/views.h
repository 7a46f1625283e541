/* store/views.h: the read queries behind the alliance pages (web/pages/alliances.c): the
 * directory and the tabs of one alliance, over the tables of migrations/002_dataset.sql.
 *
 * Each function is one statement: references are joined to the names they point to and counts are
 * subqueries, so a page costs a fixed number of queries whatever the number of rows. Rows come in
 * the stored order (dates and seq); ordering by name in stroke order is the caller's, through
 * util/collate.h, because SQL collations differ between databases. Strings are copied into the
 * arena; *rows is an arena array. Return DB_OK or a negative enum db_rc. The alliance itself is
 * read with st_rg_alliance() (store/register.h). `today` is YYYY-MM-DD: the day that decides who is
 * a current member or in office. */
#ifndef LH_VIEWS_H
#define LH_VIEWS_H
#include "store/db.h"
#include "util/arena.h"
#include <stdbool.h>
#include <stdint.h>

struct v_member {
    const char *org_key, *org_name, *org_kind, *uscc;
    const char *role, *joined_on, *left_on, *charter_ack_date, *join_approved_date;
    int64_t charter_ack_version; /* 0: not acknowledged */
};
int st_v_members(db *d, arena *a, int64_t alliance_id, struct v_member **rows, size_t *n);

struct v_body {
    int64_t seq;
    const char *key, *kind, *name, *lead, *task, *task_completed_on, *dissolved_on;
    int64_t posts; /* posts held today */
};
int st_v_bodies(db *d, arena *a, int64_t alliance_id, const char *today, struct v_body **rows,
                size_t *n);

struct v_post {
    int64_t body_seq;
    const char *body, *body_kind, *role, *person_key, *person, *title, *organisation;
    const char *from, *to, *recommended_by, *cast_approved_date, *cast_approved_ref;
    const char *email, *phone; /* NULL unless asked for with contact */
};
/* By body, then as stored. People's email and phone are read only when `contact` is true: the
 * caller has decided (RIGHT_CONTACT_READ) that they may be shown. */
int st_v_posts(db *d, arena *a, int64_t alliance_id, bool contact, struct v_post **rows, size_t *n);

struct v_meeting {
    const char *key, *kind, *title, *date, *status, *chaired_by;
    const char *minutes_signed_by, *minutes_signed_on, *minutes_distributed_on;
};
/* Newest first. */
int st_v_meetings(db *d, arena *a, int64_t alliance_id, struct v_meeting **rows, size_t *n);

struct v_plan {
    const char *key, *kind, *title, *reviewed_date, *reviewed_title, *filed_date, *filed_ref;
    int64_t from_year, to_year;
};
int st_v_plans(db *d, arena *a, int64_t alliance_id, struct v_plan **rows, size_t *n);

struct v_account {
    const char *key, *name, *type;
    int64_t sum_fen; /* the sum of its postings: debits positive */
};
int st_v_accounts(db *d, arena *a, int64_t alliance_id, struct v_account **rows, size_t *n);

struct v_fund {
    const char *key, *name, *purpose;
    bool restricted;
    int64_t raised_fen, used_fen; /* minus its income postings; its expense postings */
};
int st_v_funds(db *d, arena *a, int64_t alliance_id, struct v_fund **rows, size_t *n);

struct v_posting {
    const char *tx_key, *date, *voucher, *memo, *account, *fund;
    int64_t amount_fen;
};
/* Every posting of every transaction, in ledger order. */
int st_v_postings(db *d, arena *a, int64_t alliance_id, struct v_posting **rows, size_t *n);

struct v_fund_report {
    int64_t year;
    const char *fund; /* NULL for a report's totals, the fund's name for its by_fund lines */
    const char *submitted_on;
    int64_t raised_fen, used_fen;
};
/* The reports, newest year first. */
int st_v_fund_reports(db *d, arena *a, int64_t alliance_id, struct v_fund_report **rows, size_t *n);
/* Their by_fund lines, in the same order. */
int st_v_fund_report_lines(db *d, arena *a, int64_t alliance_id, struct v_fund_report **rows,
                           size_t *n);

struct v_output {
    const char *key, *title, *kind, *date;
    int64_t releases;
};
int st_v_outputs(db *d, arena *a, int64_t alliance_id, struct v_output **rows, size_t *n);

struct v_release {
    const char *output, *by, *date, *kind, *approved_date, *approved_by, *approved_ref;
};
int st_v_releases(db *d, arena *a, int64_t alliance_id, struct v_release **rows, size_t *n);

struct v_news {
    const char *key, *title, *author, *status, *published_on;
    const char *reviewer, *approved_on, *rejected_on;
};
/* Newest record first. */
int st_v_news(db *d, arena *a, int64_t alliance_id, struct v_news **rows, size_t *n);

struct v_activity {
    const char *key, *task, *kind, *title, *date;
    int64_t participants;
};
int st_v_activities(db *d, arena *a, int64_t alliance_id, struct v_activity **rows, size_t *n);

#endif
