-- The operations console's filters that still read every instance (issue 20; EXPLAIN on 200,000
-- instances in bench/README.md, "Filters that still scanned").

-- "Instances with an element instance of this element" found the element's live element instances
-- by reading them all, and, when many matched, every process instance too (a hash semi-join).
-- By element, the instances at it are found directly, and the index holds the instance key, so
-- the semi-join needs no heap read of element_instance.
CREATE INDEX element_instance_by_element ON element_instance (element_id, process_instance_key);

-- End date ranges and the list sorted by end read and sorted every instance. Active instances have
-- no end (NULL): they stay in the index, which a backward scan yields first, as ORDER BY ended_at
-- DESC wants them (NULLS FIRST).
CREATE INDEX process_instance_by_end ON process_instance (ended_at);

-- Tags: "has this tag" tested the JSON of every instance. Only instances created with tags are
-- indexed (most have none, and creating those writes no entry); the search compares p.tags itself,
-- whose containment test implies tags IS NOT NULL, so the planner may use this partial index.
CREATE INDEX process_instance_by_tags ON process_instance USING gin ((tags::jsonb) jsonb_path_ops)
    WHERE tags IS NOT NULL;

-- Cheaper counting (V19). A command's record batches were unnested with every record's payload,
-- although only the payloads of ended element instances are read (for their element type): now
-- the payload array is indexed for those records alone, instead of building a text value for each
-- record of the command.
CREATE OR REPLACE FUNCTION count_ended_elements() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign BIGINT := CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END;
BEGIN
    INSERT INTO engine.element_count_change (process_definition_key, element_id, completed, terminated)
    SELECT p.process_definition_key, r.element_id,
           sign * count(*) FILTER (WHERE r.intent = 'ELEMENT_COMPLETED'),
           sign * count(*) FILTER (WHERE r.intent = 'ELEMENT_TERMINATED')
    FROM changed_batches b
    CROSS JOIN LATERAL unnest(b.value_types, b.intents, b.element_ids) WITH ORDINALITY
        AS r (value_type, intent, element_id, place)
    JOIN engine.process_instance p ON p.key = b.process_instance_key
    WHERE r.value_type = 'PROCESS_INSTANCE'
      AND r.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
      AND (b.payloads[r.place]::json ->> 'bpmnElementType') NOT IN ('PROCESS', 'MULTI_INSTANCE_BODY')
    GROUP BY p.process_definition_key, r.element_id;
    RETURN NULL;
END $$;

-- An instance's change of state wrote its two change rows (leaving the old state, entering the
-- new) with two statements; one statement now writes both.
CREATE OR REPLACE FUNCTION count_instance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO engine.instance_count_change
        VALUES (OLD.process_definition_key, -(OLD.state = 'ACTIVE')::int,
                -(OLD.state = 'COMPLETED')::int, -(OLD.state = 'TERMINATED')::int,
                -(OLD.state = 'ACTIVE' AND EXISTS (SELECT 1 FROM engine.incident i
                      WHERE i.process_instance_key = OLD.key AND i.state = 'CREATED'))::int),
               (NEW.process_definition_key, (NEW.state = 'ACTIVE')::int,
                (NEW.state = 'COMPLETED')::int, (NEW.state = 'TERMINATED')::int,
                (NEW.state = 'ACTIVE' AND EXISTS (SELECT 1 FROM engine.incident i
                      WHERE i.process_instance_key = NEW.key AND i.state = 'CREATED'))::int);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO engine.instance_count_change
        VALUES (OLD.process_definition_key, -(OLD.state = 'ACTIVE')::int,
                -(OLD.state = 'COMPLETED')::int, -(OLD.state = 'TERMINATED')::int,
                -(OLD.state = 'ACTIVE' AND EXISTS (SELECT 1 FROM engine.incident i
                      WHERE i.process_instance_key = OLD.key AND i.state = 'CREATED'))::int);
    ELSE
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
        CROSS JOIN LATERAL unnest(b.value_types, b.intents, b.element_ids) WITH ORDINALITY
            AS r (value_type, intent, element_id, place)
        CROSS JOIN (VALUES (OLD.process_definition_key, -1), (NEW.process_definition_key, 1))
            AS d (key, sign)
        WHERE b.process_instance_key = NEW.key
          AND r.value_type = 'PROCESS_INSTANCE'
          AND r.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')
          AND (b.payloads[r.place]::json ->> 'bpmnElementType') NOT IN ('PROCESS', 'MULTI_INSTANCE_BODY')
        GROUP BY d.key, d.sign, r.element_id;
    END IF;
    RETURN NULL;
END $$;
