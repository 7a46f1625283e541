/* The model's queries (store/model.h): one SELECT per table, every row, ordered by owner and seq.
 * Rows are read into a malloc'ed array that grows by doubling (realloc moves large blocks by
 * remapping pages, not by copying them). */
#include "store/model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vec {
    unsigned char *items;
    size_t n, cap, size;
};

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("lianheti: out of memory\n", stderr);
        abort();
    }
    return q;
}

/* A zeroed new row at the end of v. */
static void *vec_push(struct vec *v)
{
    if (v->n == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 256;
        v->items = xrealloc(v->items, ncap * v->size);
        memset(v->items + v->cap * v->size, 0, (ncap - v->cap) * v->size);
        v->cap = ncap;
    }
    return v->items + v->n++ * v->size;
}

typedef void (*row_reader)(db_stmt *s, arena *a, void *row);

/* Steps s to the end, reading each row with fn into a malloc'ed array. */
static int collect(db_stmt *s, arena *a, size_t size, row_reader fn, void **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (!s)
        return DB_ERR;
    struct vec v = {.size = size};
    int rc;
    while ((rc = db_step(s)) == DB_ROW)
        fn(s, a, vec_push(&v));
    db_done(s);
    if (rc != DB_DONE || v.n == 0) {
        free(v.items);
        return rc == DB_DONE ? DB_OK : rc;
    }
    *rows = v.items;
    *n = v.n;
    return DB_OK;
}

#define COLLECT(s, a, rows, n, fn) collect((s), (a), sizeof **(rows), (fn), (void **)(rows), (n))

/* The position of s in names (names[0] stands for any other value), 0 when absent. */
static int pick(const char *s, const char *const *names)
{
    if (!s)
        return 0;
    for (int i = 1; names[i]; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return 0;
}

static const char *str(db_stmt *s, arena *a, int col)
{
    return arena_strdup(a, db_col_text(s, col));
}

static lh_day day(db_stmt *s, int col)
{
    return day_parse(db_col_text(s, col));
}

static struct md_approval approval(db_stmt *s, int col)
{
    static const char *const by[] = {"", "standing_committee", "cast", "presidium", "chair", NULL};
    struct md_approval ap = {day(s, col), BY_OTHER};
    if (ap.date != NO_DAY)
        ap.by = (enum md_by)pick(db_col_text(s, col + 1), by);
    return ap;
}

static struct md_opt_int opt_int(db_stmt *s, int col)
{
    if (db_col_null(s, col))
        return (struct md_opt_int){false, 0};
    return (struct md_opt_int){true, db_col_int(s, col)};
}

static void read_ref(db_stmt *s, arena *a, void *row)
{
    struct md_ref *r = row;
    (void)a;
    r->owner_id = db_col_int(s, 0);
    r->ref_id = db_col_int(s, 1);
}

/* --- top-level records --------------------------------------------------------------------- */
static void read_jurisdiction(db_stmt *s, arena *a, void *row)
{
    struct md_jurisdiction *j = row;
    j->id = db_col_int(s, 0);
    j->key = str(s, a, 1);
    j->name = str(s, a, 2);
    j->short_name = str(s, a, 3);
    j->parent_id = db_col_int(s, 4);
    j->min_initiators = opt_int(s, 5);
    j->presidium_meetings_min = opt_int(s, 6);
    j->presidium_meetings_max = opt_int(s, 7);
    j->minutes_deadline_days = opt_int(s, 8);
    j->annual_plan_deadline = str(s, a, 9);
    j->fund_report_deadline = str(s, a, 10);
    j->lookback_years = opt_int(s, 11);
}

int st_model_jurisdictions(db *d, arena *a, struct md_jurisdiction **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, key, name, short_name, parent_id, "
                               "params_min_initiators, params_presidium_meetings_min, "
                               "params_presidium_meetings_max, params_minutes_deadline_days, "
                               "params_annual_plan_deadline, params_fund_report_deadline, "
                               "params_lookback_years FROM jurisdictions ORDER BY id");
    return COLLECT(s, a, rows, n, read_jurisdiction);
}

static void read_organisation(db_stmt *s, arena *a, void *row)
{
    struct md_organisation *o = row;
    static const char *const kinds[] = {"",           "national_society",   "social_org",
                                        "enterprise", "research_institute", "university",
                                        NULL};
    o->id = db_col_int(s, 0);
    o->key = str(s, a, 1);
    o->name = str(s, a, 2);
    o->kind = (enum md_org_kind)pick(db_col_text(s, 3), kinds);
    o->uscc = str(s, a, 4);
}

int st_model_organisations(db *d, arena *a, struct md_organisation **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, key, name, kind, uscc FROM organisations ORDER BY id");
    return COLLECT(s, a, rows, n, read_organisation);
}

static void read_person(db_stmt *s, arena *a, void *row)
{
    struct md_person *p = row;
    p->id = db_col_int(s, 0);
    p->key = str(s, a, 1);
    p->name = str(s, a, 2);
}

int st_model_people(db *d, arena *a, struct md_person **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, key, name FROM people ORDER BY id");
    return COLLECT(s, a, rows, n, read_person);
}

static void read_president(db_stmt *s, arena *a, void *row)
{
    struct md_president *p = row;
    (void)a;
    p->organisation_id = db_col_int(s, 0);
    p->person_id = db_col_int(s, 1);
}

int st_model_presidents(db *d, arena *a, struct md_president **rows, size_t *n)
{
    db_stmt *s =
        db_prepare(d, "SELECT organisation_id, person_id FROM presidents ORDER BY organisation_id");
    return COLLECT(s, a, rows, n, read_president);
}

static void read_alliance(db_stmt *s, arena *a, void *row)
{
    struct md_alliance *al = row;
    static const char *const statuses[] = {"",          "proposed", "active", "dissolving",
                                           "dissolved", "rejected", NULL};
    al->id = db_col_int(s, 0);
    al->key = str(s, a, 1);
    al->jurisdiction_id = db_col_int(s, 2);
    al->name = str(s, a, 3);
    al->status = (enum md_alliance_status)pick(db_col_text(s, 4), statuses);
    al->established = approval(s, 5);
    al->dissolved = approval(s, 7);
    al->ledger = db_col_int(s, 9) != 0;
}

int st_model_alliances(db *d, arena *a, struct md_alliance **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, key, jurisdiction_id, name, status, established_date, "
                               "established_by, dissolved_date, dissolved_by, ledger "
                               "FROM alliances ORDER BY id");
    return COLLECT(s, a, rows, n, read_alliance);
}

/* --- charters and members ------------------------------------------------------------------ */
static void read_charter(db_stmt *s, arena *a, void *row)
{
    struct md_charter *c = row;
    (void)a;
    c->id = db_col_int(s, 0);
    c->alliance_id = db_col_int(s, 1);
    c->version = db_col_int(s, 2);
    c->submitted_on = day(s, 3);
    c->approved = approval(s, 4);
}

int st_model_charters(db *d, arena *a, struct md_charter **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, version, submitted_on, approved_date, "
                               "approved_by FROM charters ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_charter);
}

int st_model_charter_drafters(db *d, arena *a, struct md_ref **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT charter_id, organisation_id FROM charter_drafters "
                               "ORDER BY charter_id, seq");
    return COLLECT(s, a, rows, n, read_ref);
}

static void read_member(db_stmt *s, arena *a, void *row)
{
    struct md_member *m = row;
    static const char *const roles[] = {"", "initiator", "member", NULL};
    (void)a;
    m->id = db_col_int(s, 0);
    m->alliance_id = db_col_int(s, 1);
    m->organisation_id = db_col_int(s, 2);
    m->role = (enum md_member_role)pick(db_col_text(s, 3), roles);
    m->joined_on = day(s, 4);
    m->join_approved = approval(s, 5);
    m->charter_ack = !db_col_null(s, 7) || !db_col_null(s, 8);
    m->charter_ack_version = db_col_int(s, 7);
    m->charter_ack_date = day(s, 8);
    m->left_on = day(s, 9);
    m->leave_approved = approval(s, 10);
}

int st_model_members(db *d, arena *a, struct md_member **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, organisation_id, role, joined_on, "
                               "join_approved_date, join_approved_by, charter_ack_version, "
                               "charter_ack_date, left_on, leave_approved_date, leave_approved_by "
                               "FROM members ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_member);
}

/* --- bodies and posts ---------------------------------------------------------------------- */
static void read_body(db_stmt *s, arena *a, void *row)
{
    struct md_body *b = row;
    static const char *const kinds[] = {
        "", "presidium", "expert_committee", "secretariat", "working_committee", NULL};
    b->id = db_col_int(s, 0);
    b->alliance_id = db_col_int(s, 1);
    b->key = str(s, a, 2);
    b->kind = (enum md_body_kind)pick(db_col_text(s, 3), kinds);
    b->name = str(s, a, 4);
    b->lead_id = db_col_int(s, 5);
    b->task_completed_on = day(s, 6);
    b->dissolved_on = day(s, 7);
}

int st_model_bodies(db *d, arena *a, struct md_body **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, key, kind, name, lead_id, "
                               "task_completed_on, dissolved_on FROM bodies "
                               "ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_body);
}

static void read_post(db_stmt *s, arena *a, void *row)
{
    struct md_post *p = row;
    static const char *const roles[] = {"",
                                        "chair",
                                        "vice_chair",
                                        "honorary_chair",
                                        "member",
                                        "director",
                                        "deputy_director",
                                        "secretary_general",
                                        "deputy_secretary_general",
                                        "staff",
                                        "head",
                                        "deputy_head",
                                        NULL};
    (void)a;
    p->id = db_col_int(s, 0);
    p->body_id = db_col_int(s, 1);
    p->person_id = db_col_int(s, 2);
    p->role = (enum md_post_role)pick(db_col_text(s, 3), roles);
    p->from = day(s, 4);
    p->to = day(s, 5);
    p->recommended_by_id = db_col_int(s, 6);
    p->nominated_by_id = db_col_int(s, 7);
    p->appointed_meeting_id = db_col_int(s, 8);
    p->appointed_decision_id = db_col_int(s, 9);
    p->cast_approved = approval(s, 10);
}

int st_model_posts(db *d, arena *a, struct md_post **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, body_id, person_id, role, from_date, to_date, "
                               "recommended_by_id, nominated_by_id, appointed_meeting_id, "
                               "appointed_decision_id, cast_approved_date, cast_approved_by "
                               "FROM posts ORDER BY body_id, seq");
    return COLLECT(s, a, rows, n, read_post);
}

/* --- meetings ------------------------------------------------------------------------------ */
static void read_meeting(db_stmt *s, arena *a, void *row)
{
    struct md_meeting *m = row;
    static const char *const kinds[] = {"", "presidium", "special", NULL};
    static const char *const statuses[] = {"", "planned", "held", "cancelled", NULL};
    m->id = db_col_int(s, 0);
    m->alliance_id = db_col_int(s, 1);
    m->key = str(s, a, 2);
    m->kind = (enum md_meeting_kind)pick(db_col_text(s, 3), kinds);
    m->title = str(s, a, 4);
    m->date = day(s, 5);
    m->status = (enum md_meeting_status)pick(db_col_text(s, 6), statuses);
    m->chaired_by_id = db_col_int(s, 7);
    m->delegated_by_id = db_col_int(s, 8);
    m->agenda = !db_col_null(s, 9);
    m->agenda_proposed_by_id = db_col_int(s, 9);
    m->agenda_approved_by_id = db_col_int(s, 10);
    m->agenda_approved_on = day(s, 11);
    m->minutes_signed_by_id = db_col_int(s, 12);
    m->minutes_signed_on = day(s, 13);
    m->minutes_distributed_on = day(s, 14);
}

int st_model_meetings(db *d, arena *a, struct md_meeting **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, key, kind, title, date, status, "
                               "chaired_by_id, delegated_by_id, agenda_proposed_by_id, "
                               "agenda_approved_by_id, agenda_approved_on, minutes_signed_by_id, "
                               "minutes_signed_on, minutes_distributed_on FROM meetings "
                               "ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_meeting);
}

static void read_invitee(db_stmt *s, arena *a, void *row)
{
    struct md_invitee *i = row;
    (void)a;
    i->meeting_id = db_col_int(s, 0);
    i->person_id = db_col_int(s, 1);
    i->confirmed_by_id = db_col_int(s, 2);
}

int st_model_invitees(db *d, arena *a, struct md_invitee **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT meeting_id, person_id, confirmed_by_id FROM invitees "
                               "ORDER BY meeting_id, seq");
    return COLLECT(s, a, rows, n, read_invitee);
}

int st_model_attendees(db *d, arena *a, struct md_ref **rows, size_t *n)
{
    db_stmt *s =
        db_prepare(d, "SELECT meeting_id, person_id FROM attendees ORDER BY meeting_id, seq");
    return COLLECT(s, a, rows, n, read_ref);
}

static void read_decision(db_stmt *s, arena *a, void *row)
{
    struct md_decision *x = row;
    x->id = db_col_int(s, 0);
    x->meeting_id = db_col_int(s, 1);
    x->key = str(s, a, 2);
    x->major = db_col_int(s, 3) != 0;
    x->text = str(s, a, 4);
}

int st_model_decisions(db *d, arena *a, struct md_decision **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, meeting_id, key, major, text FROM decisions "
                               "ORDER BY meeting_id, seq");
    return COLLECT(s, a, rows, n, read_decision);
}

int st_model_recipients(db *d, arena *a, struct md_ref **rows, size_t *n)
{
    db_stmt *s = db_prepare(
        d, "SELECT meeting_id, person_id FROM minutes_recipients ORDER BY meeting_id, seq");
    return COLLECT(s, a, rows, n, read_ref);
}

/* --- plans --------------------------------------------------------------------------------- */
static void read_plan(db_stmt *s, arena *a, void *row)
{
    struct md_plan *p = row;
    static const char *const kinds[] = {"", "development", "annual", NULL};
    p->id = db_col_int(s, 0);
    p->alliance_id = db_col_int(s, 1);
    p->key = str(s, a, 2);
    p->kind = (enum md_plan_kind)pick(db_col_text(s, 3), kinds);
    p->from_year = db_col_int(s, 4);
    p->to_year = db_col_int(s, 5);
    p->title = str(s, a, 6);
    p->reviewed_at_id = db_col_int(s, 7);
    p->filed = approval(s, 8);
}

int st_model_plans(db *d, arena *a, struct md_plan **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, key, kind, from_year, to_year, title, "
                               "reviewed_at_id, filed_date, filed_by FROM plans "
                               "ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_plan);
}

/* --- the ledger ---------------------------------------------------------------------------- */
static void read_account(db_stmt *s, arena *a, void *row)
{
    struct md_account *x = row;
    static const char *const types[] = {"",       "asset",   "liability", "net_assets",
                                        "income", "expense", NULL};
    (void)a;
    x->id = db_col_int(s, 0);
    x->alliance_id = db_col_int(s, 1);
    x->type = (enum md_account_type)pick(db_col_text(s, 2), types);
}

int st_model_accounts(db *d, arena *a, struct md_account **rows, size_t *n)
{
    db_stmt *s =
        db_prepare(d, "SELECT id, alliance_id, type FROM accounts ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_account);
}

static void read_fund(db_stmt *s, arena *a, void *row)
{
    struct md_fund *f = row;
    f->id = db_col_int(s, 0);
    f->alliance_id = db_col_int(s, 1);
    f->key = str(s, a, 2);
    f->name = str(s, a, 3);
    f->restricted = db_col_int(s, 4) != 0;
}

int st_model_funds(db *d, arena *a, struct md_fund **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, key, name, restricted FROM funds "
                               "ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_fund);
}

static void read_transaction(db_stmt *s, arena *a, void *row)
{
    struct md_transaction *t = row;
    t->id = db_col_int(s, 0);
    t->alliance_id = db_col_int(s, 1);
    t->seq = db_col_int(s, 2);
    t->key = str(s, a, 3);
    t->date = day(s, 4);
}

int st_model_transactions(db *d, arena *a, struct md_transaction **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, seq, key, date FROM transactions "
                               "ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_transaction);
}

static void read_posting(db_stmt *s, arena *a, void *row)
{
    struct md_posting *p = row;
    (void)a;
    p->transaction_id = db_col_int(s, 0);
    p->account_id = db_col_int(s, 1);
    p->fund_id = db_col_int(s, 2);
    p->amount_fen = db_col_int(s, 3);
}

int st_model_postings(db *d, arena *a, struct md_posting **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT transaction_id, account_id, fund_id, amount_fen "
                               "FROM postings ORDER BY transaction_id, seq");
    return COLLECT(s, a, rows, n, read_posting);
}

static void read_fund_report(db_stmt *s, arena *a, void *row)
{
    struct md_fund_report *r = row;
    (void)a;
    r->id = db_col_int(s, 0);
    r->alliance_id = db_col_int(s, 1);
    r->year = db_col_int(s, 2);
    r->submitted_on = day(s, 3);
    r->raised_fen = db_col_int(s, 4);
    r->used_fen = db_col_int(s, 5);
}

int st_model_fund_reports(db *d, arena *a, struct md_fund_report **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, year, submitted_on, raised_fen, used_fen "
                               "FROM fund_reports ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_fund_report);
}

static void read_report_line(db_stmt *s, arena *a, void *row)
{
    struct md_report_line *l = row;
    (void)a;
    l->report_id = db_col_int(s, 0);
    l->fund_id = db_col_int(s, 1);
    l->raised_fen = db_col_int(s, 2);
    l->used_fen = db_col_int(s, 3);
}

int st_model_report_lines(db *d, arena *a, struct md_report_line **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT report_id, fund_id, raised_fen, used_fen "
                               "FROM fund_report_lines ORDER BY report_id, seq");
    return COLLECT(s, a, rows, n, read_report_line);
}

/* --- outputs, news, activities ------------------------------------------------------------- */
static void read_output(db_stmt *s, arena *a, void *row)
{
    struct md_output *o = row;
    o->id = db_col_int(s, 0);
    o->alliance_id = db_col_int(s, 1);
    o->key = str(s, a, 2);
    o->title = str(s, a, 3);
    o->date = day(s, 4);
}

int st_model_outputs(db *d, arena *a, struct md_output **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, key, title, date FROM outputs "
                               "ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_output);
}

static void read_release(db_stmt *s, arena *a, void *row)
{
    struct md_release *r = row;
    static const char *const kinds[] = {"", "publish", "use", NULL};
    (void)a;
    r->output_id = db_col_int(s, 0);
    r->by_id = db_col_int(s, 1);
    r->date = day(s, 2);
    r->kind = (enum md_release_kind)pick(db_col_text(s, 3), kinds);
    r->approved = approval(s, 4);
}

int st_model_releases(db *d, arena *a, struct md_release **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT output_id, by_id, date, kind, approved_date, approved_by "
                               "FROM releases ORDER BY output_id, seq");
    return COLLECT(s, a, rows, n, read_release);
}

static void read_news(db_stmt *s, arena *a, void *row)
{
    struct md_news *x = row;
    static const char *const statuses[] = {"", "draft", "in_review", "rejected", "published", NULL};
    x->id = db_col_int(s, 0);
    x->alliance_id = db_col_int(s, 1);
    x->key = str(s, a, 2);
    x->title = str(s, a, 3);
    x->author_id = db_col_int(s, 4);
    x->status = (enum md_news_status)pick(db_col_text(s, 5), statuses);
    x->published_on = day(s, 6);
    x->review = !db_col_null(s, 7);
    x->review_by_id = db_col_int(s, 7);
    x->review_approved_on = day(s, 8);
    x->review_rejected_on = day(s, 9);
}

int st_model_news(db *d, arena *a, struct md_news **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, key, title, author_id, status, "
                               "published_on, review_by_id, review_approved_on, "
                               "review_rejected_on FROM news ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_news);
}

static void read_activity(db_stmt *s, arena *a, void *row)
{
    struct md_activity *x = row;
    static const char *const tasks[] = {"",       "think_tank", "academic", "innovation",
                                        "talent", "reform",     NULL};
    x->id = db_col_int(s, 0);
    x->alliance_id = db_col_int(s, 1);
    x->key = str(s, a, 2);
    x->task = (enum md_task)pick(db_col_text(s, 3), tasks);
    const char *kind = db_col_text(s, 4);
    x->party_organ = kind && strcmp(kind, "party_organ") == 0;
    x->date = day(s, 5);
}

int st_model_activities(db *d, arena *a, struct md_activity **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT id, alliance_id, key, task, kind, date FROM activities "
                               "ORDER BY alliance_id, seq");
    return COLLECT(s, a, rows, n, read_activity);
}
