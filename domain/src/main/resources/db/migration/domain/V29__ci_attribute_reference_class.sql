-- Issue 19, CI class administration: a reference attribute may name the class its CIs must be of
-- (e.g. a rack's "location" refers to a building); NULL for any class, and for other types.
ALTER TABLE ci_attribute_definition
  ADD COLUMN reference_class VARCHAR(64) REFERENCES ci_class (name),
  ADD CONSTRAINT ci_attribute_definition_reference_class_check
    CHECK (reference_class IS NULL OR type = 'REFERENCE');
