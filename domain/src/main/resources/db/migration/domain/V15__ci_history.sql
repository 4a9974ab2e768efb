-- CMDB (issue 19): a CI's history, append-only like the record core's audit trails (V7's trigger
-- function): who, when, which field, before and after. Relationships are recorded on their source.
CREATE TABLE ci_audit (
  id          BIGSERIAL     PRIMARY KEY,
  ci_id       UUID          NOT NULL REFERENCES ci (id),
  actor       VARCHAR(64)   NOT NULL,
  at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
  field       VARCHAR(80)   NOT NULL,
  old_value   TEXT,
  new_value   TEXT
);
CREATE INDEX ci_audit_ci ON ci_audit (ci_id, id);

CREATE TRIGGER ci_audit_append_only
  BEFORE UPDATE OR DELETE ON ci_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_record_audit_rewrite();

CREATE TRIGGER ci_audit_no_truncate
  BEFORE TRUNCATE ON ci_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_audit_rewrite();
