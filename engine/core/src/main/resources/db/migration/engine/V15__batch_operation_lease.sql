-- Batch operations go on after an engine restart: the engine working off a batch holds a lease on
-- it (its run's id and until when), renewed before each chunk of items and let go when it stops.
-- A batch that is CREATED or ACTIVE without a live lease (its engine stopped or died) is taken up by
-- the next engine that scans for it, which rebuilds what to do to each item from the stored plan.
ALTER TABLE batch_operation ADD COLUMN runner TEXT;
ALTER TABLE batch_operation ADD COLUMN lease_until TIMESTAMPTZ;

CREATE INDEX batch_operation_running ON batch_operation (key) WHERE state IN ('CREATED', 'ACTIVE');
