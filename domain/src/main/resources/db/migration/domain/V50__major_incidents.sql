-- Major incidents (issue 21): an incident flagged major (with the reason), and incidents linked as
-- children of a major one. Changes to both are audited in incident_audit by the domain.
CREATE TABLE domain.major_incident (
  incident_id BIGINT PRIMARY KEY REFERENCES domain.incident (id),
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  flagged_by TEXT NOT NULL,
  flagged_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- An incident has at most one parent; a parent is a major incident and no child itself (checked by
-- the domain under the parent's row lock).
CREATE TABLE domain.incident_parent (
  child_id BIGINT PRIMARY KEY REFERENCES domain.incident (id),
  parent_id BIGINT NOT NULL REFERENCES domain.major_incident (incident_id),
  CHECK (child_id <> parent_id)
);
CREATE INDEX incident_parent_parent ON domain.incident_parent (parent_id);
