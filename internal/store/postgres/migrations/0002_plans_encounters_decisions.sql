-- The person's plan, goals, suggestions, encounters, decisions,
-- restrictions and capacity (PostgreSQL). Same meaning as the SQLite file.
-- Editable records carry a version: a save names the version it started
-- from and is refused when someone saved in between. Fields the person
-- alone writes (reflection, comment, view) carry their own version.
-- Dates without a time (review dates, restriction periods) are
-- YYYY-MM-DD text, which sorts and compares the same in both engines.

ALTER TABLE persons ADD COLUMN capacity TEXT NOT NULL DEFAULT 'medium';
ALTER TABLE persons ADD COLUMN capacity_set_at TIMESTAMPTZ;

CREATE TABLE plan_parts (
    person_id  TEXT NOT NULL REFERENCES persons (id),
    part       TEXT NOT NULL,
    fields     TEXT NOT NULL,
    private    BOOLEAN NOT NULL,
    version    INTEGER NOT NULL,
    updated_by TEXT NOT NULL REFERENCES accounts (id),
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, part)
);

CREATE TABLE plan_part_versions (
    person_id     TEXT NOT NULL REFERENCES persons (id),
    part          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    fields        TEXT NOT NULL,
    private       BOOLEAN NOT NULL,
    author_id     TEXT NOT NULL REFERENCES accounts (id),
    saved_by      TEXT NOT NULL REFERENCES accounts (id),
    suggestion_id TEXT NOT NULL DEFAULT '',
    at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (person_id, part, version)
);

CREATE TABLE goals (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES persons (id),
    wording    TEXT NOT NULL,
    chime      TEXT NOT NULL,
    steps      TEXT NOT NULL,
    who_helps  TEXT NOT NULL,
    status     TEXT NOT NULL,
    private    BOOLEAN NOT NULL,
    version    INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL REFERENCES accounts (id),
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX goals_person ON goals (person_id, created_at);

CREATE TABLE goal_versions (
    goal_id       TEXT NOT NULL REFERENCES goals (id),
    version       INTEGER NOT NULL,
    fields        TEXT NOT NULL,
    private       BOOLEAN NOT NULL,
    author_id     TEXT NOT NULL REFERENCES accounts (id),
    saved_by      TEXT NOT NULL REFERENCES accounts (id),
    suggestion_id TEXT NOT NULL DEFAULT '',
    at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (goal_id, version)
);

CREATE TABLE goal_notes (
    id        TEXT PRIMARY KEY,
    goal_id   TEXT NOT NULL REFERENCES goals (id),
    text      TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES accounts (id),
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX goal_notes_goal ON goal_notes (goal_id, at);

CREATE TABLE suggestions (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons (id),
    part         TEXT NOT NULL,
    goal_id      TEXT REFERENCES goals (id),
    base_version INTEGER NOT NULL,
    fields       TEXT NOT NULL,
    note         TEXT NOT NULL,
    author_id    TEXT NOT NULL REFERENCES accounts (id),
    created_at   TIMESTAMPTZ NOT NULL,
    status       TEXT NOT NULL,
    resolved_by  TEXT REFERENCES accounts (id),
    resolved_at  TIMESTAMPTZ
);
CREATE INDEX suggestions_person ON suggestions (person_id, status, created_at);

CREATE TABLE encounters (
    id                 TEXT PRIMARY KEY,
    person_id          TEXT NOT NULL REFERENCES persons (id),
    starts_at          TIMESTAMPTZ NOT NULL,
    kind               TEXT NOT NULL,
    place              TEXT NOT NULL,
    participants       TEXT NOT NULL,
    invited            BOOLEAN NOT NULL,
    present            TEXT NOT NULL,
    absence_reason     TEXT NOT NULL,
    shared_note        TEXT NOT NULL,
    note_by            TEXT REFERENCES accounts (id),
    note_at            TIMESTAMPTZ,
    version            INTEGER NOT NULL,
    reflection         TEXT NOT NULL,
    reflection_at      TIMESTAMPTZ,
    reflection_version INTEGER NOT NULL,
    created_by         TEXT NOT NULL REFERENCES accounts (id),
    created_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX encounters_person ON encounters (person_id, starts_at);

CREATE TABLE agenda_items (
    id           TEXT PRIMARY KEY,
    encounter_id TEXT NOT NULL REFERENCES encounters (id),
    text         TEXT NOT NULL,
    author_id    TEXT NOT NULL REFERENCES accounts (id),
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX agenda_items_encounter ON agenda_items (encounter_id, created_at);

CREATE TABLE encounter_preparations (
    encounter_id TEXT PRIMARY KEY REFERENCES encounters (id),
    fields       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE decisions (
    id                  TEXT PRIMARY KEY,
    person_id           TEXT NOT NULL REFERENCES persons (id),
    on_table            TEXT NOT NULL,
    options             TEXT NOT NULL,
    constraints         TEXT NOT NULL,
    preference          TEXT NOT NULL,
    outcome             TEXT NOT NULL,
    decided_by          TEXT NOT NULL,
    decided_by_other    TEXT NOT NULL,
    followed            TEXT NOT NULL,
    not_followed_reason TEXT NOT NULL,
    review_date         TEXT NOT NULL,
    version             INTEGER NOT NULL,
    created_by          TEXT NOT NULL REFERENCES accounts (id),
    created_at          TIMESTAMPTZ NOT NULL,
    updated_by          TEXT NOT NULL REFERENCES accounts (id),
    updated_at          TIMESTAMPTZ NOT NULL,
    person_comment      TEXT NOT NULL,
    comment_at          TIMESTAMPTZ,
    comment_version     INTEGER NOT NULL
);
CREATE INDEX decisions_person ON decisions (person_id, created_at);
CREATE INDEX decisions_review ON decisions (review_date);

CREATE TABLE legal_bases (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX legal_bases_organisation ON legal_bases (organisation_id, name);

CREATE TABLE restrictions (
    id             TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL REFERENCES persons (id),
    kind           TEXT NOT NULL,
    description    TEXT NOT NULL,
    legal_basis_id TEXT REFERENCES legal_bases (id),
    legal_basis    TEXT NOT NULL,
    starts_on      TEXT NOT NULL,
    review_on      TEXT NOT NULL,
    ends_on        TEXT NOT NULL,
    version        INTEGER NOT NULL,
    created_by     TEXT NOT NULL REFERENCES accounts (id),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_by     TEXT NOT NULL REFERENCES accounts (id),
    updated_at     TIMESTAMPTZ NOT NULL,
    person_view    TEXT NOT NULL,
    view_at        TIMESTAMPTZ,
    view_version   INTEGER NOT NULL
);
CREATE INDEX restrictions_person ON restrictions (person_id, starts_on);
CREATE INDEX restrictions_review ON restrictions (review_on);
