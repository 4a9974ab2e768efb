-- Compensation (issue 22). A compensation throw or end event compensates the activities of its
-- scope that completed, which the live state forgets as they end; so each completed activity that
-- a compensation boundary event can undo is kept here until compensation is triggered or the
-- process instance ends (execution/CompensationBehavior):
--   COMPLETED  key = the completed activity's element instance key, scope_key = the flow scope
--              instance it completed in, handler_id = the handler to invoke (NULL for a completed
--              sub-process kept only because activities inside it completed with handlers);
--   INVOKED    key = a running handler's element instance key, scope_key = the throw event that
--              waits for it, element_id = the handler.
CREATE TABLE compensation_subscription (
    key                  BIGINT PRIMARY KEY,
    process_instance_key BIGINT NOT NULL,
    scope_key            BIGINT NOT NULL,
    element_id           TEXT   NOT NULL,
    handler_id           TEXT,
    state                TEXT   NOT NULL
);

CREATE INDEX compensation_subscription_by_instance
    ON compensation_subscription (process_instance_key);
