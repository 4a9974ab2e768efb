-- Every record kind already writes a state audit entry (old value null when created) and journal
-- entries; these triggers copy the ones webhooks announce into webhook_outbox in the same
-- transaction, so no record writer changes and no committed change is missed. Only public
-- comments: a work note never reaches the outbox. Nothing is written while no subscription is
-- active, so installations without webhooks pay one index probe per state change or comment.

CREATE FUNCTION webhook_outbox_capture() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind TEXT := TG_ARGV[0];
  record_id BIGINT := (to_jsonb(NEW) ->> TG_ARGV[1])::BIGINT;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM domain.webhook_subscription WHERE active) THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME LIKE '%\_audit' THEN
    INSERT INTO domain.webhook_outbox
      (record_kind, record_id, source, old_value, new_value, actor, occurred_at)
    VALUES (kind, record_id, 'state', NEW.old_value, NEW.new_value, NEW.actor, NEW.at);
  ELSE
    INSERT INTO domain.webhook_outbox
      (record_kind, record_id, source, journal_id, actor, occurred_at)
    VALUES (kind, record_id, 'comment', NEW.id, NEW.author, NEW.created_at);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER incident_audit_webhook AFTER INSERT ON incident_audit
  FOR EACH ROW WHEN (NEW.field = 'state')
  EXECUTE FUNCTION webhook_outbox_capture('incident', 'incident_id');
CREATE TRIGGER incident_journal_webhook AFTER INSERT ON incident_journal
  FOR EACH ROW WHEN (NEW.kind = 'COMMENT')
  EXECUTE FUNCTION webhook_outbox_capture('incident', 'incident_id');

CREATE TRIGGER request_audit_webhook AFTER INSERT ON request_audit
  FOR EACH ROW WHEN (NEW.field = 'state')
  EXECUTE FUNCTION webhook_outbox_capture('request', 'request_id');
CREATE TRIGGER request_journal_webhook AFTER INSERT ON request_journal
  FOR EACH ROW WHEN (NEW.kind = 'COMMENT')
  EXECUTE FUNCTION webhook_outbox_capture('request', 'request_id');

CREATE TRIGGER change_request_audit_webhook AFTER INSERT ON change_request_audit
  FOR EACH ROW WHEN (NEW.field = 'state')
  EXECUTE FUNCTION webhook_outbox_capture('change', 'change_request_id');
CREATE TRIGGER change_request_journal_webhook AFTER INSERT ON change_request_journal
  FOR EACH ROW WHEN (NEW.kind = 'COMMENT')
  EXECUTE FUNCTION webhook_outbox_capture('change', 'change_request_id');

CREATE TRIGGER problem_audit_webhook AFTER INSERT ON problem_audit
  FOR EACH ROW WHEN (NEW.field = 'state')
  EXECUTE FUNCTION webhook_outbox_capture('problem', 'problem_id');
CREATE TRIGGER problem_journal_webhook AFTER INSERT ON problem_journal
  FOR EACH ROW WHEN (NEW.kind = 'COMMENT')
  EXECUTE FUNCTION webhook_outbox_capture('problem', 'problem_id');
