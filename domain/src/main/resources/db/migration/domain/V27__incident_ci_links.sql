-- Incidents link to configuration items by the CMDB's id (issue 19). The free-text column
-- incident.configuration_item stays: it keeps what callers typed before links existed and names
-- that match no CI. A link is audited on the incident (field "ci").
CREATE TABLE incident_ci (
  incident_id  BIGINT       NOT NULL REFERENCES incident (id),
  ci_id        UUID         NOT NULL REFERENCES ci (id),
  linked_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, ci_id)
);
-- The CI page's open incidents and the change correlation start from the CI.
CREATE INDEX incident_ci_ci ON incident_ci (ci_id, incident_id);

-- "Possibly caused by CHG…": an incident opened (or given a CI) on an affected CI of a change
-- whose window covered the incident's opening. Stored when detected, so pages read it and do not
-- recompute it; audited on both records.
CREATE TABLE incident_change_suspect (
  incident_id        BIGINT       NOT NULL REFERENCES incident (id),
  change_request_id  BIGINT       NOT NULL REFERENCES change_request (id),
  ci_id              UUID         NOT NULL REFERENCES ci (id),
  flagged_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, change_request_id)
);
CREATE INDEX incident_change_suspect_change ON incident_change_suspect (change_request_id);
