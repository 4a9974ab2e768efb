-- The shared record core (domain.record.RecordCore) gives every kind of record the same side
-- tables named after its main table: <table>_audit, _journal, _attachment, _watcher, _job and
-- sequence <table>_number_seq. Incidents gain watchers; requests get the whole set.

CREATE TABLE incident_watcher (
  incident_id  BIGINT       NOT NULL REFERENCES incident (id),
  username     VARCHAR(64)  NOT NULL,
  added_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, username)
);

-- Requests: an order of a catalog item. The row is mapped by JPA (domain.request.ServiceRequest),
-- the schema is Flyway's (Hibernate only validates it).
CREATE SEQUENCE request_number_seq;

CREATE TABLE request (
  id                    BIGSERIAL      PRIMARY KEY,
  number                VARCHAR(20)    NOT NULL UNIQUE,
  requester             VARCHAR(64)    NOT NULL,
  requested_for         VARCHAR(64)    NOT NULL,
  item_process_id       VARCHAR(255)   NOT NULL,
  item_version          INTEGER        NOT NULL,
  title                 VARCHAR(255)   NOT NULL,
  answers               JSONB          NOT NULL,
  state                 VARCHAR(20)    NOT NULL CHECK (state IN ('SUBMITTED', 'AWAITING_APPROVAL',
                          'APPROVED', 'REJECTED', 'IN_FULFILMENT', 'FULFILLED', 'CLOSED',
                          'CANCELED')),
  stage                 VARCHAR(12)    NOT NULL CHECK (stage IN
                          ('SUBMITTED', 'APPROVAL', 'FULFILMENT', 'CLOSED')),
  due_at                TIMESTAMPTZ,
  process_instance_key  BIGINT,
  created_at            TIMESTAMPTZ    NOT NULL DEFAULT now(),
  updated_at            TIMESTAMPTZ    NOT NULL DEFAULT now(),
  version               BIGINT         NOT NULL DEFAULT 0
);

-- My requests (mine and those ordered for me, newest first), state filters, the inbox's lookup
-- from a task's process instance.
CREATE INDEX request_requester_created ON request (requester, created_at DESC);
CREATE INDEX request_requested_for_created ON request (requested_for, created_at DESC);
CREATE INDEX request_state ON request (state);
CREATE INDEX request_process_instance ON request (process_instance_key);

CREATE TABLE request_audit (
  id          BIGSERIAL    PRIMARY KEY,
  request_id  BIGINT       NOT NULL REFERENCES request (id),
  actor       VARCHAR(64)  NOT NULL,
  job_key     BIGINT,
  at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
  field       VARCHAR(64)  NOT NULL,
  old_value   TEXT,
  new_value   TEXT
);
CREATE INDEX request_audit_request ON request_audit (request_id, id);

CREATE FUNCTION refuse_record_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER request_audit_append_only
  BEFORE UPDATE OR DELETE ON request_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_record_audit_rewrite();

CREATE TRIGGER request_audit_no_truncate
  BEFORE TRUNCATE ON request_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_audit_rewrite();

CREATE TABLE request_job (
  request_id  BIGINT       NOT NULL REFERENCES request (id),
  job_key     BIGINT       NOT NULL,
  applied_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, job_key)
);

CREATE TABLE request_journal (
  id          BIGSERIAL       PRIMARY KEY,
  request_id  BIGINT          NOT NULL REFERENCES request (id),
  kind        VARCHAR(10)     NOT NULL CHECK (kind IN ('COMMENT', 'WORK_NOTE')),
  author      VARCHAR(64)     NOT NULL,
  text        VARCHAR(10000)  NOT NULL,
  created_at  TIMESTAMPTZ     NOT NULL DEFAULT now(),
  job_key     BIGINT
);
CREATE INDEX request_journal_request ON request_journal (request_id, id);
CREATE UNIQUE INDEX request_journal_once_per_job
  ON request_journal (request_id, job_key, kind) WHERE job_key IS NOT NULL;

CREATE TABLE request_attachment (
  id            BIGSERIAL     PRIMARY KEY,
  request_id    BIGINT        NOT NULL REFERENCES request (id),
  file_name     VARCHAR(255)  NOT NULL,
  content_type  VARCHAR(200)  NOT NULL,
  size          BIGINT        NOT NULL CHECK (size <= 10485760),
  content       BYTEA         NOT NULL,
  uploaded_by   VARCHAR(64)   NOT NULL,
  uploaded_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX request_attachment_request ON request_attachment (request_id, id);

CREATE TABLE request_watcher (
  request_id  BIGINT       NOT NULL REFERENCES request (id),
  username    VARCHAR(64)  NOT NULL,
  added_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, username)
);
