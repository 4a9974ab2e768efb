-- User administration (issue 17): a phone number per person, several managers per group, and each
-- person's choice of notification channels per kind of event.

ALTER TABLE person ADD COLUMN phone VARCHAR(40);

-- Every manager of a group. assignment_group.manager stays the lead manager (the first one), who
-- receives the group's SLA breach notices; it is always also listed here.
CREATE TABLE group_manager (
  group_name  VARCHAR(64)  NOT NULL REFERENCES assignment_group (name),
  username    VARCHAR(64)  NOT NULL REFERENCES person (username),
  PRIMARY KEY (group_name, username)
);
CREATE INDEX group_manager_username ON group_manager (username);

INSERT INTO group_manager (group_name, username)
SELECT g.name, g.manager FROM assignment_group g
  JOIN person p ON p.username = g.manager;

-- A row per choice a person made; a missing row means the channel's default (email on, the rest off).
CREATE TABLE notification_preference (
  username    VARCHAR(64)  NOT NULL REFERENCES person (username),
  event_kind  VARCHAR(32)  NOT NULL,
  channel     VARCHAR(8)   NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'CHAT')),
  enabled     BOOLEAN      NOT NULL,
  PRIMARY KEY (username, event_kind, channel)
);
