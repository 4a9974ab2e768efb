-- How a change was authorized (issue 19): the authority, outcome and quorum, and each vote of the
-- CAB (who, decision, comment, when), so the change shows them after the approval process is gone.
CREATE TABLE change_request_authorization (
  change_request_id  BIGINT        PRIMARY KEY REFERENCES change_request (id),
  authority          VARCHAR(64)   NOT NULL,
  outcome            VARCHAR(10)   NOT NULL CHECK (outcome IN ('APPROVED', 'REJECTED')),
  quorum             INTEGER       CHECK (quorum > 0),
  recorded_at        TIMESTAMPTZ   NOT NULL
);

CREATE TABLE change_request_vote (
  change_request_id  BIGINT         NOT NULL REFERENCES change_request_authorization (change_request_id),
  position           INTEGER        NOT NULL,
  approver           VARCHAR(64)    NOT NULL,
  decision           VARCHAR(10)    NOT NULL CHECK (decision IN ('APPROVED', 'REJECTED', 'ABSTAINED')),
  comment            VARCHAR(4000),
  decided_at         TIMESTAMPTZ    NOT NULL,
  delegated_from     VARCHAR(64),
  PRIMARY KEY (change_request_id, position)
);
