-- A progress note written while its goal was "only me" stays the person's
-- even when the goal is shared again, as the goal's versions do.
ALTER TABLE goal_notes ADD COLUMN private BOOLEAN NOT NULL DEFAULT FALSE;

-- Notes written before this migration take the privacy of the goal version
-- in force when they were written.
UPDATE goal_notes SET private = COALESCE((
    SELECT gv.private FROM goal_versions gv
    WHERE gv.goal_id = goal_notes.goal_id AND gv.at <= goal_notes.at
    ORDER BY gv.version DESC LIMIT 1), FALSE);
