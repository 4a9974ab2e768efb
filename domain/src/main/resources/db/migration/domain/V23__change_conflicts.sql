-- Change conflict detection (issue 19): blackout windows and the conflicts detected for a change.
-- Plain SQL tables (domain.change.conflict): detection is one set-based query over changes, CIs,
-- relationships and blackouts, and its result is replaced as a whole on every check.

-- A period in which no change should be made: everywhere (GLOBAL), on one CI (CI) or on a business
-- service and every CI it depends on (SERVICE). Managed by change managers and administrators.
CREATE TABLE blackout_window (
  id          BIGSERIAL     PRIMARY KEY,
  name        VARCHAR(160)  NOT NULL,
  scope       VARCHAR(8)    NOT NULL CHECK (scope IN ('GLOBAL', 'CI', 'SERVICE')),
  ci_id       UUID          REFERENCES ci (id),
  starts_at   TIMESTAMPTZ   NOT NULL,
  ends_at     TIMESTAMPTZ   NOT NULL,
  created_by  VARCHAR(64)   NOT NULL,
  created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
  CONSTRAINT blackout_window_period CHECK (ends_at > starts_at),
  CONSTRAINT blackout_window_scope_ci CHECK ((scope = 'GLOBAL') = (ci_id IS NULL))
);
CREATE INDEX blackout_window_period_idx ON blackout_window (starts_at, ends_at);

-- The other changes whose window overlaps: a GiST index on the window as a range answers
-- "overlapping [start, end)" without scanning every scheduled change.
CREATE INDEX change_request_window_range
  ON change_request USING gist (tstzrange(planned_start, planned_end, '[)'));
CREATE INDEX change_request_implementer ON change_request (implementer)
  WHERE implementer IS NOT NULL;

-- One detected conflict of a change: the rule, the CI of the change it concerns, the other change
-- or the blackout window involved, a sentence for people, when it was detected, and whether (by
-- whom, why) it was overridden at the change's authorization.
CREATE TABLE change_conflict (
  id                 BIGSERIAL      PRIMARY KEY,
  change_request_id  BIGINT         NOT NULL REFERENCES change_request (id),
  rule               VARCHAR(20)    NOT NULL CHECK (rule IN ('SAME_CI', 'PARENT_CI', 'CHILD_CI',
                       'MAINTENANCE_WINDOW', 'BLACKOUT', 'IMPLEMENTER')),
  ci_id              UUID,
  related_ci_id      UUID,
  other_change_id    BIGINT         REFERENCES change_request (id),
  blackout_id        BIGINT         REFERENCES blackout_window (id) ON DELETE CASCADE,
  detail             VARCHAR(500)   NOT NULL,
  detected_at        TIMESTAMPTZ    NOT NULL,
  overridden_by      VARCHAR(64),
  overridden_at      TIMESTAMPTZ,
  override_reason    VARCHAR(1000),
  CONSTRAINT change_conflict_override CHECK (
    (overridden_by IS NULL) = (overridden_at IS NULL)
    AND (overridden_by IS NULL) = (override_reason IS NULL))
);
-- One row per (change, rule, CI, related CI, other change, blackout): what identifies a conflict
-- across re-checks, so an override stays on a conflict that is still there.
CREATE UNIQUE INDEX change_conflict_identity ON change_conflict (change_request_id, rule,
  coalesce(ci_id, '00000000-0000-0000-0000-000000000000'),
  coalesce(related_ci_id, '00000000-0000-0000-0000-000000000000'),
  coalesce(other_change_id, 0), coalesce(blackout_id, 0));
CREATE INDEX change_conflict_open ON change_conflict (change_request_id)
  WHERE overridden_at IS NULL;
