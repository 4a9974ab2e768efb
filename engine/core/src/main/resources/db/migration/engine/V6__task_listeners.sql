-- User task listeners. A task in a lifecycle transition (CREATING, ASSIGNING, UPDATING, COMPLETING,
-- CANCELING) keeps what the transition will apply in `transition` (JSON: the requested change, the
-- action, the corrections listeners made so far) and counts its completed listeners; a denied
-- transition ends with its outcome (JSON: which transition, denied, why) for the request that waits.
ALTER TABLE user_task ADD COLUMN listener_index INT NOT NULL DEFAULT 0;
ALTER TABLE user_task ADD COLUMN transition TEXT;
ALTER TABLE user_task ADD COLUMN transition_outcome TEXT;
-- A task listener's job carries the user task's properties as its listener saw them.
ALTER TABLE job ADD COLUMN user_task TEXT;
