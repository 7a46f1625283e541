-- The data model of /work/shared/spec/dataset.md: jurisdictions, organisations, people and the
-- alliances with everything recorded inside them. Written for SQLite and PostgreSQL alike:
-- BIGINT and TEXT only, @ID@ for the identity column. Conventions:
--  - every record has an integer id; records that have a dataset key keep it in `key`, unique in
--    the scope dataset.md gives it (the file for top-level records, the alliance for records of
--    an alliance, the meeting for decisions);
--  - arrays keep their order in `seq` (the index in the imported array; records added later get
--    the next number), unique within the owner;
--  - an approval {date, by, ref} is three columns X_date, X_by, X_ref (X_date NULL: none);
--  - a nested object without an array is flattened into its record's row (agenda_, minutes_,
--    review_, params_, rotation_, charter_ack_, appointed_at_);
--  - money is BIGINT fen, dates TEXT YYYY-MM-DD, booleans BIGINT 0/1;
--  - child records go with their owner (ON DELETE CASCADE): `import --replace` deletes an
--    alliance's records and writes them anew;
--  - references between top-level records that may form a cycle (jurisdiction parents) are
--    DEFERRABLE INITIALLY DEFERRED, and an organisation's president lives in its own table, so
--    organisations and people can be written in either order.

-- One row per `lianheti import` that wrote something: the file's SHA-256 and the counts. The
-- top-level records carry the import that last wrote them.
CREATE TABLE imports (
    id @ID@,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    mode TEXT NOT NULL, -- 'add' or 'replace'
    counts TEXT NOT NULL
);

CREATE TABLE jurisdictions (
    id @ID@,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    parent_id BIGINT REFERENCES jurisdictions (id) DEFERRABLE INITIALLY DEFERRED,
    -- rule parameters overriding the defaults of rules.md (NULL: the default)
    params_min_initiators BIGINT,
    params_presidium_meetings_min BIGINT,
    params_presidium_meetings_max BIGINT,
    params_minutes_deadline_days BIGINT,
    params_annual_plan_deadline TEXT,
    params_fund_report_deadline TEXT,
    params_lookback_years BIGINT,
    import_id BIGINT REFERENCES imports (id)
);

CREATE TABLE organisations (
    id @ID@,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    uscc TEXT,
    english_name TEXT,
    import_id BIGINT REFERENCES imports (id)
);

CREATE TABLE people (
    id @ID@,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    organisation_id BIGINT REFERENCES organisations (id),
    title TEXT,
    email TEXT,
    phone TEXT,
    import_id BIGINT REFERENCES imports (id)
);
CREATE INDEX people_organisation ON people (organisation_id);

-- organisations.president of dataset.md.
CREATE TABLE presidents (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisations (id),
    person_id BIGINT NOT NULL REFERENCES people (id)
);

CREATE TABLE alliances (
    id @ID@,
    key TEXT NOT NULL UNIQUE,
    jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions (id),
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    established_date TEXT,
    established_by TEXT,
    established_ref TEXT,
    dissolved_date TEXT,
    dissolved_by TEXT,
    dissolved_ref TEXT,
    rotation_chair BIGINT,
    rotation_secretariat BIGINT,
    ledger BIGINT, -- 1 when the alliance keeps a ledger (its accounts may still be empty)
    import_id BIGINT REFERENCES imports (id)
);
CREATE INDEX alliances_jurisdiction ON alliances (jurisdiction_id);

CREATE TABLE charters (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    version BIGINT NOT NULL,
    submitted_on TEXT,
    approved_date TEXT,
    approved_by TEXT,
    approved_ref TEXT,
    text TEXT,
    UNIQUE (alliance_id, seq)
);

CREATE TABLE charter_drafters (
    charter_id BIGINT NOT NULL REFERENCES charters (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (charter_id, seq)
);

CREATE TABLE members (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL,
    joined_on TEXT NOT NULL,
    join_approved_date TEXT,
    join_approved_by TEXT,
    join_approved_ref TEXT,
    charter_ack_version BIGINT,
    charter_ack_date TEXT,
    left_on TEXT,
    leave_approved_date TEXT,
    leave_approved_by TEXT,
    leave_approved_ref TEXT,
    UNIQUE (alliance_id, seq)
);
CREATE INDEX members_organisation ON members (organisation_id);

CREATE TABLE meetings (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    status TEXT NOT NULL,
    chaired_by_id BIGINT REFERENCES people (id),
    delegated_by_id BIGINT REFERENCES people (id),
    agenda_proposed_by_id BIGINT REFERENCES people (id), -- NULL: no agenda
    agenda_approved_by_id BIGINT REFERENCES people (id),
    agenda_approved_on TEXT,
    minutes_text TEXT,
    minutes_signed_by_id BIGINT REFERENCES people (id),
    minutes_signed_on TEXT,
    minutes_distributed_on TEXT,
    UNIQUE (alliance_id, key),
    UNIQUE (alliance_id, seq)
);

CREATE TABLE agenda_items (
    id @ID@,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    title TEXT NOT NULL,
    major BIGINT,
    UNIQUE (meeting_id, seq)
);

CREATE TABLE invitees (
    id @ID@,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people (id),
    proposed_by_id BIGINT REFERENCES people (id),
    confirmed_by_id BIGINT REFERENCES people (id),
    UNIQUE (meeting_id, seq)
);

-- meetings.attended
CREATE TABLE attendees (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people (id),
    PRIMARY KEY (meeting_id, seq)
);

CREATE TABLE decisions (
    id @ID@,
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    text TEXT NOT NULL,
    major BIGINT,
    UNIQUE (meeting_id, key),
    UNIQUE (meeting_id, seq)
);

-- minutes.distributed_to and minutes.distributed_units
CREATE TABLE minutes_recipients (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people (id),
    PRIMARY KEY (meeting_id, seq)
);

CREATE TABLE minutes_units (
    meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (meeting_id, seq)
);

CREATE TABLE bodies (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    lead_id BIGINT REFERENCES organisations (id),
    task TEXT,
    task_completed_on TEXT,
    dissolved_on TEXT,
    UNIQUE (alliance_id, key),
    UNIQUE (alliance_id, seq)
);
-- At most one presidium, expert committee and secretariat per alliance (dataset.md, 第六条).
CREATE UNIQUE INDEX bodies_one_of_kind ON bodies (alliance_id, kind)
    WHERE kind <> 'working_committee';

CREATE TABLE body_participants (
    body_id BIGINT NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (body_id, seq)
);

CREATE TABLE posts (
    id @ID@,
    body_id BIGINT NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people (id),
    role TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT,
    recommended_by_id BIGINT REFERENCES organisations (id),
    nominated_by_id BIGINT REFERENCES people (id),
    appointed_meeting_id BIGINT REFERENCES meetings (id),
    appointed_decision_id BIGINT REFERENCES decisions (id),
    cast_approved_date TEXT,
    cast_approved_by TEXT,
    cast_approved_ref TEXT,
    UNIQUE (body_id, seq)
);
CREATE INDEX posts_person ON posts (person_id);
CREATE INDEX posts_decision ON posts (appointed_decision_id);
CREATE INDEX posts_meeting ON posts (appointed_meeting_id);

CREATE TABLE plans (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    from_year BIGINT NOT NULL,
    to_year BIGINT NOT NULL,
    title TEXT NOT NULL,
    reviewed_at_id BIGINT REFERENCES meetings (id),
    filed_date TEXT,
    filed_by TEXT,
    filed_ref TEXT,
    text TEXT,
    UNIQUE (alliance_id, key),
    UNIQUE (alliance_id, seq)
);
CREATE INDEX plans_meeting ON plans (reviewed_at_id);

-- The ledger (第十五条): accounts, funds and balanced transactions of postings.
CREATE TABLE accounts (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    UNIQUE (alliance_id, key),
    UNIQUE (alliance_id, seq)
);

CREATE TABLE funds (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    restricted BIGINT NOT NULL,
    purpose TEXT,
    UNIQUE (alliance_id, key),
    UNIQUE (alliance_id, seq)
);

CREATE TABLE transactions (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    date TEXT NOT NULL,
    memo TEXT,
    voucher TEXT,
    UNIQUE (alliance_id, key),
    UNIQUE (alliance_id, seq)
);

CREATE TABLE postings (
    id @ID@,
    transaction_id BIGINT NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    fund_id BIGINT NOT NULL REFERENCES funds (id),
    amount_fen BIGINT NOT NULL,
    UNIQUE (transaction_id, seq)
);
CREATE INDEX postings_account ON postings (account_id);
CREATE INDEX postings_fund ON postings (fund_id);

CREATE TABLE fund_reports (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    year BIGINT NOT NULL,
    submitted_on TEXT,
    raised_fen BIGINT NOT NULL,
    used_fen BIGINT NOT NULL,
    UNIQUE (alliance_id, seq)
);

-- fund_reports.by_fund
CREATE TABLE fund_report_lines (
    id @ID@,
    report_id BIGINT NOT NULL REFERENCES fund_reports (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    fund_id BIGINT NOT NULL REFERENCES funds (id),
    raised_fen BIGINT NOT NULL,
    used_fen BIGINT NOT NULL,
    UNIQUE (report_id, seq)
);
CREATE INDEX fund_report_lines_fund ON fund_report_lines (fund_id);

CREATE TABLE outputs (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    UNIQUE (alliance_id, key),
    UNIQUE (alliance_id, seq)
);

CREATE TABLE releases (
    id @ID@,
    output_id BIGINT NOT NULL REFERENCES outputs (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    by_id BIGINT NOT NULL REFERENCES organisations (id),
    date TEXT NOT NULL,
    kind TEXT NOT NULL,
    approved_date TEXT,
    approved_by TEXT,
    approved_ref TEXT,
    UNIQUE (output_id, seq)
);

CREATE TABLE news (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES people (id),
    status TEXT NOT NULL,
    published_on TEXT,
    review_by_id BIGINT REFERENCES people (id), -- NULL: no review
    review_approved_on TEXT,
    review_rejected_on TEXT,
    text TEXT,
    UNIQUE (alliance_id, key),
    UNIQUE (alliance_id, seq)
);

CREATE TABLE activities (
    id @ID@,
    alliance_id BIGINT NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    key TEXT NOT NULL,
    task TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    UNIQUE (alliance_id, key),
    UNIQUE (alliance_id, seq)
);

CREATE TABLE activity_participants (
    activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (activity_id, seq)
);
