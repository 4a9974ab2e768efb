-- The workers that asked for jobs, per job type: when each last polled and last got jobs, for the
-- operations console's engine health. Written at most every few seconds per worker and type
-- (job/WorkerSightings), not at every poll.
CREATE TABLE job_worker (
    type               TEXT        NOT NULL,
    worker             TEXT        NOT NULL,
    last_poll_at       TIMESTAMPTZ NOT NULL,
    last_activation_at TIMESTAMPTZ,
    PRIMARY KEY (type, worker)
);
