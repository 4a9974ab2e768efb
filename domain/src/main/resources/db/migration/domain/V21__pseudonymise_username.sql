-- GDPR erasure (issue 17), second step: a username such as "alice" or "j.smith" names the person
-- as surely as their name does, so pseudonymise_person (V12) now also replaces the username by the
-- pseudonym, everywhere in the domain schema: in every column that holds a username (caller,
-- requester, author, actor, approver, watcher, the directory entry itself ...), in comma-separated
-- approver lists, and as a word of its own in typed texts, audit values and JSON answers. The
-- records keep their numbers, states, times and who did what, now under the pseudonym, so they
-- still link to each other and to the (erased) directory entry. The old username is then free:
-- nothing refers to it any more.
--
-- The audit trails' actor may now be rewritten too, under the same transaction-local switch, and
-- only from the username being erased to its pseudonym (both announced by pseudonymise_person in
-- transaction-local settings): who, when, which field and which record stay otherwise untouched.

CREATE OR REPLACE FUNCTION audit_rewrite_allowed(old_row jsonb, new_row jsonb) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('flowdesk.pseudonymise', true), 'off') = 'on'
     AND old_row - 'old_value' - 'new_value' - 'actor' = new_row - 'old_value' - 'new_value' - 'actor'
     AND (old_row -> 'actor' = new_row -> 'actor'
          OR (old_row ->> 'actor' = current_setting('flowdesk.pseudonymise_username', true)
              AND new_row ->> 'actor' = current_setting('flowdesk.pseudonymise_pseudonym', true)))
     IS TRUE
$$;

-- A regular expression matching text literally: every character that is not a letter, digit or
-- space is escaped (a backslash before such a character always means the character itself).
CREATE OR REPLACE FUNCTION literal_pattern(text_ text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(text_, '([^[:alnum:][:space:]])', '\\\1', 'g')
$$;

-- A regular expression matching a username as a word of its own ("ask alice.", "@alice",
-- "alice@example.com", "manager:alice"), but not inside another username ("malice", "alice.b",
-- "bob.alice", "alice-2").
CREATE OR REPLACE FUNCTION username_pattern(username text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT '(?<![[:alnum:]_.-])' || domain.literal_pattern(username)
         || '(?![[:alnum:]_]|[.-][[:alnum:]_])'
$$;

-- Replaces pattern (ignoring case) by pseudonym in every typed text of the domain; answers how many
-- values changed. JSON documents are rewritten as text only when the pattern's source cannot break
-- the JSON (json_safe). Tables of features that may not be installed are skipped.
CREATE OR REPLACE FUNCTION pseudonymise_texts(pattern text, json_safe boolean, pseudonym text)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  c record;
  n integer;
  changed integer := 0;
BEGIN
  FOR c IN SELECT * FROM (VALUES
      ('incident', 'short_description', 160), ('incident', 'description', 10000),
      ('incident', 'configuration_item', 200), ('incident', 'on_hold_reason', 1000),
      ('incident', 'resolution_notes', 10000),
      ('incident_journal', 'text', 10000), ('incident_attachment', 'file_name', 255),
      ('incident_audit', 'old_value', 2147483647), ('incident_audit', 'new_value', 2147483647),
      ('request', 'title', 255),
      ('request_journal', 'text', 10000), ('request_attachment', 'file_name', 255),
      ('request_audit', 'old_value', 2147483647), ('request_audit', 'new_value', 2147483647),
      ('change_request', 'short_description', 160), ('change_request', 'description', 10000),
      ('change_request', 'implementation_plan', 10000), ('change_request', 'backout_plan', 10000),
      ('change_request', 'test_plan', 10000), ('change_request_ci', 'ci_name', 200),
      ('change_request_journal', 'text', 10000), ('change_request_attachment', 'file_name', 255),
      ('change_request_audit', 'old_value', 2147483647),
      ('change_request_audit', 'new_value', 2147483647),
      ('approval', 'subject', 500), ('approval_step', 'comment', 4000),
      ('delivery', 'recipient', 1000), ('delivery', 'last_error', 2000),
      ('ci', 'maintenance_window', 500),
      ('ci_audit', 'old_value', 2147483647), ('ci_audit', 'new_value', 2147483647)
    ) AS t (table_name, column_name, max_length)
  LOOP
    CONTINUE WHEN to_regclass('domain.' || c.table_name) IS NULL;
    EXECUTE format('UPDATE domain.%1$I SET %2$I = left(regexp_replace(%2$I, $1, $2, ''gi''), %3$s)'
                   || ' WHERE %2$I ~* $1', c.table_name, c.column_name, c.max_length)
      USING pattern, pseudonym;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
  END LOOP;
  IF json_safe THEN
    FOR c IN SELECT * FROM (VALUES ('request', 'answers'), ('ci', 'attributes'))
        AS t (table_name, column_name)
    LOOP
      CONTINUE WHEN to_regclass('domain.' || c.table_name) IS NULL;
      EXECUTE format('UPDATE domain.%1$I SET %2$I = regexp_replace(%2$I::text, $1, $2, ''gi'')::jsonb'
                     || ' WHERE %2$I::text ~* $1', c.table_name, c.column_name)
        USING pattern, pseudonym;
      GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
    END LOOP;
  END IF;
  RETURN changed;
END;
$$;

-- Renames the username p_username to p_pseudonym in every column that holds a username (the
-- directory's own tables excepted); answers how many values changed.
CREATE OR REPLACE FUNCTION rename_username(p_username text, p_pseudonym text)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  c record;
  n integer;
  changed integer := 0;
BEGIN
  FOR c IN SELECT * FROM (VALUES
      ('incident', 'caller'), ('incident', 'assignee'), ('incident_audit', 'actor'),
      ('incident_journal', 'author'), ('incident_attachment', 'uploaded_by'),
      ('incident_watcher', 'username'),
      ('request', 'requester'), ('request', 'requested_for'), ('request_audit', 'actor'),
      ('request_journal', 'author'), ('request_attachment', 'uploaded_by'),
      ('request_watcher', 'username'),
      ('change_request', 'requested_by'), ('change_request', 'implementer'),
      ('change_request_audit', 'actor'), ('change_request_journal', 'author'),
      ('change_request_attachment', 'uploaded_by'), ('change_request_watcher', 'username'),
      ('approval', 'requester'), ('approval', 'requested_for'), ('approval_step', 'actor'),
      ('approval_step', 'on_behalf_of'), ('approval_step', 'handed_to'),
      ('ci', 'owner'), ('ci_relationship', 'created_by'), ('ci_audit', 'actor')
    ) AS t (table_name, column_name)
  LOOP
    CONTINUE WHEN to_regclass('domain.' || c.table_name) IS NULL;
    EXECUTE format('UPDATE domain.%1$I SET %2$I = $2 WHERE %2$I = $1', c.table_name, c.column_name)
      USING p_username, p_pseudonym;
    GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
  END LOOP;
  -- Approvers are a comma-separated list of usernames: the erased one is replaced in place.
  UPDATE domain.approval
     SET approvers = array_to_string(array_replace(string_to_array(approvers, ','), p_username,
                                                   p_pseudonym), ',')
   WHERE p_username = ANY (string_to_array(approvers, ','));
  GET DIAGNOSTICS n = ROW_COUNT; changed := changed + n;
  RETURN changed;
END;
$$;

-- Erases the person p_username: each of p_texts (their name, their email, ...) and their username
-- become p_pseudonym in every record, journal, attachment name, audit value, approval, delivery and
-- (when installed) configuration item; every username column naming them names the pseudonym; their
-- directory entry is renamed to the pseudonym, gets it as name and <pseudonym>@erased.invalid as
-- email, loses phone, manager, password, groups, group management and notification preferences and
-- is disabled. People they managed now report to the pseudonym. The records keep their numbers,
-- states, times and who did what. Answers how many values changed.
CREATE OR REPLACE FUNCTION pseudonymise_person(p_username text, p_pseudonym text, p_texts text[])
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  t text;
  n integer;
  roles text[];
  changed integer := 0;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM domain.person WHERE username = p_username) THEN
    RAISE EXCEPTION 'there is nobody with the username %', p_username;
  END IF;
  IF p_pseudonym IS NULL OR p_pseudonym !~ '^[a-z0-9._-]{1,64}$' THEN
    RAISE EXCEPTION 'pseudonym % is not a valid username', p_pseudonym;
  END IF;
  IF EXISTS (SELECT 1 FROM domain.person WHERE username = p_pseudonym) THEN
    RAISE EXCEPTION 'pseudonym % is somebody''s username already', p_pseudonym;
  END IF;
  PERFORM set_config('flowdesk.pseudonymise', 'on', true);
  PERFORM set_config('flowdesk.pseudonymise_username', p_username, true);
  PERFORM set_config('flowdesk.pseudonymise_pseudonym', p_pseudonym, true);
  FOREACH t IN ARRAY coalesce(p_texts, ARRAY[]::text[]) LOOP
    CONTINUE WHEN t IS NULL OR btrim(t) = '';
    changed := changed + domain.pseudonymise_texts(domain.literal_pattern(t), t !~ '["\\]', p_pseudonym);
  END LOOP;
  -- The texts first: a username inside an email address given as a text goes with the address.
  changed := changed
      + domain.pseudonymise_texts(domain.username_pattern(p_username), true, p_pseudonym)
      + domain.rename_username(p_username, p_pseudonym);
  -- Only this function's own statements may rewrite an audit trail.
  PERFORM set_config('flowdesk.pseudonymise', 'off', true);
  PERFORM set_config('flowdesk.pseudonymise_username', '', true);
  PERFORM set_config('flowdesk.pseudonymise_pseudonym', '', true);

  DELETE FROM domain.notification_preference WHERE username = p_username;
  DELETE FROM domain.group_member WHERE username = p_username;
  DELETE FROM domain.group_manager WHERE username = p_username;
  -- A group whose lead manager is erased has no lead until an admin names one.
  UPDATE domain.assignment_group SET manager = NULL WHERE manager = p_username;
  -- The directory entry moves to the pseudonym, its roles with it (they refer to its key, which
  -- they would not let change under them).
  SELECT array_agg(role) INTO roles FROM domain.person_role WHERE username = p_username;
  DELETE FROM domain.person_role WHERE username = p_username;
  UPDATE domain.person SET
      username = p_pseudonym,
      display_name = p_pseudonym,
      email = p_pseudonym || '@erased.invalid',
      phone = NULL,
      manager = NULL,
      password_hash = NULL,
      enabled = false,
      updated_at = now()
    WHERE username = p_username;
  INSERT INTO domain.person_role (username, role)
    SELECT p_pseudonym, role FROM unnest(coalesce(roles, ARRAY[]::text[])) AS role;
  UPDATE domain.person SET manager = p_pseudonym WHERE manager = p_username;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN changed + n;
END;
$$;
