-- An access-log entry that rests on another record (an emergency access:
-- its reason, justification and period; a leader's review of it) carries a
-- digest of that record, inside the hash chain, so that rewriting the
-- record shows in `heard audit verify`.
ALTER TABLE access_log ADD COLUMN detail TEXT NOT NULL DEFAULT '';
