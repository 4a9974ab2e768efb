-- Flowdesk engine state. Keys are Zeebe-style 64-bit keys (partition 1 encoded in the high bits),
-- drawn from one sequence so that every record of the engine has a unique key. Each nextval
-- reserves a block of 100 keys that the engine hands out from memory.
CREATE SEQUENCE key_seq INCREMENT BY 100;

CREATE TABLE deployment (
    key        BIGINT PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL
);

-- Every deployed resource version (.bpmn, .dmn, .form); content is kept verbatim.
CREATE TABLE process_definition (
    key              BIGINT PRIMARY KEY,
    bpmn_process_id  TEXT    NOT NULL,
    version          INT     NOT NULL,
    resource_name    TEXT    NOT NULL,
    checksum         BYTEA   NOT NULL,
    deployment_key   BIGINT  NOT NULL REFERENCES deployment (key),
    resource         BYTEA   NOT NULL,
    deleted          BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (bpmn_process_id, version)
);

CREATE TABLE decision_requirements (
    key                        BIGINT PRIMARY KEY,
    decision_requirements_id   TEXT    NOT NULL,
    name                       TEXT,
    version                    INT     NOT NULL,
    resource_name              TEXT    NOT NULL,
    checksum                   BYTEA   NOT NULL,
    deployment_key             BIGINT  NOT NULL REFERENCES deployment (key),
    resource                   BYTEA   NOT NULL,
    deleted                    BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (decision_requirements_id, version)
);

CREATE TABLE decision (
    key                        BIGINT PRIMARY KEY,
    decision_id                TEXT    NOT NULL,
    name                       TEXT,
    version                    INT     NOT NULL,
    decision_requirements_key  BIGINT  NOT NULL REFERENCES decision_requirements (key),
    deleted                    BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (decision_id, version)
);

CREATE TABLE form (
    key            BIGINT PRIMARY KEY,
    form_id        TEXT    NOT NULL,
    version        INT     NOT NULL,
    resource_name  TEXT    NOT NULL,
    checksum       BYTEA   NOT NULL,
    deployment_key BIGINT  NOT NULL REFERENCES deployment (key),
    resource       BYTEA   NOT NULL,
    deleted        BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (form_id, version)
);

-- Process instances, active and ended. The row is the lock that serialises commands on an instance.
CREATE TABLE process_instance (
    key                     BIGINT PRIMARY KEY,
    process_definition_key  BIGINT      NOT NULL,
    bpmn_process_id         TEXT        NOT NULL,
    version                 INT         NOT NULL,
    state                   TEXT        NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    ended_at                TIMESTAMPTZ
);
CREATE INDEX process_instance_active ON process_instance (bpmn_process_id) WHERE state = 'ACTIVE';

-- Element instances that have not ended yet; ended ones live on in the record log only.
CREATE TABLE element_instance (
    key                  BIGINT PRIMARY KEY,
    process_instance_key BIGINT NOT NULL,
    flow_scope_key       BIGINT,
    element_id           TEXT   NOT NULL,
    element_type         TEXT   NOT NULL,
    state                TEXT   NOT NULL
);
CREATE INDEX element_instance_by_process_instance ON element_instance (process_instance_key);

-- Tokens that arrived at a joining gateway and wait for the others.
CREATE TABLE taken_sequence_flow (
    process_instance_key BIGINT NOT NULL,
    flow_scope_key       BIGINT NOT NULL,
    gateway_id           TEXT   NOT NULL,
    sequence_flow_id     TEXT   NOT NULL,
    count                INT    NOT NULL,
    PRIMARY KEY (flow_scope_key, gateway_id, sequence_flow_id)
);
CREATE INDEX taken_sequence_flow_by_process_instance ON taken_sequence_flow (process_instance_key);

-- Variables by scope (a process instance or an element instance); value is JSON text.
CREATE TABLE variable (
    key                  BIGINT NOT NULL UNIQUE,
    scope_key            BIGINT NOT NULL,
    name                 TEXT   NOT NULL,
    process_instance_key BIGINT NOT NULL,
    value                TEXT   NOT NULL,
    PRIMARY KEY (scope_key, name)
);
CREATE INDEX variable_by_process_instance ON variable (process_instance_key);

-- Jobs of job-based tasks. state: ACTIVATABLE, ACTIVATED, FAILED (no retries left: incident).
CREATE TABLE job (
    key                    BIGINT PRIMARY KEY,
    type                   TEXT        NOT NULL,
    state                  TEXT        NOT NULL,
    retries                INT         NOT NULL,
    deadline               TIMESTAMPTZ,
    activatable_at         TIMESTAMPTZ,
    worker                 TEXT,
    error_message          TEXT,
    custom_headers         TEXT        NOT NULL,
    process_instance_key   BIGINT      NOT NULL,
    element_instance_key   BIGINT      NOT NULL,
    element_id             TEXT        NOT NULL,
    bpmn_process_id        TEXT        NOT NULL,
    process_definition_key BIGINT      NOT NULL,
    process_definition_version INT     NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX job_activatable ON job (type, key) WHERE state = 'ACTIVATABLE';
CREATE INDEX job_deadline ON job (deadline) WHERE state = 'ACTIVATED';
CREATE INDEX job_backoff ON job (activatable_at) WHERE state = 'ACTIVATABLE' AND activatable_at IS NOT NULL;
CREATE INDEX job_by_element_instance ON job (element_instance_key);

-- Open and resolved incidents. failed_step says what to retry when the incident is resolved.
CREATE TABLE incident (
    key                  BIGINT PRIMARY KEY,
    process_instance_key BIGINT      NOT NULL,
    element_instance_key BIGINT      NOT NULL,
    element_id           TEXT        NOT NULL,
    job_key              BIGINT,
    error_type           TEXT        NOT NULL,
    error_message        TEXT        NOT NULL,
    failed_step          TEXT        NOT NULL,
    state                TEXT        NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX incident_open_by_process_instance ON incident (process_instance_key) WHERE state = 'CREATED';

-- The append-only record log, in the order things happened: the engine's audit trail.
CREATE TABLE record (
    position             BIGSERIAL PRIMARY KEY,
    key                  BIGINT      NOT NULL,
    value_type           TEXT        NOT NULL,
    intent               TEXT        NOT NULL,
    process_instance_key BIGINT,
    element_id           TEXT,
    payload              TEXT        NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX record_by_process_instance ON record (process_instance_key, position);
