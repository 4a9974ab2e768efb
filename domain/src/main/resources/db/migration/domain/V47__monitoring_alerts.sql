-- Alerts from monitoring (issue 21, POST /api/alerts): one row per alert source and fingerprint,
-- linked to the incident that stands for it now. A firing alert whose incident is still open only
-- counts; a resolved one resolves that incident; a fingerprint that fires again after its incident
-- ended opens a new one. The row is the lock that serialises deliveries of the same alert, so a
-- double delivery never opens two incidents. Mapped by JPA (domain.alert.AlertRow).
CREATE TABLE monitoring_alert (
  id               BIGSERIAL     PRIMARY KEY,
  source           VARCHAR(64)   NOT NULL,
  fingerprint      VARCHAR(200)  NOT NULL,
  status           VARCHAR(10)   NOT NULL CHECK (status IN ('FIRING', 'RESOLVED')),
  summary          VARCHAR(160)  NOT NULL,
  incident_number  VARCHAR(20),
  -- Set while one delivery opens the incident, so others wait for it rather than open another;
  -- a claim older than a few minutes belongs to a node that died and may be taken over.
  opening_since    TIMESTAMPTZ,
  fired_count      INT           NOT NULL DEFAULT 0,
  first_fired_at   TIMESTAMPTZ   NOT NULL,
  last_event_at    TIMESTAMPTZ   NOT NULL,
  version          BIGINT        NOT NULL DEFAULT 0,
  UNIQUE (source, fingerprint)
);
CREATE INDEX monitoring_alert_incident ON monitoring_alert (incident_number);
