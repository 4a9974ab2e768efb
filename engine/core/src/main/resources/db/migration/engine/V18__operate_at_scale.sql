-- The operations console over a long history (issue 20; bench OperateBenchmark, 1,000,000 instances).
-- The instance list opens newest first: without an index on the start, every page sorted all
-- instances to show 50 of them. One index entry per instance, written when it starts.
CREATE INDEX process_instance_by_start ON process_instance (created_at);
-- An instance page lists the instances its call activities started, by their parent instance: that
-- read every instance. Only called instances have a parent, so root instances add no entry.
CREATE INDEX process_instance_by_parent ON process_instance (parent_process_instance_key)
    WHERE parent_process_instance_key IS NOT NULL;
-- An instance page lists its incidents, resolved ones too; the index of open incidents covers only
-- those, so the search read every incident.
CREATE INDEX incident_by_process_instance ON incident (process_instance_key);
