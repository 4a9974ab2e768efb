-- Email-to-ticket starts a new incident's process apart from the mailbox poll (issue 21): the poll
-- commits the record with its PENDING row, and a drain claims due pending rows (FOR UPDATE SKIP
-- LOCKED) and starts their processes. A start that fails (engine unavailable) is tried again after
-- a back-off; how often and why it last failed are kept for the admin page.
ALTER TABLE domain.inbound_mail
    ADD COLUMN start_attempts integer     NOT NULL DEFAULT 0,
    ADD COLUMN next_start_at  timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN start_error    text;

CREATE INDEX inbound_mail_pending_idx ON domain.inbound_mail (next_start_at) WHERE pending;
