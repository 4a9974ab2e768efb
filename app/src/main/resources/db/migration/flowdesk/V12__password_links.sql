-- One-time links that let a person set their password (a new account) or reset it (a link an
-- admin sent, or "Forgot password?"). Only the SHA-256 of the link's 32 random bytes is kept: a
-- reader of this table cannot use a link. A link works once, until it expires, and only while it
-- is the person's newest (a newer link supersedes it).
CREATE TABLE password_link (
    id             BIGSERIAL   PRIMARY KEY,
    username       TEXT        NOT NULL,
    purpose        TEXT        NOT NULL CHECK (purpose IN ('SET', 'RESET')),
    token_hash     BYTEA       NOT NULL UNIQUE,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ,
    superseded_at  TIMESTAMPTZ
);
CREATE INDEX password_link_username ON password_link (username, created_at);

-- "Forgot password?" requests, counted per client address and per username (both as SHA-256, so
-- the table lists no addresses or usernames), so that nobody can flood a mailbox or the mail server.
CREATE TABLE password_reset_request (
    subject       BYTEA       NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX password_reset_request_subject ON password_reset_request (subject, requested_at);
