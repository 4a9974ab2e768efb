-- An ad-hoc sub-process implemented by a job worker whose worker fulfilled the completion condition
-- without canceling what still runs inside: it completes once that ended, and asks its worker
-- nothing more meanwhile. Kept on the element instance, as it spans commands.
ALTER TABLE element_instance ADD COLUMN completion_condition_fulfilled BOOLEAN NOT NULL DEFAULT FALSE;
