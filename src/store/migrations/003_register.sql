-- The register's shared approval workflow (src/domain/approvals.c): every "submit -> an authority
-- decides" step of the norms is one row here, whatever it is about: establishing and dissolving
-- an alliance (第二十一条), its charter (第二条), a CAST national society joining or leaving it
-- (第四条), and the kinds later features add. Rows are never deleted: a request ends approved,
-- rejected or withdrawn, and stays.
--
-- What a request is about is named by keys, not row ids (`subject` for people, `payload` for the
-- effect), because `import --replace` writes an alliance's charters and members anew with new ids.
-- Requests are not part of the dataset format (docs/dataset.md): the dataset carries the
-- approvals themselves (established, approved, join_approved, ...), which a decision writes.
CREATE TABLE approval_requests (
    id @ID@,
    kind TEXT NOT NULL,        -- establishment, charter, join, leave, dissolution, ...
    authority TEXT NOT NULL,   -- standing_committee, cast, presidium, chair (dataset approval.by)
    alliance_id BIGINT NOT NULL REFERENCES alliances (id),
    subject TEXT NOT NULL,     -- "alliance:KEY", "charter:KEY/2", "member:KEY/ORG"
    payload TEXT NOT NULL,     -- JSON: what was asked, as the kind's effect reads it
    requested_by TEXT NOT NULL, -- the actor as the audit trail names it ("user:LOGIN")
    requested_user BIGINT REFERENCES users (id), -- NULL for the operator
    requested_at TEXT NOT NULL, -- RFC 3339
    decision TEXT,             -- NULL while pending; approved, rejected, withdrawn
    decided_by TEXT,
    decided_at TEXT,           -- when the decision was recorded (RFC 3339)
    decided_on TEXT,           -- the date of the decision itself (YYYY-MM-DD)
    ref TEXT,                  -- the decision document, e.g. 科协发学字〔2026〕12号
    comment TEXT
);
CREATE INDEX approval_requests_alliance ON approval_requests (alliance_id);
CREATE INDEX approval_requests_decision ON approval_requests (decision);
-- At most one open request per kind and subject: asking twice is a conflict, not a second vote.
CREATE UNIQUE INDEX approval_requests_one_open ON approval_requests (kind, subject)
    WHERE decision IS NULL;
