-- A job worker's journal entry (e.g. an SLA breach note) is written once per job key and kind, so
-- a retried job does not repeat it. People's entries have no job key and are not restricted.
ALTER TABLE incident_journal ADD COLUMN job_key BIGINT;
CREATE UNIQUE INDEX incident_journal_once_per_job
  ON incident_journal (incident_id, job_key, kind) WHERE job_key IS NOT NULL;
