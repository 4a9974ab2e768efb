-- What the app must tell people about a record (issue 21): watchers of a public comment or a state
-- change, the assignee of an assignment, everyone on a major incident of its communication. Like
-- webhook_outbox (V49), triggers on the kinds' audit and journal tables write a row in the
-- writer's own transaction, so a notice exists exactly when its change committed and no record
-- writer has to remember it; the app's notification dispatch sends and then deletes it. A mail
-- server that is down leaves the row for a later attempt (attempts, next_attempt_at, last_error)
-- and never rolls back the comment. Work notes never enter (the journal trigger fires on COMMENT
-- only). Whom a row reaches is decided when it is sent (watchers, callers, preferences).
CREATE TABLE notification_outbox (
  id               BIGSERIAL     PRIMARY KEY,
  event            VARCHAR(64)   NOT NULL CHECK (event IN ('watched-record-commented',
                     'watched-record-state-changed', 'assigned-to-me',
                     'major-incident-communication')),
  record_kind      VARCHAR(10)   NOT NULL CHECK (record_kind IN ('incident', 'request', 'change',
                     'problem')),
  record_id        BIGINT        NOT NULL,
  journal_id       BIGINT,
  old_value        TEXT,
  new_value        TEXT,
  actor            VARCHAR(64)   NOT NULL,
  occurred_at      TIMESTAMPTZ   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
  last_error       VARCHAR(2000)
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at, id);

CREATE FUNCTION notification_outbox_capture() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind TEXT := TG_ARGV[0];
  record_id BIGINT := (to_jsonb(NEW) ->> TG_ARGV[1])::BIGINT;
BEGIN
  IF TG_TABLE_NAME NOT LIKE '%\_audit' THEN
    INSERT INTO domain.notification_outbox
      (event, record_kind, record_id, journal_id, actor, occurred_at)
    VALUES ('watched-record-commented', kind, record_id, NEW.id, NEW.author, NEW.created_at);
  ELSIF NEW.field = 'state' AND NEW.old_value IS NOT NULL THEN
    INSERT INTO domain.notification_outbox
      (event, record_kind, record_id, old_value, new_value, actor, occurred_at)
    VALUES ('watched-record-state-changed', kind, record_id, NEW.old_value, NEW.new_value,
            NEW.actor, NEW.at);
  ELSIF NEW.field = 'assignee' AND NEW.new_value IS NOT NULL AND NEW.new_value <> NEW.actor THEN
    -- Taking a record yourself tells nobody; being given it by someone (or the process) does.
    INSERT INTO domain.notification_outbox
      (event, record_kind, record_id, old_value, new_value, actor, occurred_at)
    VALUES ('assigned-to-me', kind, record_id, NEW.old_value, NEW.new_value, NEW.actor, NEW.at);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER incident_audit_notification AFTER INSERT ON incident_audit
  FOR EACH ROW WHEN (NEW.field IN ('state', 'assignee'))
  EXECUTE FUNCTION notification_outbox_capture('incident', 'incident_id');
CREATE TRIGGER incident_journal_notification AFTER INSERT ON incident_journal
  FOR EACH ROW WHEN (NEW.kind = 'COMMENT')
  EXECUTE FUNCTION notification_outbox_capture('incident', 'incident_id');

CREATE TRIGGER request_audit_notification AFTER INSERT ON request_audit
  FOR EACH ROW WHEN (NEW.field IN ('state', 'assignee'))
  EXECUTE FUNCTION notification_outbox_capture('request', 'request_id');
CREATE TRIGGER request_journal_notification AFTER INSERT ON request_journal
  FOR EACH ROW WHEN (NEW.kind = 'COMMENT')
  EXECUTE FUNCTION notification_outbox_capture('request', 'request_id');

CREATE TRIGGER change_request_audit_notification AFTER INSERT ON change_request_audit
  FOR EACH ROW WHEN (NEW.field IN ('state', 'assignee'))
  EXECUTE FUNCTION notification_outbox_capture('change', 'change_request_id');
CREATE TRIGGER change_request_journal_notification AFTER INSERT ON change_request_journal
  FOR EACH ROW WHEN (NEW.kind = 'COMMENT')
  EXECUTE FUNCTION notification_outbox_capture('change', 'change_request_id');

CREATE TRIGGER problem_audit_notification AFTER INSERT ON problem_audit
  FOR EACH ROW WHEN (NEW.field IN ('state', 'assignee'))
  EXECUTE FUNCTION notification_outbox_capture('problem', 'problem_id');
CREATE TRIGGER problem_journal_notification AFTER INSERT ON problem_journal
  FOR EACH ROW WHEN (NEW.kind = 'COMMENT')
  EXECUTE FUNCTION notification_outbox_capture('problem', 'problem_id');

-- The watchers' templates, new events beside the V52 ones (whose texts stay as they were).
INSERT INTO notification_template (event, subject, text_body) VALUES
('watched-record-commented', 'New comment on {{record.number}}: {{record.title}}',
 E'Hello {{person.name}},\n\n{{comment.author}} commented on {{record.number}} ({{record.title}}), which you watch:\n\n{{comment.text}}{{#record.link}}\n\n{{record.number}}: {{record.link}}{{/record.link}}'),
('watched-record-state-changed', '{{record.number}} is {{state.new}}: {{record.title}}',
 E'Hello {{person.name}},\n\n{{change.author}} changed {{record.number}} ({{record.title}}), which you watch, from {{state.old}} to {{state.new}}.{{#record.link}}\n\n{{record.number}}: {{record.link}}{{/record.link}}');
