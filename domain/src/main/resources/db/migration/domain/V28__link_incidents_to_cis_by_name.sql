-- Existing incidents whose free-text configuration item is exactly a CI's name (ignoring case and
-- surrounding blanks) are linked to that CI, with an audit entry by "migration". A name several
-- CIs share (in different classes) is ambiguous: such incidents are not linked and keep only their
-- text, as do names no CI has. The text itself is never changed.
CREATE TEMPORARY TABLE v28_match ON COMMIT DROP AS
SELECT i.id AS incident_id, min(c.id::text)::uuid AS ci_id
FROM incident i
JOIN ci c ON lower(c.name) = lower(btrim(i.configuration_item))
WHERE i.configuration_item IS NOT NULL AND btrim(i.configuration_item) <> ''
GROUP BY i.id
HAVING count(*) = 1;

INSERT INTO incident_ci (incident_id, ci_id)
SELECT incident_id, ci_id FROM v28_match
ON CONFLICT DO NOTHING;

INSERT INTO incident_audit (incident_id, actor, field, old_value, new_value)
SELECT m.incident_id, 'migration', 'ci', NULL, c.name || ' (' || c.class_name || ')'
FROM v28_match m JOIN ci c ON c.id = m.ci_id
ORDER BY m.incident_id;
