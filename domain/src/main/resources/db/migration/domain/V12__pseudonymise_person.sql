-- GDPR erasure (issue 17) inside the domain: pseudonymise_person replaces a person's name and email
-- by a pseudonym in every domain table and disables them, without the caller ever switching the
-- audit trails' append-only triggers off.
--
-- The audit trails keep the old and new text of every change (a description, a comment), so the
-- contact data is in them too. Their triggers now let exactly one kind of rewrite through: an
-- UPDATE of old_value/new_value only (who, when, which field, which record and job stay), and only
-- while the transaction-local setting flowdesk.pseudonymise is 'on', which pseudonymise_person
-- switches on for its own statements and off again before it returns. DELETE and TRUNCATE stay
-- refused always. The setting guards against mistakes, not against someone who may run any SQL.

CREATE OR REPLACE FUNCTION audit_rewrite_allowed(old_row jsonb, new_row jsonb) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('flowdesk.pseudonymise', true), 'off') = 'on'
     AND old_row - 'old_value' - 'new_value' = new_row - 'old_value' - 'new_value'
$$;

CREATE OR REPLACE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND domain.audit_rewrite_allowed(to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the incident audit trail is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE OR REPLACE FUNCTION refuse_record_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND domain.audit_rewrite_allowed(to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit trail % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;

-- A text with every occurrence of find (literally, ignoring case) replaced, cut to limit.
CREATE OR REPLACE FUNCTION pseudonymise_text(value text, find text, pseudonym text, max_length integer)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  -- '***=' makes the rest of the pattern literal, whatever characters it has.
  SELECT left(regexp_replace(value, '***=' || find, pseudonym, 'gi'), max_length)
$$;

-- Erases the person p_username: each of p_texts (their name, their email, ...) becomes p_pseudonym
-- in every record's typed text, journal, attachment name, audit value, approval subject and
-- decision comment; their directory entry gets the pseudonym as name and
-- <pseudonym>@erased.invalid as email, loses phone, manager, password, groups, group management
-- and notification preferences and is disabled. Usernames stay: they link the records, which keep
-- their numbers, states, times and who did what. Answers how many rows changed.
CREATE OR REPLACE FUNCTION pseudonymise_person(p_username text, p_pseudonym text, p_texts text[])
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  t text;
  n integer;
  changed integer := 0;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM domain.person WHERE username = p_username) THEN
    RAISE EXCEPTION 'there is nobody with the username %', p_username;
  END IF;
  IF p_pseudonym IS NULL OR p_pseudonym !~ '^[a-z0-9._-]{1,64}$' THEN
    RAISE EXCEPTION 'pseudonym % is not a valid username', p_pseudonym;
  END IF;
  PERFORM set_config('flowdesk.pseudonymise', 'on', true);
  FOREACH t IN ARRAY coalesce(p_texts, ARRAY[]::text[]) LOOP
    CONTINUE WHEN t IS NULL OR btrim(t) = '';
    UPDATE domain.incident SET
        short_description = domain.pseudonymise_text(short_description, t, p_pseudonym, 160),
        description = domain.pseudonymise_text(description, t, p_pseudonym, 10000),
        configuration_item = domain.pseudonymise_text(configuration_item, t, p_pseudonym, 200),
        on_hold_reason = domain.pseudonymise_text(on_hold_reason, t, p_pseudonym, 1000),
        resolution_notes = domain.pseudonymise_text(resolution_notes, t, p_pseudonym, 10000)
      WHERE strpos(lower(concat_ws(' ', short_description, description, configuration_item,
                                   on_hold_reason, resolution_notes)), lower(t)) > 0;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    UPDATE domain.request SET
        title = domain.pseudonymise_text(title, t, p_pseudonym, 255),
        -- Within the JSON text of the answers, only where the text cannot break the JSON.
        answers = CASE WHEN t ~ '["\\]' THEN answers
                       ELSE regexp_replace(answers::text, '***=' || t, p_pseudonym, 'gi')::jsonb END
      WHERE strpos(lower(title), lower(t)) > 0
         OR (t !~ '["\\]' AND strpos(lower(answers::text), lower(t)) > 0);
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    UPDATE domain.incident_journal SET text = domain.pseudonymise_text(text, t, p_pseudonym, 10000)
      WHERE strpos(lower(text), lower(t)) > 0;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    UPDATE domain.request_journal SET text = domain.pseudonymise_text(text, t, p_pseudonym, 10000)
      WHERE strpos(lower(text), lower(t)) > 0;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    UPDATE domain.incident_attachment SET file_name = domain.pseudonymise_text(file_name, t, p_pseudonym, 255)
      WHERE strpos(lower(file_name), lower(t)) > 0;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    UPDATE domain.request_attachment SET file_name = domain.pseudonymise_text(file_name, t, p_pseudonym, 255)
      WHERE strpos(lower(file_name), lower(t)) > 0;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    UPDATE domain.incident_audit SET
        old_value = domain.pseudonymise_text(old_value, t, p_pseudonym, 2147483647),
        new_value = domain.pseudonymise_text(new_value, t, p_pseudonym, 2147483647)
      WHERE strpos(lower(concat_ws(' ', old_value, new_value)), lower(t)) > 0;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    UPDATE domain.request_audit SET
        old_value = domain.pseudonymise_text(old_value, t, p_pseudonym, 2147483647),
        new_value = domain.pseudonymise_text(new_value, t, p_pseudonym, 2147483647)
      WHERE strpos(lower(concat_ws(' ', old_value, new_value)), lower(t)) > 0;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    UPDATE domain.approval SET subject = domain.pseudonymise_text(subject, t, p_pseudonym, 500)
      WHERE strpos(lower(subject), lower(t)) > 0;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    UPDATE domain.approval_step SET comment = domain.pseudonymise_text(comment, t, p_pseudonym, 4000)
      WHERE strpos(lower(comment), lower(t)) > 0;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
  END LOOP;
  -- Only this function's own statements may rewrite an audit value.
  PERFORM set_config('flowdesk.pseudonymise', 'off', true);

  DELETE FROM domain.notification_preference WHERE username = p_username;
  DELETE FROM domain.group_member WHERE username = p_username;
  DELETE FROM domain.group_manager WHERE username = p_username;
  -- A group whose lead manager is erased has no lead until an admin names one.
  UPDATE domain.assignment_group SET manager = NULL WHERE manager = p_username;
  UPDATE domain.person SET
      display_name = p_pseudonym,
      email = p_pseudonym || '@erased.invalid',
      phone = NULL,
      manager = NULL,
      password_hash = NULL,
      enabled = false,
      updated_at = now()
    WHERE username = p_username;
  RETURN changed;
END;
$$;
