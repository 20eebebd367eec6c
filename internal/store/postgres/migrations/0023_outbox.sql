-- The outbox of e-mail notifications: filled in the same transaction as
-- the event it tells of, sent outside the request by a sender that claims
-- one row at a time. event_key is unique: one event, one e-mail. path is
-- erased once sent. sending_at is set just before the server is told the
-- message is complete; a row left with it set and no sent_at is uncertain
-- and never sent again.
CREATE TABLE outbox (
    id            TEXT PRIMARY KEY,
    event_key     TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    to_addr       TEXT NOT NULL,
    lang          TEXT NOT NULL,
    path          TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       TIMESTAMPTZ NOT NULL,
    claimed_until TIMESTAMPTZ,
    sending_at    TIMESTAMPTZ,
    sent_at       TIMESTAMPTZ,
    uncertain     BOOLEAN NOT NULL DEFAULT FALSE,
    gave_up       BOOLEAN NOT NULL DEFAULT FALSE,
    last_error    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (next_at) WHERE sent_at IS NULL;
