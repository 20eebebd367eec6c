-- Her preference is hers: the decision says who wrote it down, and she may
-- correct it. Decisions from before only know who recorded them first, so
-- a preference that has not been edited since is credited to that author;
-- one edited since stays unattributed rather than guessed.
ALTER TABLE decisions ADD COLUMN preference_by TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN preference_at TIMESTAMP;
UPDATE decisions SET preference_by = created_by, preference_at = created_at WHERE preference <> '' AND version = 1;

-- Every version of a decision as it was recorded, so that anyone who may
-- read it sees who changed what, and when. A decision saved before this
-- table existed gets its then-current version on its next change.
CREATE TABLE decision_versions (
    decision_id TEXT NOT NULL REFERENCES decisions (id),
    person_id   TEXT NOT NULL REFERENCES persons (id),
    version     INTEGER NOT NULL,
    changed_by  TEXT NOT NULL REFERENCES accounts (id),
    changed_at  TIMESTAMP NOT NULL,
    record      TEXT NOT NULL,
    PRIMARY KEY (decision_id, version)
);
