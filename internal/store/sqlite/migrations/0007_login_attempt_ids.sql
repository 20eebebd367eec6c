-- Each login attempt is recorded as a failure before the password is
-- checked, and a success takes back exactly its own record: attempts made
-- in the same microsecond must not take back each other's.
ALTER TABLE login_failures ADD COLUMN id TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failures_id ON login_failures (id);
