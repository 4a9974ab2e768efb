-- The admin audit trail (issue 17): one row per administrative action, written in the transaction
-- that performs the action (audit.AdminAuditRecorder), so the action and its entry commit together.
-- before/after hold the changed fields only; the application drops any key that looks like a
-- password, secret, token or hash before writing.
CREATE TABLE admin_audit (
    id     BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor  TEXT        NOT NULL,
    action TEXT        NOT NULL,
    target TEXT        NOT NULL,
    before JSONB       NOT NULL DEFAULT '{}'::jsonb,
    after  JSONB       NOT NULL DEFAULT '{}'::jsonb
);
-- Newest first, optionally by actor, action or target (the admin page's and the API's filters).
CREATE INDEX admin_audit_at ON admin_audit (at DESC, id DESC);
CREATE INDEX admin_audit_actor ON admin_audit (actor, at DESC);
CREATE INDEX admin_audit_target ON admin_audit (target, at DESC);

-- The trail is evidence: the database refuses to rewrite or erase it, whoever asks. The one
-- exception (a person's erasure, V16) goes through flowdesk.pseudonymise_admin_audit.
CREATE FUNCTION refuse_admin_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the admin audit trail is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER admin_audit_append_only
  BEFORE UPDATE OR DELETE ON admin_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_admin_audit_rewrite();

CREATE TRIGGER admin_audit_no_truncate
  BEFORE TRUNCATE ON admin_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_admin_audit_rewrite();
