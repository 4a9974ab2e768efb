-- GDPR erasure (issue 17): the trail keeps its facts (which action, when, on what kind of thing)
-- but a person's identity in it is replaced by their pseudonym. That is the only change the
-- append-only trail allows, and only through pseudonymise_admin_audit: it raises a flag local to
-- its own transaction, and the trigger then lets an UPDATE through only when id, time and action
-- stay as they were and the row names the person being replaced. DELETE and TRUNCATE stay refused.
CREATE OR REPLACE FUNCTION refuse_admin_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  replaced TEXT := current_setting('flowdesk.admin_audit_pseudonymising', true);
BEGIN
  IF TG_OP = 'UPDATE' AND replaced IS NOT NULL AND replaced <> ''
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the admin audit trail is append-only: % is not allowed', TG_OP;
END;
$$;

-- Replaces every given identifier of one person (username, display name, email ...) by the
-- pseudonym in actor, target and the before/after values of the trail; answers the rows changed.
-- Texts are replaced whole or as the username part of a target ("user:alice"), and inside JSON
-- values as whole strings, so "al" never becomes part of "alice".
CREATE FUNCTION pseudonymise_admin_audit(identifiers TEXT[], pseudonym TEXT) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  changed INTEGER;
BEGIN
  IF pseudonym IS NULL OR pseudonym = '' OR identifiers IS NULL OR cardinality(identifiers) = 0 THEN
    RAISE EXCEPTION 'pseudonymise_admin_audit needs identifiers and a pseudonym';
  END IF;
  PERFORM set_config('flowdesk.admin_audit_pseudonymising', pseudonym, true);
  UPDATE flowdesk.admin_audit a
     SET actor = CASE WHEN a.actor = ANY (identifiers) THEN pseudonym ELSE a.actor END,
         target = CASE
                    WHEN a.target = ANY (identifiers) THEN pseudonym
                    WHEN split_part(a.target, ':', 2) = ANY (identifiers)
                         AND position(':' IN a.target) > 0
                      THEN split_part(a.target, ':', 1) || ':' || pseudonym
                    ELSE a.target END,
         before = flowdesk.pseudonymise_json(a.before, identifiers, pseudonym),
         after = flowdesk.pseudonymise_json(a.after, identifiers, pseudonym)
   WHERE a.actor = ANY (identifiers)
      OR a.target = ANY (identifiers)
      OR split_part(a.target, ':', 2) = ANY (identifiers)
      OR flowdesk.json_mentions(a.before, identifiers)
      OR flowdesk.json_mentions(a.after, identifiers);
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('flowdesk.admin_audit_pseudonymising', '', true);
  RETURN changed;
END;
$$;

-- Whether any string value (at any depth) of the document is one of the identifiers.
CREATE FUNCTION json_mentions(document JSONB, identifiers TEXT[]) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM jsonb_path_query(document, 'strict $.**') v
     WHERE jsonb_typeof(v) = 'string' AND (v #>> '{}') = ANY (identifiers))
$$;

-- The document with every string value that is one of the identifiers replaced by the pseudonym.
CREATE FUNCTION pseudonymise_json(document JSONB, identifiers TEXT[], pseudonym TEXT)
RETURNS JSONB LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  result JSONB;
BEGIN
  CASE jsonb_typeof(document)
    WHEN 'object' THEN
      SELECT coalesce(jsonb_object_agg(key, flowdesk.pseudonymise_json(value, identifiers, pseudonym)),
                      '{}'::jsonb)
        INTO result FROM jsonb_each(document);
    WHEN 'array' THEN
      SELECT coalesce(jsonb_agg(flowdesk.pseudonymise_json(value, identifiers, pseudonym)
                                ORDER BY ordinality), '[]'::jsonb)
        INTO result FROM jsonb_array_elements(document) WITH ORDINALITY;
    WHEN 'string' THEN
      result := CASE WHEN (document #>> '{}') = ANY (identifiers) THEN to_jsonb(pseudonym)
                     ELSE document END;
    ELSE
      result := document;
  END CASE;
  RETURN result;
END;
$$;
