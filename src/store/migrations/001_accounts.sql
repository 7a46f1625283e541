-- Accounts, roles, sessions, API tokens and the audit trail: the skeleton every feature uses.
-- Written for SQLite and PostgreSQL alike: BIGINT and TEXT only; @ID@ is the backend's
-- auto-assigned primary key. Times used in arithmetic are epoch seconds; shown times are
-- RFC 3339 text in +08:00.

CREATE TABLE users (
    id @ID@,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    person_key TEXT,
    password_hash TEXT NOT NULL,
    must_change BIGINT NOT NULL DEFAULT 1,
    disabled BIGINT NOT NULL DEFAULT 0,
    failed_count BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    lang TEXT,
    created_at TEXT NOT NULL
);

-- scope is '' for the roles without one (sysadmin, secadmin, auditor).
CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, role, scope)
);

-- Only the SHA-256 of a session token is stored: a copy of the database opens no session.
CREATE TABLE sessions (
    id @ID@,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id @ID@,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- The hash-chained audit trail. Rows are only ever inserted (src/audit/audit.c).
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL,
    alg TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- The chain's head: updating this one row serialises appenders on every backend, and lets
-- `audit verify` notice records removed from the end.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
