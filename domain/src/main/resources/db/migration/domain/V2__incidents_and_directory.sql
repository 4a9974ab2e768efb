-- Incidents: the record, its append-only audit trail, the jobs already applied to it, its journal
-- and attachments. Lengths here match the application's validation, which names the field first.

CREATE SEQUENCE incident_number_seq;

CREATE TABLE incident (
  id                   BIGSERIAL      PRIMARY KEY,
  number               VARCHAR(20)    NOT NULL UNIQUE,
  caller               VARCHAR(64)    NOT NULL,
  short_description    VARCHAR(160)   NOT NULL,
  description          VARCHAR(10000),
  category             VARCHAR(64),
  configuration_item   VARCHAR(200),
  impact               VARCHAR(6)     NOT NULL CHECK (impact IN ('HIGH', 'MEDIUM', 'LOW')),
  urgency              VARCHAR(6)     NOT NULL CHECK (urgency IN ('HIGH', 'MEDIUM', 'LOW')),
  priority             VARCHAR(2)     CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
  state                VARCHAR(12)    NOT NULL CHECK (state IN
                         ('NEW', 'IN_PROGRESS', 'ON_HOLD', 'RESOLVED', 'CLOSED', 'CANCELED')),
  assignment_group     VARCHAR(64),
  assignee             VARCHAR(64),
  response_due         TIMESTAMPTZ,
  resolution_due       TIMESTAMPTZ,
  responded_at         TIMESTAMPTZ,
  response_breached    BOOLEAN        NOT NULL DEFAULT false,
  resolution_breached  BOOLEAN        NOT NULL DEFAULT false,
  on_hold_reason       VARCHAR(1000),
  resolution_code      VARCHAR(64),
  resolution_notes     VARCHAR(10000),
  process_instance_key BIGINT,
  created_at           TIMESTAMPTZ    NOT NULL DEFAULT now(),
  updated_at           TIMESTAMPTZ    NOT NULL DEFAULT now(),
  version              BIGINT         NOT NULL DEFAULT 0
);

-- What the portal (my requests) and the inbox (my groups, by state/priority, newest first) filter on.
CREATE INDEX incident_caller_created ON incident (caller, created_at DESC);
CREATE INDEX incident_group_state ON incident (assignment_group, state);
CREATE INDEX incident_state ON incident (state);
CREATE INDEX incident_priority ON incident (priority);
CREATE INDEX incident_assignee ON incident (assignee);
CREATE INDEX incident_created ON incident (created_at DESC);

CREATE TABLE incident_audit (
  id           BIGSERIAL    PRIMARY KEY,
  incident_id  BIGINT       NOT NULL REFERENCES incident (id),
  actor        VARCHAR(64)  NOT NULL,
  job_key      BIGINT,
  at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
  field        VARCHAR(64)  NOT NULL,
  old_value    TEXT,
  new_value    TEXT
);
CREATE INDEX incident_audit_incident ON incident_audit (incident_id, id);

-- The audit trail is evidence: the database itself refuses to rewrite or erase it, whoever asks.
CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the incident audit trail is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER incident_audit_append_only
  BEFORE UPDATE OR DELETE ON incident_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();

CREATE TRIGGER incident_audit_no_truncate
  BEFORE TRUNCATE ON incident_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();

-- The job keys whose change was applied to an incident, so that a retried job changes nothing.
CREATE TABLE incident_job (
  incident_id  BIGINT       NOT NULL REFERENCES incident (id),
  job_key      BIGINT       NOT NULL,
  applied_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, job_key)
);

CREATE TABLE incident_journal (
  id           BIGSERIAL       PRIMARY KEY,
  incident_id  BIGINT          NOT NULL REFERENCES incident (id),
  kind         VARCHAR(10)     NOT NULL CHECK (kind IN ('COMMENT', 'WORK_NOTE')),
  author       VARCHAR(64)     NOT NULL,
  text         VARCHAR(10000)  NOT NULL,
  created_at   TIMESTAMPTZ     NOT NULL DEFAULT now()
);
CREATE INDEX incident_journal_incident ON incident_journal (incident_id, id);

CREATE TABLE incident_attachment (
  id            BIGSERIAL     PRIMARY KEY,
  incident_id   BIGINT        NOT NULL REFERENCES incident (id),
  file_name     VARCHAR(255)  NOT NULL,
  content_type  VARCHAR(200)  NOT NULL,
  size          BIGINT        NOT NULL CHECK (size <= 10485760),
  content       BYTEA         NOT NULL,
  uploaded_by   VARCHAR(64)   NOT NULL,
  uploaded_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX incident_attachment_incident ON incident_attachment (incident_id, id);

-- The directory: people, their roles, assignment groups and memberships.

CREATE TABLE person (
  username       VARCHAR(64)   PRIMARY KEY CHECK (username ~ '^[a-z0-9._-]{1,64}$'),
  display_name   VARCHAR(200)  NOT NULL,
  email          VARCHAR(320)  NOT NULL,
  enabled        BOOLEAN       NOT NULL DEFAULT true,
  password_hash  VARCHAR(500),
  created_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
  updated_at     TIMESTAMPTZ   NOT NULL DEFAULT now()
);

CREATE TABLE person_role (
  username  VARCHAR(64)  NOT NULL REFERENCES person (username),
  role      VARCHAR(20)  NOT NULL CHECK (role IN ('END_USER', 'AGENT', 'MANAGER', 'CAB_MEMBER', 'ADMIN')),
  PRIMARY KEY (username, role)
);

CREATE TABLE assignment_group (
  name          VARCHAR(64)   PRIMARY KEY CHECK (name ~ '^[a-z0-9._-]{1,64}$'),
  display_name  VARCHAR(200)  NOT NULL,
  manager       VARCHAR(64)
);

CREATE TABLE group_member (
  group_name  VARCHAR(64)  NOT NULL REFERENCES assignment_group (name),
  username    VARCHAR(64)  NOT NULL REFERENCES person (username),
  PRIMARY KEY (group_name, username)
);
CREATE INDEX group_member_username ON group_member (username);
