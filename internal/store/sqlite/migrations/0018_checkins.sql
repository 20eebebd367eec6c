-- CHIME check-ins: a step from 0 to 10 per item (NULL when left out) and
-- what would make the coming week a little better. Only the person writes
-- them.
CREATE TABLE checkins (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES persons (id),
    connectedness INTEGER,
    hope          INTEGER,
    identity      INTEGER,
    meaning       INTEGER,
    empowerment   INTEGER,
    better        TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX checkins_person ON checkins (person_id, created_at);

-- How often she wants to check in; no row is "never".
CREATE TABLE checkin_schedules (
    person_id TEXT PRIMARY KEY REFERENCES persons (id),
    schedule  TEXT NOT NULL,
    set_at    TIMESTAMP NOT NULL
);
