-- Invitations into a person's network: by e-mail, with the name and the
-- relationship in her words and the scopes she chose. The link's token is
-- stored only as a hash; it works once, until it expires or she withdraws.
CREATE TABLE invitations (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons (id),
    email        TEXT NOT NULL,
    name         TEXT NOT NULL,
    relationship TEXT NOT NULL,
    scopes       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_by   TEXT NOT NULL REFERENCES accounts (id),
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    accepted_at  TIMESTAMPTZ,
    accepted_by  TEXT REFERENCES accounts (id),
    withdrawn_at TIMESTAMPTZ
);
CREATE INDEX invitations_person ON invitations (person_id, created_at);
