-- How a person reaches her team: each unit's phone number and, in words,
-- when and how to reach it ("Weekdays 08:00–15:30"). Shown on her home
-- (at low capacity, in the "who to contact" card) and with her care team.
ALTER TABLE units ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN reach TEXT NOT NULL DEFAULT '';
