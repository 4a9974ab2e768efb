-- CMDB (issue 19): configuration items and their typed, directed relationships. A CI's id is a
-- stable UUID (changes keep CI ids, see notes/contracts); (class, name) identifies it for people
-- and imports. Rows are mapped by JPA (domain.cmdb), the schema is Flyway's.
CREATE TABLE ci (
  id                  UUID          PRIMARY KEY,
  class_name          VARCHAR(64)   NOT NULL REFERENCES ci_class (name),
  name                VARCHAR(200)  NOT NULL,
  owner               VARCHAR(64),
  support_group       VARCHAR(64),
  environment         VARCHAR(12)   NOT NULL CHECK (environment IN
                        ('PRODUCTION', 'STAGING', 'TEST', 'DEVELOPMENT')),
  status              VARCHAR(14)   NOT NULL CHECK (status IN
                        ('PLANNED', 'IN_SERVICE', 'MAINTENANCE', 'RETIRED')),
  criticality         VARCHAR(8)    CHECK (criticality IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  maintenance_window  VARCHAR(500),
  attributes          JSONB         NOT NULL DEFAULT '{}',
  created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
  updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
  version             BIGINT        NOT NULL DEFAULT 0,
  UNIQUE (class_name, name)
);
CREATE INDEX ci_status ON ci (status);

-- source --type--> target reads "source depends on / runs on / is hosted on / connects to /
-- contains target": in every type the source is impacted when the target fails, so impact
-- analysis walks target -> source upstream and source -> target downstream (both indexed).
CREATE TABLE ci_relationship (
  id          BIGSERIAL     PRIMARY KEY,
  source_id   UUID          NOT NULL REFERENCES ci (id),
  type        VARCHAR(12)   NOT NULL CHECK (type IN
                ('DEPENDS_ON', 'RUNS_ON', 'HOSTED_ON', 'CONNECTS_TO', 'CONTAINS')),
  target_id   UUID          NOT NULL REFERENCES ci (id),
  created_by  VARCHAR(64)   NOT NULL,
  created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
  CONSTRAINT ci_relationship_unique UNIQUE (source_id, type, target_id),
  CONSTRAINT ci_relationship_not_to_itself CHECK (source_id <> target_id)
);
CREATE INDEX ci_relationship_target ON ci_relationship (target_id, source_id);

-- Text search (name contains) uses a trigram index when pg_trgm is there (see V4).
DO $$
DECLARE
  trgm_schema TEXT;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA domain;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): CI text search scans the table', SQLERRM;
  END;
  SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format(
      'CREATE INDEX ci_name_trgm ON domain.ci USING gin (lower(name) %I.gin_trgm_ops)', trgm_schema);
  END IF;
END
$$;
