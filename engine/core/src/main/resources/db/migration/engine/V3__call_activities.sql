-- Instances a call activity started know their parent; every command on any instance of one call
-- hierarchy locks the root's row, so parent and children change together.
ALTER TABLE process_instance ADD COLUMN parent_process_instance_key BIGINT;
ALTER TABLE process_instance ADD COLUMN parent_element_instance_key BIGINT;
ALTER TABLE process_instance ADD COLUMN root_process_instance_key BIGINT;
CREATE INDEX process_instance_by_parent_element ON process_instance (parent_element_instance_key)
    WHERE parent_element_instance_key IS NOT NULL;
