-- Text search (ILIKE '%...%' on number, short description and description) uses trigram indexes
-- when the pg_trgm extension can be installed (it ships with PostgreSQL's contrib, which the
-- embedded and the Docker PostgreSQL include; it is a trusted extension, so the schema owner may
-- install it). Without it the search still works, scanning the table. fastupdate is off: incidents
-- arrive at human pace, and a pending list (flushed only by vacuum) would make every search after a
-- bulk load scan it.
DO $$
DECLARE
  trgm_schema TEXT;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA domain;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): incident text search scans the table', SQLERRM;
  END;
  SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format(
      'CREATE INDEX incident_number_trgm ON domain.incident USING gin (number %I.gin_trgm_ops) WITH (fastupdate = off)',
      trgm_schema);
    EXECUTE format(
      'CREATE INDEX incident_short_description_trgm ON domain.incident'
      || ' USING gin (short_description %I.gin_trgm_ops) WITH (fastupdate = off)', trgm_schema);
    EXECUTE format(
      'CREATE INDEX incident_description_trgm ON domain.incident'
      || ' USING gin (description %I.gin_trgm_ops) WITH (fastupdate = off)', trgm_schema);
  END IF;
END
$$;
