-- The story pool: feedback texts a person gave the service as anonymous
-- learning material, de-identified before they come here. Nothing in a
-- story leads back to her: no person, author or meeting, and no time finer
-- than the month. Her feedback row keeps the story's ID, so that she can
-- take it back; the pool has no way to it.
CREATE TABLE stories (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    kind            TEXT NOT NULL,
    unit_id         TEXT REFERENCES units (id),
    month           TEXT NOT NULL,
    encounter_kind  TEXT NOT NULL,
    text            TEXT NOT NULL
);
CREATE INDEX stories_organisation ON stories (organisation_id, month);

ALTER TABLE feedback ADD COLUMN share_pool BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE feedback ADD COLUMN helped_story TEXT;
ALTER TABLE feedback ADD COLUMN felt_wrong_story TEXT;
