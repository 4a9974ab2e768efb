-- One approval (process flowdesk-approval, called by a record's process) and what happened to it:
-- each decision, delegation and escalation, so My approvals and a record's timeline list them.
CREATE TABLE approval (
  id                    BIGSERIAL     PRIMARY KEY,
  process_instance_key  BIGINT        NOT NULL UNIQUE,
  record_number         VARCHAR(32),
  subject               VARCHAR(500)  NOT NULL,
  requester             VARCHAR(64),
  requested_for         VARCHAR(64),
  mode                  VARCHAR(16)   NOT NULL CHECK (mode IN ('any', 'all', 'sequential', 'quorum', 'first')),
  required              INTEGER       NOT NULL CHECK (required > 0),
  approvers             TEXT          NOT NULL,
  state                 VARCHAR(16)   NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'APPROVED', 'REJECTED')),
  created_at            TIMESTAMPTZ   NOT NULL DEFAULT now(),
  decided_at            TIMESTAMPTZ
);
CREATE INDEX approval_record ON approval (record_number, id);

CREATE TABLE approval_step (
  id              BIGSERIAL      PRIMARY KEY,
  approval_id     BIGINT         NOT NULL REFERENCES approval (id),
  actor           VARCHAR(64)    NOT NULL,
  action          VARCHAR(16)    NOT NULL CHECK (action IN ('APPROVED', 'REJECTED', 'DELEGATED', 'ESCALATED')),
  comment         VARCHAR(4000),
  on_behalf_of    VARCHAR(64),
  handed_to       VARCHAR(64),
  at              TIMESTAMPTZ    NOT NULL,
  -- The user task decided or the job that escalated/expired: each counts once, however often a
  -- worker's job or a double-clicked form is retried.
  source_key      BIGINT         NOT NULL UNIQUE,
  CHECK (action <> 'REJECTED' OR length(trim(comment)) > 0)
);
CREATE INDEX approval_step_approval ON approval_step (approval_id, id);
