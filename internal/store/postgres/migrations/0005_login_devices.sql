-- Browsers that have logged in to an account before ("device cookies",
-- OWASP): they keep their right to try a password while the account is
-- locked against everyone else, so that strangers' wrong guesses cannot
-- keep its owner out. Only a hash of the cookie's token is kept.
CREATE TABLE login_devices (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMPTZ NOT NULL,
    last_used  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_devices_account ON login_devices (account_id);
