-- Single-use links to give feedback on one meeting without logging in.
-- Only a hash of the token is kept, so a copy of the database hands out
-- no working link.
CREATE TABLE feedback_links (
    token_hash   TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons (id),
    encounter_id TEXT NOT NULL REFERENCES encounters (id),
    created_by   TEXT NOT NULL REFERENCES accounts (id),
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ
);
