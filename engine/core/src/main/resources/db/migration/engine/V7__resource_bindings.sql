-- Resource bindings (bindingType deployment / versionTag): every deployed process, decision and form
-- keeps its version tag, and every one knows the deployment it came with. Decisions reached their
-- deployment only through their graph; they now carry it themselves, like processes and forms.
ALTER TABLE process_definition ADD COLUMN version_tag TEXT;
ALTER TABLE decision ADD COLUMN version_tag TEXT;
ALTER TABLE decision ADD COLUMN deployment_key BIGINT;
UPDATE decision d SET deployment_key = r.deployment_key
    FROM decision_requirements r WHERE r.key = d.decision_requirements_key;
ALTER TABLE decision ALTER COLUMN deployment_key SET NOT NULL;
ALTER TABLE form ADD COLUMN version_tag TEXT;

CREATE INDEX process_definition_by_deployment ON process_definition (deployment_key);
CREATE INDEX decision_by_deployment ON decision (deployment_key);
CREATE INDEX form_by_deployment ON form (deployment_key);
CREATE INDEX process_definition_by_version_tag ON process_definition (bpmn_process_id, version_tag)
    WHERE version_tag IS NOT NULL;
CREATE INDEX decision_by_version_tag ON decision (decision_id, version_tag)
    WHERE version_tag IS NOT NULL;
CREATE INDEX form_by_version_tag ON form (form_id, version_tag) WHERE version_tag IS NOT NULL;
