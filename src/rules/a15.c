/* 第十五条: funds are kept in a dedicated account and used only for their purpose (专账管理、
 * 专款专用); each year, by the end of January, the previous year's funds raised and used are
 * reported to CAST. A fund's raised amount is minus its income postings, its used amount its
 * expense postings, its balance raised - used (dataset.md). */
#include "rules/engine.h"
#include <string.h>

static lh_day report_deadline(const struct view *v, int64_t year)
{
    if (year + 1 < 1 || year + 1 > 9999)
        return NO_DAY;
    return deadline_in((int)(year + 1), v->p.fund_report_deadline);
}

/* 第十五条 (每年1月底前……报中国科协): a full year whose report deadline (in the next year) is
 * before D with no submitted report for it. */
static void fund_report_missing(const struct rule *r, struct rctx *c)
{
    const struct view *v = c->v;
    for (size_t y = 0; y < v->nfull_years; y++) {
        int year = v->full_years[y];
        lh_day deadline = report_deadline(v, year);
        if (!(v->D > deadline))
            continue;
        bool found = false;
        for (size_t i = 0; i < v->al.nfund_reports && !found; i++)
            found =
                v->al.fund_reports[i].year == year && v->al.fund_reports[i].submitted_on != NO_DAY;
        if (found)
            continue;
        struct finding *f = emit(c, r, SUBJ_YEAR, year_key(c, year), year);
        farg_int(c, f, "year", year);
        farg_day(c, f, "deadline", deadline);
        farg_assoc(c, f);
    }
}

/* 第十五条 (每年1月底前): a report submitted after its deadline. */
static void fund_report_late(const struct rule *r, struct rctx *c)
{
    const struct view *v = c->v;
    for (size_t i = 0; i < v->al.nfund_reports; i++) {
        const struct md_fund_report *rep = &v->al.fund_reports[i];
        lh_day deadline = report_deadline(v, rep->year);
        if (rep->submitted_on == NO_DAY || deadline == NO_DAY || rep->submitted_on <= deadline)
            continue;
        struct finding *f = emit(c, r, SUBJ_FUND_REPORT, year_key(c, rep->year), (int)rep->year);
        farg_int(c, f, "year", rep->year);
        farg_day(c, f, "submitted", rep->submitted_on);
        farg_day(c, f, "deadline", deadline);
    }
}

/* The index of a fund of this alliance in its list, or -1. */
static long fund_index(const struct rctx *c, int64_t fund_id)
{
    const struct md_fund *f = model_fund(c->m, fund_id);
    if (!f || f->alliance_id != c->v->al.id)
        return -1;
    return (long)(f - c->v->al.funds);
}

struct figures {
    int64_t raised, used;
};

/* 第十五条: a submitted report whose totals or per-fund figures differ from the ledger's for its
 * year (a fund the report leaves out counts as zero raised and zero used). */
static void fund_report_mismatch(const struct rule *r, struct rctx *c)
{
    const struct view *v = c->v;
    size_t nfunds = v->al.nfunds;
    struct figures *ledger = arena_alloc(c->scratch, (nfunds + 1) * sizeof *ledger);
    struct figures *told = arena_alloc(c->scratch, (nfunds + 1) * sizeof *told);
    for (size_t i = 0; i < v->al.nfund_reports; i++) {
        const struct md_fund_report *rep = &v->al.fund_reports[i];
        if (rep->submitted_on == NO_DAY)
            continue;
        memset(ledger, 0, (nfunds + 1) * sizeof *ledger);
        memset(told, 0, (nfunds + 1) * sizeof *told);
        struct figures total = {0, 0};
        /* The view's transactions are in date order: find the year's first by bisection. */
        lh_day first =
            rep->year >= 1 && rep->year <= 9999 ? day_from_ymd((int)rep->year, 1, 1) : NO_DAY;
        size_t lo = 0, hi = first != NO_DAY ? v->al.ntransactions : 0;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (v->al.transactions[mid].date < first)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t t = lo; first != NO_DAY && t < v->al.ntransactions &&
                            day_year(v->al.transactions[t].date) == rep->year;
             t++) {
            const struct md_transaction *tx = &v->al.transactions[t];
            for (size_t k = 0; k < tx->npostings; k++) {
                const struct md_posting *p = &tx->postings[k];
                const struct md_account *acc = model_account(c->m, p->account_id);
                long fi = fund_index(c, p->fund_id);
                struct figures *fig = fi >= 0 ? &ledger[fi] : &ledger[nfunds];
                if (acc && acc->type == AT_INCOME) {
                    fig->raised -= p->amount_fen;
                    total.raised -= p->amount_fen;
                } else if (acc && acc->type == AT_EXPENSE) {
                    fig->used += p->amount_fen;
                    total.used += p->amount_fen;
                }
            }
        }
        for (size_t k = 0; k < rep->nlines; k++) {
            long fi = fund_index(c, rep->lines[k].fund_id);
            struct figures *fig = fi >= 0 ? &told[fi] : &told[nfunds];
            fig->raised += rep->lines[k].raised_fen;
            fig->used += rep->lines[k].used_fen;
        }
        const char *fund = NULL;
        struct figures said = {rep->raised_fen, rep->used_fen}, kept = total;
        if (total.raised == rep->raised_fen && total.used == rep->used_fen) {
            for (size_t k = 0; k <= nfunds && !fund; k++)
                if (ledger[k].raised != told[k].raised || ledger[k].used != told[k].used) {
                    fund = k < nfunds ? v->al.funds[k].name : "?";
                    said = told[k];
                    kept = ledger[k];
                }
            if (!fund)
                continue;
        }
        struct finding *f = emit(c, r, SUBJ_FUND_REPORT, year_key(c, rep->year), (int)rep->year);
        farg_int(c, f, "year", rep->year);
        buf zh = {0}, en = {0};
        if (fund) {
            buf_printf(&zh, "资金“%s”", fund);
            buf_printf(&en, "for the fund %s, ", fund);
        }
        farg2(c, f, "fund", buf_str(&zh), buf_str(&en));
        buf_free(&zh);
        buf_free(&en);
        farg_money(c, f, "said_raised", said.raised);
        farg_money(c, f, "said_used", said.used);
        farg_money(c, f, "raised", kept.raised);
        farg_money(c, f, "used", kept.used);
    }
}

/* 第十五条 (专款专用): a restricted fund whose balance, taken transaction by transaction in date
 * order (within a day as recorded), drops below zero; one finding per fund, at the first
 * transaction that does it. */
static void restricted_fund_overspent(const struct rule *r, struct rctx *c)
{
    const struct view *v = c->v;
    size_t nfunds = v->al.nfunds;
    bool any = false;
    for (size_t k = 0; k < nfunds && !any; k++)
        any = v->al.funds[k].restricted;
    if (!any)
        return;
    int64_t *balance = arena_alloc(c->scratch, nfunds * sizeof *balance);
    bool *flagged = arena_alloc(c->scratch, nfunds * sizeof *flagged);
    for (size_t t = 0; t < v->al.ntransactions; t++) {
        const struct md_transaction *tx = &v->al.transactions[t];
        for (size_t k = 0; k < tx->npostings; k++) {
            const struct md_posting *p = &tx->postings[k];
            long fi = fund_index(c, p->fund_id);
            const struct md_account *acc = model_account(c->m, p->account_id);
            if (fi < 0 || !v->al.funds[fi].restricted || !acc ||
                (acc->type != AT_INCOME && acc->type != AT_EXPENSE))
                continue;
            balance[fi] -= p->amount_fen; /* income credits raise it, expense debits lower it */
        }
        for (size_t k = 0; k < tx->npostings; k++) {
            long fi = fund_index(c, tx->postings[k].fund_id);
            if (fi < 0 || !v->al.funds[fi].restricted || flagged[fi] || balance[fi] >= 0)
                continue;
            flagged[fi] = true;
            struct finding *f = emit(c, r, SUBJ_TRANSACTION, tx->key, 0);
            farg(c, f, "key", tx->key);
            farg_day(c, f, "date", tx->date);
            farg(c, f, "fund", v->al.funds[fi].name);
            farg_money(c, f, "balance", balance[fi]);
        }
    }
}

static const struct rule rules[] = {
    {"A15.fund-report-missing", 15, SEV_ERROR, fund_report_missing,
     "{year} 年度资金筹集及使用情况未在 {deadline} 前报{assoc}",
     "the {year} report of funds raised and used was not submitted to {assoc} by {deadline}"},
    {"A15.fund-report-late", 15, SEV_ERROR, fund_report_late,
     "{year} 年度资金筹集及使用情况于 {submitted} 报送，晚于 {deadline}",
     "the {year} report of funds raised and used was submitted on {submitted}, after "
     "{deadline}"},
    {"A15.fund-report-mismatch", 15, SEV_ERROR, fund_report_mismatch,
     "{year} 年度资金报告与账目不符：{fund}报告筹集 {said_raised} 元、使用 {said_used} 元，账目为"
     "筹集 {raised} 元、使用 {used} 元",
     "the {year} fund report differs from the ledger: {fund}reported raised CNY {said_raised} and "
     "used CNY {said_used}, the ledger says raised CNY {raised} and used CNY {used}"},
    {"A15.restricted-fund-overspent", 15, SEV_ERROR, restricted_fund_overspent,
     "{date} 记账“{key}”使限定性资金“{fund}”余额降为 {balance} 元，未能专款专用",
     "the transaction {key} of {date} takes the restricted fund {fund} below zero (CNY "
     "{balance})"},
};
RULES_TABLE(rules_a15, rules);
