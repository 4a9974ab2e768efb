-- Timers of waiting events. A timer belongs either to an element instance that waits (a catch event,
-- an activity with a boundary timer, a scope with a timer event sub-process) or, for timer start
-- events, to a process definition (process_instance_key NULL). element_id is the timer event.
CREATE TABLE timer (
    key                    BIGINT PRIMARY KEY,
    process_definition_key BIGINT      NOT NULL,
    process_instance_key   BIGINT,
    element_instance_key   BIGINT,
    element_id             TEXT        NOT NULL,
    due_date               TIMESTAMPTZ NOT NULL,
    -- Repetitions still to come after this one: 0 = none, -1 = unbounded; cycle says how.
    repetitions            INT         NOT NULL,
    cycle                  TEXT
);
CREATE INDEX timer_due ON timer (due_date);
CREATE INDEX timer_by_element_instance ON timer (element_instance_key);
CREATE INDEX timer_by_process_definition ON timer (process_definition_key)
    WHERE process_instance_key IS NULL;

-- Open message subscriptions of waiting element instances (catch events, receive tasks, boundary
-- events, event-based gateways, message event sub-processes); element_id is the catching event.
CREATE TABLE message_subscription (
    key                  BIGINT PRIMARY KEY,
    process_instance_key BIGINT NOT NULL,
    element_instance_key BIGINT NOT NULL,
    element_id           TEXT   NOT NULL,
    bpmn_process_id      TEXT   NOT NULL,
    message_name         TEXT   NOT NULL,
    correlation_key      TEXT   NOT NULL,
    interrupting         BOOLEAN NOT NULL
);
CREATE INDEX message_subscription_by_message ON message_subscription (message_name, correlation_key);
CREATE INDEX message_subscription_by_element_instance ON message_subscription (element_instance_key);

-- Published messages, kept until their time to live ends so that later subscriptions can still
-- correlate them.
CREATE TABLE message (
    key             BIGINT PRIMARY KEY,
    name            TEXT        NOT NULL,
    correlation_key TEXT        NOT NULL,
    message_id      TEXT,
    variables       TEXT        NOT NULL,
    deadline        TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX message_by_name ON message (name, correlation_key, deadline);
CREATE UNIQUE INDEX message_unique_id ON message (name, correlation_key, message_id)
    WHERE message_id IS NOT NULL;
CREATE INDEX message_deadline ON message (deadline);

-- A message correlates at most once per BPMN process id.
CREATE TABLE message_correlation (
    message_key     BIGINT NOT NULL,
    bpmn_process_id TEXT   NOT NULL,
    PRIMARY KEY (message_key, bpmn_process_id)
);

-- Message start events of the latest version of each process.
CREATE TABLE message_start_subscription (
    process_definition_key BIGINT NOT NULL,
    bpmn_process_id        TEXT   NOT NULL,
    element_id             TEXT   NOT NULL,
    message_name           TEXT   NOT NULL,
    PRIMARY KEY (process_definition_key, element_id)
);
CREATE INDEX message_start_subscription_by_name ON message_start_subscription (message_name);

-- While an instance started by a message runs, no other instance of the same process starts for
-- the same correlation key.
CREATE TABLE message_start_instance (
    bpmn_process_id      TEXT   NOT NULL,
    correlation_key      TEXT   NOT NULL,
    process_instance_key BIGINT NOT NULL UNIQUE,
    PRIMARY KEY (bpmn_process_id, correlation_key)
);

-- Signal subscriptions: signal start events of latest process versions (no process instance) and
-- waiting element instances.
CREATE TABLE signal_subscription (
    key                    BIGINT PRIMARY KEY,
    signal_name            TEXT   NOT NULL,
    process_definition_key BIGINT NOT NULL,
    bpmn_process_id        TEXT   NOT NULL,
    element_id             TEXT   NOT NULL,
    process_instance_key   BIGINT,
    element_instance_key   BIGINT
);
CREATE INDEX signal_subscription_by_name ON signal_subscription (signal_name);
CREATE INDEX signal_subscription_by_element_instance ON signal_subscription (element_instance_key);

-- Camunda user tasks (zeebe:userTask). state: CREATED, COMPLETED, CANCELED.
CREATE TABLE user_task (
    key                    BIGINT PRIMARY KEY,
    state                  TEXT        NOT NULL,
    process_instance_key   BIGINT      NOT NULL,
    element_instance_key   BIGINT      NOT NULL,
    element_id             TEXT        NOT NULL,
    name                   TEXT,
    bpmn_process_id        TEXT        NOT NULL,
    process_definition_key BIGINT      NOT NULL,
    process_definition_version INT     NOT NULL,
    assignee               TEXT,
    candidate_groups       TEXT        NOT NULL,
    candidate_users        TEXT        NOT NULL,
    due_date               TIMESTAMPTZ,
    follow_up_date         TIMESTAMPTZ,
    priority               INT         NOT NULL,
    form_key               BIGINT,
    external_form_reference TEXT,
    custom_headers         TEXT        NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL,
    completed_at           TIMESTAMPTZ
);
CREATE INDEX user_task_open ON user_task (process_instance_key) WHERE state = 'CREATED';
CREATE INDEX user_task_by_element_instance ON user_task (element_instance_key);
