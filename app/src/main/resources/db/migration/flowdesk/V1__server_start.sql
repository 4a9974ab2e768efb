-- One row per completed start of this installation: proves to operators that data survives restarts.
CREATE TABLE server_start (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    version    TEXT        NOT NULL
);
