-- Manager reports and the agents' record lists (issue 20). Reports are computed on demand from
-- these tables (no pre-aggregation); these indexes keep each report and list page to index scans.

-- When a record was closed is the first audit entry that moved it into a closing state; partial
-- indexes hold only those entries: by time for "closed per day", by record for time-to-resolve.
CREATE INDEX incident_audit_resolved_at ON incident_audit (at)
  WHERE field = 'state' AND new_value = 'RESOLVED';
CREATE INDEX incident_audit_resolved_incident ON incident_audit (incident_id, at)
  WHERE field = 'state' AND new_value = 'RESOLVED';
CREATE INDEX request_audit_closed_at ON request_audit (at)
  WHERE field = 'state' AND new_value IN ('FULFILLED', 'REJECTED', 'CLOSED', 'CANCELED');
CREATE INDEX change_request_audit_closed_at ON change_request_audit (at)
  WHERE field = 'state' AND new_value IN ('CLOSED', 'CANCELED');

-- Opened per day and the list's date filter scan by creation time, by group for agents.
CREATE INDEX incident_group_created ON incident (assignment_group, created_at DESC);
CREATE INDEX incident_configuration_item ON incident (configuration_item);
CREATE INDEX request_created ON request (created_at DESC);
CREATE INDEX change_request_created ON change_request (created_at DESC);

-- A person's saved list filters: a name and the list's query string, per kind of list.
CREATE TABLE saved_filter (
  id          BIGSERIAL      PRIMARY KEY,
  owner       VARCHAR(64)    NOT NULL,
  list        VARCHAR(20)    NOT NULL CHECK (list IN ('incidents', 'requests')),
  name        VARCHAR(80)    NOT NULL CHECK (length(trim(name)) > 0),
  query       VARCHAR(2000)  NOT NULL,
  created_at  TIMESTAMPTZ    NOT NULL DEFAULT now(),
  UNIQUE (owner, list, name)
);
