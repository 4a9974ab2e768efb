-- CMDB impact analysis (issue 19): walking upward (what depends on a CI) looks relationships up by
-- target. With the type in the index as well, a step of the walk reads the index alone (an
-- index-only scan once vacuum has marked the pages all-visible) instead of one table page per
-- relationship; the walk downward already has (source_id, type, target_id) from the unique
-- constraint. Same leading columns as before, so every other use of the old index is served.
CREATE INDEX ci_relationship_target_type ON ci_relationship (target_id, source_id) INCLUDE (type);
DROP INDEX ci_relationship_target;
