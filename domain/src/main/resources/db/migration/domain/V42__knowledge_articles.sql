-- Knowledge articles (issue 21) on the shared record core: the main table knowledge_article with
-- the core's side tables (_audit, _journal, _attachment, _watcher, _job, _number_seq; KB0000001).
-- The row holds the draft being written (title, body, category, audience) and, once published, the
-- version readers see (published_*), so a published article stays readable while its next draft
-- is edited and reviewed. Every publish is also kept in knowledge_article_version.
CREATE SEQUENCE knowledge_article_number_seq;

CREATE TABLE knowledge_article (
  id                    BIGSERIAL       PRIMARY KEY,
  number                VARCHAR(20)     NOT NULL UNIQUE,
  title                 VARCHAR(160)    NOT NULL,
  body                  VARCHAR(50000)  NOT NULL,
  category              VARCHAR(64)     NOT NULL,
  audience              VARCHAR(10)     NOT NULL CHECK (audience IN ('PUBLIC', 'AGENTS')),
  state                 VARCHAR(12)     NOT NULL
                          CHECK (state IN ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'RETIRED')),
  author                VARCHAR(64)     NOT NULL,
  review_comment        VARCHAR(10000),
  source_incident       VARCHAR(20),
  source_problem        VARCHAR(20),
  process_instance_key  BIGINT,
  published_version     INTEGER,
  published_title       VARCHAR(160),
  published_body        VARCHAR(50000),
  published_category    VARCHAR(64),
  published_audience    VARCHAR(10)     CHECK (published_audience IN ('PUBLIC', 'AGENTS')),
  published_at          TIMESTAMPTZ,
  -- What search reads: the published version, title weighted above body.
  published_search      TSVECTOR GENERATED ALWAYS AS (
                          setweight(to_tsvector('english'::regconfig, coalesce(published_title, '')), 'A')
                          || setweight(to_tsvector('english'::regconfig, coalesce(published_body, '')), 'B')
                        ) STORED,
  created_at            TIMESTAMPTZ     NOT NULL DEFAULT now(),
  updated_at            TIMESTAMPTZ     NOT NULL DEFAULT now(),
  version               BIGINT          NOT NULL DEFAULT 0,
  CONSTRAINT knowledge_article_published_whole
    CHECK ((published_version IS NULL) = (published_title IS NULL)
       AND (published_version IS NULL) = (published_body IS NULL)
       AND (published_version IS NULL) = (published_audience IS NULL))
);

-- Only readable articles are searched: published once and not retired.
CREATE INDEX knowledge_article_search ON knowledge_article USING GIN (published_search)
  WHERE published_version IS NOT NULL AND state <> 'RETIRED';
CREATE INDEX knowledge_article_readable_category ON knowledge_article (published_category, published_title)
  WHERE published_version IS NOT NULL AND state <> 'RETIRED';
CREATE INDEX knowledge_article_state ON knowledge_article (state, updated_at);
CREATE INDEX knowledge_article_process_instance ON knowledge_article (process_instance_key);

CREATE TABLE knowledge_article_version (
  article_id    BIGINT          NOT NULL REFERENCES knowledge_article (id),
  version       INTEGER         NOT NULL,
  title         VARCHAR(160)    NOT NULL,
  body          VARCHAR(50000)  NOT NULL,
  category      VARCHAR(64)     NOT NULL,
  audience      VARCHAR(10)     NOT NULL,
  author        VARCHAR(64)     NOT NULL,
  published_by  VARCHAR(64)     NOT NULL,
  published_at  TIMESTAMPTZ     NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, version)
);

-- Incidents an agent linked the article to (no foreign key: incidents are another feature's).
CREATE TABLE knowledge_article_incident (
  article_id       BIGINT       NOT NULL REFERENCES knowledge_article (id),
  incident_number  VARCHAR(20)  NOT NULL,
  linked_by        VARCHAR(64)  NOT NULL,
  linked_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, incident_number)
);
CREATE INDEX knowledge_article_incident_number ON knowledge_article_incident (incident_number);

-- Portal deflection: each "This solved it", one row per click, counted per article.
CREATE TABLE knowledge_article_solved (
  id          BIGSERIAL    PRIMARY KEY,
  article_id  BIGINT       NOT NULL REFERENCES knowledge_article (id),
  username    VARCHAR(64)  NOT NULL,
  solved_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_article_solved_article ON knowledge_article_solved (article_id);

CREATE TABLE knowledge_article_audit (
  id                  BIGSERIAL    PRIMARY KEY,
  knowledge_article_id BIGINT      NOT NULL REFERENCES knowledge_article (id),
  actor               VARCHAR(64)  NOT NULL,
  job_key             BIGINT,
  at                  TIMESTAMPTZ  NOT NULL DEFAULT now(),
  field               VARCHAR(64)  NOT NULL,
  old_value           TEXT,
  new_value           TEXT
);
CREATE INDEX knowledge_article_audit_article ON knowledge_article_audit (knowledge_article_id, id);

CREATE TRIGGER knowledge_article_audit_append_only
  BEFORE UPDATE OR DELETE ON knowledge_article_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_record_audit_rewrite();

CREATE TRIGGER knowledge_article_audit_no_truncate
  BEFORE TRUNCATE ON knowledge_article_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_audit_rewrite();

CREATE TABLE knowledge_article_job (
  knowledge_article_id  BIGINT       NOT NULL REFERENCES knowledge_article (id),
  job_key               BIGINT       NOT NULL,
  applied_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (knowledge_article_id, job_key)
);

CREATE TABLE knowledge_article_journal (
  id                    BIGSERIAL       PRIMARY KEY,
  knowledge_article_id  BIGINT          NOT NULL REFERENCES knowledge_article (id),
  kind                  VARCHAR(10)     NOT NULL CHECK (kind IN ('COMMENT', 'WORK_NOTE')),
  author                VARCHAR(64)     NOT NULL,
  text                  VARCHAR(10000)  NOT NULL,
  created_at            TIMESTAMPTZ     NOT NULL DEFAULT now(),
  job_key               BIGINT
);
CREATE INDEX knowledge_article_journal_article ON knowledge_article_journal (knowledge_article_id, id);
CREATE UNIQUE INDEX knowledge_article_journal_once_per_job
  ON knowledge_article_journal (knowledge_article_id, job_key, kind) WHERE job_key IS NOT NULL;

CREATE TABLE knowledge_article_attachment (
  id                    BIGSERIAL     PRIMARY KEY,
  knowledge_article_id  BIGINT        NOT NULL REFERENCES knowledge_article (id),
  file_name             VARCHAR(255)  NOT NULL,
  content_type          VARCHAR(200)  NOT NULL,
  size                  BIGINT        NOT NULL CHECK (size <= 10485760),
  content               BYTEA         NOT NULL,
  uploaded_by           VARCHAR(64)   NOT NULL,
  uploaded_at           TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_article_attachment_article ON knowledge_article_attachment (knowledge_article_id, id);

CREATE TABLE knowledge_article_watcher (
  knowledge_article_id  BIGINT       NOT NULL REFERENCES knowledge_article (id),
  username              VARCHAR(64)  NOT NULL,
  added_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (knowledge_article_id, username)
);
