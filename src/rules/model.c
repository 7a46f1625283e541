/* Loading and linking the model (rules/model.h). */
#include "rules/model.h"
#include <stdlib.h>
#include <string.h>

struct idpair {
    int64_t id;
    void *rec;
};

static int pair_cmp(const void *x, const void *y)
{
    const struct idpair *a = x, *b = y;
    return (a->id > b->id) - (a->id < b->id);
}

/* Every record type of the model starts with its int64_t id. */
static int64_t id_of(const void *rec)
{
    int64_t id;
    memcpy(&id, rec, sizeof id);
    return id;
}

static struct idmap idmap_build(arena *a, void *base, size_t n, size_t size)
{
    struct idmap m = {0};
    if (n == 0)
        return m;
    unsigned char *p = base;
    int64_t lo = id_of(p), hi = lo;
    for (size_t i = 1; i < n; i++) {
        int64_t id = id_of(p + i * size);
        lo = id < lo ? id : lo;
        hi = id > hi ? id : hi;
    }
    m.min = lo;
    m.n = n;
    uint64_t range = (uint64_t)(hi - lo) + 1;
    /* Dense while the array stays within a few times the records: ids are dense unless many
     * alliances were replaced (import --replace writes their records anew, under new ids). */
    if (range <= 8 * (uint64_t)n + 4096) {
        m.range = (size_t)range;
        m.dense = arena_alloc(a, m.range * sizeof *m.dense);
        for (size_t i = 0; i < n; i++)
            m.dense[id_of(p + i * size) - lo] = p + i * size;
        return m;
    }
    m.sorted = arena_alloc(a, n * sizeof *m.sorted);
    for (size_t i = 0; i < n; i++)
        m.sorted[i] = (struct idpair){id_of(p + i * size), p + i * size};
    qsort(m.sorted, n, sizeof *m.sorted, pair_cmp);
    return m;
}

void *idmap_get(const struct idmap *m, int64_t id)
{
    if (m->dense) {
        if (id < m->min || (uint64_t)(id - m->min) >= m->range)
            return NULL;
        return m->dense[id - m->min];
    }
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->sorted[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->n && m->sorted[lo].id == id ? m->sorted[lo].rec : NULL;
}

#define IDMAP(a, arr, n) idmap_build((a), (arr), (n), sizeof *(arr))

/* Gives each owner the slice of its children. Children come grouped by owner id (the queries
 * order by it); a child whose owner is unknown is left out. */
#define LINK(children, nchildren, owner_field, owners, owner_type, slice, count)                   \
    do {                                                                                           \
        size_t i_ = 0;                                                                             \
        while (i_ < (nchildren)) {                                                                 \
            int64_t oid_ = (children)[i_].owner_field;                                             \
            size_t j_ = i_ + 1;                                                                    \
            while (j_ < (nchildren) && (children)[j_].owner_field == oid_)                         \
                j_++;                                                                              \
            owner_type *o_ = idmap_get(&(owners), oid_);                                           \
            if (o_) {                                                                              \
                o_->slice = &(children)[i_];                                                       \
                o_->count = j_ - i_;                                                               \
            }                                                                                      \
            i_ = j_;                                                                               \
        }                                                                                          \
    } while (0)

void model_link(struct model *m)
{
    arena *a = m->a;
    m->jurisdiction_ids = IDMAP(a, m->jurisdictions, m->njurisdictions);
    m->organisation_ids = IDMAP(a, m->organisations, m->norganisations);
    m->person_ids = IDMAP(a, m->people, m->npeople);
    m->meeting_ids = IDMAP(a, m->meetings, m->nmeetings);
    m->decision_ids = IDMAP(a, m->decisions, m->ndecisions);
    m->account_ids = IDMAP(a, m->accounts, m->naccounts);
    m->fund_ids = IDMAP(a, m->funds, m->nfunds);
    struct idmap alliances = IDMAP(a, m->alliances, m->nalliances);
    struct idmap charters = IDMAP(a, m->charters, m->ncharters);
    struct idmap bodies = IDMAP(a, m->bodies, m->nbodies);
    struct idmap transactions = IDMAP(a, m->transactions, m->ntransactions);
    struct idmap reports = IDMAP(a, m->fund_reports, m->nfund_reports);
    struct idmap outputs = IDMAP(a, m->outputs, m->noutputs);

    LINK(m->charters, m->ncharters, alliance_id, alliances, struct md_alliance, charters,
         ncharters);
    LINK(m->members, m->nmembers, alliance_id, alliances, struct md_alliance, members, nmembers);
    LINK(m->bodies, m->nbodies, alliance_id, alliances, struct md_alliance, bodies, nbodies);
    LINK(m->meetings, m->nmeetings, alliance_id, alliances, struct md_alliance, meetings,
         nmeetings);
    LINK(m->plans, m->nplans, alliance_id, alliances, struct md_alliance, plans, nplans);
    LINK(m->accounts, m->naccounts, alliance_id, alliances, struct md_alliance, accounts,
         naccounts);
    LINK(m->funds, m->nfunds, alliance_id, alliances, struct md_alliance, funds, nfunds);
    LINK(m->transactions, m->ntransactions, alliance_id, alliances, struct md_alliance,
         transactions, ntransactions);
    LINK(m->fund_reports, m->nfund_reports, alliance_id, alliances, struct md_alliance,
         fund_reports, nfund_reports);
    LINK(m->outputs, m->noutputs, alliance_id, alliances, struct md_alliance, outputs, noutputs);
    LINK(m->news, m->nnews, alliance_id, alliances, struct md_alliance, news, nnews);
    LINK(m->activities, m->nactivities, alliance_id, alliances, struct md_alliance, activities,
         nactivities);

    LINK(m->drafters, m->ndrafters, owner_id, charters, struct md_charter, drafters, ndrafters);
    LINK(m->posts, m->nposts, body_id, bodies, struct md_body, posts, nposts);
    LINK(m->invitees, m->ninvitees, meeting_id, m->meeting_ids, struct md_meeting, invitees,
         ninvitees);
    LINK(m->attendees, m->nattendees, owner_id, m->meeting_ids, struct md_meeting, attendees,
         nattendees);
    LINK(m->recipients, m->nrecipients, owner_id, m->meeting_ids, struct md_meeting, recipients,
         nrecipients);
    LINK(m->decisions, m->ndecisions, meeting_id, m->meeting_ids, struct md_meeting, decisions,
         ndecisions);
    LINK(m->postings, m->npostings, transaction_id, transactions, struct md_transaction, postings,
         npostings);
    LINK(m->report_lines, m->nreport_lines, report_id, reports, struct md_fund_report, lines,
         nlines);
    LINK(m->releases, m->nreleases, output_id, outputs, struct md_output, releases, nreleases);
    /* A release's subject key is OUTPUT/INDEX, its place in the output's list (rules.md). */
    for (size_t i = 0; i < m->noutputs; i++)
        for (size_t k = 0; k < m->outputs[i].nreleases; k++)
            m->outputs[i].releases[k].index = k;
}

int model_load(db *d, arena *a, struct model **out)
{
    struct model *m = arena_alloc(a, sizeof *m);
    m->a = a;
    struct md_president *presidents = NULL;
    size_t npresidents = 0;
    int rc = db_begin_read(d);
    if (rc != DB_OK)
        return rc;
    /* One query per table; stop at the first failure. */
    if ((rc = st_model_jurisdictions(d, a, &m->jurisdictions, &m->njurisdictions)) != DB_OK ||
        (rc = st_model_organisations(d, a, &m->organisations, &m->norganisations)) != DB_OK ||
        (rc = st_model_people(d, a, &m->people, &m->npeople)) != DB_OK ||
        (rc = st_model_presidents(d, a, &presidents, &npresidents)) != DB_OK ||
        (rc = st_model_alliances(d, a, &m->alliances, &m->nalliances)) != DB_OK ||
        (rc = st_model_charters(d, a, &m->charters, &m->ncharters)) != DB_OK ||
        (rc = st_model_charter_drafters(d, a, &m->drafters, &m->ndrafters)) != DB_OK ||
        (rc = st_model_members(d, a, &m->members, &m->nmembers)) != DB_OK ||
        (rc = st_model_bodies(d, a, &m->bodies, &m->nbodies)) != DB_OK ||
        (rc = st_model_posts(d, a, &m->posts, &m->nposts)) != DB_OK ||
        (rc = st_model_meetings(d, a, &m->meetings, &m->nmeetings)) != DB_OK ||
        (rc = st_model_invitees(d, a, &m->invitees, &m->ninvitees)) != DB_OK ||
        (rc = st_model_attendees(d, a, &m->attendees, &m->nattendees)) != DB_OK ||
        (rc = st_model_decisions(d, a, &m->decisions, &m->ndecisions)) != DB_OK ||
        (rc = st_model_recipients(d, a, &m->recipients, &m->nrecipients)) != DB_OK ||
        (rc = st_model_plans(d, a, &m->plans, &m->nplans)) != DB_OK ||
        (rc = st_model_accounts(d, a, &m->accounts, &m->naccounts)) != DB_OK ||
        (rc = st_model_funds(d, a, &m->funds, &m->nfunds)) != DB_OK ||
        (rc = st_model_transactions(d, a, &m->transactions, &m->ntransactions)) != DB_OK ||
        (rc = st_model_postings(d, a, &m->postings, &m->npostings)) != DB_OK ||
        (rc = st_model_fund_reports(d, a, &m->fund_reports, &m->nfund_reports)) != DB_OK ||
        (rc = st_model_report_lines(d, a, &m->report_lines, &m->nreport_lines)) != DB_OK ||
        (rc = st_model_outputs(d, a, &m->outputs, &m->noutputs)) != DB_OK ||
        (rc = st_model_releases(d, a, &m->releases, &m->nreleases)) != DB_OK ||
        (rc = st_model_news(d, a, &m->news, &m->nnews)) != DB_OK ||
        (rc = st_model_activities(d, a, &m->activities, &m->nactivities)) != DB_OK) {
        db_rollback(d);
        free(presidents);
        model_free(m);
        return rc;
    }
    db_rollback(d); /* nothing was written: ending the read is all */
    model_link(m);
    for (size_t i = 0; i < npresidents; i++) {
        struct md_organisation *o = idmap_get(&m->organisation_ids, presidents[i].organisation_id);
        if (o)
            o->president_id = presidents[i].person_id;
    }
    free(presidents);
    *out = m;
    return DB_OK;
}

void model_free(struct model *m)
{
    if (!m)
        return;
    void *tables[] = {
        m->jurisdictions, m->organisations, m->people,       m->alliances, m->charters,
        m->members,       m->bodies,        m->posts,        m->meetings,  m->invitees,
        m->drafters,      m->attendees,     m->recipients,   m->decisions, m->plans,
        m->accounts,      m->funds,         m->transactions, m->postings,  m->fund_reports,
        m->report_lines,  m->outputs,       m->releases,     m->news,      m->activities};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        free(tables[i]);
    memset(m, 0, sizeof *m);
}

const struct md_jurisdiction *model_jurisdiction(const struct model *m, int64_t id)
{
    return idmap_get(&m->jurisdiction_ids, id);
}

const struct md_organisation *model_organisation(const struct model *m, int64_t id)
{
    return idmap_get(&m->organisation_ids, id);
}

const struct md_person *model_person(const struct model *m, int64_t id)
{
    return idmap_get(&m->person_ids, id);
}

const struct md_meeting *model_meeting(const struct model *m, int64_t id)
{
    return idmap_get(&m->meeting_ids, id);
}

const struct md_decision *model_decision(const struct model *m, int64_t id)
{
    return idmap_get(&m->decision_ids, id);
}

const struct md_account *model_account(const struct model *m, int64_t id)
{
    return idmap_get(&m->account_ids, id);
}

const struct md_fund *model_fund(const struct model *m, int64_t id)
{
    return idmap_get(&m->fund_ids, id);
}
