-- Batch operations (Camunda 8.8's /v2 batch endpoints): one row per batch, and one per item (a
-- process instance, or an incident for incident resolution) with its own outcome, so that progress
-- and a failing item's reason can be read while the rest goes on.
CREATE TABLE batch_operation (
    key             BIGINT PRIMARY KEY,
    type            TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    -- what each item is done with (migration plan, move instructions) as JSON; NULL when nothing
    plan            TEXT,
    created_by      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    start_date      TIMESTAMPTZ,
    end_date        TIMESTAMPTZ
);

CREATE TABLE batch_operation_item (
    batch_operation_key  BIGINT      NOT NULL REFERENCES batch_operation (key) ON DELETE CASCADE,
    item_key             BIGINT      NOT NULL,
    process_instance_key BIGINT      NOT NULL,
    state                TEXT        NOT NULL,
    error_message        TEXT,
    processed_date       TIMESTAMPTZ,
    PRIMARY KEY (batch_operation_key, item_key)
);

CREATE INDEX batch_operation_item_by_instance ON batch_operation_item (process_instance_key);
