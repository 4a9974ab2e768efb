-- CMDB import (issue 19): reconciliation of CIs reported by external sources (the nightly ETL
-- import). A CI may carry the serial number its source knows it by; within a class a serial names
-- one CI, so an import finds a renamed CI by its serial.
ALTER TABLE ci ADD COLUMN serial_number VARCHAR(200);
CREATE UNIQUE INDEX ci_class_serial ON ci (class_name, serial_number) WHERE serial_number IS NOT NULL;

-- Which source reported which CI: retiring what a source no longer reports only ever touches the
-- CIs that same source reported before, never ones people entered or another source reported.
CREATE TABLE ci_import_source (
  source      VARCHAR(50)   NOT NULL,
  ci_id       UUID          NOT NULL REFERENCES ci (id),
  PRIMARY KEY (source, ci_id)
);

-- One import run and what it did. status: LOADED (the valid rows were applied in one transaction)
-- or FAILED (nothing was applied; error says why).
CREATE TABLE ci_import_run (
  id                        BIGSERIAL     PRIMARY KEY,
  source                    VARCHAR(50)   NOT NULL,
  retire_missing            BOOLEAN       NOT NULL,
  status                    VARCHAR(6)    NOT NULL CHECK (status IN ('LOADED', 'FAILED')),
  started_at                TIMESTAMPTZ   NOT NULL,
  finished_at               TIMESTAMPTZ   NOT NULL,
  inserted                  INTEGER       NOT NULL DEFAULT 0,
  updated                   INTEGER       NOT NULL DEFAULT 0,
  unchanged                 INTEGER       NOT NULL DEFAULT 0,
  retired                   INTEGER       NOT NULL DEFAULT 0,
  retire_skipped            BOOLEAN       NOT NULL DEFAULT false,
  relationships_added       INTEGER       NOT NULL DEFAULT 0,
  relationships_unchanged   INTEGER       NOT NULL DEFAULT 0,
  rejected                  INTEGER       NOT NULL DEFAULT 0,
  error                     TEXT
);
CREATE INDEX ci_import_run_source ON ci_import_run (source, id DESC);

-- A row of a run's input that was not loaded, and why. kind: CI or RELATIONSHIP; row_number: where
-- the source says the row is (for CSV the line).
CREATE TABLE ci_import_reject (
  run_id      BIGINT        NOT NULL REFERENCES ci_import_run (id),
  kind        VARCHAR(12)   NOT NULL CHECK (kind IN ('CI', 'RELATIONSHIP')),
  row_number  BIGINT        NOT NULL,
  reason      TEXT          NOT NULL
);
CREATE INDEX ci_import_reject_run ON ci_import_reject (run_id, kind, row_number);
