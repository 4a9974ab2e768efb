-- Camunda 8.8's process instance tags, given at creation and never changed: a JSON array of text,
-- NULL for the (usual) instance without tags, so that creating one writes nothing more.
ALTER TABLE process_instance ADD COLUMN tags TEXT;
