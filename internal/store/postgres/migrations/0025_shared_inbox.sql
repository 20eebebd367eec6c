-- She may write to the unit's shared inbox at once: anyone in the unit
-- may then open and answer the thread until someone does.
ALTER TABLE threads ADD COLUMN to_shared_inbox BOOLEAN NOT NULL DEFAULT FALSE;
