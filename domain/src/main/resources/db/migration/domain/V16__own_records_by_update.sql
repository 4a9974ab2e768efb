-- My requests lists a person's incidents and requests together, most recently updated first, one
-- page at a time (domain.record.OwnRecords). These indexes hold each kind's rows for a person in
-- that order, so a page reads only its own rows however many a person has; the state is included
-- so the open/closed filter and the counts need not visit the table. Requests ordered for somebody
-- else are a few among many: their index holds only them (OwnRecords repeats the predicate), so a
-- person's own orders are never scanned twice.
CREATE INDEX incident_caller_updated ON incident (caller, updated_at DESC, number DESC) INCLUDE (state);
CREATE INDEX request_requester_updated ON request (requester, updated_at DESC, number DESC) INCLUDE (state);
CREATE INDEX request_requested_for_others_updated
  ON request (requested_for, updated_at DESC, number DESC) INCLUDE (state)
  WHERE requested_for <> requester;
