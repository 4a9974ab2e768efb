-- Daily summaries the managers' reports read for days already closed (ReportRollup fills them,
-- ServiceReports computes the days from covered_until on live). A record without an assignment
-- group (and every request, which has none) is kept under the group ''.

-- Records opened per UTC day, kind (incident, request, change) and assignment group.
CREATE TABLE report_day_opened (
  day              DATE        NOT NULL,
  kind             VARCHAR(8)  NOT NULL,
  assignment_group VARCHAR(64) NOT NULL,
  opened           INT         NOT NULL,
  PRIMARY KEY (day, kind, assignment_group)
);

-- Each record closed on a UTC day, once per day: weeks count a record once however many of their
-- days closed it, so the record, not a count, is kept.
CREATE TABLE report_day_closed (
  day              DATE        NOT NULL,
  kind             VARCHAR(8)  NOT NULL,
  record_id        BIGINT      NOT NULL,
  assignment_group VARCHAR(64) NOT NULL,
  PRIMARY KEY (day, kind, record_id)
);

-- Incidents opened per UTC day and group with the sums behind MTTA and MTTR: seconds to the first
-- response and to the first resolution, and how many incidents each sum covers.
CREATE TABLE report_day_resolution (
  day                DATE        NOT NULL,
  assignment_group   VARCHAR(64) NOT NULL,
  opened             INT         NOT NULL,
  response_seconds   NUMERIC,
  responded          INT         NOT NULL,
  resolution_seconds NUMERIC,
  resolved           INT         NOT NULL,
  PRIMARY KEY (day, assignment_group)
);

-- One row: the first day not summarised (the reports compute it and later days live) and when the
-- last refresh started (records updated since then are summarised again on the next one).
CREATE TABLE report_rollup (
  id            INT         PRIMARY KEY CHECK (id = 1),
  covered_until DATE        NOT NULL,
  refreshed_at  TIMESTAMPTZ NOT NULL
);
