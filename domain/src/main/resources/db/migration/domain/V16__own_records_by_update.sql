-- My requests lists a person's incidents and requests together, most recently updated first, one
-- page at a time (domain.record.OwnRecords). These indexes hold each kind's rows for a person in
-- that order, so a page reads only its own rows however many a person has; the state is included
-- so the open/closed filter and the count need not visit the table.
CREATE INDEX incident_caller_updated ON incident (caller, updated_at DESC, number DESC) INCLUDE (state);
CREATE INDEX request_requester_updated ON request (requester, updated_at DESC, number DESC) INCLUDE (state);
CREATE INDEX request_requested_for_updated
  ON request (requested_for, updated_at DESC, number DESC) INCLUDE (state, requester);
