-- Erasure (V21, V24, V33) also reaches problems (V36): who raised and works a problem, its texts,
-- journal, attachments' names, audit trail and watchers. The two functions again, with the problem
-- tables added to their lists.
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
      ('ci_audit', 'old_value', 2147483647), ('ci_audit', 'new_value', 2147483647),
      ('blackout_window', 'name', 160), ('change_conflict', 'detail', 500),
      ('change_conflict', 'override_reason', 1000), ('change_request_vote', 'comment', 4000),
      ('problem', 'short_description', 160), ('problem', 'description', 10000),
      ('problem', 'cause', 10000), ('problem', 'workaround', 10000), ('problem_ci', 'ci_name', 200),
      ('problem_journal', 'text', 10000), ('problem_attachment', 'file_name', 255),
      ('problem_audit', 'old_value', 2147483647), ('problem_audit', 'new_value', 2147483647)
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
      ('ci', 'owner'), ('ci_relationship', 'created_by'), ('ci_audit', 'actor'),
      ('blackout_window', 'created_by'), ('change_conflict', 'overridden_by'),
      ('change_request_vote', 'approver'), ('change_request_vote', 'delegated_from'),
      ('problem', 'raised_by'), ('problem', 'assignee'), ('problem_audit', 'actor'),
      ('problem_journal', 'author'), ('problem_attachment', 'uploaded_by'),
      ('problem_watcher', 'username')
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

