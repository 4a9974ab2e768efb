-- Service levels as data (issue 21): the schedules SLA clocks run on and the targets per priority,
-- edited by admins at /admin/service-levels. The shipped schedule counts around the clock and the
-- targets are those the code had fixed before, so nothing changes until an admin changes it.

-- A schedule: working hours in a time zone (an IANA name such as Europe/Berlin).
CREATE TABLE sla_schedule (
  id         BIGSERIAL    PRIMARY KEY,
  name       VARCHAR(80)  NOT NULL UNIQUE,
  time_zone  VARCHAR(64)  NOT NULL
);

-- Working intervals per ISO weekday (1 Monday .. 7 Sunday), minutes after local midnight; the end
-- is excluded and may be 1440 (24:00). Overlaps are refused by the application.
CREATE TABLE sla_schedule_hours (
  schedule_id  BIGINT   NOT NULL REFERENCES sla_schedule (id) ON DELETE CASCADE,
  weekday      SMALLINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_minute SMALLINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute   SMALLINT NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  PRIMARY KEY (schedule_id, weekday, start_minute),
  CHECK (end_minute > start_minute)
);

-- Days a schedule does not count; yearly ones recur on their month and day.
CREATE TABLE sla_holiday (
  schedule_id BIGINT  NOT NULL REFERENCES sla_schedule (id) ON DELETE CASCADE,
  day         DATE    NOT NULL,
  yearly      BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (schedule_id, day)
);

-- The targets of each priority, in working minutes of its schedule. The warning threshold is the
-- share of a target after which a clock shows as at risk.
CREATE TABLE service_level (
  priority           VARCHAR(2) PRIMARY KEY CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
  response_minutes   INT        NOT NULL CHECK (response_minutes > 0),
  resolution_minutes INT        NOT NULL CHECK (resolution_minutes > 0),
  warning_percent    SMALLINT   NOT NULL CHECK (warning_percent BETWEEN 1 AND 99),
  task_priority      SMALLINT   NOT NULL CHECK (task_priority BETWEEN 0 AND 100),
  schedule_id        BIGINT     NOT NULL REFERENCES sla_schedule (id)
);

INSERT INTO sla_schedule (name, time_zone) VALUES ('Around the clock (24x7)', 'UTC');
INSERT INTO sla_schedule_hours (schedule_id, weekday, start_minute, end_minute)
SELECT s.id, d, 0, 1440 FROM sla_schedule s, generate_series(1, 7) d;

INSERT INTO service_level (priority, response_minutes, resolution_minutes, warning_percent,
                           task_priority, schedule_id)
SELECT t.priority, t.response, t.resolution, 75, t.task_priority, s.id
FROM sla_schedule s,
     (VALUES ('P1', 15, 240, 90),
             ('P2', 30, 480, 70),
             ('P3', 240, 4320, 50),
             ('P4', 1440, 7200, 30),
             ('P5', 2880, 14400, 10)) AS t (priority, response, resolution, task_priority);
