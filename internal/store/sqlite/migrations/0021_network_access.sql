-- A network member's access lasts for the period she chose (a year unless
-- she chose otherwise) and ends unless she renews it. Links made before
-- periods existed get a year from when they were made.
ALTER TABLE network_links ADD COLUMN access_until TIMESTAMP;
UPDATE network_links SET access_until = strftime('%Y-%m-%d %H:%M:%f+00:00', created_at, '+12 months');
CREATE INDEX network_links_until ON network_links (member_id, access_until);
ALTER TABLE invitations ADD COLUMN access_months INTEGER NOT NULL DEFAULT 12;

-- A professional's proposal of someone she might invite: it waits for her.
CREATE TABLE invitation_proposals (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons (id),
    proposed_by  TEXT NOT NULL REFERENCES accounts (id),
    name         TEXT NOT NULL,
    relationship TEXT NOT NULL,
    reason       TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    closed_at    TIMESTAMP,
    invited      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX invitation_proposals_person ON invitation_proposals (person_id, created_at);
