-- Feedback on a meeting: one per author and meeting, a tap per question
-- (1–5, 0 when left out), two optional texts, and whom it is shared with.
-- The default, no sharing, is "only me".
CREATE TABLE feedback (
    id                  TEXT PRIMARY KEY,
    person_id           TEXT NOT NULL REFERENCES persons (id),
    encounter_id        TEXT NOT NULL REFERENCES encounters (id),
    author_id           TEXT NOT NULL REFERENCES accounts (id),
    heard               INTEGER NOT NULL,
    respected           INTEGER NOT NULL,
    mattered            INTEGER NOT NULL,
    hope                INTEGER NOT NULL,
    helped              TEXT NOT NULL,
    felt_wrong          TEXT NOT NULL,
    share_professionals BOOLEAN NOT NULL,
    version             INTEGER NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    UNIQUE (encounter_id, author_id)
);
CREATE INDEX feedback_person ON feedback (person_id, encounter_id);
