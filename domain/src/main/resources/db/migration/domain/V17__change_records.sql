-- Change records (issue 19) on the shared record core: the main table change_request with the
-- core's side tables (_audit, _journal, _attachment, _watcher, _job, _number_seq). The row is
-- mapped by JPA (domain.change.ChangeRow); the schema is Flyway's (Hibernate only validates it).
CREATE SEQUENCE change_request_number_seq;

CREATE TABLE change_request (
  id                    BIGSERIAL      PRIMARY KEY,
  number                VARCHAR(20)    NOT NULL UNIQUE,
  type                  VARCHAR(10)    NOT NULL CHECK (type IN ('STANDARD', 'NORMAL', 'EMERGENCY')),
  template_id           VARCHAR(64),
  short_description     VARCHAR(160)   NOT NULL,
  description           VARCHAR(10000),
  requested_by          VARCHAR(64)    NOT NULL,
  assignment_group      VARCHAR(64)    NOT NULL,
  implementer           VARCHAR(64),
  planned_start         TIMESTAMPTZ    NOT NULL,
  planned_end           TIMESTAMPTZ    NOT NULL,
  implementation_plan   VARCHAR(10000),
  backout_plan          VARCHAR(10000),
  test_plan             VARCHAR(10000),
  risk                  VARCHAR(10)    CHECK (risk IN ('LOW', 'MODERATE', 'HIGH')),
  impact                VARCHAR(10)    CHECK (impact IN ('LOW', 'MEDIUM', 'HIGH')),
  authorization_decision VARCHAR(10)   CHECK (authorization_decision IN ('APPROVED', 'REJECTED')),
  state                 VARCHAR(10)    NOT NULL CHECK (state IN ('NEW', 'ASSESS', 'AUTHORIZE',
                          'SCHEDULED', 'IMPLEMENT', 'REVIEW', 'CLOSED', 'CANCELED')),
  close_code            VARCHAR(30)    CHECK (close_code IN ('SUCCESSFUL',
                          'SUCCESSFUL_WITH_ISSUES', 'UNSUCCESSFUL', 'BACKED_OUT')),
  process_instance_key  BIGINT,
  created_at            TIMESTAMPTZ    NOT NULL DEFAULT now(),
  updated_at            TIMESTAMPTZ    NOT NULL DEFAULT now(),
  version               BIGINT         NOT NULL DEFAULT 0,
  CONSTRAINT change_request_window CHECK (planned_end > planned_start),
  CONSTRAINT change_request_closed_with_code CHECK (state <> 'CLOSED' OR close_code IS NOT NULL)
);

-- Lists by state and group, the calendar's window scan, the inbox's lookup from a process.
CREATE INDEX change_request_state ON change_request (state);
CREATE INDEX change_request_group_state ON change_request (assignment_group, state);
CREATE INDEX change_request_window_idx ON change_request (planned_start, planned_end);
CREATE INDEX change_request_process_instance ON change_request (process_instance_key);

-- Affected CIs by the CMDB's stable id (no foreign key: the CMDB is another feature's, joined
-- when conflict detection comes) and the name shown when the change was raised.
CREATE TABLE change_request_ci (
  change_request_id  BIGINT        NOT NULL REFERENCES change_request (id),
  ci_id              UUID          NOT NULL,
  ci_name            VARCHAR(200)  NOT NULL,
  PRIMARY KEY (change_request_id, ci_id)
);
CREATE INDEX change_request_ci_ci ON change_request_ci (ci_id);

CREATE TABLE change_request_incident (
  change_request_id  BIGINT       NOT NULL REFERENCES change_request (id),
  incident_number    VARCHAR(20)  NOT NULL,
  PRIMARY KEY (change_request_id, incident_number)
);
CREATE INDEX change_request_incident_number ON change_request_incident (incident_number);

CREATE TABLE change_request_audit (
  id                 BIGSERIAL    PRIMARY KEY,
  change_request_id  BIGINT       NOT NULL REFERENCES change_request (id),
  actor              VARCHAR(64)  NOT NULL,
  job_key            BIGINT,
  at                 TIMESTAMPTZ  NOT NULL DEFAULT now(),
  field              VARCHAR(64)  NOT NULL,
  old_value          TEXT,
  new_value          TEXT
);
CREATE INDEX change_request_audit_change ON change_request_audit (change_request_id, id);

CREATE TRIGGER change_request_audit_append_only
  BEFORE UPDATE OR DELETE ON change_request_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_record_audit_rewrite();

CREATE TRIGGER change_request_audit_no_truncate
  BEFORE TRUNCATE ON change_request_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_audit_rewrite();

CREATE TABLE change_request_job (
  change_request_id  BIGINT       NOT NULL REFERENCES change_request (id),
  job_key            BIGINT       NOT NULL,
  applied_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (change_request_id, job_key)
);

CREATE TABLE change_request_journal (
  id                 BIGSERIAL       PRIMARY KEY,
  change_request_id  BIGINT          NOT NULL REFERENCES change_request (id),
  kind               VARCHAR(10)     NOT NULL CHECK (kind IN ('COMMENT', 'WORK_NOTE')),
  author             VARCHAR(64)     NOT NULL,
  text               VARCHAR(10000)  NOT NULL,
  created_at         TIMESTAMPTZ     NOT NULL DEFAULT now(),
  job_key            BIGINT
);
CREATE INDEX change_request_journal_change ON change_request_journal (change_request_id, id);
CREATE UNIQUE INDEX change_request_journal_once_per_job
  ON change_request_journal (change_request_id, job_key, kind) WHERE job_key IS NOT NULL;

CREATE TABLE change_request_attachment (
  id                 BIGSERIAL     PRIMARY KEY,
  change_request_id  BIGINT        NOT NULL REFERENCES change_request (id),
  file_name          VARCHAR(255)  NOT NULL,
  content_type       VARCHAR(200)  NOT NULL,
  size               BIGINT        NOT NULL CHECK (size <= 10485760),
  content            BYTEA         NOT NULL,
  uploaded_by        VARCHAR(64)   NOT NULL,
  uploaded_at        TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX change_request_attachment_change ON change_request_attachment (change_request_id, id);

CREATE TABLE change_request_watcher (
  change_request_id  BIGINT       NOT NULL REFERENCES change_request (id),
  username           VARCHAR(64)  NOT NULL,
  added_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (change_request_id, username)
);
