-- A leader confirms care relations and reviews emergency access, so an
-- admin must not be able to make one alone: a leadership an admin gives
-- waits until a leader of the unit already in office confirms it (the
-- operator's command line appoints the first). Leaderships from before
-- stay in force.
ALTER TABLE unit_memberships ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE unit_memberships ADD COLUMN confirmed_by TEXT REFERENCES accounts (id);
