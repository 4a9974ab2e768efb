-- A person's one-time keys for requests that create something (report, comment): a repeat with the
-- same key answers the first result instead of creating it again, on whichever node it lands.
-- result stays NULL while the first request is still running. Rows expire after 24 hours.
CREATE TABLE idempotency_key (
    username   TEXT        NOT NULL,
    scope      TEXT        NOT NULL,
    key        TEXT        NOT NULL,
    result     TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (username, scope, key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
