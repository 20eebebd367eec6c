-- Messages between her side and her team at a unit: plain text, with
-- the exact times a professional first read and first answered each
-- message from her side. Units say when their team replies, how long a
-- message may wait unread before it goes to the unit's shared inbox (in
-- working minutes), and whom to call in a crisis instead.
ALTER TABLE units ADD COLUMN reply_days TEXT NOT NULL DEFAULT '1 2 3 4 5';
ALTER TABLE units ADD COLUMN reply_from INTEGER NOT NULL DEFAULT 480;
ALTER TABLE units ADD COLUMN reply_to INTEGER NOT NULL DEFAULT 930;
ALTER TABLE units ADD COLUMN escalate_minutes INTEGER NOT NULL DEFAULT 180;
ALTER TABLE units ADD COLUMN crisis_note TEXT NOT NULL DEFAULT '';

CREATE TABLE threads (
    id         TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES persons (id),
    unit_id    TEXT NOT NULL REFERENCES units (id),
    member_id  TEXT REFERENCES accounts (id),
    subject    TEXT NOT NULL,
    started_by TEXT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    last_at    TIMESTAMP NOT NULL
);
CREATE INDEX threads_person ON threads (person_id, last_at);
CREATE INDEX threads_unit ON threads (unit_id, last_at);

CREATE TABLE messages (
    id               TEXT PRIMARY KEY,
    thread_id        TEXT NOT NULL REFERENCES threads (id),
    person_id        TEXT NOT NULL REFERENCES persons (id),
    author_id        TEXT NOT NULL REFERENCES accounts (id),
    author_role      TEXT NOT NULL,
    body             TEXT NOT NULL,
    sent_at          TIMESTAMP NOT NULL,
    first_read_at    TIMESTAMP,
    first_read_by    TEXT REFERENCES accounts (id),
    first_replied_at TIMESTAMP,
    first_replied_by TEXT REFERENCES accounts (id)
);
CREATE INDEX messages_thread ON messages (thread_id, sent_at);

-- A message is news on her home and on her team's: the partial indexes of
-- migration 0013 again, with messages among the writes.
DROP INDEX access_log_news_hers;
DROP INDEX access_log_news_care;
CREATE INDEX access_log_news_hers ON access_log (person_id, seq)
    WHERE outcome = 'allowed' AND actor_role <> 'person' AND action IN ('decision.update', 'encounter.update', 'agenda.create', 'plan.suggest', 'goal_note.create', 'restriction.update', 'message.create');
CREATE INDEX access_log_news_care ON access_log (person_id, seq)
    WHERE outcome = 'allowed' AND action IN ('decision_comment.update', 'decision_preference.update', 'restriction_view.update', 'agenda.create', 'reflection.update', 'preparation.update', 'suggestion.resolve', 'decision.update', 'encounter.update', 'restriction.update', 'message.create');
