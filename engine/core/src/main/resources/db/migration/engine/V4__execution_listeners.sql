-- Execution listener jobs say which listener they are; an element instance counts the listeners
-- of its current phase (start, then end) that have completed.
ALTER TABLE job ADD COLUMN listener_event_type TEXT;
ALTER TABLE element_instance ADD COLUMN listener_index INT NOT NULL DEFAULT 0;
