/* The field tables of the dataset format, transcribed from dataset.md and dataset.schema.json.
 * Read bottom-up: small nested objects first, then the records that hold them, the alliance and
 * the document. Field order is dataset.md's, and it is the order of the export. */
#include "dataset/spec.h"
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* One line per field: name, then what it is. */
#define KEY(n)                                                                                     \
    {                                                                                              \
        .name = n, .type = DT_KEY, .flags = DF_REQUIRED | DF_UNIQUE                                \
    }
#define REF(n, fl, r)                                                                              \
    {                                                                                              \
        .name = n, .type = DT_KEY, .flags = fl, .ref = r                                           \
    }
#define REFS(n, r, t)                                                                              \
    {                                                                                              \
        .name = n, .type = DT_KEYS, .ref = r, .table = t                                           \
    }
#define NAME(n, fl)                                                                                \
    {                                                                                              \
        .name = n, .type = DT_NAME, .flags = fl                                                    \
    }
#define TEXT(n, mx)                                                                                \
    {                                                                                              \
        .name = n, .type = DT_TEXT, .max = mx                                                      \
    }
#define MARKDOWN(n, fl)                                                                            \
    {                                                                                              \
        .name = n, .type = DT_MARKDOWN, .flags = fl                                                \
    }
#define DATE(n, fl)                                                                                \
    {                                                                                              \
        .name = n, .type = DT_DATE, .flags = fl                                                    \
    }
#define MONTHDAY(n)                                                                                \
    {                                                                                              \
        .name = n, .type = DT_MONTHDAY                                                             \
    }
#define INT(n, fl, lo, hi)                                                                         \
    {                                                                                              \
        .name = n, .type = DT_INT, .flags = fl, .min = lo, .max = hi                               \
    }
#define FEN(n)                                                                                     \
    {                                                                                              \
        .name = n, .type = DT_FEN, .flags = DF_REQUIRED                                            \
    }
#define BOOL(n, fl)                                                                                \
    {                                                                                              \
        .name = n, .type = DT_BOOL, .flags = fl                                                    \
    }
#define ENUM(n, v)                                                                                 \
    {                                                                                              \
        .name = n, .type = DT_ENUM, .flags = DF_REQUIRED, .values = v                              \
    }
#define OBJECT(n, fl, s)                                                                           \
    {                                                                                              \
        .name = n, .type = DT_OBJECT, .flags = fl, .sub = &s                                       \
    }
#define RECORDS(n, fl, s)                                                                          \
    {                                                                                              \
        .name = n, .type = DT_RECORDS, .flags = fl, .sub = &s                                      \
    }
#define SPEC(what, table, defines, check, fields)                                                  \
    {                                                                                              \
        what, table, defines, check, fields, N(fields)                                             \
    }

#define YEAR_MIN 1949
#define YEAR_MAX 2200

/* --- enumerations ------------------------------------------------------------------------ */
static const char *const approvers[] = {"standing_committee", "cast", "presidium", "chair", NULL};
static const char *const org_kinds[] = {
    "national_society", "social_org", "enterprise", "research_institute",
    "university",       "other",      NULL};
static const char *const alliance_statuses[] = {"proposed",  "active",   "dissolving",
                                                "dissolved", "rejected", NULL};
static const char *const member_roles[] = {"initiator", "member", NULL};
static const char *const body_kinds[] = {"presidium", "expert_committee", "secretariat",
                                         "working_committee", NULL};
/* Every post role; CHECK_BODY narrows it to the body's kind. */
static const char *const post_roles[] = {"chair",
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
const char *const ds_roles_presidium[] = {"chair", "vice_chair", "honorary_chair", "member", NULL};
const char *const ds_roles_expert_committee[] = {"director", "deputy_director", "member", NULL};
const char *const ds_roles_secretariat[] = {"secretary_general", "deputy_secretary_general",
                                            "staff", NULL};
const char *const ds_roles_working_committee[] = {"head", "deputy_head", "member", NULL};
static const char *const meeting_kinds[] = {"presidium", "special", NULL};
static const char *const meeting_statuses[] = {"planned", "held", "cancelled", NULL};
static const char *const plan_kinds[] = {"development", "annual", NULL};
static const char *const account_types[] = {"asset",  "liability", "net_assets",
                                            "income", "expense",   NULL};
static const char *const output_kinds[] = {"report",     "standard", "paper",
                                           "evaluation", "other",    NULL};
static const char *const release_kinds[] = {"publish", "use", NULL};
static const char *const news_statuses[] = {"draft", "in_review", "rejected", "published", NULL};
static const char *const tasks[] = {"think_tank", "academic", "innovation",
                                    "talent",     "reform",   NULL};
static const char *const activity_kinds[] = {"research_institute",
                                             "research_project",
                                             "tech_evaluation",
                                             "conference",
                                             "annual_conference",
                                             "journal",
                                             "intl_organisation",
                                             "innovation_programme",
                                             "standard",
                                             "innovation_community",
                                             "young_talent",
                                             "talent_recommendation",
                                             "award_recommendation",
                                             "intl_post_recommendation",
                                             "party_organ",
                                             "other",
                                             NULL};
static const char *const formats[] = {"lianheti-dataset", NULL};

/* --- nested objects ---------------------------------------------------------------------- */
static const struct ds_field approval_fields[] = {
    DATE("date", DF_REQUIRED),
    ENUM("by", approvers),
    TEXT("ref", DS_NAME_MAX),
};
static const struct ds_spec approval =
    SPEC("approval", DS_NONE, REF_NONE, CHECK_NONE, approval_fields);

static const struct ds_field params_fields[] = {
    INT("min_initiators", 0, 0, INT64_MAX),
    INT("presidium_meetings_min", 0, 0, INT64_MAX),
    INT("presidium_meetings_max", 0, 0, INT64_MAX),
    INT("minutes_deadline_days", 0, 0, INT64_MAX),
    MONTHDAY("annual_plan_deadline"),
    MONTHDAY("fund_report_deadline"),
    INT("lookback_years", 0, 0, INT64_MAX),
};
static const struct ds_spec params = SPEC("params", DS_NONE, REF_NONE, CHECK_NONE, params_fields);

static const struct ds_field rotation_fields[] = {
    BOOL("chair", 0),
    BOOL("secretariat", 0),
};
static const struct ds_spec rotation =
    SPEC("rotation", DS_NONE, REF_NONE, CHECK_NONE, rotation_fields);

static const struct ds_field charter_ack_fields[] = {
    INT("version", DF_REQUIRED, 1, INT64_MAX),
    DATE("date", DF_REQUIRED),
};
static const struct ds_spec charter_ack =
    SPEC("charter_ack", DS_NONE, REF_NONE, CHECK_NONE, charter_ack_fields);

static const struct ds_field appointment_fields[] = {
    REF("meeting", DF_REQUIRED, REF_MEETING),
    REF("decision", DF_REQUIRED, REF_DECISION),
};
static const struct ds_spec appointment =
    SPEC("appointed_at", DS_NONE, REF_NONE, CHECK_NONE, appointment_fields);

static const struct ds_field review_fields[] = {
    REF("by", DF_REQUIRED, REF_PERSON),
    DATE("approved_on", 0),
    DATE("rejected_on", 0),
};
static const struct ds_spec review = SPEC("review", DS_NONE, REF_NONE, CHECK_NONE, review_fields);

/* --- the records of an alliance ---------------------------------------------------------- */
static const struct ds_field charter_fields[] = {
    INT("version", DF_REQUIRED, 1, INT64_MAX),
    REFS("drafted_by", REF_ORGANISATION, DS_CHARTER_DRAFTERS),
    DATE("submitted_on", 0),
    OBJECT("approved", 0, approval),
    MARKDOWN("text", 0),
};
static const struct ds_spec charter =
    SPEC("charter", DS_CHARTERS, REF_NONE, CHECK_NONE, charter_fields);

static const struct ds_field member_fields[] = {
    REF("organisation", DF_REQUIRED, REF_ORGANISATION),
    ENUM("role", member_roles),
    DATE("joined_on", DF_REQUIRED),
    OBJECT("join_approved", 0, approval),
    OBJECT("charter_ack", 0, charter_ack),
    DATE("left_on", 0),
    OBJECT("leave_approved", 0, approval),
};
static const struct ds_spec member =
    SPEC("member", DS_MEMBERS, REF_NONE, CHECK_NONE, member_fields);

static const struct ds_field post_fields[] = {
    REF("person", DF_REQUIRED, REF_PERSON),
    ENUM("role", post_roles),
    DATE("from", DF_REQUIRED),
    DATE("to", 0),
    REF("recommended_by", 0, REF_ORGANISATION),
    REF("nominated_by", 0, REF_PERSON),
    OBJECT("appointed_at", 0, appointment),
    OBJECT("cast_approved", 0, approval),
};
static const struct ds_spec post = SPEC("post", DS_POSTS, REF_NONE, CHECK_NONE, post_fields);

static const struct ds_field body_fields[] = {
    KEY("key"),
    ENUM("kind", body_kinds),
    NAME("name", DF_REQUIRED),
    REF("lead", 0, REF_ORGANISATION),
    REFS("participants", REF_ORGANISATION, DS_BODY_PARTICIPANTS),
    MARKDOWN("task", 0),
    DATE("task_completed_on", 0),
    DATE("dissolved_on", 0),
    RECORDS("posts", 0, post),
};
static const struct ds_spec body = SPEC("body", DS_BODIES, REF_NONE, CHECK_BODY, body_fields);

static const struct ds_field agenda_item_fields[] = {
    NAME("title", DF_REQUIRED),
    BOOL("major", 0),
};
static const struct ds_spec agenda_item =
    SPEC("agenda item", DS_AGENDA_ITEMS, REF_NONE, CHECK_NONE, agenda_item_fields);

static const struct ds_field agenda_fields[] = {
    REF("proposed_by", DF_REQUIRED, REF_PERSON),
    REF("approved_by", 0, REF_PERSON),
    DATE("approved_on", 0),
    RECORDS("items", 0, agenda_item),
};
static const struct ds_spec agenda = SPEC("agenda", DS_NONE, REF_NONE, CHECK_NONE, agenda_fields);

static const struct ds_field invitee_fields[] = {
    REF("person", DF_REQUIRED, REF_PERSON),
    REF("proposed_by", 0, REF_PERSON),
    REF("confirmed_by", 0, REF_PERSON),
};
static const struct ds_spec invitee =
    SPEC("invitee", DS_INVITEES, REF_NONE, CHECK_NONE, invitee_fields);

static const struct ds_field decision_fields[] = {
    KEY("key"),
    MARKDOWN("text", DF_REQUIRED),
    BOOL("major", 0),
};
static const struct ds_spec decision =
    SPEC("decision", DS_DECISIONS, REF_DECISION, CHECK_NONE, decision_fields);

static const struct ds_field minutes_fields[] = {
    MARKDOWN("text", 0),
    REF("signed_by", 0, REF_PERSON),
    DATE("signed_on", 0),
    REFS("distributed_to", REF_PERSON, DS_MINUTES_RECIPIENTS),
    REFS("distributed_units", REF_ORGANISATION, DS_MINUTES_UNITS),
    DATE("distributed_on", 0),
};
static const struct ds_spec minutes =
    SPEC("minutes", DS_NONE, REF_NONE, CHECK_NONE, minutes_fields);

static const struct ds_field meeting_fields[] = {
    KEY("key"),
    ENUM("kind", meeting_kinds),
    NAME("title", DF_REQUIRED),
    DATE("date", DF_REQUIRED),
    ENUM("status", meeting_statuses),
    REF("chaired_by", 0, REF_PERSON),
    REF("delegated_by", 0, REF_PERSON),
    OBJECT("agenda", 0, agenda),
    RECORDS("invitees", 0, invitee),
    REFS("attended", REF_PERSON, DS_ATTENDEES),
    RECORDS("decisions", 0, decision),
    OBJECT("minutes", 0, minutes),
};
static const struct ds_spec meeting =
    SPEC("meeting", DS_MEETINGS, REF_MEETING, CHECK_NONE, meeting_fields);

static const struct ds_field plan_fields[] = {
    KEY("key"),
    ENUM("kind", plan_kinds),
    INT("from_year", DF_REQUIRED, YEAR_MIN, YEAR_MAX),
    INT("to_year", DF_REQUIRED, YEAR_MIN, YEAR_MAX),
    NAME("title", DF_REQUIRED),
    REF("reviewed_at", 0, REF_MEETING),
    OBJECT("filed", 0, approval),
    MARKDOWN("text", 0),
};
static const struct ds_spec plan = SPEC("plan", DS_PLANS, REF_NONE, CHECK_NONE, plan_fields);

static const struct ds_field account_fields[] = {
    KEY("key"),
    NAME("name", DF_REQUIRED),
    ENUM("type", account_types),
};
static const struct ds_spec account =
    SPEC("account", DS_ACCOUNTS, REF_ACCOUNT, CHECK_NONE, account_fields);

static const struct ds_field fund_fields[] = {
    KEY("key"),
    NAME("name", DF_REQUIRED),
    BOOL("restricted", DF_REQUIRED),
    MARKDOWN("purpose", 0),
};
static const struct ds_spec fund = SPEC("fund", DS_FUNDS, REF_FUND, CHECK_NONE, fund_fields);

static const struct ds_field posting_fields[] = {
    REF("account", DF_REQUIRED, REF_ACCOUNT),
    REF("fund", DF_REQUIRED, REF_FUND),
    FEN("amount_fen"),
};
static const struct ds_spec posting =
    SPEC("posting", DS_POSTINGS, REF_NONE, CHECK_NONE, posting_fields);

static const struct ds_field transaction_fields[] = {
    KEY("key"),
    DATE("date", DF_REQUIRED),
    TEXT("memo", 1000),
    TEXT("voucher", 64),
    RECORDS("postings", DF_REQUIRED, posting),
};
static const struct ds_spec transaction =
    SPEC("transaction", DS_TRANSACTIONS, REF_NONE, CHECK_TRANSACTION, transaction_fields);

static const struct ds_field ledger_fields[] = {
    RECORDS("accounts", DF_REQUIRED, account),
    RECORDS("funds", DF_REQUIRED, fund),
    RECORDS("transactions", DF_REQUIRED, transaction),
};
static const struct ds_spec ledger = SPEC("ledger", DS_NONE, REF_NONE, CHECK_NONE, ledger_fields);

static const struct ds_field fund_line_fields[] = {
    REF("fund", DF_REQUIRED, REF_FUND),
    FEN("raised_fen"),
    FEN("used_fen"),
};
static const struct ds_spec fund_line =
    SPEC("fund line", DS_FUND_REPORT_LINES, REF_NONE, CHECK_NONE, fund_line_fields);

static const struct ds_field fund_report_fields[] = {
    INT("year", DF_REQUIRED, YEAR_MIN, YEAR_MAX),
    DATE("submitted_on", 0),
    FEN("raised_fen"),
    FEN("used_fen"),
    RECORDS("by_fund", 0, fund_line),
};
static const struct ds_spec fund_report =
    SPEC("fund report", DS_FUND_REPORTS, REF_NONE, CHECK_NONE, fund_report_fields);

static const struct ds_field release_fields[] = {
    REF("by", DF_REQUIRED, REF_ORGANISATION),
    DATE("date", DF_REQUIRED),
    ENUM("kind", release_kinds),
    OBJECT("approved", 0, approval),
};
static const struct ds_spec release =
    SPEC("release", DS_RELEASES, REF_NONE, CHECK_NONE, release_fields);

static const struct ds_field output_fields[] = {
    KEY("key"),
    NAME("title", DF_REQUIRED),
    ENUM("kind", output_kinds),
    DATE("date", DF_REQUIRED),
    RECORDS("releases", 0, release),
};
static const struct ds_spec output =
    SPEC("output", DS_OUTPUTS, REF_NONE, CHECK_NONE, output_fields);

static const struct ds_field news_fields[] = {
    KEY("key"),
    NAME("title", DF_REQUIRED),
    REF("author", DF_REQUIRED, REF_PERSON),
    ENUM("status", news_statuses),
    DATE("published_on", 0),
    OBJECT("review", 0, review),
    MARKDOWN("text", 0),
};
static const struct ds_spec news = SPEC("news item", DS_NEWS, REF_NONE, CHECK_NONE, news_fields);

static const struct ds_field activity_fields[] = {
    KEY("key"),
    ENUM("task", tasks),
    ENUM("kind", activity_kinds),
    NAME("title", DF_REQUIRED),
    DATE("date", DF_REQUIRED),
    REFS("participants", REF_ORGANISATION, DS_ACTIVITY_PARTICIPANTS),
};
static const struct ds_spec activity =
    SPEC("activity", DS_ACTIVITIES, REF_NONE, CHECK_NONE, activity_fields);

/* --- top level --------------------------------------------------------------------------- */
static const struct ds_field alliance_fields[] = {
    KEY("key"),
    REF("jurisdiction", DF_REQUIRED, REF_JURISDICTION),
    NAME("name", DF_REQUIRED),
    ENUM("status", alliance_statuses),
    OBJECT("established", 0, approval),
    OBJECT("dissolved", 0, approval),
    OBJECT("rotation", 0, rotation),
    RECORDS("charters", 0, charter),
    RECORDS("members", 0, member),
    RECORDS("bodies", 0, body),
    RECORDS("meetings", DF_EARLY, meeting),
    RECORDS("plans", 0, plan),
    OBJECT("ledger", DF_PRESENCE | DF_EARLY, ledger),
    RECORDS("fund_reports", 0, fund_report),
    RECORDS("outputs", 0, output),
    RECORDS("news", 0, news),
    RECORDS("activities", 0, activity),
};
static const struct ds_spec alliance =
    SPEC("alliance", DS_ALLIANCES, REF_ALLIANCE, CHECK_ALLIANCE, alliance_fields);

static const struct ds_field jurisdiction_fields[] = {
    KEY("key"),
    NAME("name", DF_REQUIRED),
    NAME("short_name", DF_REQUIRED),
    REF("parent", DF_LATE, REF_JURISDICTION),
    OBJECT("params", 0, params),
};
static const struct ds_spec jurisdiction =
    SPEC("jurisdiction", DS_JURISDICTIONS, REF_JURISDICTION, CHECK_NONE, jurisdiction_fields);

static const struct ds_field organisation_fields[] = {
    KEY("key"),
    NAME("name", DF_REQUIRED | DF_UNIQUE),
    ENUM("kind", org_kinds),
    {.name = "uscc", .type = DT_USCC},
    REF("president", DF_LATE, REF_PERSON),
    NAME("english_name", 0),
};
static const struct ds_spec organisation =
    SPEC("organisation", DS_ORGANISATIONS, REF_ORGANISATION, CHECK_NONE, organisation_fields);

static const struct ds_field person_fields[] = {
    KEY("key"),       NAME("name", DF_REQUIRED), REF("organisation", 0, REF_ORGANISATION),
    NAME("title", 0), TEXT("email", 200),        TEXT("phone", 50),
};
static const struct ds_spec person =
    SPEC("person", DS_PEOPLE, REF_PERSON, CHECK_NONE, person_fields);

static const struct ds_field document_fields[] = {
    ENUM("format", formats),
    INT("version", DF_REQUIRED, 1, 1),
    RECORDS("jurisdictions", DF_REQUIRED, jurisdiction),
    RECORDS("organisations", DF_REQUIRED, organisation),
    RECORDS("people", DF_REQUIRED, person),
    RECORDS("alliances", DF_REQUIRED, alliance),
};
const struct ds_spec ds_document = SPEC("dataset", DS_NONE, REF_NONE, CHECK_NONE, document_fields);

const char *ds_ref_name(enum ds_ref r)
{
    static const char *const names[REF_COUNT] = {
        [REF_NONE] = "record",
        [REF_JURISDICTION] = "jurisdiction",
        [REF_ORGANISATION] = "organisation",
        [REF_PERSON] = "person",
        [REF_ALLIANCE] = "alliance",
        [REF_MEETING] = "meeting",
        [REF_DECISION] = "decision",
        [REF_ACCOUNT] = "account",
        [REF_FUND] = "fund",
    };
    return r < REF_COUNT ? names[r] : "record";
}

const struct ds_field *ds_field_find(const struct ds_spec *spec, const char *name)
{
    for (size_t i = 0; i < spec->nfields; i++)
        if (strcmp(spec->fields[i].name, name) == 0)
            return &spec->fields[i];
    return NULL;
}
