-- Heard's first schema (PostgreSQL). Same meaning as sqlite/migrations/0001_initial.sql.
-- Times are UTC, written by the application (never CURRENT_TIMESTAMP, whose
-- text form differs from the driver's). IDs are opaque text made by the app.

CREATE TABLE organisations (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    require_staff_totp BOOLEAN NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE units (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX units_organisation ON units (organisation_id, name);

CREATE TABLE accounts (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    peer_worker     BOOLEAN NOT NULL DEFAULT FALSE,
    locale          TEXT NOT NULL DEFAULT '',
    password_hash   TEXT NOT NULL,
    totp_secret     TEXT NOT NULL DEFAULT '',
    totp_enabled    BOOLEAN NOT NULL DEFAULT FALSE,
    totp_last_step  BIGINT NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    disabled_at     TIMESTAMPTZ
);
CREATE INDEX accounts_organisation ON accounts (organisation_id, role, name);

CREATE TABLE unit_memberships (
    unit_id    TEXT NOT NULL REFERENCES units (id),
    account_id TEXT NOT NULL REFERENCES accounts (id),
    role       TEXT NOT NULL,
    PRIMARY KEY (unit_id, account_id, role)
);
CREATE INDEX unit_memberships_account ON unit_memberships (account_id, role);

CREATE TABLE persons (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    account_id      TEXT UNIQUE REFERENCES accounts (id),
    name            TEXT NOT NULL,
    name_folded     TEXT NOT NULL,
    birth_date      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX persons_organisation ON persons (organisation_id, name_folded);

CREATE TABLE care_relations (
    id              TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES persons (id),
    professional_id TEXT NOT NULL REFERENCES accounts (id),
    unit_id         TEXT NOT NULL REFERENCES units (id),
    primary_contact BOOLEAN NOT NULL DEFAULT FALSE,
    started_at      TIMESTAMPTZ NOT NULL,
    ended_at        TIMESTAMPTZ
);
CREATE INDEX care_relations_professional ON care_relations (professional_id, person_id);
CREATE INDEX care_relations_person ON care_relations (person_id);

CREATE TABLE network_links (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons (id),
    member_id    TEXT NOT NULL REFERENCES accounts (id),
    relationship TEXT NOT NULL,
    scopes       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX network_links_member ON network_links (member_id, person_id);
CREATE INDEX network_links_person ON network_links (person_id);

CREATE TABLE emergency_accesses (
    id              TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES persons (id),
    professional_id TEXT NOT NULL REFERENCES accounts (id),
    reason          TEXT NOT NULL,
    justification   TEXT NOT NULL,
    opened_at       TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    reviewed_by     TEXT REFERENCES accounts (id),
    reviewed_at     TIMESTAMPTZ,
    review_note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX emergency_accesses_professional ON emergency_accesses (professional_id, person_id);
CREATE INDEX emergency_accesses_person ON emergency_accesses (person_id, opened_at);

CREATE TABLE sessions (
    id                    TEXT PRIMARY KEY,
    account_id            TEXT NOT NULL REFERENCES accounts (id),
    csrf_token            TEXT NOT NULL,
    second_factor_pending BOOLEAN NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    last_seen_at          TIMESTAMPTZ NOT NULL,
    expires_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

-- The access log is append-only and hash-chained (package audit). Actor and
-- person are plain text, not foreign keys, so the log never depends on
-- other tables staying as they were.
CREATE TABLE access_log (
    seq         BIGINT PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    basis       TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX access_log_person ON access_log (person_id, seq);

CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only';
END;
$$;
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();

-- One row: the newest entry. Appends lock it, which orders them.
CREATE TABLE access_log_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO access_log_head (id, seq, hash) VALUES (1, 0, '');

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
