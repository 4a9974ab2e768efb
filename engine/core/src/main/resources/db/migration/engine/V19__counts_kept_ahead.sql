-- Counts kept ahead for the operations console (issue 20; bench OperateBenchmark). A definition's
-- element statistics read the record log of every instance of it (11 million records, 15-20 s at a
-- million instances), and its instance counts counted every instance. Now the state layer keeps:
--   element_count   per definition and element: element instances ended as completed / terminated
--                   (the ELEMENT_COMPLETED / ELEMENT_TERMINATED records of the record log, without
--                   the process and multi-instance bodies, which the statistics do not count);
--   instance_count  per definition: process instances active / completed / terminated, and active
--                   ones with at least one open incident.
-- Triggers on the tables the engine writes keep them, in the writing transaction, so a count is
-- never ahead of or behind what it counts, whoever writes (commands, batch operations, migration,
-- history cleanup, a bulk COPY). Retention subtracts: deleting record batches and instances passes
-- through the same triggers, so the counts always equal the slow queries over what is kept.
--
-- Writers never update a shared counter row (all instances of a definition would queue behind one
-- row lock): they append signed changes to *_change, and a compaction (engine.statistics
-- CountCompaction, on the engine's scan tick) folds changes into the totals. Readers add the
-- totals and the changes not folded yet in one statement, which sees one snapshot.

CREATE TABLE element_count (
    process_definition_key BIGINT NOT NULL,
    element_id             TEXT   NOT NULL,
    completed              BIGINT NOT NULL,
    terminated             BIGINT NOT NULL,
    PRIMARY KEY (process_definition_key, element_id)
);

CREATE TABLE element_count_change (
    process_definition_key BIGINT NOT NULL,
    element_id             TEXT   NOT NULL,
    completed              BIGINT NOT NULL,
    terminated             BIGINT NOT NULL
);
CREATE INDEX element_count_change_by_definition ON element_count_change (process_definition_key);

CREATE TABLE instance_count (
    process_definition_key BIGINT PRIMARY KEY,
    active                 BIGINT NOT NULL,
    completed              BIGINT NOT NULL,
    terminated             BIGINT NOT NULL,
    with_incident          BIGINT NOT NULL
);

CREATE TABLE instance_count_change (
    process_definition_key BIGINT NOT NULL,
    active                 BIGINT NOT NULL,
    completed              BIGINT NOT NULL,
    terminated             BIGINT NOT NULL,
    with_incident          BIGINT NOT NULL
);
CREATE INDEX instance_count_change_by_definition ON instance_count_change (process_definition_key);

-- The live part of a definition's element statistics reads its active instances only.
CREATE INDEX process_instance_active_by_definition ON process_instance (process_definition_key)
    WHERE state = 'ACTIVE';

-- Record batches written count their ended element instances (for the definition their process
-- instance has now: a migrated instance's earlier records count for its new definition, as the
-- record-log query counted them); deleted ones (history cleanup, which deletes an instance's
-- batches before the instance) take them off again. Per statement:
-- a command writes its batches in one statement, a bulk COPY in one.
CREATE FUNCTION count_ended_elements() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign BIGINT := CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END;
BEGIN
    INSERT INTO engine.element_count_change (process_definition_key, element_id, completed, terminated)
    SELECT p.process_definition_key, r.element_id,
           sign * count(*) FILTER (WHERE r.intent = 'ELEMENT_COMPLETED'),
           sign * count(*) FILTER (WHERE r.intent = 'ELEMENT_TERMINATED')
    FROM changed_batches b
    JOIN engine.process_instance p ON p.key = b.process_instance_key
    CROSS JOIN LATERAL unnest(b.value_types, b.intents, b.element_ids, b.payloads)
        AS r (value_type, intent, element_id, payload)
    WHERE r.value_type = 'PROCESS_INSTANCE'
      AND r.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
      AND (r.payload::json ->> 'bpmnElementType') NOT IN ('PROCESS', 'MULTI_INSTANCE_BODY')
    GROUP BY p.process_definition_key, r.element_id;
    RETURN NULL;
END $$;

CREATE TRIGGER record_batch_written AFTER INSERT ON record_batch
    REFERENCING NEW TABLE AS changed_batches
    FOR EACH STATEMENT EXECUTE FUNCTION count_ended_elements();
CREATE TRIGGER record_batch_deleted AFTER DELETE ON record_batch
    REFERENCING OLD TABLE AS changed_batches
    FOR EACH STATEMENT EXECUTE FUNCTION count_ended_elements();

-- An instance's change of state or definition (migration) moves it between the counts; an
-- instance deleted (history cleanup) leaves them. Whether it has an open incident is read when it
-- changes: the incidents' own trigger counts their changes only for active instances.
CREATE FUNCTION count_instance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO engine.instance_count_change
        VALUES (OLD.process_definition_key, -(OLD.state = 'ACTIVE')::int,
                -(OLD.state = 'COMPLETED')::int, -(OLD.state = 'TERMINATED')::int,
                -(OLD.state = 'ACTIVE' AND EXISTS (SELECT 1 FROM engine.incident i
                      WHERE i.process_instance_key = OLD.key AND i.state = 'CREATED'))::int);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO engine.instance_count_change
        VALUES (NEW.process_definition_key, (NEW.state = 'ACTIVE')::int,
                (NEW.state = 'COMPLETED')::int, (NEW.state = 'TERMINATED')::int,
                (NEW.state = 'ACTIVE' AND EXISTS (SELECT 1 FROM engine.incident i
                      WHERE i.process_instance_key = NEW.key AND i.state = 'CREATED'))::int);
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.process_definition_key <> NEW.process_definition_key THEN
        INSERT INTO engine.element_count_change (process_definition_key, element_id, completed, terminated)
        SELECT d.key, r.element_id,
               d.sign * count(*) FILTER (WHERE r.intent = 'ELEMENT_COMPLETED'),
               d.sign * count(*) FILTER (WHERE r.intent = 'ELEMENT_TERMINATED')
        FROM engine.record_batch b
        CROSS JOIN LATERAL unnest(b.value_types, b.intents, b.element_ids, b.payloads)
            AS r (value_type, intent, element_id, payload)
        CROSS JOIN (VALUES (OLD.process_definition_key, -1), (NEW.process_definition_key, 1))
            AS d (key, sign)
        WHERE b.process_instance_key = NEW.key
          AND r.value_type = 'PROCESS_INSTANCE'
          AND r.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
          AND (r.payload::json ->> 'bpmnElementType') NOT IN ('PROCESS', 'MULTI_INSTANCE_BODY')
        GROUP BY d.key, d.sign, r.element_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER process_instance_counted
    AFTER INSERT OR DELETE OR UPDATE OF state, process_definition_key ON process_instance
    FOR EACH ROW EXECUTE FUNCTION count_instance();

-- Incidents opened, resolved or deleted change whether their (active) instance has one open. Per
-- statement, from the instance's open incidents now and before the statement (now, minus those
-- the statement opened, plus those it closed), so that a statement touching several incidents of
-- one instance counts the instance once.
CREATE FUNCTION count_incident_changes(opened_keys BIGINT[], closed_keys BIGINT[]) RETURNS VOID
LANGUAGE sql AS $$
    INSERT INTO engine.instance_count_change
    SELECT p.process_definition_key, 0, 0, 0,
           sum((o.open_now > 0)::int - (o.open_now - o.opened + o.closed > 0)::int)
    FROM (SELECT c.key, sum(c.opened) AS opened, sum(c.closed) AS closed,
                 (SELECT count(*) FROM engine.incident i
                  WHERE i.process_instance_key = c.key AND i.state = 'CREATED') AS open_now
          FROM (SELECT key, 1 AS opened, 0 AS closed FROM unnest(opened_keys) AS key
                UNION ALL SELECT key, 0, 1 FROM unnest(closed_keys) AS key) c
          GROUP BY c.key) o
    JOIN engine.process_instance p ON p.key = o.key AND p.state = 'ACTIVE'
    GROUP BY p.process_definition_key
    HAVING sum((o.open_now > 0)::int - (o.open_now - o.opened + o.closed > 0)::int) <> 0
$$;

CREATE FUNCTION count_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM engine.count_incident_changes(
            ARRAY(SELECT process_instance_key FROM new_incidents WHERE state = 'CREATED'), '{}');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM engine.count_incident_changes(
            '{}', ARRAY(SELECT process_instance_key FROM old_incidents WHERE state = 'CREATED'));
    ELSE
        PERFORM engine.count_incident_changes(
            ARRAY(SELECT process_instance_key FROM new_incidents WHERE state = 'CREATED'),
            ARRAY(SELECT process_instance_key FROM old_incidents WHERE state = 'CREATED'));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER incident_opened AFTER INSERT ON incident
    REFERENCING NEW TABLE AS new_incidents
    FOR EACH STATEMENT EXECUTE FUNCTION count_incidents();
CREATE TRIGGER incident_changed AFTER UPDATE ON incident
    REFERENCING OLD TABLE AS old_incidents NEW TABLE AS new_incidents
    FOR EACH STATEMENT EXECUTE FUNCTION count_incidents();
CREATE TRIGGER incident_deleted AFTER DELETE ON incident
    REFERENCING OLD TABLE AS old_incidents
    FOR EACH STATEMENT EXECUTE FUNCTION count_incidents();

-- What is there already.
INSERT INTO instance_count
SELECT p.process_definition_key,
       count(*) FILTER (WHERE p.state = 'ACTIVE'),
       count(*) FILTER (WHERE p.state = 'COMPLETED'),
       count(*) FILTER (WHERE p.state = 'TERMINATED'),
       count(*) FILTER (WHERE p.state = 'ACTIVE' AND EXISTS (SELECT 1 FROM incident i
                            WHERE i.process_instance_key = p.key AND i.state = 'CREATED'))
FROM process_instance p
GROUP BY p.process_definition_key;

INSERT INTO element_count
SELECT p.process_definition_key, r.element_id,
       count(*) FILTER (WHERE r.intent = 'ELEMENT_COMPLETED'),
       count(*) FILTER (WHERE r.intent = 'ELEMENT_TERMINATED')
FROM record_batch b
JOIN process_instance p ON p.key = b.process_instance_key
CROSS JOIN LATERAL unnest(b.value_types, b.intents, b.element_ids, b.payloads)
    AS r (value_type, intent, element_id, payload)
WHERE r.value_type = 'PROCESS_INSTANCE'
  AND r.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
  AND (r.payload::json ->> 'bpmnElementType') NOT IN ('PROCESS', 'MULTI_INSTANCE_BODY')
GROUP BY p.process_definition_key, r.element_id;
