-- Outbound webhooks (issue 21): who wants which events, the events records produced, and one
-- delivery per (subscription, event).

CREATE TABLE webhook_subscription (
  id           BIGSERIAL      PRIMARY KEY,
  url          VARCHAR(2000)  NOT NULL,
  event_types  TEXT[]         NOT NULL CHECK (cardinality(event_types) > 0),
  active       BOOLEAN        NOT NULL DEFAULT true,
  -- The signing secret lives in domain.secret under this name, never here.
  secret_name  VARCHAR(100)   NOT NULL UNIQUE,
  created_by   VARCHAR(64)    NOT NULL,
  created_at   TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- Written by triggers on the records' audit trails and journals (V49) in the writer's own
-- transaction, so an event exists exactly when its record change committed. The dispatcher turns
-- rows into deliveries and deletes them in one transaction.
CREATE TABLE webhook_outbox (
  id           BIGSERIAL     PRIMARY KEY,
  record_kind  VARCHAR(10)   NOT NULL CHECK (record_kind IN ('incident', 'request', 'change',
                 'problem')),
  record_id    BIGINT        NOT NULL,
  source       VARCHAR(10)   NOT NULL CHECK (source IN ('state', 'comment')),
  old_value    TEXT,
  new_value    TEXT,
  journal_id   BIGINT,
  actor        VARCHAR(64)   NOT NULL,
  occurred_at  TIMESTAMPTZ   NOT NULL
);

CREATE TABLE webhook_delivery (
  id               BIGSERIAL      PRIMARY KEY,
  subscription_id  BIGINT         NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
  event_id         VARCHAR(100)   NOT NULL,
  event_type       VARCHAR(64)    NOT NULL,
  payload          TEXT           NOT NULL,
  status           VARCHAR(10)    NOT NULL DEFAULT 'PENDING'
                     CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
  attempts         INTEGER        NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMPTZ    NOT NULL,
  last_status      INTEGER,
  last_error       VARCHAR(500),
  created_at       TIMESTAMPTZ    NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ    NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_dead ON webhook_delivery (updated_at DESC) WHERE status = 'DEAD';
CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, id DESC);
