-- "New since you were last here": where the access log stood at the end
-- of an account's latest visit (visited_seq, moved on as its sessions are
-- used), and, for each session, where it stood when that visit began
-- (since_seq, copied at login). Positions in the log rather than times,
-- so that what is new is an index range of each person's entries.
ALTER TABLE accounts ADD COLUMN visited_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN since_seq BIGINT NOT NULL DEFAULT 0;
