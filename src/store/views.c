/* The read queries of the alliance pages (views.h). One literal statement per function; the
 * reader beside each copies a row into the caller's arena. */
#include "store/views.h"
#include <string.h>

#define TEXT(col) arena_strdup(a, db_col_text(s, (col)))

/* --- members, bodies and posts -------------------------------------------------------------- */

static void read_member(db_stmt *s, arena *a, void *row)
{
    struct v_member *r = row;
    r->org_key = TEXT(0);
    r->org_name = TEXT(1);
    r->org_kind = TEXT(2);
    r->uscc = TEXT(3);
    r->role = TEXT(4);
    r->joined_on = TEXT(5);
    r->left_on = TEXT(6);
    r->charter_ack_version = db_col_int(s, 7);
    r->charter_ack_date = TEXT(8);
    r->join_approved_date = TEXT(9);
}

int st_v_members(db *d, arena *a, int64_t alliance_id, struct v_member **rows, size_t *n)
{
    db_stmt *s = db_prepare(
        d, "SELECT o.key, o.name, o.kind, o.uscc, m.role, m.joined_on, m.left_on, "
           "m.charter_ack_version, m.charter_ack_date, m.join_approved_date FROM members m "
           "JOIN organisations o ON o.id = m.organisation_id WHERE m.alliance_id = :id "
           "ORDER BY m.seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_member, &p, n);
    *rows = p;
    return rc;
}

static void read_body(db_stmt *s, arena *a, void *row)
{
    struct v_body *r = row;
    r->seq = db_col_int(s, 0);
    r->key = TEXT(1);
    r->kind = TEXT(2);
    r->name = TEXT(3);
    r->lead = TEXT(4);
    r->task = TEXT(5);
    r->task_completed_on = TEXT(6);
    r->dissolved_on = TEXT(7);
    r->posts = db_col_int(s, 8);
}

int st_v_bodies(db *d, arena *a, int64_t alliance_id, const char *today, struct v_body **rows,
                size_t *n)
{
    db_stmt *s =
        db_prepare(d, "SELECT b.seq, b.key, b.kind, b.name, o.name, b.task, b.task_completed_on, "
                      "b.dissolved_on, (SELECT COUNT(*) FROM posts p WHERE p.body_id = b.id "
                      "AND p.from_date <= :today AND (p.to_date IS NULL OR p.to_date >= :today)) "
                      "FROM bodies b LEFT JOIN organisations o ON o.id = b.lead_id "
                      "WHERE b.alliance_id = :id ORDER BY b.seq");
    if (s) {
        db_bind_int(s, ":id", alliance_id);
        db_bind_text(s, ":today", today);
    }
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_body, &p, n);
    *rows = p;
    return rc;
}

static void read_post(db_stmt *s, arena *a, void *row)
{
    struct v_post *r = row;
    r->body_seq = db_col_int(s, 0);
    r->body = TEXT(1);
    r->body_kind = TEXT(2);
    r->role = TEXT(3);
    r->person_key = TEXT(4);
    r->person = TEXT(5);
    r->title = TEXT(6);
    r->organisation = TEXT(7);
    r->from = TEXT(8);
    r->to = TEXT(9);
    r->recommended_by = TEXT(10);
    r->cast_approved_date = TEXT(11);
    r->cast_approved_ref = TEXT(12);
    r->email = TEXT(13);
    r->phone = TEXT(14);
}

int st_v_posts(db *d, arena *a, int64_t alliance_id, bool contact, struct v_post **rows, size_t *n)
{
    db_stmt *s = db_prepare(
        d, "SELECT b.seq, b.name, b.kind, p.role, pe.key, pe.name, pe.title, po.name, "
           "p.from_date, p.to_date, ro.name, p.cast_approved_date, p.cast_approved_ref, "
           "CASE WHEN :contact = 1 THEN pe.email END, CASE WHEN :contact = 1 THEN pe.phone END "
           "FROM posts p JOIN bodies b ON b.id = p.body_id JOIN people pe ON pe.id = p.person_id "
           "LEFT JOIN organisations po ON po.id = pe.organisation_id "
           "LEFT JOIN organisations ro ON ro.id = p.recommended_by_id "
           "WHERE b.alliance_id = :id ORDER BY b.seq, p.seq");
    if (s) {
        db_bind_int(s, ":id", alliance_id);
        db_bind_int(s, ":contact", contact ? 1 : 0);
    }
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_post, &p, n);
    *rows = p;
    return rc;
}

/* --- meetings and plans --------------------------------------------------------------------- */

static void read_meeting(db_stmt *s, arena *a, void *row)
{
    struct v_meeting *r = row;
    r->key = TEXT(0);
    r->kind = TEXT(1);
    r->title = TEXT(2);
    r->date = TEXT(3);
    r->status = TEXT(4);
    r->chaired_by = TEXT(5);
    r->minutes_signed_by = TEXT(6);
    r->minutes_signed_on = TEXT(7);
    r->minutes_distributed_on = TEXT(8);
}

int st_v_meetings(db *d, arena *a, int64_t alliance_id, struct v_meeting **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT m.key, m.kind, m.title, m.date, m.status, c.name, sg.name, "
                               "m.minutes_signed_on, m.minutes_distributed_on FROM meetings m "
                               "LEFT JOIN people c ON c.id = m.chaired_by_id "
                               "LEFT JOIN people sg ON sg.id = m.minutes_signed_by_id "
                               "WHERE m.alliance_id = :id ORDER BY m.date DESC, m.seq DESC");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_meeting, &p, n);
    *rows = p;
    return rc;
}

static void read_plan(db_stmt *s, arena *a, void *row)
{
    struct v_plan *r = row;
    r->key = TEXT(0);
    r->kind = TEXT(1);
    r->from_year = db_col_int(s, 2);
    r->to_year = db_col_int(s, 3);
    r->title = TEXT(4);
    r->reviewed_date = TEXT(5);
    r->reviewed_title = TEXT(6);
    r->filed_date = TEXT(7);
    r->filed_ref = TEXT(8);
}

int st_v_plans(db *d, arena *a, int64_t alliance_id, struct v_plan **rows, size_t *n)
{
    db_stmt *s = db_prepare(
        d, "SELECT p.key, p.kind, p.from_year, p.to_year, p.title, m.date, m.title, "
           "p.filed_date, p.filed_ref FROM plans p LEFT JOIN meetings m ON m.id = p.reviewed_at_id "
           "WHERE p.alliance_id = :id ORDER BY p.from_year DESC, p.seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_plan, &p, n);
    *rows = p;
    return rc;
}

/* --- the ledger ----------------------------------------------------------------------------- */

static void read_account(db_stmt *s, arena *a, void *row)
{
    struct v_account *r = row;
    r->key = TEXT(0);
    r->name = TEXT(1);
    r->type = TEXT(2);
    r->sum_fen = db_col_int(s, 3);
}

int st_v_accounts(db *d, arena *a, int64_t alliance_id, struct v_account **rows, size_t *n)
{
    db_stmt *s =
        db_prepare(d, "SELECT ac.key, ac.name, ac.type, (SELECT COALESCE(SUM(p.amount_fen), "
                      "0) FROM postings p WHERE p.account_id = ac.id) FROM accounts ac "
                      "WHERE ac.alliance_id = :id ORDER BY ac.seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_account, &p, n);
    *rows = p;
    return rc;
}

static void read_fund(db_stmt *s, arena *a, void *row)
{
    struct v_fund *r = row;
    r->key = TEXT(0);
    r->name = TEXT(1);
    r->restricted = db_col_int(s, 2) != 0;
    r->purpose = TEXT(3);
    r->raised_fen = db_col_int(s, 4);
    r->used_fen = db_col_int(s, 5);
}

int st_v_funds(db *d, arena *a, int64_t alliance_id, struct v_fund **rows, size_t *n)
{
    /* dataset.md: raised is minus the sum of the fund's income postings, used the sum of its
     * expense postings. */
    db_stmt *s =
        db_prepare(d, "SELECT f.key, f.name, f.restricted, f.purpose, "
                      "(SELECT COALESCE(-SUM(p.amount_fen), 0) FROM postings p JOIN accounts ac "
                      "ON ac.id = p.account_id WHERE p.fund_id = f.id AND ac.type = 'income'), "
                      "(SELECT COALESCE(SUM(p.amount_fen), 0) FROM postings p JOIN accounts ac "
                      "ON ac.id = p.account_id WHERE p.fund_id = f.id AND ac.type = 'expense') "
                      "FROM funds f WHERE f.alliance_id = :id ORDER BY f.seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_fund, &p, n);
    *rows = p;
    return rc;
}

static void read_posting(db_stmt *s, arena *a, void *row)
{
    struct v_posting *r = row;
    r->tx_key = TEXT(0);
    r->date = TEXT(1);
    r->voucher = TEXT(2);
    r->memo = TEXT(3);
    r->account = TEXT(4);
    r->fund = TEXT(5);
    r->amount_fen = db_col_int(s, 6);
}

int st_v_postings(db *d, arena *a, int64_t alliance_id, struct v_posting **rows, size_t *n)
{
    db_stmt *s =
        db_prepare(d, "SELECT t.key, t.date, t.voucher, t.memo, ac.name, f.name, p.amount_fen "
                      "FROM transactions t JOIN postings p ON p.transaction_id = t.id "
                      "JOIN accounts ac ON ac.id = p.account_id JOIN funds f ON f.id = p.fund_id "
                      "WHERE t.alliance_id = :id ORDER BY t.seq, p.seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_posting, &p, n);
    *rows = p;
    return rc;
}

static void read_fund_report(db_stmt *s, arena *a, void *row)
{
    struct v_fund_report *r = row;
    r->year = db_col_int(s, 0);
    r->fund = TEXT(1);
    r->submitted_on = TEXT(2);
    r->raised_fen = db_col_int(s, 3);
    r->used_fen = db_col_int(s, 4);
}

int st_v_fund_reports(db *d, arena *a, int64_t alliance_id, struct v_fund_report **rows, size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT year, NULL, submitted_on, raised_fen, used_fen "
                               "FROM fund_reports WHERE alliance_id = :id ORDER BY year DESC, seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_fund_report, &p, n);
    *rows = p;
    return rc;
}

int st_v_fund_report_lines(db *d, arena *a, int64_t alliance_id, struct v_fund_report **rows,
                           size_t *n)
{
    db_stmt *s = db_prepare(d, "SELECT r.year, f.name, r.submitted_on, l.raised_fen, l.used_fen "
                               "FROM fund_report_lines l JOIN fund_reports r ON r.id = l.report_id "
                               "JOIN funds f ON f.id = l.fund_id WHERE r.alliance_id = :id "
                               "ORDER BY r.year DESC, r.seq, l.seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_fund_report, &p, n);
    *rows = p;
    return rc;
}

/* --- outputs, news and activities ----------------------------------------------------------- */

static void read_output(db_stmt *s, arena *a, void *row)
{
    struct v_output *r = row;
    r->key = TEXT(0);
    r->title = TEXT(1);
    r->kind = TEXT(2);
    r->date = TEXT(3);
    r->releases = db_col_int(s, 4);
}

int st_v_outputs(db *d, arena *a, int64_t alliance_id, struct v_output **rows, size_t *n)
{
    db_stmt *s =
        db_prepare(d, "SELECT o.key, o.title, o.kind, o.date, (SELECT COUNT(*) FROM releases r "
                      "WHERE r.output_id = o.id) FROM outputs o WHERE o.alliance_id = :id "
                      "ORDER BY o.date DESC, o.seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_output, &p, n);
    *rows = p;
    return rc;
}

static void read_release(db_stmt *s, arena *a, void *row)
{
    struct v_release *r = row;
    r->output = TEXT(0);
    r->by = TEXT(1);
    r->date = TEXT(2);
    r->kind = TEXT(3);
    r->approved_date = TEXT(4);
    r->approved_by = TEXT(5);
    r->approved_ref = TEXT(6);
}

int st_v_releases(db *d, arena *a, int64_t alliance_id, struct v_release **rows, size_t *n)
{
    db_stmt *s =
        db_prepare(d, "SELECT o.title, g.name, r.date, r.kind, r.approved_date, r.approved_by, "
                      "r.approved_ref FROM releases r JOIN outputs o ON o.id = r.output_id "
                      "JOIN organisations g ON g.id = r.by_id WHERE o.alliance_id = :id "
                      "ORDER BY o.date DESC, o.seq, r.seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_release, &p, n);
    *rows = p;
    return rc;
}

static void read_news(db_stmt *s, arena *a, void *row)
{
    struct v_news *r = row;
    r->key = TEXT(0);
    r->title = TEXT(1);
    r->author = TEXT(2);
    r->status = TEXT(3);
    r->published_on = TEXT(4);
    r->reviewer = TEXT(5);
    r->approved_on = TEXT(6);
    r->rejected_on = TEXT(7);
}

int st_v_news(db *d, arena *a, int64_t alliance_id, struct v_news **rows, size_t *n)
{
    db_stmt *s = db_prepare(
        d, "SELECT n.key, n.title, au.name, n.status, n.published_on, rv.name, "
           "n.review_approved_on, n.review_rejected_on FROM news n "
           "JOIN people au ON au.id = n.author_id LEFT JOIN people rv ON rv.id = n.review_by_id "
           "WHERE n.alliance_id = :id ORDER BY n.seq DESC");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_news, &p, n);
    *rows = p;
    return rc;
}

static void read_activity(db_stmt *s, arena *a, void *row)
{
    struct v_activity *r = row;
    r->key = TEXT(0);
    r->task = TEXT(1);
    r->kind = TEXT(2);
    r->title = TEXT(3);
    r->date = TEXT(4);
    r->participants = db_col_int(s, 5);
}

int st_v_activities(db *d, arena *a, int64_t alliance_id, struct v_activity **rows, size_t *n)
{
    db_stmt *s =
        db_prepare(d, "SELECT t.key, t.task, t.kind, t.title, t.date, (SELECT COUNT(*) FROM "
                      "activity_participants p WHERE p.activity_id = t.id) FROM activities t "
                      "WHERE t.alliance_id = :id ORDER BY t.date DESC, t.seq");
    if (s)
        db_bind_int(s, ":id", alliance_id);
    void *p;
    int rc = db_collect(s, a, sizeof **rows, read_activity, &p, n);
    *rows = p;
    return rc;
}
