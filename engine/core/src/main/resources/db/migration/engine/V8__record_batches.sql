-- The record log stores one row per command and process instance instead of one per record. A
-- command writes a dozen records; as rows, each paid a heap tuple, two index entries and a sequence
-- value, which was a third of the database's work for a message correlation. A batch holds its
-- records as parallel arrays, kept inline and uncompressed up to a full page (toast_tuple_target),
-- and the view "record" unnests them with the columns and order the table had, so readers do not
-- change. A command's records go into consecutive batches in the order they happened, one per run
-- of records of the same process instance.
CREATE TABLE record_batch (
    position             BIGSERIAL PRIMARY KEY,
    process_instance_key BIGINT,
    created_at           TIMESTAMPTZ NOT NULL,
    keys                 BIGINT[]    NOT NULL,
    value_types          TEXT[]      NOT NULL,
    intents              TEXT[]      NOT NULL,
    element_ids          TEXT[]      NOT NULL,
    payloads             TEXT[]      NOT NULL
) WITH (toast_tuple_target = 8160);
CREATE INDEX record_batch_by_process_instance ON record_batch (process_instance_key, position);

INSERT INTO record_batch (position, process_instance_key, created_at, keys, value_types, intents,
                          element_ids, payloads)
    SELECT position, process_instance_key, created_at, ARRAY[key], ARRAY[value_type], ARRAY[intent],
           ARRAY[element_id], ARRAY[payload]
    FROM record ORDER BY position;
SELECT setval('record_batch_position_seq', (SELECT coalesce(max(position), 0) + 1 FROM record_batch),
              false);
DROP TABLE record;

-- A record's position: its batch's, times a batch's most records (2^20, which RecordLog never
-- exceeds), plus its place in the batch.
CREATE VIEW record AS
    SELECT b.position * 1048576 + r.ordinality AS position, r.key, r.value_type, r.intent,
           b.process_instance_key, r.element_id, r.payload, b.created_at
    FROM record_batch b
    CROSS JOIN LATERAL unnest(b.keys, b.value_types, b.intents, b.element_ids, b.payloads)
        WITH ORDINALITY AS r (key, value_type, intent, element_id, payload, ordinality);
