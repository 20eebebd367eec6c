-- A care relation gives access only once a leader of its unit has
-- confirmed it: an admin (or the operator's command line) asks, a leader
-- who did not ask confirms. Who asked and who confirmed are kept, and the
-- person sees both.
ALTER TABLE care_relations ADD COLUMN requested_by TEXT REFERENCES accounts (id);
ALTER TABLE care_relations ADD COLUMN confirmed_by TEXT REFERENCES accounts (id);
ALTER TABLE care_relations ADD COLUMN confirmed_at TIMESTAMP;

-- Relations in force before confirmations were required stay in force,
-- from their start; no one is named as having confirmed them.
UPDATE care_relations SET confirmed_at = started_at;
