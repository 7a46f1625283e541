/* The in-memory model the compliance rules run on: every record of the database, read with one
 * query per table (store/model.h) into one arena and linked by id. Each alliance's records are a
 * contiguous slice of their table (the queries order by owner, then seq); references between
 * records (a post's appointing meeting, a posting's account) are looked up through id maps,
 * which are plain arrays indexed by id when the ids are dense (they are, unless many alliances
 * were replaced), else sorted arrays searched by bisection. Nothing here depends on a date: the
 * view of an alliance as of a day is rules/view.h. */
#ifndef LH_RULES_MODEL_H
#define LH_RULES_MODEL_H
#include "store/model.h"

/* id -> record. */
struct idmap {
    int64_t min;
    size_t range; /* dense: entries [min, min + range) */
    void **dense; /* NULL when sparse */
    struct idpair *sorted;
    size_t n;
};

void *idmap_get(const struct idmap *m, int64_t id);

struct model {
    arena *a;
    struct md_jurisdiction *jurisdictions;
    struct md_organisation *organisations;
    struct md_person *people;
    struct md_alliance *alliances;
    struct md_charter *charters;
    struct md_member *members;
    struct md_body *bodies;
    struct md_post *posts;
    struct md_meeting *meetings;
    struct md_invitee *invitees;
    struct md_ref *drafters, *attendees, *recipients;
    struct md_decision *decisions;
    struct md_plan *plans;
    struct md_account *accounts;
    struct md_fund *funds;
    struct md_transaction *transactions;
    struct md_posting *postings;
    struct md_fund_report *fund_reports;
    struct md_report_line *report_lines;
    struct md_output *outputs;
    struct md_release *releases;
    struct md_news *news;
    struct md_activity *activities;
    size_t njurisdictions, norganisations, npeople, nalliances, ncharters, nmembers, nbodies,
        nposts, nmeetings, ninvitees, ndrafters, nattendees, nrecipients, ndecisions, nplans,
        naccounts, nfunds, ntransactions, npostings, nfund_reports, nreport_lines, noutputs,
        nreleases, nnews, nactivities;
    struct idmap jurisdiction_ids, organisation_ids, person_ids, meeting_ids, decision_ids,
        account_ids, fund_ids;
};

/* Reads the whole database into a model allocated in a, inside one read transaction (one
 * snapshot: an import meanwhile is wholly in or out). DB_OK or a negative enum db_rc. The
 * record tables are malloc'ed: model_free() releases them once the rules have run (strings, and
 * so the findings, stay in the arena). */
int model_load(db *d, arena *a, struct model **out);
void model_free(struct model *m);

/* After the tables are in place (model_load, or a test that fills them): builds the id maps and
 * links every record to its owner. */
void model_link(struct model *m);

const struct md_jurisdiction *model_jurisdiction(const struct model *m, int64_t id);
const struct md_organisation *model_organisation(const struct model *m, int64_t id);
const struct md_person *model_person(const struct model *m, int64_t id);
const struct md_meeting *model_meeting(const struct model *m, int64_t id);
const struct md_decision *model_decision(const struct model *m, int64_t id);
const struct md_account *model_account(const struct model *m, int64_t id);
const struct md_fund *model_fund(const struct model *m, int64_t id);

#endif
