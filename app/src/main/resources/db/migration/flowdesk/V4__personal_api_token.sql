-- Personal API tokens (Authorization: Bearer fdp_<id>_<secret>) for /api/**. The secret is never
-- stored: only its SHA-256, which is enough for 32 random bytes (nothing to guess from, so no slow
-- hash is needed and each API call costs one indexed read instead of a bcrypt).
CREATE TABLE personal_api_token (
    id           TEXT        PRIMARY KEY,
    owner        TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    -- Space-separated scopes: read, write.
    scopes       TEXT        NOT NULL,
    secret_hash  BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    -- Written at most once a minute per token, so that calls do not each cost a write.
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    revoked_by   TEXT
);
CREATE INDEX personal_api_token_owner ON personal_api_token (owner, created_at);
