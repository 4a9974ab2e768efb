-- Accounts whose password somebody else chose (the first administrator from
-- FLOWDESK_ADMIN_PASSWORD, which sits in a compose file or a shell history): they open nothing but
-- the change-password page, and the API refuses their password, until they chose their own.
CREATE TABLE password_change_required (
    username   TEXT        PRIMARY KEY,
    reason     TEXT        NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    created_at TIMESTAMPTZ NOT NULL
);
