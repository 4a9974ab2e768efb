-- Email-to-ticket (issue 21): the mailboxes Flowdesk reads, and every mail it read from them.

CREATE TABLE domain.mailbox (
    id               bigserial PRIMARY KEY,
    name             text        NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    address          text        NOT NULL,
    host             text        NOT NULL,
    port             integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    security         text        NOT NULL CHECK (security IN ('NONE', 'STARTTLS', 'TLS')),
    username         text        NOT NULL,
    -- The password is a secret of domain.secret (encrypted there), named here; null: none needed.
    password_secret  text,
    folder           text        NOT NULL DEFAULT 'INBOX',
    processed_folder text,
    kind             text        NOT NULL CHECK (kind IN ('INCIDENT', 'REQUEST')),
    unknown_senders  text        NOT NULL
        CHECK (unknown_senders IN ('CREATE_AS_GUEST', 'REPLY_WITH_INSTRUCTIONS', 'IGNORE')),
    reopen_on_reply  boolean     NOT NULL DEFAULT true,
    enabled          boolean     NOT NULL DEFAULT true,
    last_poll_at     timestamptz,
    last_poll_error  text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (processed_folder IS NULL OR processed_folder <> folder)
);

-- One row per Message-ID ever handled: the durable guard against handling a mail twice, written in
-- the transaction that changes the record. PENDING: the record is written, its process not yet
-- started (the next poll finishes it).
CREATE TABLE domain.inbound_mail (
    message_id    text        PRIMARY KEY,
    mailbox_id    bigint      REFERENCES domain.mailbox (id) ON DELETE SET NULL,
    sender        text        NOT NULL,
    subject       text        NOT NULL,
    outcome       text        NOT NULL,
    record_number text,
    note          text,
    pending       boolean     NOT NULL DEFAULT false,
    received_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbound_mail_sender_idx ON domain.inbound_mail (lower(sender), received_at);
CREATE INDEX inbound_mail_mailbox_idx ON domain.inbound_mail (mailbox_id, received_at DESC);

-- Mails that could not be read (malformed MIME) and were set aside in the mailbox, with why.
CREATE TABLE domain.inbound_mail_failure (
    id         bigserial   PRIMARY KEY,
    mailbox_id bigint      NOT NULL REFERENCES domain.mailbox (id) ON DELETE CASCADE,
    message_id text,
    subject    text,
    reason     text        NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbound_mail_failure_mailbox_idx ON domain.inbound_mail_failure (mailbox_id, failed_at DESC);
