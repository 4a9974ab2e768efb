-- Change calendar subscriptions (issue 19): one secret feed URL per person, for calendar clients
-- that cannot sign in. Only the SHA-256 of the 32 random bytes is kept (as for API tokens); a
-- revoked feed keeps its row so that the page can say when it was revoked.
CREATE TABLE calendar_feed (
    owner        TEXT        PRIMARY KEY,
    token_hash   BYTEA       NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
