-- Inboxes search open tasks by candidate group or user ("the task has this group"): the JSON
-- arrays are searched with @>, which these indexes answer without reading every task.
CREATE INDEX user_task_candidate_groups ON user_task USING gin ((candidate_groups::jsonb) jsonb_path_ops)
    WHERE state = 'CREATED';
CREATE INDEX user_task_candidate_users ON user_task USING gin ((candidate_users::jsonb) jsonb_path_ops)
    WHERE state = 'CREATED';
