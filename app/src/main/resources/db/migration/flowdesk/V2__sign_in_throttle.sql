-- Failed sign-ins, counted by LoginThrottle and shared by every app node on this database. subject is
-- a SHA-256 digest of what is counted (username + client address, username, or address), so that a
-- password typed into the username field is not kept readable and rows have a fixed size.
CREATE TABLE sign_in_failure (
    subject      BYTEA       PRIMARY KEY,
    failures     INTEGER     NOT NULL,
    last_failure TIMESTAMPTZ NOT NULL,
    -- After this the count starts again from one; expired rows are swept now and then.
    forget_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_failure_forget_at ON sign_in_failure (forget_at);

-- Username + client address pairs that signed in successfully: they are spared the per-username and
-- per-address ceilings, so that guessing elsewhere only slows strangers, never the account's own
-- places.
CREATE TABLE sign_in_success (
    subject   BYTEA       PRIMARY KEY,
    forget_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_success_forget_at ON sign_in_success (forget_at);
