/* store/model.h: the whole data model (migrations/002_dataset.sql) read into typed records for
 * the compliance engine (src/rules/), with one query per table. Each function answers every row
 * of its table, ordered by the owning record's id and then seq, so the records of one owner are
 * contiguous; src/rules/model.c links them by id. Only the columns the rules need are read (no
 * free text: minutes, news bodies and charter texts stay in the database).
 *
 * Dates are days (util/day.h, NO_DAY for NULL), enumerations are parsed (an unknown value reads as
 * the enumeration's 0, "other"), a NULL reference is id 0. Strings are copied into the arena; the
 * arrays of records are malloc'ed (the caller frees them): a model is needed only while the rules
 * run, and its tables are the bulk of it, grown in place without a copy.
 * The link fields (slices of child records) are left empty here and filled by rules/model.c. */
#ifndef LH_STORE_MODEL_H
#define LH_STORE_MODEL_H
#include "store/db.h"
#include "util/arena.h"
#include "util/day.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Who gave an approval (dataset.md, approval.by). */
enum md_by { BY_OTHER, BY_STANDING_COMMITTEE, BY_CAST, BY_PRESIDIUM, BY_CHAIR };

/* An approval {date, by}; date NO_DAY: none. */
struct md_approval {
    lh_day date;
    enum md_by by;
};

/* A rule parameter of a jurisdiction (第二十二条); set false: NULL, the default of rules.md. */
struct md_opt_int {
    bool set;
    int64_t v;
};

struct md_jurisdiction {
    int64_t id, parent_id;
    const char *key, *name, *short_name;
    struct md_opt_int min_initiators, presidium_meetings_min, presidium_meetings_max,
        minutes_deadline_days, lookback_years;
    const char *annual_plan_deadline, *fund_report_deadline; /* "MM-DD" or NULL */
};

enum md_org_kind {
    ORG_OTHER,
    ORG_NATIONAL_SOCIETY,
    ORG_SOCIAL_ORG,
    ORG_ENTERPRISE,
    ORG_RESEARCH_INSTITUTE,
    ORG_UNIVERSITY
};

struct md_organisation {
    int64_t id;
    const char *key, *name, *uscc;
    enum md_org_kind kind;
    int64_t president_id; /* link: from the presidents table */
};

struct md_person {
    int64_t id;
    const char *key, *name;
};

/* organisations.president (the presidents table). */
struct md_president {
    int64_t organisation_id, person_id;
};

enum md_alliance_status {
    AL_OTHER,
    AL_PROPOSED,
    AL_ACTIVE,
    AL_DISSOLVING,
    AL_DISSOLVED,
    AL_REJECTED
};

struct md_charter;
struct md_member;
struct md_body;
struct md_meeting;
struct md_plan;
struct md_account;
struct md_fund;
struct md_transaction;
struct md_fund_report;
struct md_output;
struct md_news;
struct md_activity;

struct md_alliance {
    int64_t id, jurisdiction_id;
    const char *key, *name;
    enum md_alliance_status status;
    struct md_approval established, dissolved;
    bool ledger;
    /* links */
    struct md_charter *charters;
    struct md_member *members;
    struct md_body *bodies;
    struct md_meeting *meetings;
    struct md_plan *plans;
    struct md_account *accounts;
    struct md_fund *funds;
    struct md_transaction *transactions;
    struct md_fund_report *fund_reports;
    struct md_output *outputs;
    struct md_news *news;
    struct md_activity *activities;
    size_t ncharters, nmembers, nbodies, nmeetings, nplans, naccounts, nfunds, ntransactions,
        nfund_reports, noutputs, nnews, nactivities;
};

/* A reference list row (charter drafters, attendees, minutes recipients): owner and target. */
struct md_ref {
    int64_t owner_id, ref_id;
};

struct md_charter {
    int64_t id, alliance_id;
    int64_t version;
    lh_day submitted_on;
    struct md_approval approved;
    struct md_ref *drafters; /* link: organisations */
    size_t ndrafters;
};

enum md_member_role { MR_OTHER, MR_INITIATOR, MR_MEMBER };

struct md_member {
    int64_t id, alliance_id, organisation_id;
    enum md_member_role role;
    lh_day joined_on, left_on;
    struct md_approval join_approved, leave_approved;
    bool charter_ack; /* charter_ack given (version and date) */
    int64_t charter_ack_version;
    lh_day charter_ack_date;
};

enum md_body_kind {
    BK_OTHER,
    BK_PRESIDIUM,
    BK_EXPERT_COMMITTEE,
    BK_SECRETARIAT,
    BK_WORKING_COMMITTEE
};

enum md_post_role {
    PR_OTHER,
    PR_CHAIR,
    PR_VICE_CHAIR,
    PR_HONORARY_CHAIR,
    PR_MEMBER,
    PR_DIRECTOR,
    PR_DEPUTY_DIRECTOR,
    PR_SECRETARY_GENERAL,
    PR_DEPUTY_SECRETARY_GENERAL,
    PR_STAFF,
    PR_HEAD,
    PR_DEPUTY_HEAD
};

struct md_post {
    int64_t id, body_id, person_id;
    enum md_post_role role;
    lh_day from, to;
    int64_t recommended_by_id, nominated_by_id, appointed_meeting_id, appointed_decision_id;
    struct md_approval cast_approved;
};

struct md_body {
    int64_t id, alliance_id;
    const char *key, *name;
    enum md_body_kind kind;
    int64_t lead_id;
    lh_day task_completed_on, dissolved_on;
    struct md_post *posts; /* link */
    size_t nposts;
};

enum md_meeting_kind { MK_OTHER, MK_PRESIDIUM, MK_SPECIAL };
enum md_meeting_status { MS_OTHER, MS_PLANNED, MS_HELD, MS_CANCELLED };

struct md_invitee {
    int64_t meeting_id, person_id, confirmed_by_id;
};

struct md_decision {
    int64_t id, meeting_id;
    const char *key, *text;
    bool major;
};

struct md_meeting {
    int64_t id, alliance_id;
    const char *key, *title;
    enum md_meeting_kind kind;
    enum md_meeting_status status;
    lh_day date;
    int64_t chaired_by_id, delegated_by_id;
    bool agenda; /* an agenda was given (its proposed_by is required) */
    int64_t agenda_proposed_by_id, agenda_approved_by_id;
    lh_day agenda_approved_on;
    int64_t minutes_signed_by_id;
    lh_day minutes_signed_on, minutes_distributed_on;
    /* links */
    struct md_invitee *invitees;
    struct md_ref *attendees, *recipients;
    struct md_decision *decisions;
    size_t ninvitees, nattendees, nrecipients, ndecisions;
};

enum md_plan_kind { PK_OTHER, PK_DEVELOPMENT, PK_ANNUAL };

struct md_plan {
    int64_t id, alliance_id;
    const char *key, *title;
    enum md_plan_kind kind;
    int64_t from_year, to_year;
    int64_t reviewed_at_id;
    struct md_approval filed;
};

enum md_account_type { AT_OTHER, AT_ASSET, AT_LIABILITY, AT_NET_ASSETS, AT_INCOME, AT_EXPENSE };

struct md_account {
    int64_t id, alliance_id;
    enum md_account_type type;
};

struct md_fund {
    int64_t id, alliance_id;
    const char *key, *name;
    bool restricted;
};

struct md_posting {
    int64_t transaction_id, account_id, fund_id;
    int64_t amount_fen;
};

struct md_transaction {
    int64_t id, alliance_id, seq;
    const char *key;
    lh_day date;
    struct md_posting *postings; /* link */
    size_t npostings;
};

struct md_report_line {
    int64_t report_id, fund_id;
    int64_t raised_fen, used_fen;
};

struct md_fund_report {
    int64_t id, alliance_id;
    int64_t year;
    lh_day submitted_on;
    int64_t raised_fen, used_fen;
    struct md_report_line *lines; /* link */
    size_t nlines;
};

enum md_release_kind { RK_OTHER, RK_PUBLISH, RK_USE };

struct md_release {
    int64_t output_id, by_id;
    lh_day date;
    enum md_release_kind kind;
    struct md_approval approved;
    size_t index; /* link: the position in the output's releases (the subject key OUTPUT/INDEX) */
};

struct md_output {
    int64_t id, alliance_id;
    const char *key, *title;
    lh_day date;
    struct md_release *releases; /* link */
    size_t nreleases;
};

enum md_news_status { NS_OTHER, NS_DRAFT, NS_IN_REVIEW, NS_REJECTED, NS_PUBLISHED };

struct md_news {
    int64_t id, alliance_id;
    const char *key, *title;
    int64_t author_id;
    enum md_news_status status;
    lh_day published_on;
    bool review; /* a review was given (its `by` is required) */
    int64_t review_by_id;
    lh_day review_approved_on, review_rejected_on;
};

enum md_task {
    TASK_OTHER,
    TASK_THINK_TANK,
    TASK_ACADEMIC,
    TASK_INNOVATION,
    TASK_TALENT,
    TASK_REFORM
};

struct md_activity {
    int64_t id, alliance_id;
    const char *key;
    enum md_task task;
    bool party_organ; /* kind `party_organ` (第五条（五）) */
    lh_day date;
};

/* One function per table: *rows is a malloc'ed array of *n records (NULL when none), in the
 * order described above. Each returns DB_OK or a negative enum db_rc (then *rows is NULL). */
int st_model_jurisdictions(db *d, arena *a, struct md_jurisdiction **rows, size_t *n);
int st_model_organisations(db *d, arena *a, struct md_organisation **rows, size_t *n);
int st_model_people(db *d, arena *a, struct md_person **rows, size_t *n);
int st_model_presidents(db *d, arena *a, struct md_president **rows, size_t *n);
int st_model_alliances(db *d, arena *a, struct md_alliance **rows, size_t *n);
int st_model_charters(db *d, arena *a, struct md_charter **rows, size_t *n);
int st_model_charter_drafters(db *d, arena *a, struct md_ref **rows, size_t *n);
int st_model_members(db *d, arena *a, struct md_member **rows, size_t *n);
int st_model_bodies(db *d, arena *a, struct md_body **rows, size_t *n);
int st_model_posts(db *d, arena *a, struct md_post **rows, size_t *n);
int st_model_meetings(db *d, arena *a, struct md_meeting **rows, size_t *n);
int st_model_invitees(db *d, arena *a, struct md_invitee **rows, size_t *n);
int st_model_attendees(db *d, arena *a, struct md_ref **rows, size_t *n);
int st_model_decisions(db *d, arena *a, struct md_decision **rows, size_t *n);
int st_model_recipients(db *d, arena *a, struct md_ref **rows, size_t *n);
int st_model_plans(db *d, arena *a, struct md_plan **rows, size_t *n);
int st_model_accounts(db *d, arena *a, struct md_account **rows, size_t *n);
int st_model_funds(db *d, arena *a, struct md_fund **rows, size_t *n);
int st_model_transactions(db *d, arena *a, struct md_transaction **rows, size_t *n);
int st_model_postings(db *d, arena *a, struct md_posting **rows, size_t *n);
int st_model_fund_reports(db *d, arena *a, struct md_fund_report **rows, size_t *n);
int st_model_report_lines(db *d, arena *a, struct md_report_line **rows, size_t *n);
int st_model_outputs(db *d, arena *a, struct md_output **rows, size_t *n);
int st_model_releases(db *d, arena *a, struct md_release **rows, size_t *n);
int st_model_news(db *d, arena *a, struct md_news **rows, size_t *n);
int st_model_activities(db *d, arena *a, struct md_activity **rows, size_t *n);

#endif
