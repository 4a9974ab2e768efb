-- Two-factor sign-in (TOTP, RFC 6238) for local accounts. The TOTP key is stored encrypted with the
-- secrets key (AES-GCM, the username in the associated data); recovery codes and remembered-device
-- tokens only as SHA-256 digests (80 and 256 random bits: nothing to guess from).
CREATE TABLE second_factor (
    username     TEXT        PRIMARY KEY,
    key_nonce    BYTEA       NOT NULL,
    key_sealed   BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    -- Null while the enrolment waits for its first code: such a key signs nobody in.
    confirmed_at TIMESTAMPTZ,
    -- The time step of the last accepted code: a code (or an older one) is never accepted twice.
    last_step    BIGINT
);

CREATE TABLE second_factor_recovery_code (
    username  TEXT        NOT NULL,
    code_hash BYTEA       NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (username, code_hash)
);

-- "Remember this device": a browser holding the token skips the code for its person until it
-- expires, is revoked, or the person's password changes (password_digest no longer matches).
CREATE TABLE second_factor_device (
    id              TEXT        PRIMARY KEY,
    username        TEXT        NOT NULL,
    token_hash      BYTEA       NOT NULL,
    password_digest BYTEA       NOT NULL,
    description     TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    last_used_at    TIMESTAMPTZ
);
CREATE INDEX second_factor_device_username ON second_factor_device (username);
