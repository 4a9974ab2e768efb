-- Named secrets, encrypted by the application (AES-GCM); the database never sees a plain value.
CREATE TABLE secret (
  name        VARCHAR(100) PRIMARY KEY,
  nonce       BYTEA        NOT NULL,
  ciphertext  BYTEA        NOT NULL,
  created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One row per job and recipient: what a notification worker sent, so a retried job sends once.
CREATE TABLE delivery (
  id           BIGSERIAL    PRIMARY KEY,
  job_key      BIGINT       NOT NULL,
  channel      VARCHAR(20)  NOT NULL,
  recipient    VARCHAR(1000) NOT NULL,
  status       VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
  attempts     INT          NOT NULL DEFAULT 1,
  provider_id  VARCHAR(300),
  last_error   VARCHAR(2000),
  created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
  CONSTRAINT delivery_once UNIQUE (job_key, channel, recipient)
);
