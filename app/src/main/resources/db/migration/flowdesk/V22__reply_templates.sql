-- Reply templates (issue 21): canned comment texts administrators keep and agents insert into an
-- incident's comment box.
CREATE TABLE reply_template (
    id          BIGSERIAL   PRIMARY KEY,
    title       TEXT        NOT NULL UNIQUE CHECK (length(title) BETWEEN 1 AND 100),
    body        TEXT        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
