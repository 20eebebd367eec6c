-- A participant's "not this time" for feedback on a meeting: her home
-- stops asking for it. She can still give it on the meeting's page.
CREATE TABLE feedback_dismissals (
    person_id    TEXT NOT NULL REFERENCES persons (id),
    encounter_id TEXT NOT NULL REFERENCES encounters (id),
    author_id    TEXT NOT NULL REFERENCES accounts (id),
    dismissed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (encounter_id, author_id)
);
CREATE INDEX feedback_dismissals_person ON feedback_dismissals (person_id, author_id);
CREATE INDEX feedback_author ON feedback (person_id, author_id);
