-- Problem records (issue 21) on the shared record core: the main table problem with the core's
-- side tables (_audit, _journal, _attachment, _watcher, _job, _number_seq). The row is mapped by
-- JPA (domain.problem.ProblemRow); the schema is Flyway's (Hibernate only validates it).
CREATE SEQUENCE problem_number_seq;

CREATE TABLE problem (
  id                    BIGSERIAL      PRIMARY KEY,
  number                VARCHAR(20)    NOT NULL UNIQUE,
  short_description     VARCHAR(160)   NOT NULL,
  description           VARCHAR(10000),
  category              VARCHAR(64),
  assignment_group      VARCHAR(64)    NOT NULL,
  assignee              VARCHAR(64),
  priority              VARCHAR(2)     NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
  state                 VARCHAR(20)    NOT NULL CHECK (state IN ('NEW', 'ASSESS',
                          'ROOT_CAUSE_ANALYSIS', 'FIX_IN_PROGRESS', 'RESOLVED', 'CLOSED',
                          'CANCELED')),
  -- Raised by the recurring-incident detection rather than by a person, until someone works it.
  proposed              BOOLEAN        NOT NULL DEFAULT false,
  cause                 VARCHAR(10000),
  cause_code            VARCHAR(64),
  workaround            VARCHAR(10000),
  known_error_since     TIMESTAMPTZ,
  raised_by             VARCHAR(64)    NOT NULL,
  process_instance_key  BIGINT,
  created_at            TIMESTAMPTZ    NOT NULL DEFAULT now(),
  updated_at            TIMESTAMPTZ    NOT NULL DEFAULT now(),
  version               BIGINT         NOT NULL DEFAULT 0,
  -- A known error is one whose workaround agents can apply.
  CONSTRAINT problem_known_error_has_workaround
    CHECK (known_error_since IS NULL OR workaround IS NOT NULL)
);

CREATE INDEX problem_state ON problem (state);
CREATE INDEX problem_group_state ON problem (assignment_group, state);
CREATE INDEX problem_process_instance ON problem (process_instance_key);
CREATE INDEX problem_known_error_category ON problem (category) WHERE known_error_since IS NOT NULL;

-- Affected CIs by the CMDB's stable id (no foreign key: the CMDB is another feature's), as for
-- changes, with the name shown when it was recorded.
CREATE TABLE problem_ci (
  problem_id  BIGINT        NOT NULL REFERENCES problem (id),
  ci_id       UUID          NOT NULL,
  ci_name     VARCHAR(200)  NOT NULL,
  PRIMARY KEY (problem_id, ci_id)
);
CREATE INDEX problem_ci_ci ON problem_ci (ci_id);

CREATE TABLE problem_incident (
  problem_id       BIGINT       NOT NULL REFERENCES problem (id),
  incident_number  VARCHAR(20)  NOT NULL,
  PRIMARY KEY (problem_id, incident_number)
);
CREATE INDEX problem_incident_number ON problem_incident (incident_number);

-- The fix: changes raised from the problem.
CREATE TABLE problem_change (
  problem_id     BIGINT       NOT NULL REFERENCES problem (id),
  change_number  VARCHAR(20)  NOT NULL,
  PRIMARY KEY (problem_id, change_number)
);
CREATE INDEX problem_change_number ON problem_change (change_number);

CREATE TABLE problem_audit (
  id          BIGSERIAL    PRIMARY KEY,
  problem_id  BIGINT       NOT NULL REFERENCES problem (id),
  actor       VARCHAR(64)  NOT NULL,
  job_key     BIGINT,
  at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
  field       VARCHAR(64)  NOT NULL,
  old_value   TEXT,
  new_value   TEXT
);
CREATE INDEX problem_audit_problem ON problem_audit (problem_id, id);

CREATE TRIGGER problem_audit_append_only
  BEFORE UPDATE OR DELETE ON problem_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_record_audit_rewrite();

CREATE TRIGGER problem_audit_no_truncate
  BEFORE TRUNCATE ON problem_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_audit_rewrite();

CREATE TABLE problem_job (
  problem_id  BIGINT       NOT NULL REFERENCES problem (id),
  job_key     BIGINT       NOT NULL,
  applied_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (problem_id, job_key)
);

CREATE TABLE problem_journal (
  id          BIGSERIAL       PRIMARY KEY,
  problem_id  BIGINT          NOT NULL REFERENCES problem (id),
  kind        VARCHAR(10)     NOT NULL CHECK (kind IN ('COMMENT', 'WORK_NOTE')),
  author      VARCHAR(64)     NOT NULL,
  text        VARCHAR(10000)  NOT NULL,
  created_at  TIMESTAMPTZ     NOT NULL DEFAULT now(),
  job_key     BIGINT
);
CREATE INDEX problem_journal_problem ON problem_journal (problem_id, id);
CREATE UNIQUE INDEX problem_journal_once_per_job
  ON problem_journal (problem_id, job_key, kind) WHERE job_key IS NOT NULL;

CREATE TABLE problem_attachment (
  id            BIGSERIAL     PRIMARY KEY,
  problem_id    BIGINT        NOT NULL REFERENCES problem (id),
  file_name     VARCHAR(255)  NOT NULL,
  content_type  VARCHAR(200)  NOT NULL,
  size          BIGINT        NOT NULL CHECK (size <= 10485760),
  content       BYTEA         NOT NULL,
  uploaded_by   VARCHAR(64)   NOT NULL,
  uploaded_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX problem_attachment_problem ON problem_attachment (problem_id, id);

CREATE TABLE problem_watcher (
  problem_id  BIGINT       NOT NULL REFERENCES problem (id),
  username    VARCHAR(64)  NOT NULL,
  added_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (problem_id, username)
);
