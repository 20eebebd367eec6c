-- Network meetings with every voice: she chooses which of the network
-- members who took part see the shared note (and the voices beside it),
-- and each participant writes their own reflection, which nobody else
-- edits.
ALTER TABLE encounters ADD COLUMN note_shared_with TEXT NOT NULL DEFAULT '';
CREATE TABLE encounter_voices (
    encounter_id TEXT NOT NULL REFERENCES encounters (id),
    person_id    TEXT NOT NULL REFERENCES persons (id),
    author_id    TEXT NOT NULL REFERENCES accounts (id),
    text         TEXT NOT NULL,
    version      INTEGER NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (encounter_id, author_id)
);
